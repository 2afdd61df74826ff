// The results and the questionnaire as a family meets them on a 390×844 phone
// (issue 12): the 延津 daughter's results fit in a few screens and print on
// at most two A4 pages; a double tap answers one question; Back and a reload
// keep the place; 定西's ended list shows no 可以得到; a birth year and month
// in the age box is read as such; embed mode keeps the text-size switch.
import { launch, appUrl, answerAll, run, assert, display, until } from "./lib.mjs";

const browser = await launch();
const PHONE = { width: 390, height: 844 };

/** The 延津 daughter's mother: 82, 低保, 中度失能, lives alone; the rest 不知道. */
const YANJIN_MOTHER = { age: "82", economic: "dibao", ability: "moderate", living: "alone" };

async function phone(params, textSize) {
  const context = await browser.newContext({ viewport: PHONE });
  const page = await context.newPage();
  await page.goto(appUrl(params));
  await page.waitForSelector("section.who, section.picker");
  if (textSize) await display(page, `[data-text-size="${textSize}"]`);
  return { context, page };
}

async function yanjinResults(textSize) {
  const { context, page } = await phone({ region: "410726" }, textSize);
  await page.click('[data-who="family"]');
  await answerAll(page, YANJIN_MOTHER);
  await page.waitForSelector('[data-group="eligible"]');
  return { context, page };
}

/** How many phone screens the page is, with every line's details closed. */
async function screensTall(page) {
  const { height, open } = await page.evaluate(() => ({
    height: document.documentElement.scrollHeight,
    open: document.querySelectorAll("details.line[open]").length,
  }));
  assert(open === 0, `${open} line(s) open by default`);
  return height / PHONE.height;
}

