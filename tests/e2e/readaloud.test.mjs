// 朗读 (issue 6): with a Chinese voice the switch reads each question and the
// results; with none it does not appear. Headless Chromium has no voices, so
// the first check gives the page a stand-in speechSynthesis that records what
// it is asked to say (the app's own code, unchanged, drives it).
import { launch, appUrl, answerAll, run, assert, YUQUAN_72 } from "./lib.mjs";

const browser = await launch();

const fakeVoice = () => {
  const spoken = [];
  const synth = new EventTarget();
  const voice = Object.create(SpeechSynthesisVoice.prototype);
  Object.defineProperty(voice, "lang", { value: "zh-CN" });
  Object.defineProperty(voice, "name", { value: "stand-in" });
  synth.getVoices = () => [voice];
  synth.speak = (u) => {
    spoken.push({ text: u.text, lang: u.lang });
    setTimeout(() => u.dispatchEvent(new Event("end")), 20);
  };
  synth.cancel = () => {};
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.__spoken = spoken;
};

await run([
  [
    "with a Chinese voice: reads each new screen while on, and stops when off",
    async () => {
      const context = await browser.newContext();
      await context.addInitScript(fakeVoice);
      const page = await context.newPage();
      await page.goto(appUrl({ region: "150104" }));
      await page.waitForSelector("section.who");
      await page.click('[data-action="read-aloud"]');
      // Polled from here: the page's CSP refuses the string evaluation waitForFunction can use.
      const until = async (test, what) => {
        for (let i = 0; i < 100; i++) {
          const spoken = await page.evaluate(() => window.__spoken);
          if (test(spoken)) return spoken;
          await page.waitForTimeout(50);
        }
        throw new Error(`never said ${what}: ${JSON.stringify(await page.evaluate(() => window.__spoken))}`);
      };
      const said = (n) => until((s) => s.length >= n, `${n} things`);
      let spoken = await said(1);
      assert(spoken[0].text.includes("您是在为谁查询") && spoken[0].lang === "zh-CN", JSON.stringify(spoken[0]));
      await page.click('[data-who="family"]');
      spoken = await said(2);
      assert(spoken[1].text.includes("老人今年多少周岁") && spoken[1].text.includes("不知道"), spoken[1].text);
      await answerAll(page, YUQUAN_72);
      await page.waitForSelector('[data-group="eligible"]');
      await until((all) => all.some((s) => s.text.includes("可以申请") && s.text.includes("政府购买居家上门服务")), "the results");
      // 怎么算的, opened, is read from the same words it shows.
      await page.click('[data-service="yuquan-home-care"] summary.line__summary');
      await page.click('[data-service="yuquan-home-care"] details.how summary');
      spoken = await until((all) => all.some((s) => s.text.includes("怎么算的")), "怎么算的");
      const how = spoken.find((s) => s.text.includes("怎么算的")).text;
      assert(how.includes("条件") && how.includes("依据") && how.includes("原文"), how);
      // Off: nothing more is read.
      await page.click('[data-action="read-aloud"]');
      const count = (await page.evaluate(() => window.__spoken.length));
      await page.click('[data-action="restart"]');
      await page.waitForSelector("section.who");
      await page.waitForTimeout(300);
      assert((await page.evaluate(() => window.__spoken.length)) === count, "it kept reading after being switched off");
      await context.close();
    },
  ],
  [
    "停止 stops the voice mid-sentence and goes away",
    async () => {
      const context = await browser.newContext();
      // A voice that speaks until cancelled; cancelling fires "error" (interrupted), as Chromium does.
      await context.addInitScript(() => {
        const synth = new EventTarget();
        const voice = Object.create(SpeechSynthesisVoice.prototype);
        Object.defineProperty(voice, "lang", { value: "zh-CN" });
        let current = null;
        window.__cancels = 0;
        synth.getVoices = () => [voice];
        synth.speak = (u) => {
          current = u;
        };
        synth.cancel = () => {
          window.__cancels += 1;
          const u = current;
          current = null;
          if (u) setTimeout(() => u.dispatchEvent(new Event("error")), 0);
        };
        Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
      });
      const page = await context.newPage();
      await page.goto(appUrl({ region: "150104" }));
      await page.waitForSelector("section.who");
      await page.click('[data-action="read-aloud"]');
      await page.waitForSelector('[data-action="stop-reading"]');
      const before = await page.evaluate(() => window.__cancels);
      await page.click('[data-action="stop-reading"]');
      await page.waitForSelector('[data-action="stop-reading"]', { state: "detached", timeout: 2000 });
      assert((await page.evaluate(() => window.__cancels)) > before, "停止 did not cancel the speech");
      await context.close();
    },
  ],
  [
    "without a Chinese voice the switch does not appear",
    async () => {
      const page = await browser.newPage();
      await page.goto(appUrl({ region: "150104" }));
      await page.waitForSelector("section.who");
      await page.waitForTimeout(500);
      assert((await page.$('[data-action="read-aloud"]')) === null, "a read-aloud switch without a voice");
      await page.close();
    },
  ],
]).finally(() => browser.close());
