// Offline use (issue 5): after one visit the checker loads and works with no
// network; one cache per build, holding every file of it.
import fs from "node:fs";
import path from "node:path";
import { launch, appUrl, answerAll, run, assert, YUQUAN_72, ROOT, until } from "./lib.mjs";

const browser = await launch();

await run([
  [
    "after one visit it loads and completes a check offline",
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(appUrl({ region: "150104" }));
      await page.waitForSelector("section.who");
      // The service worker installs the whole build, then controls the page.
      await page.evaluate(() => navigator.serviceWorker.ready);
      if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
        await page.reload();
        await until(page, () => !!navigator.serviceWorker.controller);
      }
      await context.setOffline(true);
      await page.reload();
      await page.click('[data-who="family"]');
      await answerAll(page, YUQUAN_72);
      await page.waitForSelector('[data-group="eligible"] [data-service="yuquan-home-care"]');
      // A new page (another link, another region) works offline too.
      await page.goto(appUrl({ region: "410726" }));
      await page.waitForSelector("section.who");
      await context.close();
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
      const names = Object.keys(caches);
      assert(names.length === 1 && names[0].startsWith("yanglao-"), `caches: ${names}`);
      const sw = fs.readFileSync(path.join(ROOT, "dist/sw.js"), "utf8");
      assert(sw.includes(`"${names[0]}"`), `sw.js does not name ${names[0]}`);
      const files = fs.readdirSync(path.join(ROOT, "dist")).filter((f) => f !== "sw.js" && f !== "index.html");
      for (const f of files) assert(caches[names[0]].includes("/" + f), `${f} is not cached`);
      assert(caches[names[0]].includes("/"), "the page itself is not cached");
      await context.close();
    },
  ],
]).finally(() => browser.close());
