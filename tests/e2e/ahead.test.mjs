// The start page rendered ahead (issue 15, item 1): index.html already holds
// the picker, made by the app's own components at build time
// (crates/prerender), and the app takes its place once it has made its own
// out of sight, a part per task (src/main.rs, src/stage.rs), before the next
// frame. Here the wasm is held back, so what a person does
// before it arrives can be checked: a province pressed is opened, a name
// typed is kept and searched, where the focus was stays, and no frame is
// painted without the picker (no flash). Any other address never shows the
// start page first.
import { launch, run, assert, APP_URL, appUrl, until } from "./lib.mjs";

const browser = await launch();

/** A page whose wasm is held until `release()`; `errors` collects page errors and console errors. */
async function held() {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return { context, page, errors, release };
}

/** True once the app runs (it removes the "网络有点慢" line of index.html). */
const started = () => !document.getElementById("loading-slow");

await run([
  [
    "index.html holds the picker: a link for each province, the search box, marks from the catalogue",
    async () => {
      const html = await (await fetch(APP_URL)).text();
      assert(html.includes('<div id="yanglao-ahead" data-rendered="">'), "no start page rendered ahead");
      assert(html.includes('id="place-search"'), "no search box");
      for (const code of ["11", "14", "41", "62", "65"]) {
        assert(html.includes(`<a href="#p.${code}" data-province="${code}"`), `no link for province ${code}`);
      }
      assert(/收录\d+份清单/.test(html), "no province is marked as having lists");
    },
  ],
  [
    "before the wasm: the picker shows; a province pressed is opened once the app starts, and no frame goes without the picker",
    async () => {
      const { context, page, errors, release } = await held();
      await page.goto(APP_URL);
      await page.waitForSelector('#yanglao-ahead a[data-province="14"]', { state: "visible" });
      assert(await page.$eval("#loading", (e) => e.hidden), "正在打开 shows over the start page");
      assert(!(await page.evaluate(started)), "the app started although its wasm was held");
      // Every frame from now on: is a picker heading on the screen?
      await page.evaluate(() => {
        window.__frames = [];
        const look = () => {
          const h = document.getElementById("picker-title");
          window.__frames.push(!!h && h.getClientRects().length > 0);
          requestAnimationFrame(look);
        };
        requestAnimationFrame(look);
      });
      await page.click('a[data-province="14"]');
      assert(new URL(page.url()).hash === "#p.14", `the link went to ${page.url()}`);
      release();
      await page.waitForSelector('[data-level="city"]');
      assert((await page.textContent(".picker__here")).includes("山西"), "山西省's cities are not the ones shown");
      // The press's #p.14 is no hand-off link: nothing is refused.
      assert(!(await page.$("main .notice")), `a notice: ${await page.textContent("main .notice").catch(() => "")}`);
      const frames = await page.evaluate(() => window.__frames);
      assert(frames.length > 0 && frames.every(Boolean), `a frame without the picker (flash): ${frames.length} frames, ${frames.filter((f) => !f).length} without`);
      assert((await page.$$("#picker-title")).length === 1, "two start pages on the page");
      assert(errors.length === 0, `errors: ${errors.join(" | ")}`);
      // The app's own province links go on working (no page load, no fragment).
      await page.click('[data-action="picker-up"]');
      await page.click('a[data-province="41"]');
      await page.waitForSelector('[data-level="city"]');
      assert((await page.textContent(".picker__here")).includes("河南"), "河南省 did not open");
      assert(!new URL(page.url()).hash.startsWith("#p."), `a press in the app changed the address: ${page.url()}`);
      await context.close();
    },
  ],
  [
    "during the take-over: a province pressed while the app makes its start page out of sight is opened in it",
    async () => {
      const { context, page, errors, release } = await held();
      // The app's first history write comes from its check, made in the
      // take-over's first steps; a press is queued right after it, so it
      // lands between two steps, on the start page rendered ahead.
      await context.addInitScript(() => {
        const replace = history.replaceState.bind(history);
        history.replaceState = (...args) => {
          replace(...args);
          const link = document.querySelector('#yanglao-ahead a[data-province="41"]');
          if (link && !window.__pressed) {
            window.__pressed = "queued";
            setTimeout(() => {
              const still = document.querySelector('#yanglao-ahead a[data-province="41"]');
              window.__pressed = still ? "on the start page rendered ahead" : "too late";
              still?.click();
            }, 0);
          }
        };
      });
      await page.goto(APP_URL);
      release();
      await page.waitForSelector('[data-level="city"]');
      const pressed = await page.evaluate(() => window.__pressed);
      assert(pressed === "on the start page rendered ahead", `the press: ${pressed}`);
      assert((await page.textContent(".picker__here")).includes("河南"), "河南省's cities are not the ones shown");
      assert(!(await page.$("main .notice")), `a notice: ${await page.textContent("main .notice").catch(() => "")}`);
      assert((await page.$$("#picker-title")).length === 1, "two start pages on the page");
      assert(errors.length === 0, `errors: ${errors.join(" | ")}`);
      await context.close();
    },
  ],
  [
    "before the wasm: a name typed is kept, and searched once the app starts",
    async () => {
      const { context, page, errors, release } = await held();
      await page.goto(APP_URL);
      await page.fill("#place-search", "延津");
      release();
      await until(page, started, null);
      await page.waitForSelector('[data-search-results] [data-region="410726"]');
      assert((await page.inputValue("#place-search")) === "延津", "what was typed is lost");
      assert(await page.evaluate(() => document.activeElement?.id === "place-search"), "the search box lost the focus");
      // Typing on goes on searching.
      await page.keyboard.press("Backspace");
      await page.keyboard.type("津");
      assert((await page.inputValue("#place-search")) === "延津", "typing after the start went wrong");
      assert(
        await page.$eval('[data-level="province"]', (e) => e.closest("[hidden]") !== null),
        "the province grid is not set aside while a name is typed",
      );
      assert(errors.length === 0, `errors: ${errors.join(" | ")}`);
      await page.click('[data-search-results] [data-region="410726"]');
      await page.waitForSelector("section.who");
      await context.close();
    },
  ],
  [
    "before the wasm: the text size and contrast this phone remembers are applied at once, and kept by the app",
    async () => {
      const { context, page, errors, release } = await held();
      await context.addInitScript(() => {
        if (!sessionStorage.getItem("seeded")) {
          localStorage.setItem("yanglao.display", "t2c1");
          sessionStorage.setItem("seeded", "1");
        }
      });
      await page.goto(APP_URL);
      await page.waitForSelector("#yanglao-ahead .app", { state: "visible" });
      const before = await page.$eval("#yanglao-ahead .app", (e) => e.className);
      assert(/app--text-2/.test(before) && /app--contrast/.test(before), `before the app: ${before}`);
      assert(!/app--text-0/.test(before), `two text sizes at once: ${before}`);
      release();
      await until(page, started, null);
      await page.waitForSelector('.text-size__button[data-text-size="2"][aria-pressed="true"]', { state: "attached" });
      const after = await page.$eval(".app", (e) => e.className);
      assert(/app--text-2/.test(after) && /app--contrast/.test(after), `after the app started: ${after}`);
      assert(errors.length === 0, `errors: ${errors.join(" | ")}`);
      await context.close();
    },
  ],
  [
    "an address with a region never shows the start page first: 正在打开, then the place",
    async () => {
      const { context, page, errors, release } = await held();
      await page.goto(appUrl({ region: "140105" }));
      assert(await page.$eval("#yanglao-ahead", (e) => e.hidden), "the start page shows for a region link");
      assert(await page.isVisible("#loading"), "正在打开 is not shown");
      release();
      await page.waitForSelector("section.who");
      assert(!(await page.$('[data-level="province"]')), "the start page stayed beside the place");
      assert(errors.length === 0, `errors: ${errors.join(" | ")}`);
      await context.close();
    },
  ],
]);
await browser.close();
