// The scale benchmark's browser part (bench/scale/run.sh): for one served
// build, at a CPU slowed N times (CDP Emulation.setCPUThrottlingRate),
//
//   1. first screen: load the start page (the region picker) in a fresh
//      context, and time, inside the page, when `section.picker` is first
//      painted (the MutationObserver that sees it appear, then the next
//      frame: requestAnimationFrame runs just before a frame is painted, a
//      task queued from it just after). First contentful paint
//      (PerformanceObserver 'paint') is kept too;
//   2. picker search: type queries character by character into
//      #place-search; each keystroke is timed from its `input` event (a
//      capture-phase listener, performance.now()) to the next painted frame
//      after the results list has updated. `work` is the part until every
//      handler of the event has run, with the microtasks each queued (the
//      app's handler, RegionIndex::search in wasm and Yew's render, which
//      runs in a microtask): a listener on the window, where the event
//      bubbles last, marks it. Then the wait for the frame to start, and the
//      frame's style, layout and paint (`render`). `work + render` is the
//      main thread's own time for the keystroke: at most 16 ms, it fits in
//      one frame (the wait is the frame clock's, up to 16.7 ms on any page).
//      A keystroke whose results are the last one's (1 4 0 finds the same
//      places as 1 4) changes no node, and is timed alike. The first
//      keystroke also fetches and parses the search
//      index (regions-*.tsv), so it is timed until `[data-search-results]`
//      appears and is reported apart;
//   3. opening a province: a press on its button in the picker, until its
//      cities are painted (the province's pack fetched, checked against its
//      integrity, decoded, and the list rendered).
//
// The driver only reads the numbers afterwards. Prints one JSON object:
// { rate, runs, province, loadavg_before/after, builds: { label: { raw lists, summary } } }.
//
// The builds take turns, load by load (after one untimed load of each).
//
//   node bench/scale/browser.mjs --urls real=http://127.0.0.1:P1/,synthetic=http://127.0.0.1:P2/ [--rate 4] [--runs 5] [--province 41]

import os from "node:os";
import { launch } from "../../tests/e2e/lib.mjs";

const args = Object.fromEntries(
  process.argv
    .slice(2)
    .join(" ")
    .split(/\s*--/)
    .filter(Boolean)
    .map((a) => {
      const [k, ...v] = a.split(/\s+/);
      return [k, v.join(" ")];
    }),
);
// --urls real=URL,synthetic=URL
const URLS = (args.urls || "").split(",").filter(Boolean).map((p) => [p.slice(0, p.indexOf("=")), p.slice(p.indexOf("=") + 1)]);
const RATE = Number(args.rate || 4);
const RUNS = Number(args.runs || 5);
const PROVINCE = args.province || "41";
if (!URLS.length) {
  console.error("browser.mjs: --urls label=URL[,label=URL] is required");
  process.exit(2);
}

// The queries, typed one character at a time; the box is emptied between them.
export const QUERIES = ["延津", "玉泉", "新乡延津", "朝阳", "x", "1401"];

