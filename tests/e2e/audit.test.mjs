// Accessibility audit (issue 6): axe-core, WCAG 2.0/2.1/2.2 A and AA rules,
// on every screen of a full flow, at the phone and kiosk sizes. 0 violations.
//
// Prints one line per screen (how many violations) and, for each violation,
// its rule id, the screen, the viewport and every target selector.
import fs from "node:fs";
import path from "node:path";
import { launch, appUrl, answerAll, run, assert, YUQUAN_72, ROOT, until, display, YANJIN_66 } from "./lib.mjs";

const AXE_PATH = path.join(ROOT, ".tools/node_modules/axe-core/axe.min.js");
const axe = fs.readFileSync(AXE_PATH, "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const SIZES = [
  [390, 844],
  [1080, 1920],
];
const browser = await launch();

/**
 * Runs axe on the page as it is; returns one entry per violated rule.
 * axe goes in through the DevTools protocol (page.evaluate), which the page's
 * Content Security Policy does not govern: page.addScriptTag({ path }) adds an
 * inline <script>, which this page's script-src refuses ("Executing inline
 * script violates the following Content Security Policy directive").
 */
async function audit(page, tags = TAGS) {
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axe);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    tags,
  );
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}

/** Waits for a mode's root; a missing mode is a failure with its own message. */
async function needMode(page, mode, selector) {
  const el = await page.waitForSelector(`[data-mode="${mode}"] ${selector}`, { timeout: 10000 }).catch(() => null);
  assert(el, `?mode=${mode}: no [data-mode="${mode}"] ${selector} on the page, so the ${mode} screens cannot be audited`);
}

async function flow([w, h]) {
  const viewport = `${w}x${h}`;
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await context.newPage();
  const found = [];
  const lines = [];
  const check = async (screen, tags = TAGS, filter = () => true) => {
    const violations = (await audit(page, tags)).filter(filter);
    lines.push(`${viewport.padEnd(9)} ${screen}: ${violations.length} violation(s)`);
    for (const v of violations) {
      found.push(
        `${v.id} (${v.impact}) on "${screen}" at ${viewport}: ${v.help}\n` +
          v.targets.map((t) => `            ${t}`).join("\n"),
      );
    }
  };

  // The flow of one person in 玉泉区, answering for a parent.
  await page.goto(appUrl());
  await page.waitForSelector("section.picker");
  await check("start");
  // The picker: a search, and a province opened step by step.
  await page.fill("#place-search", "玉泉");
  await page.waitForSelector('[data-search-results] [data-region="150104"]');
  await check("picker, search results");
  // While a name is typed the step-by-step lists step aside: empty the box first.
  await page.fill("#place-search", "");
  await page.click('[data-province="41"]');
  await page.waitForSelector('[data-open="410700"]');
  await check("picker, a province opened");
  await page.fill("#place-search", "玉泉");
  await page.click('[data-search-results] [data-region="150104"]');
  await page.waitForSelector("section.who");
  await check("who");
  await page.click('[data-who="family"]');
  await page.waitForSelector('section.question[data-fact="age"]');
  await check("age question");
  await page.fill("#age", "abc");
  await page.click('[data-action="next"]');
  await page.waitForSelector("#age-error");
  await check("age error");
  await page.fill("#age", "72");
  await page.click('[data-action="next"]');
  await until(page, () => !document.querySelector('section.question[data-fact="age"]'));
  await page.waitForSelector("section.question[data-ready]:not([data-fact=\"age\"]) [data-answer]");
  await check("choice question");
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-group="eligible"]');
  await check("results");
  await page.click('[data-group="eligible"] details.line summary');
  await page.waitForSelector('[data-group="eligible"] details.line[open]');
  await check("results, a line's details opened");
  await page.click('[data-group="eligible"] details.line[open] details.how summary');
  await page.waitForSelector('[data-group="eligible"] details.how[open]');
  await check("results, 怎么算的 opened");
  // In English too: the condition, the reading and the quoted clause.
  await display(page, '[data-action="language"]');
  await page.waitForSelector('.app[lang="en"] [data-group="eligible"] details.how');
  // A line's details (its 怎么算的 among them) are made when it is opened: open the lines, then the 怎么算的.
  await page.evaluate(() => document.querySelectorAll("details.line").forEach((d) => (d.open = true)));
  await until(page, () => document.querySelectorAll("details.line").length === document.querySelectorAll("details.how").length, null);
  await page.evaluate(() => document.querySelectorAll("details.line, details.how").forEach((d) => (d.open = true)));
  await check("results in English, every 怎么算的 opened");
  await page.evaluate(() => document.querySelectorAll("details.line, details.how").forEach((d) => (d.open = false)));
  await display(page, '[data-action="language"]');
  await page.waitForSelector('.app[lang="zh-CN"] [data-group="eligible"]');
  await page.click('[data-action="to-answers"]');
  await page.waitForSelector("details.answers[open]");
  await check("results, answers opened");
  await page.click('[data-action="display"]');
  await page.waitForSelector("#display-panel:not([hidden])");
  await check("display switches opened");
  await page.keyboard.press("Escape");
  await page.waitForSelector("#display-panel[hidden]", { state: "attached" });
  await display(page, '[data-text-size="2"]');
  await page.waitForSelector(".app--text-2");
  await check("results, largest text");
  // High contrast: also held to WCAG AAA contrast (7:1, axe's color-contrast-enhanced).
  await display(page, '[data-action="contrast"]');
  await page.waitForSelector(".app--contrast");
  await check("results, high contrast");
  await check("results, high contrast, AAA 7:1", ["wcag2aaa"], (v) => v.id.startsWith("color-contrast"));
  await display(page, '[data-action="contrast"]');
  await display(page, '[data-text-size="0"]');
  await page.emulateMedia({ media: "print" });
  await check("print view");
  await page.emulateMedia({ media: "screen" });

  // 玉泉区's two services are both open to this person, so its results have no
  // collapsed 其他 group: 延津县's have one (the same person), opened here.
  await page.goto(appUrl({ region: "410726" }));
  await page.click('[data-who="family"]');
  await answerAll(page, YANJIN_66);
  await page.waitForSelector('section.results');
  const other = await page.$('[data-group="other"] summary');
  assert(other, "延津县's results have no collapsed 其他 group to open");
  await other.click();
  await page.waitForSelector('[data-group="other"] details[open] [data-service]');
  await check("results, 其他 opened (延津县)");
  await page.emulateMedia({ media: "print" });
  await check("print view (延津县)");
  await page.emulateMedia({ media: "screen" });

  // Where every policy has ended (曲阜市).
  await page.goto(appUrl({ region: "370881" }));
  await page.click('[data-who="self"]');
  await page.waitForSelector("[data-ended]");
  await check("ended policies (曲阜市)");

  // The kiosk: its first screen and the idle question.
  await page.goto(appUrl({ region: "150104", mode: "kiosk", idle: "10" }));
  await needMode(page, "kiosk", "section.who");
  await check("kiosk");
  await page.waitForSelector('[role="alertdialog"]', { timeout: 15000 });
  await check("kiosk idle question");

  await page.goto(appUrl({ region: "150104", lang: "en" }));
  await page.click('[data-who="family"]');
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-group="eligible"]');
  await check("results in English");

  // Inside a portal's iframe (the page itself, with the portal's colour).
  await page.goto(appUrl({ region: "150104", mode: "embed", theme: "c8102e" }));
  await needMode(page, "embed", "section.who");
  await check("embed");
  await page.click('[data-who="self"]');
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-mode="embed"] [data-group="eligible"]');
  await check("embed results");

  await context.close();
  return { found, lines };
}

