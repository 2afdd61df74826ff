// What fills the long tasks of a first load (issue 15's total blocking time):
// each load of the start page is traced (Chrome's DevTools timeline, CPU 4×
// slower, as the speed report's Lighthouse assumes), and every main-thread
// task of 50 ms or more is split into what the browser did in it: compiling
// wasm functions on their first call (V8 compiles a module's functions
// lazily), other script (Yew rendering, the app's own code, the glue),
// style, layout, paint, and the rest (HTML parsing, the loader). The empty
// Yew app of bench/speed/ is traced the same way in the same run, as the
// floor. A report, not a test.
//
//   node bench/speed/tasks.mjs [--runs 3] [--path /] [--dist DIR] [--empty-dist DIR] [--min 50]
//
// --min lists shorter tasks too (e.g. 5: each step of the take-over); the
// blocking time still counts only tasks of 50 ms or more.
//
// bench/speed/run.sh runs it after Lighthouse and the steps, on the same two
// builds. Alone it takes dist/ (trunk build --release --offline) and the
// empty app's last build, target/speed/empty-dist/ (without it, only the app
// is traced); each is served by scripts/serve-dist.py on a free port.
// "Blocking" is the sum over tasks of their time past 50 ms, as in
// Lighthouse's TBT, but from the tasks observed at 4× rather than
// Lighthouse's simulation (which multiplies tasks observed at full speed);
// the two differ, and only their trend is compared.
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { launch, serve, ROOT } from "../../tests/e2e/lib.mjs";

const arg = (name, d) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : d;
};
const RUNS = Number(arg("--runs", 3));
const PATH = arg("--path", "/");
const RATE = 4;
const MIN = Number(arg("--min", 50));
const APP_DIST = path.resolve(arg("--dist", path.join(ROOT, "dist")));
const EMPTY_DIST = path.resolve(arg("--empty-dist", path.join(ROOT, "target/speed/empty-dist")));

const COMPILE = new Set(["wasm.CompileLazy"]);
const STYLE = new Set(["UpdateLayoutTree", "RecalculateStyles"]);
const LAYOUT = new Set(["Layout"]);
const PAINT = new Set(["PrePaint", "Paint", "Layerize", "Commit", "PaintImage", "UpdateLayer"]);
const SCRIPT = new Set(["FunctionCall", "EvaluateScript", "v8.evaluateModule", "TimerFire", "FireAnimationFrame", "EventDispatch", "v8.callFunction", "RunMicrotasks"]);

