// Portal embedding (issue 5, docs/embed.md): the mock portal page embeds the
// checker in an iframe; embed.js (loaded with its subresource integrity) sizes
// the iframe to the height the checker posts, as the content grows.
import { launch, run, assert, answerAll, YUQUAN_72, REPO_URL, APP_URL, DATE, until } from "./lib.mjs";

const browser = await launch();

await run([
  [
    "the portal's iframe follows the checker's height",
    async () => {
      assert(REPO_URL, "REPO_URL is not set (run through scripts/e2e.sh)");
      const page = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
      const problems = [];
      page.on("console", (m) => m.type() === "error" && problems.push(m.text()));
      const portal = new URL("examples/portal.html", REPO_URL);
      portal.searchParams.set("app", APP_URL);
      portal.searchParams.set("date", DATE);
      await page.goto(portal.toString());
      const frameEl = await page.waitForSelector("iframe[data-yanglao]");
      const frame = await frameEl.contentFrame();
      await frame.waitForSelector('[data-mode="embed"] section.who');
      assert((await frame.$("header")) === null, "the embedded checker shows its own header");
      const fits = async () => {
        const inner = await frame.evaluate(() => document.documentElement.scrollHeight);
        const outer = await frameEl.evaluate((f) => f.getBoundingClientRect().height);
        return { inner, outer };
      };
      // The height is posted every 200 ms, and a screen can still be growing
      // (the loading notice, then the first screen; the results, made in
      // steps) when the iframe first changes: it settles within a few posts.
      const settled = async () => {
        let f = await fits();
        for (let deadline = Date.now() + 5000; Math.abs(f.inner - f.outer) > 2 && Date.now() < deadline; ) {
          await new Promise((r) => setTimeout(r, 100));
          f = await fits();
        }
        return f;
      };
      // Sized to the short first screen (the initial 600px changes)...
      await until(page, 
        async () => {
          const f = document.querySelector("iframe[data-yanglao]");
          return f.style.height && f.style.height !== "600px";
        },
        null,
        { timeout: 5000 },
      );
      const first = await settled();
      assert(Math.abs(first.inner - first.outer) <= 2, `first screen: ${JSON.stringify(first)}`);
      // ...and to the long results.
      await frame.click('[data-who="family"]');
      await answerAll(frame, YUQUAN_72);
      await frame.waitForSelector('[data-group="eligible"]');
      await until(page, 
        (h) => parseFloat(document.querySelector("iframe[data-yanglao]").style.height) > h + 500,
        first.outer,
        { timeout: 5000 },
      );
      const results = await settled();
      assert(Math.abs(results.inner - results.outer) <= 2, `results: ${JSON.stringify(results)}`);
      // The portal's colour is used.
      const primary = await frame.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--color-primary").trim());
      assert(primary === "#c8102e", `portal colour: ${primary}`);
      assert(problems.length === 0, `console errors (an integrity mismatch would show here): ${problems.join(" | ")}`);
      await page.close();
    },
  ],
]).finally(() => browser.close());
