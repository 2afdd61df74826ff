// A new deployment (issue 5): the service worker of the new build installs
// its whole file set, takes over, and deletes the old build's cache; the page
// then runs the new build, offline too: never a mix of old and new files.
// And the wasm, which the loader fetches by name, is named by its bytes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import crypto from "node:crypto";
import { execFileSync } from "node:child_process";
import { launch, run, assert, ROOT, DATE, serve } from "./lib.mjs";

const browser = await launch();

/** A copy of dist/ whose CSS differs: a new file name, integrity, CSP and sw.js. */
function newBuild(from, to) {
  fs.cpSync(from, to, { recursive: true });
  const old = fs.readdirSync(to).find((f) => /^app-.*\.css$/.test(f));
  const css = fs.readFileSync(path.join(to, old), "utf8") + "\n/* deployment 2 */\n";
  const name = "app-deployment2.css";
  fs.writeFileSync(path.join(to, name), css);
  fs.rmSync(path.join(to, old));
  const sri = "sha384-" + crypto.createHash("sha384").update(css).digest("base64");
  let html = fs.readFileSync(path.join(to, "index.html"), "utf8");
  html = html.replace(new RegExp(`/${old}" integrity="[^"]+"`), `/${name}" integrity="${sri}"`);
  fs.writeFileSync(path.join(to, "index.html"), html);
  fs.rmSync(path.join(to, "sw.js"));
  execFileSync("python3", [path.join(ROOT, "scripts/postbuild.py")], { env: { ...process.env, TRUNK_STAGING_DIR: to } });
  // A real deployment comes minutes later. Here it comes within the same
  // second, and Last-Modified has whole seconds: without this, the server
  // would answer the browser's update check with 304 Not Modified for the
  // new sw.js (this test failed one run in three before it).
  const later = new Date(Date.now() + 5000);
  for (const f of fs.readdirSync(to)) fs.utimesSync(path.join(to, f), later, later);
  return name;
}

// The build's own cache (one per build); the packs' cache, yanglao-packs, is kept across builds.
const cacheNames = (page) =>
  page.evaluate(async () => (await caches.keys()).filter((k) => k.startsWith("yanglao-") && k !== "yanglao-packs"));

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
        const swLog = [];
        const cdp = await context.newCDPSession(page);
        await cdp.send("ServiceWorker.enable");
        cdp.on("ServiceWorker.workerVersionUpdated", (e) => e.versions.forEach((v) => swLog.push(`${v.versionId}:${v.status}/${v.runningStatus}`)));
        cdp.on("ServiceWorker.workerErrorReported", (e) => swLog.push(`error ${e.errorMessage.errorMessage} ${e.errorMessage.sourceURL}:${e.errorMessage.lineNumber}`));
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
        // The browser checks for a new worker on navigation; ask again every 2 s
        // (a loaded machine can be slow), for at most 30 s.
        const updateErrors = [];
        for (let i = 0; i < 300; i++) {
          // Every 5 s a new navigation too: the browser checks for a new worker on each.
          if (i % 50 === 49) {
            await page.goto(`${url}?region=150104&date=${DATE}`);
            await page.waitForSelector("section.who");
          }
          if (i % 20 === 0) {
            const e = await page.evaluate(() =>
              navigator.serviceWorker.getRegistration().then((r) => r.update()).then(() => null, (e) => String(e)),
            );
            if (e) updateErrors.push(e);
          }
          const names = await cacheNames(page);
          if (names.length === 1 && names[0] !== first[0]) break;
          await page.waitForTimeout(100);
        }
        const second = await cacheNames(page);
        const workers = await page.evaluate(async () => {
          const r = await navigator.serviceWorker.getRegistration();
          const w = (x) => x && `${x.state}`;
          return { installing: w(r.installing), waiting: w(r.waiting), active: w(r.active) };
        });
        const served = (await (await fetch(url + "sw.js")).text()).match(/yanglao-[0-9a-f]+/)[0];
        const pageSees = await page.evaluate(() => fetch("/sw.js", { cache: "no-store" }).then((r) => r.text()).then((t) => t.match(/yanglao-[0-9a-f]+/)[0]));
        assert(
          second.length === 1 && second[0] !== first[0],
          `served now ${served}, page fetch sees ${pageSees}; sw log ${swLog.join(" ")}; ` +
            `after deployment 2: ${second} (was ${first}); workers ${JSON.stringify(workers)}; update errors ${updateErrors.slice(0, 3)}`,
        );
        const cached = await page.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), second[0]);
        assert(cached.includes(`/${css}`), `the new CSS is not cached: ${cached}`);
        assert(!cached.some((p) => /^\/app-(?!deployment2)/.test(p)), `an old file is in the new cache: ${cached}`);
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
  [
    "the wasm is named by a hash of its own bytes (a cache may keep it for ever; a new build is a new name)",
    async () => {
      const dist = path.join(ROOT, "dist");
      const html = fs.readFileSync(path.join(dist, "index.html"), "utf8");
      const found = [...html.matchAll(/fetch\('\/(yanglao-app-([0-9a-f]{16})_bg\.wasm)'/g)];
      assert(found.length === 1, `index.html's loader fetches ${found.length} wasm files`);
      const [, file, hash] = found[0];
      const bytes = fs.readFileSync(path.join(dist, file));
      const want = crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 16);
      assert(hash === want, `${file}: its bytes hash to ${want}`);
    },
  ],
]).finally(() => browser.close());
