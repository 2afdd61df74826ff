// The speed report's measuring half (bench/speed/run.sh builds and serves the
// two apps, then runs this). Not a test: it prints what it measured.
//
//   node bench/speed/report.mjs --app URL --empty URL --app-dist DIR --empty-dist DIR \
//        [--out target/speed/report.json] [--runs 3] [--step-runs 3] [--skip-lighthouse] [--skip-steps]
//
// 1. Lighthouse (mobile, default simulated throttling: slow 4G, CPU 4×), paired
//    runs app, empty, app, empty, …: FCP, LCP, TTI, TBT, score, bytes transferred.
// 2. In-page step timing with playwright-core at CPU 4× and 1×: for each click
//    that moves the checker on, the time from the click to the next painted
//    frame, measured inside the page (the driver only reads the numbers).
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { chromium, ROOT, DATE, YUQUAN_72 } from "../../tests/e2e/lib.mjs";

const CHROME = process.env.CHROME_PATH || "/usr/bin/chromium";
const CHROME_FLAGS = [
  "--headless=new",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function parseArgs(argv) {
  const o = { out: path.join(ROOT, "target/speed/report.json"), runs: 3, stepRuns: 3, appPath: "/" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === "--app") o.app = next();
    else if (a === "--empty") o.empty = next();
    else if (a === "--app-dist") o.appDist = next();
    else if (a === "--empty-dist") o.emptyDist = next();
    else if (a === "--out") o.out = next();
    else if (a === "--runs") o.runs = Number(next());
    else if (a === "--step-runs") o.stepRuns = Number(next());
    else if (a === "--app-path") o.appPath = next();
    else if (a === "--skip-lighthouse") o.skipLighthouse = true;
    else if (a === "--skip-steps") o.skipSteps = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!o.app || !o.empty) throw new Error("--app URL and --empty URL are needed");
  return o;
}
const opts = parseArgs(process.argv.slice(2));
const log = (...a) => console.error("speed:", ...a);

// ---------- small statistics and formatting ----------
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  if (!xs.length) return NaN;
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
function pct(xs, p) {
  if (!xs.length) return NaN;
  const s = sorted(xs);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
const int = (x) => Math.round(x).toLocaleString("en-US");
const ms = (x) => (Number.isFinite(x) ? `${int(x)} ms` : "–");
const range = (xs, f) => {
  const v = xs.filter(Number.isFinite);
  if (!v.length) return "–";
  const lo = Math.min(...v);
  const hi = Math.max(...v);
  return lo === hi ? f(lo) : `${f(lo).replace(/ .*$/, "")}–${f(hi)}`;
};
const kib = (b) => `${(b / 1024).toFixed(1)} KiB`;

// ---------- the gzipped wasm ----------
function wasmSize(dist) {
  if (!dist) return null;
  const file = fs.readdirSync(dist).find((f) => f.endsWith("_bg.wasm"));
  if (!file) return null;
  const raw = fs.readFileSync(path.join(dist, file));
  return {
    file,
    raw: raw.length,
    gzip6: zlib.gzipSync(raw, { level: 6 }).length, // what bench/speed/serve-gzip.py sends
    gzip9: zlib.gzipSync(raw, { level: 9 }).length, // what scripts/size-report.sh counts
  };
}

// ---------- 1. Lighthouse ----------
const LH_CLI = path.join(ROOT, ".tools/node_modules/lighthouse/cli/index.js");
// Read only when Lighthouse runs: --skip-lighthouse needs no install of it.
const lhVersion = opts.skipLighthouse
  ? null
  : JSON.parse(fs.readFileSync(path.join(ROOT, ".tools/node_modules/lighthouse/package.json"))).version;

// Stopped (bench/speed/run.sh's trap sends TERM): Lighthouse gets the SIGINT
// it handles (it closes its Chrome), the step-timing browser is closed.
let child = null;
let browser = null;
for (const sig of ["SIGTERM", "SIGINT"]) {
  process.on(sig, async () => {
    if (child) child.kill("SIGINT");
    if (browser) await browser.close().catch(() => {});
    process.exit(130);
  });
}

function runLighthouse(args) {
  return new Promise((resolve) => {
    let stderr = "";
    child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: CHROME }, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-4000)));
    const timer = setTimeout(() => child.kill("SIGINT"), 180_000);
    child.on("close", (status) => {
      clearTimeout(timer);
      child = null;
      resolve({ status, stderr });
    });
  });
}

