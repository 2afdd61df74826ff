// Offline use (issues 5 and 13): after one visit the checker loads and works
// with no network for the regions opened; a region never opened says there
// is no network, with 再试一次; one cache per build holds every file of the
// app, and the packs are kept apart as they are loaded.
import fs from "node:fs";
import path from "node:path";
import { launch, appUrl, answerAll, run, assert, YUQUAN_72, ROOT, until, serve, DATE } from "./lib.mjs";

const browser = await launch();

await run([
  [
    "after one visit it loads and completes a check offline, for the regions opened",
    async () => {
      // A server of its own, stopped for "offline": the browser's offline
      // switch does not reach the service worker's own requests.
      const { server, url } = await serve(path.join(ROOT, "dist"));
      const at = (region) => `${url}?region=${region}&date=${DATE}`;
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(at("150104"));
        await page.waitForSelector("section.who");
        // The service worker installs the whole build, then controls the page
        // (and keeps the packs the page loads from then on).
        await page.evaluate(() => navigator.serviceWorker.ready);
        if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
          await page.reload();
          await until(page, () => !!navigator.serviceWorker.controller);
        }
        await page.waitForSelector("section.who");
        server.kill();
        await context.setOffline(true);
        await page.reload();
        await page.click('[data-who="family"]');
        await answerAll(page, YUQUAN_72);
        await page.waitForSelector('[data-group="eligible"] [data-service="yuquan-home-care"]');
        // A new page of the same region works offline too.
        await page.goto(at("150104"));
        await page.waitForSelector("section.who");
        // A region never opened: its province's pack was never loaded, so a
        // clear message that there is no network, and 再试一次, never a blank page.
        await page.goto(at("410726"));
        const failed = await page.waitForSelector("[data-pack-failed]");
        const words = await failed.textContent();
        assert(words.includes("网络") && words.includes("再试一次"), words);
        assert(!(await page.$("section.who, section.results")), "a region never opened went on offline");
      } finally {
        server.kill();
        await context.close();
      }
    },
  ],
  [
    "one cache, named for this build, holding every file of the build",
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(appUrl());
      await page.evaluate(() => navigator.serviceWorker.ready);
      const caches = await page.evaluate(async () => {
        const out = {};
        for (const key of await caches.keys()) {
          const cache = await caches.open(key);
          out[key] = (await cache.keys()).map((r) => new URL(r.url).pathname);
        }
        return out;
      });
      // One cache for the build's own files; the packs are kept apart, as loaded.
      const names = Object.keys(caches).filter((n) => n !== "yanglao-packs");
      assert(names.length === 1 && names[0].startsWith("yanglao-"), `caches: ${Object.keys(caches)}`);
      const sw = fs.readFileSync(path.join(ROOT, "dist/sw.js"), "utf8");
      assert(sw.includes(`"${names[0]}"`), `sw.js does not name ${names[0]}`);
      const files = fs
        .readdirSync(path.join(ROOT, "dist"))
        .filter((f) => f !== "sw.js" && f !== "index.html" && f !== "packs" && !/^regions-.*\.tsv$/.test(f))
        // The catalogue published (list/, catalogue.json) and the staff's workbench are no part of the app.
        .filter((f) => f !== "list" && f !== "workbench" && !/^catalogue(\.schema)?\.json$/.test(f));
      for (const f of files) assert(caches[names[0]].includes("/" + f), `${f} is not cached`);
      assert(caches[names[0]].includes("/"), "the page itself is not cached");
      assert(!caches[names[0]].some((p) => p.startsWith("/packs/")), "the build's cache holds packs: they are loaded on demand");
      assert(
        !caches[names[0]].some((p) => p.startsWith("/list/") || p.startsWith("/catalogue") || p.startsWith("/workbench/")),
        "the build's cache holds the published catalogue or the workbench: they are no part of the app",
      );
      await context.close();
    },
  ],
]).finally(() => browser.close());
