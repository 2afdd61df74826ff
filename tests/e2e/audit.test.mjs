// Accessibility audit (issue 6): axe-core, WCAG 2.0/2.1/2.2 A and AA rules,
// on every screen of a full flow, at the phone and kiosk sizes. 0 violations.
import fs from "node:fs";
import path from "node:path";
import { launch, appUrl, answerAll, run, assert, YUQUAN_72, ROOT } from "./lib.mjs";

const axe = fs.readFileSync(path.join(ROOT, ".tools/node_modules/axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const browser = await launch();

/** Runs axe on the page as it is; returns "screen: id (targets)" lines. */
async function audit(page, screen, tags = TAGS) {
  // axe is injected through the DevTools protocol, which the page's Content
  // Security Policy does not govern (a <script> tag would be refused).
  await page.evaluate(axe);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    tags,
  );
  return result.violations.map(
    (v) => `${screen}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 4).map((n) => n.target.join(" ")).join(", ")}`,
  );
}

async function flow(size) {
  const [w, h] = size;
  const tag = `${w}x${h}`;
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await context.newPage();
  const found = [];
  const screens = [];
  const check = async (name) => {
    screens.push(name);
    found.push(...(await audit(page, `${name} ${tag}`)));
  };
  await page.goto(appUrl());
  await page.waitForSelector("section.picker");
  await check("start");
  await page.click('[data-region="150104"]');
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
  await page.waitForFunction(() => !document.querySelector('section.question[data-fact="age"]'));
  await page.waitForSelector("section.question");
  await check("choice question");
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-group="eligible"]');
  await check("results");
  const other = await page.$('[data-group="other"] summary');
  if (other) {
    await other.click();
    await check("results, others open");
  }
  await page.click('[data-text-size="2"]');
  await check("results, largest text");
  // High contrast: also held to WCAG AAA contrast (7:1, axe's color-contrast-enhanced).
  await page.click('[data-action="contrast"]');
  await page.waitForSelector(".app--contrast");
  await check("results, high contrast");
  screens.push("results, high contrast (7:1)");
  found.push(...(await audit(page, `results, high contrast ${tag}`, ["wcag2aaa"])).filter((v) => v.includes("color-contrast")));
  await page.click('[data-action="contrast"]');
  await page.click('[data-text-size="0"]');
  await page.emulateMedia({ media: "print" });
  await check("print view");
  await page.emulateMedia({ media: "screen" });
  await page.goto(appUrl({ region: "370881" }));
  await page.click('[data-who="self"]');
  await page.waitForSelector('[data-group="expired"]');
  await check("expired results");
  await page.goto(appUrl({ region: "150104", mode: "kiosk", idle: "10" }));
  await page.waitForSelector('[data-mode="kiosk"] section.who');
  await check("kiosk");
  await page.waitForSelector('[role="alertdialog"]', { timeout: 15000 });
  await check("kiosk idle question");
  await page.goto(appUrl({ region: "150104", lang: "en" }));
  await page.click('[data-who="family"]');
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-group="eligible"]');
  await check("results in English");
  await page.goto(appUrl({ region: "150104", mode: "embed", theme: "c8102e" }));
  await page.waitForSelector('[data-mode="embed"] section.who');
  await check("embed");
  await context.close();
  return { found, screens };
}

await run(
  [
    [390, 844],
    [1080, 1920],
  ].map((size) => [
    `axe: 0 violations on every screen at ${size.join("×")}`,
    async () => {
      const { found, screens } = await flow(size);
      console.log(`        screens audited: ${screens.join(", ")}`);
      assert(found.length === 0, `${found.length} violation(s):\n        ${found.join("\n        ")}`);
    },
  ]),
).finally(() => browser.close());