async function lighthouse(url, label, i) {
  const dir = path.join(path.dirname(opts.out), "lighthouse");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${label}-${i + 1}.json`);
  fs.rmSync(file, { force: true });
  const t0 = Date.now();
  const r = await runLighthouse([
    LH_CLI,
    url,
    "--output=json",
    `--output-path=${file}`,
    "--only-categories=performance",
    `--chrome-flags=${CHROME_FLAGS.join(" ")}`,
    "--quiet",
  ]);
  if (r.status !== 0 || !fs.existsSync(file)) {
    throw new Error(`lighthouse ${url} failed (exit ${r.status}): ${(r.stderr || "").slice(-2000)}`);
  }
  const lhr = JSON.parse(fs.readFileSync(file, "utf8"));
  const num = (id) => lhr.audits[id]?.numericValue;
  const requests = (lhr.audits["network-requests"]?.details?.items || []).map((x) => ({
    url: x.url,
    resourceType: x.resourceType,
    transferSize: x.transferSize,
    resourceSize: x.resourceSize,
    statusCode: x.statusCode,
    sessionTargetType: x.sessionTargetType,
  }));
  const run = {
    label,
    url,
    seconds: (Date.now() - t0) / 1000,
    fcp: num("first-contentful-paint"),
    lcp: num("largest-contentful-paint"),
    tti: num("interactive"), // hidden (weight 0) since Lighthouse 10, still reported by 12
    tbt: num("total-blocking-time"),
    si: num("speed-index"),
    cls: num("cumulative-layout-shift"),
    score: lhr.categories.performance.score == null ? NaN : lhr.categories.performance.score * 100,
    lcpElement: lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.nodeLabel,
    lcpPhases: Object.fromEntries(
      (lhr.audits["largest-contentful-paint-element"]?.details?.items?.[1]?.items || []).map((x) => [x.phase, x.timing]),
    ),
    transferred: requests.reduce((s, x) => s + (x.transferSize || 0), 0),
    totalByteWeight: num("total-byte-weight"),
    requests,
    lighthouseVersion: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent,
    benchmarkIndex: lhr.environment?.benchmarkIndex,
    throttlingMethod: lhr.configSettings?.throttlingMethod,
    throttling: lhr.configSettings?.throttling,
    formFactor: lhr.configSettings?.formFactor,
    runWarnings: lhr.runWarnings,
    runtimeError: lhr.runtimeError,
  };
  log(
    `lighthouse ${label} #${i + 1}: FCP ${int(run.fcp)} ms, LCP ${int(run.lcp)} ms, TBT ${int(run.tbt)} ms, ` +
      `score ${int(run.score)}, ${kib(run.transferred)} (${run.seconds.toFixed(0)} s)`,
  );
  for (const w of run.runWarnings || []) log(`  warning: ${w}`);
  return run;
}

// ---------- 2. In-page step timing ----------
// Typical people (as tests/e2e/speed.mjs): facts not in a profile are answered 不知道.
// (A Map: an object would list the numeric region codes in numeric order.)
const PROFILES = new Map([
  ["150104", YUQUAN_72],
  ["410726", { age: "72", lives_in_region: "yes", economic: "none", ability: "moderate", living: "alone" }],
  ["140000", { age: "81", lives_in_region: "yes", economic: "dibao", ability: "severe", living: "alone" }],
]);
const REGION_NAMES = { "150104": "150104 玉泉区", "410726": "410726 延津县", "140000": "140000 山西省", all: "all three" };