/** The main-thread tasks of one traced load, each split by kind. */
function tasksOf(events) {
  const main = new Set(events.filter((e) => e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`));
  const on = (e) => main.has(`${e.pid}:${e.tid}`);
  const xs = events.filter((e) => e.ph === "X" && on(e)).sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const nav = events.find((e) => e.name === "navigationStart" && on(e)) || xs[0];
  // Top-level tasks only: a task run inside another (a nested run loop) is part of it.
  const tasks = [];
  for (const e of xs.filter((x) => x.name === "RunTask")) {
    const last = tasks[tasks.length - 1];
    if (!last || e.ts >= last.ts + last.dur) tasks.push(e);
  }
  const out = [];
  for (const t of tasks) {
    const end = t.ts + t.dur;
    const inside = xs.filter((e) => e !== t && e.ts >= t.ts && e.ts + (e.dur || 0) <= end);
    // Each kind counted once, at its outermost event (a Layout inside a
    // FunctionCall is layout, not script; a compile inside it is compile).
    const sum = { compile: 0, style: 0, layout: 0, paint: 0, script: 0 };
    const compiles = inside.filter((e) => COMPILE.has(e.name));
    sum.compile = compiles.reduce((a, e) => a + e.dur, 0);
    const outermost = (set) => {
      const hits = inside.filter((e) => set.has(e.name));
      let total = 0;
      let until = -1;
      for (const e of hits) {
        if (e.ts >= until) {
          total += e.dur;
          until = e.ts + e.dur;
        }
      }
      return total;
    };
    sum.style = outermost(STYLE);
    sum.layout = outermost(LAYOUT);
    sum.paint = outermost(PAINT);
    // Script: its outermost events, less the compiling, style and layout it forced.
    const scriptHits = inside.filter((e) => SCRIPT.has(e.name));
    let scriptTotal = 0;
    let until = -1;
    const forced = { compile: 0, style: 0, layout: 0 };
    for (const e of scriptHits) {
      if (e.ts < until) continue;
      scriptTotal += e.dur;
      until = e.ts + e.dur;
      const within = (x) => x.ts >= e.ts && x.ts + x.dur <= e.ts + e.dur;
      forced.compile += compiles.filter(within).reduce((a, x) => a + x.dur, 0);
      forced.style += inside.filter((x) => STYLE.has(x.name) && within(x)).reduce((a, x) => a + x.dur, 0);
      forced.layout += inside.filter((x) => LAYOUT.has(x.name) && within(x)).reduce((a, x) => a + x.dur, 0);
    }
    sum.script = Math.max(0, scriptTotal - forced.compile - forced.style - forced.layout);
    const what = [...new Set(inside.filter((e) => ["TimerFire", "ParseHTML", "EvaluateScript", "v8.evaluateModule", "wasm.AsyncInstantiate", "v8.wasm.compileConsume", "EventDispatch", "FireAnimationFrame", "Layout"].includes(e.name)).map((e) => e.name))];
    out.push({
      at: (t.ts - nav.ts) / 1000,
      dur: t.dur / 1000,
      compile: sum.compile / 1000,
      compiled: compiles.length,
      script: sum.script / 1000,
      style: sum.style / 1000,
      layout: sum.layout / 1000,
      paint: sum.paint / 1000,
      what: what.join(", ") || "other",
    });
  }
  const fcp = events.find((e) => e.name === "firstContentfulPaint" && e.ts >= nav.ts);
  return {
    tasks: out,
    fcp: fcp ? (fcp.ts - nav.ts) / 1000 : NaN,
    compiled: events.filter((e) => e.name === "wasm.CompileLazy" && on(e)).length,
  };
}

async function traceLoad(browser, url) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: RATE });
  const events = [];
  cdp.on("Tracing.dataCollected", (d) => events.push(...d.value));
  await cdp.send("Tracing.start", {
    categories: "devtools.timeline,disabled-by-default-devtools.timeline,v8,v8.wasm,blink.user_timing,loading",
    transferMode: "ReportEvents",
  });
  await page.goto(url);
  // Long enough for the wasm to arrive, start and take the page over at 4×.
  await page.waitForTimeout(4000);
  const done = new Promise((r) => cdp.once("Tracing.tracingComplete", r));
  await cdp.send("Tracing.end");
  await done;
  await context.close();
  return tasksOf(events);
}

const ms = (x) => (Number.isFinite(x) ? `${Math.round(x)}` : "–");
const browser = await launch();
const servers = [];
const rows = {};
try {
  if (!fs.existsSync(path.join(APP_DIST, "index.html"))) throw new Error(`no ${APP_DIST}/index.html: build first (trunk build --release --offline)`);
  const targets = [["yanglao", APP_DIST]];
  if (fs.existsSync(path.join(EMPTY_DIST, "index.html"))) targets.push(["empty Yew app", EMPTY_DIST]);
  else console.error(`tasks: no ${EMPTY_DIST} (bench/speed/run.sh builds it): the app alone`);
  for (const [label, dir] of targets) {
    const s = await serve(dir);
    servers.push(s.server);
    rows[label] = [];
    for (let run = 0; run < RUNS; run++) {
      const url = new URL(PATH, s.url).toString();
      rows[label].push(await traceLoad(browser, url));
    }
  }
} finally {
  for (const s of servers) s.kill();
  await browser.close();
}

const out = [];
out.push(
  `Long tasks of a first load of ${PATH}, ${new Date().toISOString().slice(0, 10)}: CPU ${RATE}× (DevTools throttling), ` +
    `${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(2)).join(" ")}; ${RUNS} loads each. ` +
    `Tasks of ${MIN} ms or more that start after the first contentful paint (TBT counts those of 50 ms or more), in ms; ` +
    "wasm compile = functions compiled on their first call (how many); other = HTML parsing, the loader, " +
    "streaming compilation and what the trace does not name.",
);
out.push("");
out.push("| app | load | task at | length | wasm compile | script | style | layout | paint | other | what ran |");
out.push("|---|---|---|---|---|---|---|---|---|---|---|");
const summary = [];
for (const [label, runs] of Object.entries(rows)) {
  runs.forEach((r, i) => {
    const after = r.tasks.filter((t) => !(t.at < r.fcp));
    const long = after.filter((t) => t.dur >= 50);
    for (const t of after.filter((t) => t.dur >= MIN)) {
      const other = t.dur - t.compile - t.script - t.style - t.layout - t.paint;
      out.push(
        `| ${label} | ${i + 1} | ${ms(t.at)} | **${ms(t.dur)}** | ${ms(t.compile)} (${t.compiled}) | ${ms(t.script)} | ${ms(t.style)} | ${ms(t.layout)} | ${ms(t.paint)} | ${ms(Math.max(0, other))} | ${t.what} |`,
      );
    }
    summary.push({ label, run: i + 1, fcp: r.fcp, blocking: long.reduce((a, t) => a + t.dur - 50, 0), compiled: r.compiled, long: long.length });
  });
}
out.push("");
out.push("| app | load | first contentful paint | long tasks after it | blocking (Σ past 50 ms) | wasm functions compiled lazily |");
out.push("|---|---|---|---|---|---|");
for (const s of summary) out.push(`| ${s.label} | ${s.run} | ${ms(s.fcp)} ms | ${s.long} | ${ms(s.blocking)} ms | ${s.compiled} |`);
console.log(out.join("\n"));
const dir = path.join(ROOT, "target/speed");
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "tasks.md"), out.join("\n") + "\n");
fs.writeFileSync(path.join(dir, "tasks.json"), JSON.stringify(rows, null, 1));
