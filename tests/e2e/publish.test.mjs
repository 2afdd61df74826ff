// The catalogue published (issue 16): list/index.html and one page per
// region with a list, as a deployment serves them, with JavaScript off.
// Each page: every service with its amount and source clause, 0 axe
// violations (WCAG 2.0–2.2 A and AA) on screen, on a phone and in print,
// text of at least 18 px, nothing wider than the screen; printed on A4 it
// keeps to the paper's width at 11pt, hides the navigation, and its page
// breaks waste little paper. The export (catalogue.json) is there with its version,
// and the service worker precaches none of it.
import fs from "node:fs";
import path from "node:path";
import { launch, run, assert, APP_URL, ROOT, appUrl, answerAll } from "./lib.mjs";

const AXE_PATH = path.join(ROOT, ".tools/node_modules/axe-core/axe.min.js");
const axe = fs.readFileSync(AXE_PATH, "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
const browser = await launch();
const base = new URL("list/", APP_URL).toString();

/** axe's violations on the page as it is (put in through the DevTools protocol: the page runs no script). */
async function audit(page) {
  await page.evaluate(axe);
  const result = await page.evaluate(
    (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
    TAGS,
  );
  return result.violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n        ${v.nodes.map((n) => n.target.join(" ")).join("\n        ")}`);
}

function pdfPages(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
}

// The pages as a reader gets them: JavaScript off. axe itself needs
// JavaScript (its checks wait on timers, which never fire with it off), so
// it audits the same pages in a second context; the pages run no script of
// their own either way (their CSP allows none).
const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
const page = await context.newPage();
const auditContext = await browser.newContext({ viewport: { width: 390, height: 844 } });
const audited = await auditContext.newPage();
const errors = [];
for (const p of [page, audited]) p.on("console", (m) => m.type() === "error" && errors.push(`${p.url()}: ${m.text()}`));
const response = await page.goto(base + "index.html");
assert(response.ok(), `list/index.html: HTTP ${response.status()}`);
const codes = await page.$$eval("[data-region]", (els) => els.map((e) => e.getAttribute("data-region")));
const catalogue = await (await fetch(new URL("catalogue.json", APP_URL))).json();

const checks = [
  [
    "the index lists every region of catalogue.json, and catalogue.json has its version and schema",
    async () => {
      assert(catalogue.version === 1, `version ${catalogue.version}`);
      const want = catalogue.regions.map((r) => r.code).sort();
      assert(JSON.stringify([...codes].sort()) === JSON.stringify(want), `index ${codes} vs catalogue ${want}`);
      assert(codes.length >= 5, `only ${codes.length} regions`);
      const schema = await fetch(new URL("catalogue.schema.json", APP_URL));
      assert(schema.ok && (await schema.json()).$schema.includes("draft-07"), "catalogue.schema.json");
      assert((await page.title()).includes("养老服务清单"), await page.title());
    },
  ],
  [
    "the service worker precaches none of the published files",
    async () => {
      const sw = await (await fetch(new URL("sw.js", APP_URL))).text();
      const assets = sw.match(/const ASSETS = (\[[\s\S]*?\]);/);
      assert(assets, "no ASSETS in sw.js");
      const list = JSON.parse(assets[1]);
      const published = list.filter((a) => a.startsWith("/list/") || a.startsWith("/catalogue"));
      assert(published.length === 0, `precached: ${published}`);
    },
  ],
];

for (const name of ["index", ...codes]) {
  const region = catalogue.regions.find((r) => r.code === name);
  checks.push([
    `list/${name}.html: every service, its amount and clause; no script; 0 axe violations on a phone, a desktop and in print; A4`,
    async () => {
      const res = await page.goto(`${base}${name}.html`);
      assert(res.ok(), `HTTP ${res.status()}`);
      assert((await page.getAttribute("html", "lang")) === "zh-CN", "lang");
      assert((await page.$$("script")).length === 0, "a script on the page");
      const description = await page.getAttribute('meta[name="description"]', "content");
      assert(description && description.length > 20, "meta description");
      assert((await page.$$("h1")).length === 1, "one h1");
      if (region) {
        const text = await page.textContent("main");
        for (const s of region.services) {
          const section = await page.$(`[data-service="${s.id}"]`);
          assert(section, `no section for ${s.id}`);
          const inner = await section.textContent();
          for (const want of [s.name.zh, s.amount.gets.zh, s.source.clause.zh, s.who.zh]) {
            assert(inner.includes(want), `${s.id}: lacks "${want.slice(0, 60)}"`);
          }
          if (s.status === "ended") assert(inner.includes("已失效"), `${s.id} ended but not said so`);
        }
        assert(text.includes("政策文件"), "no documents section");
        // The pages' own relative links resolve.
        for (const href of await page.$$eval("a[href]", (as) => as.map((a) => a.href))) {
          if (!href.startsWith(new URL(APP_URL).origin) || href.includes("#")) continue;
          const r = await fetch(href);
          assert(r.ok, `${href}: HTTP ${r.status}`);
        }
      }
      // Text size and width on a phone.
      const small = await page.$$eval("main p, main li, main dd, main dt", (els) =>
        els.filter((e) => parseFloat(getComputedStyle(e).fontSize) < 18).length,
      );
      assert(small === 0, `${small} text elements under 18px`);
      const wide = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert(wide <= 0, `the page is ${wide}px wider than a 390px phone`);
      await audited.goto(`${base}${name}.html`);
      assert((await audited.$$("script")).length === 0, "a script on the page");
      let found = await audit(audited);
      assert(found.length === 0, `phone: ${found.join("\n      ")}`);
      await audited.setViewportSize({ width: 1280, height: 900 });
      found = await audit(audited);
      assert(found.length === 0, `desktop: ${found.join("\n      ")}`);
      // On paper: A4's printable area (210 × 297 mm less list.css's @page
      // margins, at 96 px an inch: 688 × 1010 px), no navigation, 11pt text.
      await audited.emulateMedia({ media: "print" });
      await audited.setViewportSize({ width: 688, height: 1010 });
      found = await audit(audited);
      assert(found.length === 0, `print: ${found.join("\n      ")}`);
      const printed = await audited.evaluate(() => ({
        width: document.documentElement.scrollWidth,
        height: document.documentElement.scrollHeight,
        nav: [...document.querySelectorAll(".top, .toc, .skip")].filter((e) => getComputedStyle(e).display !== "none").length,
        body: parseFloat(getComputedStyle(document.querySelector("main p")).fontSize),
      }));
      assert(printed.width <= 688, `printed ${printed.width}px wide, wider than A4's 688px`);
      assert(printed.nav === 0, "the navigation prints");
      assert(printed.body >= 13 && printed.body <= 16, `printed text at ${printed.body}px (11pt is 14.7px)`);
      // Page breaks waste little: at most a quarter more pages than the text fills.
      const pages = pdfPages(await audited.pdf({ format: "A4", printBackground: false }));
      const filled = Math.ceil(printed.height / 1010);
      const most = Math.ceil(filled * 1.25);
      assert(pages >= 1 && pages <= most, `${pages} A4 pages for ${filled} pages of text (at most ${most})`);
      const services = region ? region.services.length : 0;
      console.log(`        list/${name}.html: ${services} services, ${pages} A4 page(s) for ${filled} of text`);
      await audited.emulateMedia({ media: "screen" });
      await audited.setViewportSize({ width: 390, height: 844 });
    },
  ]);
}

checks.push([
  "the checker's results link to the region's list (本地区全部服务清单), and the link opens it",
  async () => {
    const app = await auditContext.newPage();
    // 定西市: every service has ended, so the results come at once.
    await app.goto(appUrl({ region: "621100" }));
    await app.click('[data-who="family"]');
    await answerAll(app, {});
    const link = await app.waitForSelector('[data-action="full-list"]');
    assert((await link.textContent()).includes("本地区全部服务清单"), await link.textContent());
    const href = await link.evaluate((a) => a.href);
    assert(href === new URL("list/621100.html", APP_URL).toString(), href);
    await link.click();
    await app.waitForSelector("h1");
    assert((await app.textContent("h1")).includes("定西市"), await app.textContent("h1"));
    await app.close();
  },
]);

checks.push([
  "no console errors (the CSP refused nothing)",
  async () => assert(errors.length === 0, errors.join("\n")),
]);

await run(checks);
