// Sizes for older eyes and hands (issue 6, ../shared/PLAIN-LANGUAGE.md): on the
// start page, the question and results screens, at both sizes, every visible text is at least
// 18 px with line height at least 1.3, every control at least 44 × 44 px, and
// the main answer buttons at least 60 px tall.
import { launch, appUrl, answerAll, run, assert, YUQUAN_72, until, display, YANJIN_66 } from "./lib.mjs";

const browser = await launch();

/** Offenders on the page as it is now, one line each. */
function measure(page) {
  return page.evaluate(() => {
    const bad = [];
    const name = (el) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = el.classList.length ? "." + [...el.classList].join(".") : "";
      const data = [...el.attributes].filter((a) => a.name.startsWith("data-")).map((a) => `[${a.name}="${a.value}"]`).join("");
      return `${el.tagName.toLowerCase()}${id}${cls}${data} "${(el.textContent || el.value || "").trim().slice(0, 24)}"`;
    };
    const visible = (el) => {
      const r = el.getBoundingClientRect();
      const s = getComputedStyle(el);
      return r.width > 1 && r.height > 1 && s.visibility !== "hidden" && s.display !== "none" && !el.closest("[aria-hidden=true]") && !el.closest(".visually-hidden");
    };
    // Text: every element with its own text.
    const walker = document.createTreeWalker(document.querySelector(".app") || document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set();
    while (walker.nextNode()) {
      const node = walker.currentNode;
      if (!node.textContent.trim()) continue;
      const el = node.parentElement;
      if (seen.has(el) || !visible(el)) continue;
      seen.add(el);
      const s = getComputedStyle(el);
      const size = parseFloat(s.fontSize);
      if (size < 18) bad.push(`text ${size}px < 18px: ${name(el)}`);
      const lh = s.lineHeight === "normal" ? size * 1.2 : parseFloat(s.lineHeight);
      if (lh / size < 1.299) bad.push(`line height ${(lh / size).toFixed(2)} < 1.3: ${name(el)}`);
    }
    // Targets.
    for (const el of document.querySelectorAll("button, a[href], input, select, summary")) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 44 || r.height < 44) bad.push(`target ${Math.round(r.width)}×${Math.round(r.height)} < 44×44: ${name(el)}`);
    }
    for (const el of document.querySelectorAll(".choice, [data-action='next']")) {
      if (!visible(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.height < 60) bad.push(`main button ${Math.round(r.height)}px tall < 60: ${name(el)}`);
    }
    // Nothing wider than the screen (no sideways scrolling).
    if (document.documentElement.scrollWidth > window.innerWidth + 1) {
      const wide = [...document.querySelectorAll("body *")].filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1);
      bad.push(`page ${document.documentElement.scrollWidth}px wide in a ${window.innerWidth}px window: ${wide.slice(0, 3).map(name).join(", ")}`);
    }
    return bad;
  });
}

async function screens([w, h]) {
  const context = await browser.newContext({ viewport: { width: w, height: h } });
  const page = await context.newPage();
  const bad = [];
  const check = async (screen) => bad.push(...(await measure(page)).map((b) => `${screen} ${w}x${h}: ${b}`));
  // The start page, the picker with its search box, at the standard and the largest text.
  await page.goto(appUrl());
  await page.waitForSelector("#place-search");
  await check("start page");
  await display(page, '[data-text-size="2"]');
  await page.waitForSelector(".app--text-2");
  await check("start page, largest text");
  await display(page, '[data-text-size="0"]');
  await page.waitForSelector(".app--text-0");
  await page.goto(appUrl({ region: "150104" }));
  await page.click('[data-who="family"]');
  await page.waitForSelector('section.question[data-fact="age"]');
  await check("age question");
  await page.fill("#age", "abc");
  await page.click('[data-action="next"]');
  await page.waitForSelector("#age-error");
  await check("age question, error shown");
  await page.click('[data-action="age-mode"]');
  await until(page, () => !document.querySelector("#age"));
  await check("age question, birth date");
  await page.click('[data-action="age-mode"]');
  await page.waitForSelector("#age");
  await page.fill("#age", "72");
  await page.click('[data-action="next"]');
  await until(page, () => !document.querySelector('section.question[data-fact="age"]'));
  await page.waitForSelector("section.question[data-ready]:not([data-fact=\"age\"]) [data-answer]");
  await check("choice question");
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-group="eligible"]');
  await check("results");
  // The collapsed 其他 group, opened: 玉泉区's results have none for this
  // person (both its services are open to them), 延津县's have one.
  await page.goto(appUrl({ region: "410726" }));
  await page.click('[data-who="family"]');
  await answerAll(page, YANJIN_66);
  const other = await page.waitForSelector('[data-group="other"] summary');
  await other.click();
  await page.waitForSelector('[data-group="other"] details[open] [data-service]');
  await check("results, 其他 opened (延津县)");
  // The English interface, with its longer words.
  await page.goto(appUrl({ region: "150104", lang: "en" }));
  await page.click('[data-who="family"]');
  await page.waitForSelector('section.question[data-fact="age"]');
  await check("age question in English");
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-group="eligible"]');
  await check("results in English");
  await display(page, '[data-text-size="2"]');
  await check("results in English, largest text");
  await display(page, '[data-action="language"]');
  await page.waitForSelector('.app[lang="zh-CN"]');
  await check("results, largest text");
  await context.close();
  return bad;
}