// Installed before the page's own scripts.
function inPage() {
  const S = (window.__scale = { keys: [], picker: null, fcp: null, opened: null, indexed: false });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === "first-contentful-paint") S.fcp = e.startTime;
  }).observe({ type: "paint", buffered: true });
  let pending = null;
  let openPending = null;
  // fn(rafTime): the frame's rendering starts at rafTime; fn runs once it is painted.
  const afterPaint = (fn) =>
    requestAnimationFrame(() => {
      const raf = performance.now();
      setTimeout(() => fn(raf));
    });
  const results = () => document.querySelector("[data-search-results]");
  const found = () => {
    const s = document.querySelector("section.picker [role=status][aria-live]");
    return s ? s.textContent : null;
  };
  new MutationObserver(() => {
    const now = performance.now();
    if (!S.picker && document.querySelector("section.picker")) {
      S.picker = { dom: now };
      afterPaint(() => (S.picker.paint = performance.now()));
    }
    if (pending) {
      pending.dom = now;
      if (pending.first && !pending.waiting && results()) {
        pending.waiting = true;
        const p = pending;
        afterPaint((raf) => finish(p, raf));
      }
    }
    if (openPending && !openPending.dom && document.querySelector('[data-level="city"], [data-level="county"]')) {
      openPending.dom = now;
      const p = openPending;
      afterPaint(() => {
        p.paint = performance.now();
        S.opened = p;
        openPending = null;
      });
    }
  }).observe(document, { subtree: true, childList: true, characterData: true, attributes: true });
  const finish = (p, raf) => {
    if (p.done) return;
    p.done = true;
    p.raf = raf;
    p.paint = performance.now();
    p.found = found();
    p.rows = results() ? results().children.length : null;
    if (results()) S.indexed = true;
    S.keys.push(p);
    if (pending === p) pending = null;
  };
  document.addEventListener(
    "input",
    (e) => {
      if (e.target.id !== "place-search") return;
      const t = performance.now();
      // The first keystroke fetches the index: it ends when the results list appears.
      const first = !S.indexed;
      pending = { query: e.target.value, input: t, lag: t - e.timeStamp, first, dom: null, handled: null };
      const p = pending;
      window.addEventListener("input", () => (p.handled = performance.now()), { once: true });
      if (!first) afterPaint((raf) => finish(p, raf));
    },
    true,
  );
  document.addEventListener(
    "click",
    (e) => {
      const b = e.target.closest && e.target.closest("[data-province]");
      if (b) openPending = { province: b.getAttribute("data-province"), click: performance.now(), dom: null };
    },
    true,
  );
}

// Waits inside the page (the page's CSP has no 'unsafe-eval', which
// Playwright's polling waitForFunction needs).
async function until(page, fn, arg, timeout = 60000) {
  return page.evaluate(
    ([src, a, ms]) =>
      new Promise((res, rej) => {
        const f = new Function("a", "return (" + src + ")(a)");
        const t0 = performance.now();
        const poll = () => {
          let v;
          try {
            v = f(a);
          } catch (e) {
            v = null;
          }
          if (v) res(v);
          else if (performance.now() - t0 > ms) rej(new Error("timed out"));
          else setTimeout(poll, 10);
        };
        poll();
      }),
    [fn.toString(), arg, timeout],
  );
}

async function fresh(browser) {
  // bypassCSP: the page's CSP forbids eval; the in-page waits above build functions.
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, bypassCSP: true });
  const page = await context.newPage();
  await page.addInitScript(inPage);
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: RATE });
  return { context, page };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const max = (xs) => (xs.length ? Math.max(...xs) : null);
const r1 = (x) => (x == null ? null : Math.round(x * 10) / 10);

// One load of one build: first screen, the keystrokes, opening the province.
async function measure(browser, url, out, run) {
  const { context, page } = await fresh(browser);
  try {
    await page.goto(url);
    await until(page, () => window.__scale.picker && window.__scale.picker.paint);
    const s = await page.evaluate(() => window.__scale);
    if (out) {
      out.first_screen.push(s.picker.paint);
      out.fcp.push(s.fcp);
    }
    // Let the page settle (the service worker registers, idle work ends).
    await page.waitForTimeout(1000);
    const input = page.locator("#place-search");
    for (const q of QUERIES) {
      for (const ch of q) {
        const before = await page.evaluate(() => window.__scale.keys.length);
        await input.press("End");
        await page.keyboard.insertText(ch);
        await until(page, (n) => window.__scale.keys.length > n, before);
        await page.waitForTimeout(150);
      }
      // Empty the box (one input event too, not counted) and wait for it to settle.
      const before = await page.evaluate(() => window.__scale.keys.length);
      await input.fill("");
      await until(page, (n) => window.__scale.keys.length > n, before);
      await page.waitForTimeout(150);
    }
    const keys = await page.evaluate(() => window.__scale.keys);
    // Open the province (its pack is fetched now).
    await page.click(`[data-province="${PROVINCE}"]`);
    await until(page, () => window.__scale.opened && window.__scale.opened.paint);
    const o = await page.evaluate(() => window.__scale.opened);
    if (!out) return;
    for (const k of keys) {
      const rec = {
        run,
        query: k.query,
        total: k.paint - k.input,
        // Until every handler has run (handler, search, Yew's render); then
        // the wait for the frame to start; then the frame's style, layout and
        // paint. `main`: work + render, the main thread's own time.
        work: k.handled - k.input,
        wait: k.raf - k.handled,
        render: k.paint - k.raf,
        main: k.handled - k.input + (k.paint - k.raf),
        changed: k.dom != null,
        lag: k.lag,
        found: k.found,
        rows: k.rows,
      };
      if (k.first) out.first_key.push(rec);
      else if (k.query !== "") out.keys.push(rec);
    }
    out.open.push(o.paint - o.click);
  } finally {
    await context.close();
  }
}

