// A new deployment (issue 5): the service worker of the new build installs
// its whole file set, takes over, and deletes the old build's cache; the page
// then runs the new build, offline too: never a mix of old and new files.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { spawn, execFileSync } from "node:child_process";
import { launch, run, assert, ROOT, DATE } from "./lib.mjs";

const browser = await launch();

/** A copy of dist/ whose theme CSS differs: a new file name, integrity, CSP and sw.js. */
function newBuild(from, to) {
  fs.cpSync(from, to, { recursive: true });
  const old = fs.readdirSync(to).find((f) => /^theme-.*\.css$/.test(f));
  const css = fs.readFileSync(path.join(to, old), "utf8") + "\n/* deployment 2 */\n";
  const name = "theme-deployment2.css";
  fs.writeFileSync(path.join(to, name), css);
  fs.rmSync(path.join(to, old));
  const sri = "sha384-" + crypto.createHash("sha384").update(css).digest("base64");
  let html = fs.readFileSync(path.join(to, "index.html"), "utf8");
  html = html.replace(new RegExp(`/${old}" integrity="[^"]+"`), `/${name}" integrity="${sri}"`);
  fs.writeFileSync(path.join(to, "index.html"), html);
  fs.rmSync(path.join(to, "sw.js"));
  execFileSync("python3", [path.join(ROOT, "scripts/postbuild.py")], { env: { ...process.env, TRUNK_STAGING_DIR: to } });
  return name;
}

async function serve(dir) {
  const server = spawn("python3", [path.join(ROOT, "scripts/serve-dist.py"), dir, "0"]);
  const url = await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => {
      const m = String(d).match(/serving (\S+)/);
      if (m) resolve(m[1]);
    });
    server.on("exit", () => reject(new Error("server stopped")));
  });
  return { server, url };
}

const cacheNames = (page) => page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("yanglao-")));

await run([
  [
    "a new deployment replaces the old cache whole, and works offline",
    async () => {
      const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "yanglao-deploy-"));
      const live = path.join(tmp, "live");
      fs.cpSync(path.join(ROOT, "dist"), live, { recursive: true });
      const { server, url } = await serve(live);
      try {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${url}?region=150104&date=${DATE}`);
        await page.waitForSelector("section.who");
        await page.evaluate(() => navigator.serviceWorker.ready);
        const first = await cacheNames(page);
        assert(first.length === 1, `first deployment caches: ${first}`);
        // Deploy build 2 over build 1.
        const next = path.join(tmp, "next");
        const css = newBuild(live, next);
        fs.rmSync(live, { recursive: true });
        fs.renameSync(next, live);
        // The next visit fetches the new page (network first) and the new worker.
        await page.reload();
        await page.waitForSelector("section.who");
        await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
        for (let i = 0; i < 100; i++) {
          const names = await cacheNames(page);
          if (names.length === 1 && names[0] !== first[0]) break;
          await page.waitForTimeout(100);
        }
        const second = await cacheNames(page);
        assert(second.length === 1 && second[0] !== first[0], `after deployment 2: ${second} (was ${first})`);
        const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), second[0]);
        assert(cached.includes(`/${css}`), `the new CSS is not cached: ${cached}`);
        assert(!cached.some((p) => /^\/theme-(?!deployment2)/.test(p)), `an old file is in the new cache: ${cached}`);
        // Offline now: the page is build 2, whole.
        await context.setOffline(true);
        await page.reload();
        await page.waitForSelector("section.who");
        const sheets = await page.evaluate(() => [...document.styleSheets].map((s) => s.href && new URL(s.href).pathname));
        assert(sheets.includes(`/${css}`), `offline page does not use build 2's CSS: ${sheets}`);
        await context.close();
      } finally {
        server.kill();
        fs.rmSync(tmp, { recursive: true, force: true });
      }
    },
  ],
]).finally(() => browser.close());