/** The body text size at each step of the 字号 switch. */
async function textSteps() {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(appUrl({ region: "150104" }));
  await page.waitForSelector("section.who");
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector("main")).fontSize));
  const sizes = [];
  for (const step of ["0", "1", "2"]) {
    await display(page, `[data-text-size="${step}"]`);
    await page.waitForSelector(`.app--text-${step}`);
    sizes.push(await size());
  }
  await context.close();
  return sizes;
}

/**
 * Every question's first answer is on the first screen of a 390×844 phone,
 * without scrolling, at each text size and in both languages (issue 12): the
 * age box, or the first answer button. Walks every question 山西省 and 玉泉区 ask.
 */
async function firstAnswersInView() {
  const bad = [];
  for (const lang of ["zh", "en"]) {
    for (const size of ["0", "1", "2"]) {
      for (const region of ["140000", "150104"]) {
        const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
        const page = await context.newPage();
        await page.goto(appUrl(lang === "en" ? { region, lang } : { region }));
        await page.waitForSelector("section.who");
        await display(page, `[data-text-size="${size}"]`);
        await page.click('[data-who="family"]');
        for (let n = 0; n < 16; n++) {
          const el = await page.waitForSelector("section.question[data-ready], section.results");
          const fact = await el.getAttribute("data-fact");
          if (!fact) break;
          const bottom = await page.evaluate(() => {
            const first = document.querySelector("section.question #age, section.question .choice");
            return first.getBoundingClientRect().bottom + window.scrollY;
          });
          if (bottom > 844) bad.push(`${region} ${lang} text size ${size}: the first answer to ${fact} ends at y = ${Math.round(bottom)}`);
          if (fact === "age") {
            await page.fill("#age", "75");
            await page.click('[data-action="next"]');
          } else {
            await page.click('section.question [data-answer="unknown"]');
          }
          await until(page, (f) => !document.querySelector(`section.question[data-fact="${f}"]`), fact);
        }
        await context.close();
      }
    }
  }
  return bad;
}

const fold = [
  "every question's first answer is on the first screen at 390×844, at every text size, in both languages",
  async () => {
    const bad = await firstAnswersInView();
    assert(bad.length === 0, `${bad.length} problem(s):\n        ${bad.join("\n        ")}`);
  },
];

const steps = [
  "three text sizes: 20 px, ×1.25, ×1.5",
  async () => {
    const [a, b, c] = await textSteps();
    assert(a >= 18, `standard text is ${a}px`);
    assert(Math.abs(b / a - 1.25) < 0.02 && Math.abs(c / a - 1.5) < 0.02, `sizes ${a}, ${b}, ${c}`);
  },
];

const systemPreferences = [
  "the system's 'more contrast' gives the high-contrast colours; 'reduce motion' leaves nothing moving",
  async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, reducedMotion: "reduce" });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await page.goto(appUrl({ region: "150104" }));
    await page.waitForSelector("section.who");
    const before = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await cdp.send("Emulation.setEmulatedMedia", { features: [{ name: "prefers-contrast", value: "more" }] });
    const after = await page.evaluate(() => ({
      page: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector(".hint")).color,
    }));
    assert(before !== after.page && after.page === "rgb(255, 255, 255)", `page ${before} → ${after.page}`);
    assert(after.text === "rgb(26, 26, 26)", `muted text under more contrast: ${after.text}`);
    const moving = await page.evaluate(() =>
      [...document.querySelectorAll("*")].filter((el) => {
        const s = getComputedStyle(el);
        return (s.animationName !== "none" && parseFloat(s.animationDuration) > 0) || parseFloat(s.transitionDuration) > 0;
      }).length,
    );
    assert(moving === 0, `${moving} element(s) animate under reduced motion`);
    await context.close();
  },
];

await run(
  [steps, systemPreferences, fold].concat([
    [360, 740],
    [390, 844],
    [1080, 1920],
  ].map((size) => [
    `text ≥ 18 px, line height ≥ 1.3, targets ≥ 44 px, main buttons ≥ 60 px at ${size.join("×")}`,
    async () => {
      const bad = await screens(size);
      assert(bad.length === 0, `${bad.length} problem(s):\n        ${bad.slice(0, 40).join("\n        ")}`);
    },
  ])),
).finally(() => browser.close());