// Runs inside the page before any of its scripts. A capture-phase click
// listener notes performance.now() at each click; a MutationObserver notices
// when the screen changes (another question, or the results) and then waits
// for the next painted frame: requestAnimationFrame runs just before the
// frame is painted, a task queued from it runs just after.
function inPage() {
  const S = (window.__speed = { steps: [], clicks: 0 });
  const sig = () => {
    if (document.querySelector("section.results")) return "results";
    const q = document.querySelector("section.question[data-fact]");
    if (q) return "q:" + q.getAttribute("data-fact");
    if (document.querySelector("section.who")) return "who";
    return "other";
  };
  let current = null;
  let since = performance.now();
  let pending = null;
  S.sig = () => current;
  S.sinceChange = () => performance.now() - since;
  const check = () => {
    const s = sig();
    if (s === current) return;
    const now = performance.now();
    current = s;
    since = now;
    if (pending && s !== pending.from) {
      const p = pending;
      pending = null;
      p.to = s;
      p.dom = now;
      requestAnimationFrame(() =>
        setTimeout(() => {
          p.paint = performance.now();
          S.steps.push(p);
        }),
      );
    }
  };
  document.addEventListener(
    "click",
    (e) => {
      const t = performance.now();
      S.clicks += 1;
      check();
      const from = current;
      // A second click on the same screen (the first was ignored): the one
      // that takes effect is the last one before the screen changes.
      if (pending && pending.from === from) {
        pending.retries += 1;
        pending.click = t;
        pending.eventTimeStamp = e.timeStamp;
      } else {
        pending = { from, click: t, eventTimeStamp: e.timeStamp, retries: 0 };
      }
    },
    true,
  );
  new MutationObserver(check).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ["data-fact", "class"],
  });
}

async function stepRun(browser, base, region, rate) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.addInitScript(inPage);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate });
  const url = new URL(base);
  url.searchParams.set("region", region);
  url.searchParams.set("date", DATE);
  await page.goto(url.toString());
  await page.waitForSelector("section.who");
  const profile = PROFILES.get(region);
  // Waits until the screen shown has been there 500 ms (or, once the app marks
  // questions ready for taps, until it says so), then clicks; if the screen has
  // not changed 600 ms later (a guarded click, ignored) clicks again, up to 5 times.
  // (Waits are in-page promises polled with setTimeout: the page's CSP has no
  // 'unsafe-eval', which Playwright's interval-polled waitForFunction needs.)
  const settle = () =>
    page.evaluate(
      () =>
        new Promise((res) => {
          const poll = () => {
            const q = document.querySelector("section.question");
            if ((q && q.hasAttribute("data-ready")) || window.__speed.sinceChange() >= 500) res();
            else setTimeout(poll, 25);
          };
          poll();
        }),
    );
  const effectiveClick = async (selector) => {
    const from = await page.evaluate(() => window.__speed.sig());
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.click(selector);
      // Checked inside the page, so a busy main thread delays the check rather than fooling it.
      const changed = await page.evaluate(
        (f) =>
          new Promise((res) => {
            const t0 = performance.now();
            const poll = () => {
              if (window.__speed.sig() !== f) res(true);
              else if (performance.now() - t0 >= 600) res(false);
              else setTimeout(poll, 25);
            };
            poll();
          }),
        from,
      );
      if (changed) return attempt;
      if (attempt === 5) throw new Error(`${region}: 5 clicks on ${selector} did not change the screen (${from})`);
    }
  };
  await settle();
  await effectiveClick('[data-who="family"]');
  const asked = [];
  for (;;) {
    const el = await page.waitForSelector("section.question[data-fact], section.results");
    const fact = await el.getAttribute("data-fact");
    if (!fact) break;
    if (asked.includes(fact)) throw new Error(`${region}: ${fact} asked twice`);
    asked.push(fact);
    const value = profile[fact] ?? "unknown";
    await settle();
    if (fact === "age" && value !== "unknown") {
      await page.fill("#age", value);
      await effectiveClick('[data-action="next"]');
    } else {
      await effectiveClick(`section.question [data-answer="${value}"]`);
    }
  }
  // The last paint is recorded a frame after the results appear.
  await page.evaluate(
    () =>
      new Promise((res) => {
        const poll = () => (window.__speed.steps.some((s) => s.to === "results") ? res() : setTimeout(poll, 25));
        poll();
      }),
  );
  const data = await page.evaluate(() => ({ steps: window.__speed.steps, clicks: window.__speed.clicks }));
  await context.close();
  const steps = data.steps.map((s) => ({
    from: s.from,
    to: s.to,
    clickToDom: s.dom - s.click,
    clickToPaint: s.paint - s.click,
    // From the input event's own time stamp to the click listener: the queueing
    // before the page saw the click (near 0: every click waits for an idle page).
    inputDelay: s.click - s.eventTimeStamp,
    retries: s.retries,
  }));
  return { region, rate, asked, clicks: data.clicks, steps };
}

