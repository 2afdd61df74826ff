// Keyboard only (issue 6): a whole check with Tab, Enter and typing; focus
// moves to each new question's heading; the focused control always shows a
// visible ring.
import { launch, appUrl, run, assert, YUQUAN_72, until } from "./lib.mjs";

const browser = await launch();

/** Presses Tab until `selector` has focus (at most 40 times); checks its focus ring. */
async function tabTo(page, selector) {
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press("Tab");
    const hit = await page.evaluate((sel) => {
      const el = document.activeElement;
      if (!el || !el.matches(sel)) return null;
      const s = getComputedStyle(el);
      return { outline: s.outlineStyle !== "none" ? parseFloat(s.outlineWidth) : 0, shadow: s.boxShadow };
    }, selector);
    if (hit) {
      assert(hit.outline >= 2 || (hit.shadow && hit.shadow !== "none"), `no visible focus ring on ${selector}: ${JSON.stringify(hit)}`);
      return;
    }
  }
  throw new Error(`Tab never reached ${selector}`);
}

await run([
  [
    "a whole check by keyboard, focus on each new question",
    async () => {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      await page.goto(appUrl());
      await page.waitForSelector("section.picker");
      // The picker's search box, then the place it finds.
      await tabTo(page, "#place-search");
      await page.keyboard.type("玉泉");
      await page.waitForSelector('[data-search-results] [data-region="150104"]');
      await tabTo(page, '[data-region="150104"]');
      await page.keyboard.press("Enter");
      await page.waitForSelector("section.who");
      await tabTo(page, '[data-who="family"]');
      await page.keyboard.press("Enter");
      for (let n = 0; n < 15; n++) {
        const el = await page.waitForSelector("section.question, section.results");
        const fact = await el.getAttribute("data-fact");
        if (!fact) break;
        await until(page, () => document.activeElement && document.activeElement.id === "question-title");
        const value = YUQUAN_72[fact] ?? "unknown";
        if (fact === "age") {
          await tabTo(page, "#age");
          await page.keyboard.type(value);
          await page.keyboard.press("Enter");
        } else {
          await tabTo(page, `section.question [data-answer="${value}"]`);
          await page.keyboard.press("Enter");
        }
        await until(page, (f) => !document.querySelector(`section.question[data-fact="${f}"]`), fact);
      }
      await page.waitForSelector('[data-group="eligible"] [data-service="yuquan-home-care"]');
      await until(page, () => document.activeElement && document.activeElement.id === "results-title");
      // And an answer changed from the keyboard on the results page.
      // A line opens to its details from the keyboard.
      await tabTo(page, '[data-group="eligible"] details.line summary');
      await page.keyboard.press("Enter");
      await page.waitForSelector('[data-group="eligible"] details.line[open]');
      // Inside it, 怎么算的 opens from the keyboard too, and shows the clause's own words.
      await tabTo(page, '[data-group="eligible"] details.line[open] details.how summary');
      await page.keyboard.press("Enter");
      await page.waitForSelector('[data-group="eligible"] details.how[open] blockquote.how__quote');
      // The display switches open, and Escape closes them again.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.focus('[data-action="display"]');
      await page.keyboard.press("Enter");
      await page.waitForSelector("#display-panel:not([hidden])");
      await tabTo(page, '[data-text-size="2"]');
      await page.keyboard.press("Enter");
      await page.waitForSelector(".app--text-2");
      await page.keyboard.press("Escape");
      await page.waitForSelector("#display-panel[hidden]", { state: "attached" });
      // The answers are folded; 修改回答 at the top opens them.
      await tabTo(page, '[data-action="to-answers"]');
      await page.keyboard.press("Enter");
      await tabTo(page, 'select[data-change="living"]');
      await page.keyboard.press("End");
      await page.selectOption('select[data-change="living"]', "with_family");
      await until(page, () => !document.querySelector('[data-group="eligible"] [data-service="yuquan-home-care"]'));
      await page.close();
    },
  ],
]).finally(() => browser.close());
