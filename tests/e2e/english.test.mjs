// With ?lang=en, each of the five regions is walked to its results, every
// line and every 怎么算的 / How this was decided is opened, and the page is
// read for Chinese (issue 14): none may stand outside an element marked
// lang="zh-CN"; what is marked is either a proper name beside its English or
// the clause's own words quoted in a blockquote (or q). The interface, the
// reasons and the service texts are English.
import { launch, appUrl, answerAll, run, assert, until } from "./lib.mjs";

const browser = await launch();

/** Who walks each region: enough answers that most lines have reasons. */
const WALKS = [
  ["150104", { age: "72", lives_in_region: "yes", living: "alone", ability: "moderate", ltc_insurance: "no", institution_subsidy: "no" }],
  ["410726", { age: "82", economic: "dibao", ability: "moderate", living: "alone" }],
  ["140105", { age: "85", lives_in_region: "yes", economic: "none", ability: "severe" }],
  ["370881", { age: "91", economic: "dibao" }],
  ["621102", { age: "75" }],
];

/** In the page: every text run with Chinese, where it sits. */
function chineseRuns() {
  const cjk = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/;
  const out = [];
  const walker = document.createTreeWalker(document.querySelector(".app"), NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!cjk.test(text)) continue;
    const el = node.parentElement;
    if (el.closest("[hidden]") || el.closest(".visually-hidden")) continue;
    const marked = el.closest("[lang]");
    const quoted = !!el.closest("blockquote, q");
    // A proper name beside its English: its element's parent also holds Latin text.
    const around = (el.parentElement || el).textContent.replace(text, "");
    out.push({
      text: text.trim().slice(0, 80),
      lang: marked ? marked.getAttribute("lang") : null,
      quoted,
      beside: /[A-Za-z]{2}/.test(around),
      where: el.closest("[data-service], [data-how], section, header, footer")?.className || el.tagName,
    });
  }
  return out;
}

await run([
  [
    "in English every region reads in English: Chinese only marked, beside its English or quoted",
    async () => {
      let opened = 0;
      for (const [region, profile] of WALKS) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        await page.goto(appUrl({ region, lang: "en" }));
        await page.waitForSelector("section.who");
        await page.click('[data-who="family"]');
        await answerAll(page, profile);
        await page.waitForSelector("section.results");
        // Open everything: the folded groups, every line, every 怎么算的, the answers.
        // (A line's details are made when it is opened: its 怎么算的 comes then.)
        const openAll = () =>
          page.evaluate(() => {
            let n = 0;
            for (const d of document.querySelectorAll("details")) {
              d.open = true;
              if (d.matches("[data-how]")) n += 1;
            }
            return n;
          });
        await openAll();
        await until(page, () => document.querySelectorAll("details.line").length === document.querySelectorAll("details[data-how]").length, null);
        opened += await openAll();
        const lines = await page.$$eval("details.line", (l) => l.length);
        const hows = await page.$$eval("details[data-how]", (l) => l.length);
        assert(hows === lines, `${region}: ${hows} 怎么算的 for ${lines} lines`);
        const runs = await page.evaluate(chineseRuns);
        const unmarked = runs.filter((r) => r.lang !== "zh-CN");
        assert(unmarked.length === 0, `${region}: Chinese not marked zh-CN: ${JSON.stringify(unmarked.slice(0, 5))}`);
        const alone = runs.filter((r) => !r.quoted && !r.beside);
        assert(alone.length === 0, `${region}: Chinese standing alone, not beside its English: ${JSON.stringify(alone.slice(0, 5))}`);
        // Every 怎么算的 shows its clause's words in a blockquote, and the condition in English.
        const hows_ok = await page.$$eval("details[data-how]", (list) =>
          list.every((d) => d.querySelector("blockquote[lang='zh-CN']") && /[A-Za-z]/.test(d.querySelector(".how__condition").textContent)),
        );
        assert(hows_ok, `${region}: a 怎么算的 without its quote or an English condition`);
        await context.close();
      }
      console.log(`        ${opened} 怎么算的 opened in five regions`);
    },
  ],
]);
