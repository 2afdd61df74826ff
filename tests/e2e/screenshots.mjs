// Screenshots of every screen for docs/screenshots/ (run by scripts/screenshots.sh).
// Phone 390×844 and kiosk 1080×1920; the check date is pinned, so the
// pictures change only when the app does.
import path from "node:path";
import fs from "node:fs";
import { launch, appUrl, answerAll, YUQUAN_72, ROOT, REPO_URL, APP_URL, DATE, until, display } from "./lib.mjs";

const out = path.join(ROOT, "docs/screenshots");
fs.mkdirSync(out, { recursive: true });
const browser = await launch();
const made = [];
/** Issue 12's 延津 daughter's mother: 82, 低保, 中度失能, lives alone; the rest 不知道. */
const YANJIN_MOTHER = { age: "82", economic: "dibao", ability: "moderate", living: "alone" };

async function shot(page, name, size, options = {}) {
  // The pointer off the page, so no button shows its hover colour.
  await page.mouse.move(0, 0);
  await page.evaluate(() => document.fonts.ready);
  const file = path.join(out, `${name}-${size}.png`);
  await page.screenshot({ path: file, ...options });
  made.push(path.relative(ROOT, file));
}

for (const [w, h] of [
  [390, 844],
  [1080, 1920],
]) {
  const size = `${w}x${h}`;
  const context = await browser.newContext({ viewport: { width: w, height: h }, deviceScaleFactor: 1 });
  const page = await context.newPage();

  await page.goto(appUrl());
  await page.waitForSelector("section.picker");
  await shot(page, "start", size);

  await page.fill("#place-search", "玉泉");
  await page.waitForSelector('[data-search-results] [data-region="150104"]');
  await shot(page, "start-search", size);
  await page.fill("#place-search", "");
  await page.click('[data-province="41"]');
  await page.click('[data-open="410700"]');
  await page.waitForSelector('[data-level="county"]');
  await shot(page, "start-county", size);
  await page.fill("#place-search", "玉泉");
  await page.click('[data-search-results] [data-region="150104"]');
  await page.waitForSelector("section.who");
  await shot(page, "who", size);

  await page.click('[data-who="family"]');
  await page.waitForSelector('section.question[data-fact="age"]');
  await page.fill("#age", "abc");
  await page.click('[data-action="next"]');
  await page.waitForSelector("#age-error");
  await shot(page, "question-age-error", size);
  await page.fill("#age", "72");
  await page.click('[data-action="next"]');
  await until(page, () => !document.querySelector('section.question[data-fact="age"]'));
  await page.waitForSelector("section.question[data-ready]");
  await shot(page, "question-choice", size);
  // The display switches, folded into one button, opened.
  await page.click('[data-action="display"]');
  await shot(page, "display-switches", size);
  await page.click('[data-action="display"]');

  // The results of issue 12's 延津 daughter checking for her mother.
  await page.goto(appUrl({ region: "410726" }));
  await page.click('[data-who="family"]');
  await answerAll(page, YANJIN_MOTHER);
  await page.waitForSelector('[data-group="eligible"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "results", size);
  await page.click('[data-group="eligible"] details.line summary');
  await page.evaluate(() => document.querySelector('[data-group="eligible"] details.line').scrollIntoView());
  await shot(page, "results-details", size);
  await page.click('[data-group="eligible"] details.line summary');
  await page.evaluate(() => document.querySelector("section.checklist").scrollIntoView());
  await shot(page, "results-checklist", size);
  await page.evaluate(() => document.querySelector("[data-handoff]").scrollIntoView());
  await shot(page, "results-handoff", size);

  // Largest text, then high contrast.
  await display(page, '[data-text-size="2"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "results-large-text", size);
  await display(page, '[data-text-size="0"]');
  await display(page, '[data-action="contrast"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "results-high-contrast", size);
  await display(page, '[data-action="contrast"]');

  // The English interface (service texts stay Chinese, marked).
  await page.goto(appUrl({ region: "150104", lang: "en" }));
  await page.click('[data-who="family"]');
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-group="eligible"]');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, "results-english", size);

  // A place whose recorded policy has ended (定西市: the plan ran 2021–2023).
  await page.goto(appUrl({ region: "621100" }));
  await page.click('[data-who="self"]');
  await page.waitForSelector("[data-ended]");
  await shot(page, "results-expired", size);

  // Kiosk: large text, 重新开始, and the idle question (idle shortened for the picture).
  await page.goto(appUrl({ region: "150104", mode: "kiosk", idle: "10" }));
  await page.waitForSelector("section.who");
  await shot(page, "kiosk", size);
  await page.waitForSelector('[role="alertdialog"]', { timeout: 15000 });
  await shot(page, "kiosk-idle", size);
  await context.close();
}

// The print view, on an A4-wide page (794 px at 96 dpi): its first two pages.
{
  const context = await browser.newContext({ viewport: { width: 794, height: 1123 } });
  const page = await context.newPage();
  await page.goto(appUrl({ region: "410726" }));
  await page.click('[data-who="family"]');
  await answerAll(page, YANJIN_MOTHER);
  await page.waitForSelector('[data-group="eligible"]');
  await page.emulateMedia({ media: "print" });
  const height = Math.min(2246, await page.evaluate(() => document.body.scrollHeight));
  await shot(page, "print", "a4", { fullPage: true, clip: { x: 0, y: 0, width: 794, height } });
  await context.close();
}

// The mock portal embedding the checker (a wide desktop page and a phone).
if (REPO_URL) {
  for (const [w, h] of [
    [390, 844],
    [1080, 1920],
  ]) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    const portal = new URL("examples/portal.html", REPO_URL);
    portal.searchParams.set("app", APP_URL);
    portal.searchParams.set("date", DATE);
    await page.goto(portal.toString());
    const frame = await (await page.waitForSelector("iframe[data-yanglao]")).contentFrame();
    await frame.waitForSelector("section.who");
    await until(page, () => document.querySelector("iframe[data-yanglao]").style.height !== "");
    // Sized to its content (the first screen is shorter than the initial 600 px).
    await until(page, () => document.querySelector("iframe[data-yanglao]").style.height !== "600px");
    await shot(page, "portal", `${w}x${h}`);
    await page.close();
  }
}

await browser.close();
console.log(made.map((f) => `${f} ${Math.round(fs.statSync(path.join(ROOT, f)).size / 1024)} KB`).join("\n"));