function summariseSteps(runs) {
  const whoFirst = [];
  const toResults = [];
  const steps = [];
  let retries = 0;
  for (const r of runs) {
    for (const s of r.steps) {
      retries += s.retries;
      if (s.from === "who") whoFirst.push(s.clickToPaint);
      else if (s.to === "results") toResults.push(s.clickToPaint);
      else steps.push(s.clickToPaint);
    }
  }
  return {
    runs: runs.length,
    questions: runs.length ? runs[0].asked.length : 0,
    whoFirst: median(whoFirst),
    steps: steps.length,
    median: median(steps),
    p90: pct(steps, 90),
    max: steps.length ? Math.max(...steps) : NaN,
    toResults: median(toResults),
    toResultsMax: toResults.length ? Math.max(...toResults) : NaN,
    retries,
  };
}

// ---------- main ----------
const started = new Date();
const machine = {
  date: started.toISOString(),
  nproc: os.availableParallelism ? os.availableParallelism() : os.cpus().length,
  cpu: os.cpus()[0]?.model?.trim(),
  loadavg: os.loadavg(),
  memGiB: +(os.totalmem() / 2 ** 30).toFixed(1),
  node: process.version,
  chromium: spawnSync(CHROME, ["--version"], { encoding: "utf8" }).stdout.trim(),
  lighthouse: lhVersion,
  playwrightCore: JSON.parse(fs.readFileSync(path.join(ROOT, ".tools/node_modules/playwright-core/package.json"))).version,
};
const report = { machine, urls: { app: opts.app, empty: opts.empty, appPath: opts.appPath } };
report.wasm = { app: wasmSize(opts.appDist), empty: wasmSize(opts.emptyDist) };

if (!opts.skipLighthouse) {
  const appUrl = new URL(opts.appPath, opts.app).toString();
  const runs = { app: [], empty: [] };
  for (let i = 0; i < opts.runs; i++) {
    runs.app.push(await lighthouse(appUrl, "app", i));
    runs.empty.push(await lighthouse(opts.empty, "empty", i));
  }
  report.lighthouse = runs;
}

if (!opts.skipSteps) {
  browser = await chromium.launch({ executablePath: CHROME, args: CHROME_FLAGS.filter((f) => f !== "--headless=new") });
  report.steps = [];
  for (const rate of [4, 1]) {
    for (const region of PROFILES.keys()) {
      for (let i = 0; i < opts.stepRuns; i++) {
        const r = await stepRun(browser, opts.app, region, rate);
        const s = summariseSteps([r]);
        log(
          `steps ${region} CPU ${rate}× #${i + 1}: who→first ${ms(s.whoFirst)}, ${s.steps} steps median ${ms(s.median)} ` +
            `max ${ms(s.max)}, →results ${ms(s.toResults)}${s.retries ? `, ${s.retries} repeated clicks` : ""}`,
        );
        report.steps.push(r);
      }
    }
  }
  await browser.close();
  browser = null;
}

fs.mkdirSync(path.dirname(opts.out), { recursive: true });
fs.writeFileSync(opts.out, JSON.stringify(report, null, 2) + "\n");

// ---------- the tables ----------
const out = [];
out.push(`Speed report, ${started.toISOString().slice(0, 10)}: ${machine.nproc} cores (${machine.cpu}), ` +
  `${machine.chromium}, Lighthouse ${machine.lighthouse}, playwright-core ${machine.playwrightCore}; ` +
  `load average at the start ${machine.loadavg.map((x) => x.toFixed(2)).join(" ")}.`);