/** The number of pages of a PDF (each page object has /Type /Page). */
function pdfPages(pdf) {
  return (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
}

await run([
  [
    "the 延津 daughter's results fit in 5 phone screens at standard text and 10 at 特大",
    async () => {
      for (const [size, most] of [[null, 5], ["2", 10]]) {
        const { context, page } = await yanjinResults(size);
        const screens = await screensTall(page);
        console.log(`        text size ${size || "0"}: ${screens.toFixed(2)} screens of 844 px`);
        assert(screens <= most, `${screens.toFixed(2)} screens at text size ${size || 0}, more than ${most}`);
        // The first screen already says what she can claim, and offers print, phone and answers.
        const first = await page.evaluate(() => {
          const inView = (sel) => {
            const el = document.querySelector(sel);
            return !!el && el.getBoundingClientRect().top < window.innerHeight;
          };
          return ["[data-action='print']", "[data-action='to-phone']", "[data-action='to-answers']", "[data-group='eligible'] details.line"].filter((s) => !inView(s));
        });
        assert(first.length === 0, `not on the first screen at text size ${size || 0}: ${first}`);
        await context.close();
      }
    },
  ],
  [
    "her default print-out is at most 2 A4 pages; the full details print on more",
    async () => {
      const { context, page } = await yanjinResults();
      await page.emulateMedia({ media: "print" });
      const summary = pdfPages(await page.pdf({ format: "A4", printBackground: false }));
      // The "打印全部详情" button opens every line before printing; the same, by hand here.
      await page.evaluate(() => {
        document.querySelectorAll("details.line").forEach((d) => (d.open = true));
        document.documentElement.dataset.print = "full";
      });
      // Each line's details are made as it opens.
      await until(page, () => [...document.querySelectorAll("details.line")].every((d) => d.querySelector("dl.facts")), null);
      const full = pdfPages(await page.pdf({ format: "A4", printBackground: false }));
      console.log(`        summary print: ${summary} page(s); every detail: ${full} page(s)`);
      assert(summary >= 1 && summary <= 2, `the summary print-out is ${summary} pages`);
      assert(full > summary, `the full print (${full}) is not longer than the summary (${summary})`);
      await context.close();
    },
  ],
  [
    "打印全部详情 prints every line with its details made and open, then closes them again",
    async () => {
      const { context, page } = await yanjinResults();
      // A line's details are made when it is first opened: none are yet.
      const lines = await page.$$eval("details.line", (l) => l.length);
      assert((await page.$$eval("details.line > .line__details > dl.facts", (l) => l.length)) < lines, "every line's details were made before any was opened");
      await page.evaluate(() => {
        window.__printed = null;
        window.print = () => {
          window.__printed = {
            open: document.querySelectorAll("details.line[open]").length,
            made: document.querySelectorAll("details.line > .line__details > dl.facts").length,
            how: document.querySelectorAll("details.line details.how").length,
            mode: document.documentElement.dataset.print,
          };
        };
      });
      await page.click('[data-action="print-full"]');
      await until(page, () => window.__printed !== null, null);
      const printed = await page.evaluate(() => window.__printed);
      assert(printed.open === lines && printed.made === lines && printed.how === lines && printed.mode === "full", `at print: ${JSON.stringify(printed)} of ${lines} lines`);
      assert((await page.$$eval("details.line[open]", (l) => l.length)) === 0, "the lines stayed open after printing");
      await context.close();
    },
  ],
  [
    "a double tap answers one question",
    async () => {
      const { context, page } = await phone({ region: "150104" });
      await page.click('[data-who="family"]');
      await page.waitForSelector('section.question[data-fact="age"]');
      await page.fill("#age", "72");
      await page.click('[data-action="next"]');
      const first = await page.waitForSelector("section.question[data-ready]:not([data-fact='age'])");
      const fact = await first.getAttribute("data-fact");
      // Two taps 120 ms apart on the 不知道 button: the first answers this
      // question; the second lands on the next one before anyone could read it.
      const box = await (await page.$("section.question [data-answer='unknown']")).boundingBox();
      const x = box.x + box.width / 2;
      const y = box.y + box.height / 2;
      await page.mouse.click(x, y);
      await new Promise((r) => setTimeout(r, 120));
      await page.mouse.click(x, y);
      await until(page, (f) => !document.querySelector(`section.question[data-fact="${f}"]`), fact);
      await new Promise((r) => setTimeout(r, 500));
      const hash = decodeURIComponent(new URL(page.url()).hash);
      const answered = (hash.split(".")[5] || "").split("~").filter(Boolean);
      assert(answered.length === 2, `two taps answered ${answered.length - 1} question(s): ${answered}`);
      await context.close();
    },
  ],
  [
    "the browser's Back returns to the previous question, Forward comes back, and a reload keeps the place",
    async () => {
      const { context, page } = await phone({ region: "150104" });
      await page.click('[data-who="family"]');
      await page.waitForSelector('section.question[data-fact="age"]');
      await page.fill("#age", "72");
      await page.click('[data-action="next"]');
      const q2 = await (await page.waitForSelector("section.question[data-ready]:not([data-fact='age'])")).getAttribute("data-fact");
      await page.click("section.question [data-answer='unknown']");
      const q3 = await (await page.waitForSelector(`section.question[data-ready]:not([data-fact='age']):not([data-fact='${q2}'])`)).getAttribute("data-fact");
      await page.goBack();
      await page.waitForSelector(`section.question[data-fact="${q2}"] [data-answer="unknown"][aria-pressed="true"]`);
      await page.goBack();
      await page.waitForSelector('section.question[data-fact="age"]');
      assert((await page.inputValue("#age")) === "72", "the age typed before is kept");
      await page.goForward();
      await page.waitForSelector(`section.question[data-fact="${q2}"]`);
      await page.goForward();
      await page.waitForSelector(`section.question[data-fact="${q3}"]`);
      // A reload mid-way: the same question, the answers before it kept
      // (the answer to the question before it is in the address).
      await page.reload();
      await page.waitForSelector(`section.question[data-fact="${q3}"]`);
      assert(decodeURIComponent(page.url()).includes(`${q2}=x`), page.url());
      await page.goBack();
      await page.waitForSelector(`section.question[data-fact="${q2}"]`);
      // Back from the first question goes to "who", not the region picker.
      await page.goBack();
      await page.waitForSelector('section.question[data-fact="age"]');
      await page.goBack();
      await page.waitForSelector("section.who");
      // Nothing of it in storage: the place is in the address only.
      const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
      assert(stored === 0, `${stored} item(s) in storage`);
      await context.close();
    },
  ],
  [
    "on a kiosk a reload starts afresh and nothing in the address holds an answer",
    async () => {
      const { context, page } = await phone({ region: "150104", mode: "kiosk" });
      await page.click('[data-who="family"]');
      await page.waitForSelector('section.question[data-fact="age"]');
      await page.fill("#age", "72");
      await page.click('[data-action="next"]');
      await page.waitForSelector("section.question[data-ready]:not([data-fact='age'])");
      // The fragment is only the kiosk's session number and the screen's
      // place in it (a random number may contain "72"), the query only settings.
      const url = new URL(page.url());
      assert(/^#k\d+\.\d+$/.test(url.hash), `the kiosk's fragment holds more than its place: ${page.url()}`);
      assert(!url.search.includes("72") && !url.search.includes("age"), `the kiosk's address holds an answer: ${page.url()}`);
      await page.goBack();
      await page.waitForSelector('section.question[data-fact="age"]');
      await page.reload();
      await page.waitForSelector("section.who");
      assert(!(await page.$("section.question")), "a kiosk reload kept the check");
      await context.close();
    },
  ],
  [
    "定西 today: no 可以得到, no encoding notes, the end date and the office to ask",
    async () => {
      const { context, page } = await phone({ region: "621100" });
      await page.click('[data-who="family"]');
      await answerAll(page, {});
      const notice = await page.waitForSelector("[data-ended]");
      const words = await notice.textContent();
      assert(words.includes("2023年12月31日") && words.includes("民政局"), words);
      const text = await page.textContent("section.results");
      for (const never of ["可以得到", "所录文本", "未载明", "（一般需要）", "文件未写申请步骤"]) {
        assert(!text.includes(never), `定西's results say ${never}`);
      }
      assert(!(await page.$('[data-group="eligible"]')), "an ended policy under 可以申请");
      await context.close();
    },
  ],
  [
    "“1944年3月” in the age box is read as a birth date, and 1944 alone asks about the birthday",
    async () => {
      const { context, page } = await phone({ region: "150104" });
      await page.click('[data-who="family"]');
      await page.waitForSelector('section.question[data-fact="age"]');
      await page.fill("#age", "1944年3月");
      await page.click('[data-action="next"]');
      // Born in March, and the check date is in November: 82, nothing more to ask.
      await page.waitForSelector("section.question[data-ready]:not([data-fact='age'])");
      assert(decodeURIComponent(page.url()).includes("age=82"), page.url());
      await page.click('[data-action="back"]');
      await page.waitForSelector('section.question[data-fact="age"]');
      await page.fill("#age", "1944");
      await page.click('[data-action="next"]');
      const passed = await page.waitForSelector('[data-birthday="passed"]');
      assert((await passed.textContent()).includes("82"), await passed.textContent());
      assert(!(await page.$("#age-error")), "a year was called a mistake");
      await context.close();
    },
  ],
  [
    "embed mode keeps the text-size and contrast switches",
    async () => {
      const { context, page } = await phone({ region: "150104", mode: "embed" });
      assert(!(await page.$("header.header")), "embed mode shows the page header");
      await display(page, '[data-text-size="2"]');
      await page.waitForSelector(".app--text-2");
      await display(page, '[data-action="contrast"]');
      await page.waitForSelector(".app--contrast");
      await context.close();
    },
  ],
]).finally(() => browser.close());