/**
 * The high-contrast theme, by the 高对比度 switch and by the system's "more
 * contrast": text at least 7:1 (axe's AAA color-contrast-enhanced) on the
 * question screens and the results, 其他 opened, and no AA violation either.
 */
async function contrastFlow([w, h], how) {
  const viewport = `${w}x${h}`;
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await context.newPage();
  if (how === "system") {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-contrast", value: "more" }] });
  }
  const found = [];
  const lines = [];
  const check = async (screen) => {
    const violations = [
      ...(await audit(page)),
      ...(await audit(page, ["wcag2aaa"])).filter((v) => v.id === "color-contrast-enhanced"),
    ];
    const name = `${screen}, high contrast (${how})`;
    lines.push(`${viewport.padEnd(9)} ${name}: ${violations.length} violation(s)`);
    for (const v of violations) {
      found.push(`${v.id} (${v.impact}) on "${name}" at ${viewport}: ${v.help}\n` + v.targets.map((t) => `            ${t}`).join("\n"));
    }
  };
  await page.goto(appUrl({ region: "410726" }));
  await page.waitForSelector("section.who");
  if (how === "switch") {
    await display(page, '[data-action="contrast"]');
    await page.waitForSelector(".app--contrast");
  }
  await check("who");
  await page.click('[data-who="family"]');
  await page.waitForSelector('section.question[data-fact="age"]');
  await page.fill("#age", "abc");
  await page.click('[data-action="next"]');
  await page.waitForSelector("#age-error");
  await check("age error");
  await page.fill("#age", "72");
  await page.click('[data-action="next"]');
  await page.waitForSelector("section.question[data-ready]:not([data-fact=\"age\"]) [data-answer]");
  // An answer given, then back to it: the selected (filled) button shows too.
  const fact = await page.getAttribute("section.question", "data-fact");
  await page.click('section.question [data-answer="unknown"]');
  await until(page, (f) => !document.querySelector(`section.question[data-fact="${f}"]`), fact);
  await page.click('[data-action="back"]');
  await page.waitForSelector(`section.question[data-fact="${fact}"] .choice--selected`);
  await check("choice question, answer selected");
  await answerAll(page, YANJIN_66);
  await page.click('[data-group="other"] summary');
  await page.waitForSelector('[data-group="other"] details[open]');
  await check("results, 其他 opened (延津县)");
  await context.close();
  return { found, lines };
}

const report = ({ found, lines }) => {
  console.log(lines.map((l) => `        ${l}`).join("\n"));
  assert(found.length === 0, `${found.length} violation(s):\n        ${found.join("\n        ")}`);
};

await run(
  SIZES.flatMap((size) => [
    [`axe (${TAGS.join(", ")}): 0 violations on every screen at ${size.join("×")}`, async () => report(await flow(size))],
    ...["switch", "system"].map((how) => [
      `high contrast (${how === "switch" ? "高对比度 switch" : "system 'more contrast'"}): AA and text ≥ 7:1 at ${size.join("×")}`,
      async () => report(await contrastFlow(size, how)),
    ]),
  ]),
).finally(() => browser.close());