out.push("");
if (report.lighthouse) {
  const { app, empty } = report.lighthouse;
  const row = (name, key, f) => `| ${name} | ${range(empty.map((r) => r[key]), f)} | ${range(app.map((r) => r[key]), f)} |`;
  const ttiMissing = app.concat(empty).some((r) => !Number.isFinite(r.tti));
  out.push(`Lighthouse ${machine.lighthouse}, mobile, simulated throttling (slow 4G: 150 ms RTT, 1.6 Mbit/s; CPU 4×), ` +
    `${opts.runs} paired runs (ranges); the app at ${new URL(opts.appPath, "http://x").pathname}, gzip from bench/speed/serve-gzip.py.`);
  out.push("");
  out.push("| | empty Yew app | yanglao |");
  out.push("|---|---|---|");
  out.push(row("first contentful paint", "fcp", ms));
  out.push(row("largest contentful paint", "lcp", ms));
  out.push(row(ttiMissing ? "time to interactive (not reported)" : "time to interactive", "tti", ms));
  out.push(row("total blocking time", "tbt", ms));
  out.push(row("performance score", "score", (x) => `${int(x)}`));
  out.push(row("transferred", "transferred", (b) => `${(b / 1024).toFixed(0)} KiB`));
  const w = report.wasm;
  const gz = (x) => (x ? `${kib(x.gzip6)} (${kib(x.raw)} raw)` : "–");
  out.push(`| wasm gzipped | ${gz(w.empty)} | ${gz(w.app)} |`);
  const ratios = app.map((r, i) => r.lcp / empty[i].lcp);
  report.lcpRatio = { perPair: ratios, median: median(ratios) };
  out.push("");
  out.push(`LCP(yanglao) / LCP(empty Yew app): ${ratios.map((x) => x.toFixed(2)).join(", ")} over the pairs ` +
    `(median ${median(ratios).toFixed(2)}; medians ${int(median(app.map((r) => r.lcp)))} / ${int(median(empty.map((r) => r.lcp)))} ms).`);
  const bi = app.concat(empty).map((r) => r.benchmarkIndex).filter(Number.isFinite);
  if (bi.length) out.push(`Lighthouse's CPU benchmark index on this machine: ${range(bi, (x) => int(x))}.`);
  const lcpOf = (runs) => {
    const r = runs[0];
    const p = r.lcpPhases || {};
    const fmt = (k) => (Number.isFinite(p[k]) ? int(p[k]) : "?");
    return `“${(r.lcpElement || "?").slice(0, 40)}” (TTFB ${fmt("TTFB")} ms + render delay ${fmt("Render Delay")} ms)`;
  };
  out.push(`LCP element: empty app ${lcpOf(empty)}; yanglao ${lcpOf(app)}.`);
  out.push("");
}
if (report.steps) {
  out.push("In-page step timing (playwright-core, viewport 390×844, no network throttling: the app makes no request between screens): " +
    "the click on an answer to the next painted frame, measured inside the page; " +
    `${opts.stepRuns} runs per region and CPU rate.`);
  out.push("");
  out.push("| region | CPU | questions | who → first question | steps | median step | p90 step | slowest step | last answer → results |");
  out.push("|---|---|---|---|---|---|---|---|---|");
  report.stepSummary = [];
  for (const rate of [4, 1]) {
    const ofRate = report.steps.filter((r) => r.rate === rate);
    for (const region of [...PROFILES.keys(), "all"]) {
      const runs = region === "all" ? ofRate : ofRate.filter((r) => r.region === region);
      const s = summariseSteps(runs);
      report.stepSummary.push({ region, rate, ...s });
      out.push(`| ${REGION_NAMES[region]} | ${rate}× | ${region === "all" ? "" : s.questions} | ${ms(s.whoFirst)} | ${s.steps} | ${ms(s.median)} | ` +
        `${ms(s.p90)} | ${ms(s.max)} | ${ms(s.toResults)}${region === "all" ? ` (max ${ms(s.toResultsMax)})` : ""} |`);
    }
  }
  const delays = (rate) => report.steps.filter((r) => r.rate === rate).flatMap((r) => r.steps.map((s) => s.inputDelay)).filter(Number.isFinite);
  out.push("");
  out.push(`Before each timed click the page is idle; from the input event's own time stamp to the click listener ` +
    `(pointer and mouse events dispatched first) took a further median ${ms(median(delays(4)))} at 4× and ${ms(median(delays(1)))} at 1× (not included above).`);
  const retries = report.steps.reduce((n, r) => n + r.steps.reduce((m, s) => m + s.retries, 0), 0);
  out.push("");
  out.push(retries ? `${retries} clicks were repeated (the first was ignored); each is timed from the click that took effect.`
    : "Every first click took effect (no click had to be repeated).");
}
fs.writeFileSync(opts.out, JSON.stringify(report, null, 2) + "\n");
console.log(out.join("\n"));
console.log(`\nraw numbers: ${path.relative(process.cwd(), opts.out)}`);
