// Shared helpers of the end-to-end tests (run by scripts/e2e.sh).
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(path.join(root, ".tools/package.json"));
export const { chromium } = require("playwright-core");
export const ROOT = root;
export const APP_URL = process.env.APP_URL || "http://127.0.0.1:8080/";
export const REPO_URL = process.env.REPO_URL || "";
/** Every test checks as of this day. */
export const DATE = "2026-11-22";

/** The 玉泉区 person of issue 4: 72, alone, moderately disabled. */
export const YUQUAN_72 = {
  age: "72",
  living: "alone",
  ability: "moderate",
  lives_in_region: "yes",
  ltc_insurance: "no",
  institution_subsidy: "no",
};

/** A 延津县 person whose results have a collapsed 其他 group (services that do not fit). */
export const YANJIN_66 = {
  age: "66",
  economic: "none",
  ability: "intact",
  living: "with_family",
  disability_grade: "0",
  fp_family: "none",
};

export async function launch() {
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-dev-shm-usage"],
  });
}

/** The app's address with parameters (a date is always pinned). */
export function appUrl(params = {}, hash = "") {
  const url = new URL(APP_URL);
  for (const [k, v] of Object.entries({ date: DATE, ...params })) url.searchParams.set(k, v);
  return url.toString() + hash;
}

/**
 * Answers the questions in `frame` (a page or an iframe's frame) from a
 * profile (facts not in it: 不知道) until the results show. Returns the facts asked.
 */
export async function answerAll(frame, profile) {
  const asked = [];
  for (;;) {
    // A new question takes taps once it could have been seen (data-ready).
    const el = await frame.waitForSelector("section.question[data-ready], section.results");
    const fact = await el.getAttribute("data-fact");
    if (!fact) return asked;
    if (asked.includes(fact)) throw new Error(`${fact} asked twice: ${asked}`);
    asked.push(fact);
    const value = profile[fact] ?? "unknown";
    if (fact === "age" && value !== "unknown") {
      await frame.fill("#age", value);
      await frame.click('[data-action="next"]');
    } else {
      await frame.click(`section.question [data-answer="${value}"]`);
    }
    await until(frame, (f) => !document.querySelector(`section.question[data-fact="${f}"]`), fact);
  }
}

/**
 * Waits until `fn(arg)` is true in the page, polling from here: the page's
 * Content Security Policy refuses the string evaluation Playwright's own
 * waitForFunction falls back to when it has to poll.
 */
export async function until(frame, fn, arg, options = {}) {
  const timeout = typeof options === "number" ? options : options.timeout || 10000;
  const deadline = Date.now() + timeout;
  for (;;) {
    if (await frame.evaluate(fn, arg)) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(fn).slice(0, 160)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Clicks one of the display switches (字号, 高对比度, English), which sit in
 * the folded "字号·显示" panel: opened first, closed after.
 */
export async function display(frame, selector) {
  const panel = await frame.$("#display-panel");
  const open = panel && (await panel.isVisible());
  if (panel && !open) await frame.click('[data-action="display"]');
  await frame.click(selector);
  const still = await frame.$("#display-panel");
  if (still && (await still.isVisible())) await frame.click('[data-action="display"]');
}

/** Serves a folder as a deployment would (scripts/serve-dist.py) on a free port: { server, url }. */
export async function serve(dir) {
  const server = spawn("python3", [path.join(root, "scripts/serve-dist.py"), dir, "0"]);
  const url = await new Promise((resolve, reject) => {
    server.stdout.on("data", (d) => {
      const m = String(d).match(/serving (\S+)/);
      if (m) resolve(m[1]);
    });
    server.on("exit", () => reject(new Error("server stopped")));
  });
  return { server, url };
}

/** Runs named checks, printing ok/FAILED for each; exits 1 if any failed. */
export async function run(checks) {
  let failed = 0;
  for (const [name, fn] of checks) {
    try {
      await fn();
      console.log(`ok      ${name}`);
    } catch (e) {
      failed += 1;
      console.log(`FAILED  ${name}\n        ${String(e && e.stack ? e.stack : e).split("\n").slice(0, 6).join("\n        ")}`);
    }
  }
  process.exit(failed ? 1 : 0);
}

export function assert(cond, message) {
  if (!cond) throw new Error(message);
}
