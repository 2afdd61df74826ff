// Speed report (not a test: timings vary with the machine). A cheap phone on
// a weak network, emulated: CPU 4× slower, 1.6 Mbit/s down, 750 kbit/s up,
// 150 ms round trip (Lighthouse's "slow 4G"), cache empty. Prints the time to
// the first screen, each question step, and the results, per region.
//   ./scripts/e2e.sh --script tests/e2e/speed.mjs
import { launch, appUrl, YUQUAN_72, until } from "./lib.mjs";

const browser = await launch();
const profiles = {
  "150104": YUQUAN_72,
  "410726": { age: "72", lives_in_region: "yes", economic: "none", ability: "moderate", living: "alone" },
  "140000": { age: "81", lives_in_region: "yes", economic: "dibao", ability: "severe", living: "alone" },
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];
for (const [region, profile] of Object.entries(profiles)) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  if (process.env.NO_NETWORK_LIMIT !== "1") await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: Number(process.env.CPU_RATE || 4) });
  const t0 = Date.now();
  await page.goto(appUrl({ region }));
  await page.waitForSelector("section.who");
  const load = Date.now() - t0;
  const steps = [];
  let t = Date.now();
  await page.click('[data-who="family"]');
  for (;;) {
    const el = await page.waitForSelector("section.question, section.results");
    const fact = await el.getAttribute("data-fact");
    steps.push(Date.now() - t);
    if (!fact) break;
    const value = profile[fact] ?? "unknown";
    t = Date.now();
    if (fact === "age") {
      await page.fill("#age", value);
      t = Date.now();
      await page.click('[data-action="next"]');
    } else {
      await page.click(`section.question [data-answer="${value}"]`);
    }
    await until(page, (f) => !document.querySelector(`section.question[data-fact="${f}"]`), fact);
  }
  const results = steps[steps.length - 1];
  const questions = steps.slice(0, -1);
  rows.push(
    `| ${region} | ${load} ms | ${questions.length} | ${median(questions)} ms | ${Math.max(...questions)} ms | ${results} ms |`,
  );
  await context.close();
}
await browser.close();
console.log("| region | first screen (cold) | questions | median step | slowest step | to results |");
console.log("|---|---|---|---|---|---|");
console.log(rows.join("\n"));