function summary(out) {
  const totals = out.keys.map((k) => k.total);
  const works = out.keys.map((k) => k.work);
  const mains = out.keys.map((k) => k.main);
  const perQuery = {};
  for (const k of out.keys) (perQuery[k.query] ||= []).push(k);
  return {
    first_screen_ms: { median: r1(median(out.first_screen)), max: r1(max(out.first_screen)) },
    fcp_ms: { median: r1(median(out.fcp.filter((x) => x != null))) },
    first_key_ms: { median: r1(median(out.first_key.map((k) => k.total))), max: r1(max(out.first_key.map((k) => k.total))) },
    key_ms: { median: r1(median(totals)), max: r1(max(totals)), count: totals.length, over_16: totals.filter((t) => t > 16).length },
    key_work_ms: { median: r1(median(works)), max: r1(max(works)), over_16: works.filter((t) => t > 16).length },
    key_main_ms: { median: r1(median(mains)), max: r1(max(mains)), over_16: mains.filter((t) => t > 16).length, unchanged: out.keys.filter((k) => !k.changed).length },
    key_wait_ms: { median: r1(median(out.keys.map((k) => k.wait))), max: r1(max(out.keys.map((k) => k.wait))) },
    key_render_ms: { median: r1(median(out.keys.map((k) => k.render))), max: r1(max(out.keys.map((k) => k.render))) },
    province_open_ms: { median: r1(median(out.open)), max: r1(max(out.open)) },
    per_query: Object.fromEntries(
      Object.entries(perQuery).map(([q, ks]) => [
        q,
        {
          total_median: r1(median(ks.map((k) => k.total))),
          total_max: r1(max(ks.map((k) => k.total))),
          work_median: r1(median(ks.map((k) => k.work))),
          work_max: r1(max(ks.map((k) => k.work))),
          main_max: r1(max(ks.map((k) => k.main))),
          found: ks[0].found,
        },
      ]),
    ),
  };
}

const browser = await launch();
const result = { rate: RATE, runs: RUNS, province: PROVINCE, loadavg_before: os.loadavg(), builds: {} };
try {
  // One untimed load of each build first; then the builds take turns, run
  // by run, in the order A B, B A, A B … (so that neither always follows the
  // other's teardown), so that a change in the machine's load falls on both alike.
  for (const [label, url] of URLS) {
    result.builds[label] = { url, first_screen: [], fcp: [], keys: [], first_key: [], open: [] };
    await measure(browser, url, null, -1);
  }
  for (let run = 0; run < RUNS; run++) {
    const order = run % 2 ? [...URLS].reverse() : URLS;
    for (const [label, url] of order) {
      await new Promise((r) => setTimeout(r, 1000));
      await measure(browser, url, result.builds[label], run);
    }
  }
} finally {
  await browser.close();
}
result.loadavg_after = os.loadavg();
for (const b of Object.values(result.builds)) b.summary = summary(b);
console.log(JSON.stringify(result));
