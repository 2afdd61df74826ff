// A whole check in the other two engines: Firefox ESR (Gecko) and WebKitGTK
// (WebKit, the engine of Safari), driven over W3C WebDriver by the small
// client in webdriver.mjs, since Playwright cannot drive Debian's own builds
// of either. Drivers: geckodriver (cargo install, scripts/setup.sh) for
// /usr/bin/firefox-esr, headless; WebKitWebDriver (Debian webkit2gtk-driver)
// for WebKitGTK's MiniBrowser, which has no headless mode here and so runs on
// a virtual display (Debian xvfb).
//
// The person of issue 4 (72, alone, moderately disabled) in 玉泉区 qualifies
// for 玉泉区's home care; each line names the browser and its version.
import { run, assert, appUrl, DATE, YUQUAN_72 } from "./lib.mjs";
import { startDriver, startXvfb, waitUntil } from "./webdriver.mjs";

const FIREFOX = "/usr/bin/firefox-esr";
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const SERVICE = "yuquan-home-care";
const APP_ORIGIN = new URL(appUrl()).origin;

/**
 * A check's name that gains the browser's version once its session is up:
 * run() prints `${name}` only after the check has run.
 */
class Label {
  constructor(text) {
    this.text = text;
  }
  toString() {
    return this.text;
  }
}

/**
 * Collects, from the moment it runs, uncaught errors, unhandled rejections
 * and console.error calls in the page (the app's Rust panics arrive as
 * console.error). Plain WebDriver cannot run a script before the page's own,
 * so anything logged while the page loaded is missed here; in Firefox the
 * browser's own console output covers that (firefoxErrors below).
 */
const HOOK = `
  if (!window.__e2eErrors) {
    const errors = (window.__e2eErrors = []);
    addEventListener("error", (e) => errors.push("uncaught: " + (e.message || e)));
    addEventListener("unhandledrejection", (e) => errors.push("unhandled rejection: " + (e.reason && e.reason.stack || e.reason)));
    const original = console.error;
    console.error = function (...args) {
      errors.push("console.error: " + args.map(String).join(" "));
      return original.apply(this, args);
    };
  }
`;

/**
 * Firefox writes the page's console messages and its JavaScript errors to
 * stdout (pref devtools.console.stdout.content), which geckodriver passes on:
 * this reads the app's errors from the driver's output, from page load on.
 * Firefox's own code logs there too (a console.error from its experiments
 * loader, which cannot reach its server here, say): a message whose text or
 * stack names resource:// or chrome:// is the browser's, not the app's.
 */
function firefoxErrors(output) {
  const lines = output.split("\n");
  const newMessage = /^(console\.\w+: |JavaScript \w+: |\d{10,}\t|\*\*\* |\[\w+\]|Read port: )/;
  const errors = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith(`JavaScript error: ${APP_ORIGIN}/`)) {
      errors.push(lines[i]);
    } else if (lines[i].startsWith("console.error: ")) {
      const message = [lines[i]];
      while (i + 1 < lines.length && !newMessage.test(lines[i + 1])) message.push(lines[++i]);
      const text = message.join("\n");
      if (!/\b(resource|chrome):\/\//.test(text)) errors.push(text);
    }
  }
  return errors;
}

/**
 * Clicks (via `act`) until the question `fact` is gone: a tap on a question
 * that does not accept taps yet (the guard against stray double taps) is
 * ignored, so an unchanged question after 500 ms gets the tap again, 10 tries
 * at most. Works with and without the guard.
 */
async function answer(session, fact, act) {
  const gone = () =>
    session.execute(
      "return !document.querySelector(`section.question[data-fact=\"${arguments[0]}\"]`) && !!document.querySelector('section.question, section.results')",
      [fact],
    );
  let last;
  for (let attempt = 1; attempt <= 10; attempt++) {
    try {
      await act();
    } catch (e) {
      last = e; // the element went stale as the question changed, say
    }
    const changed = await waitUntil(gone, { timeout: 500, interval: 50 }).catch(() => false);
    if (changed) return attempt;
  }
  throw new Error(`question ${fact} still shown after 10 taps${last ? ` (last error: ${last.message})` : ""}`);
}

/** The whole check in one session; returns what it saw. */
async function wholeCheck(session) {
  const started = Date.now();
  await session.navigate(appUrl({ region: "150104" }));
  await session.execute(HOOK);
  assert(
    (await session.execute("return location.search")).includes(`date=${DATE}`),
    `the app's address lost date=${DATE}`,
  );
  const family = await session.waitForElement('[data-who="family"]', 20000);
  await answer(session, "(who)", () => session.click(family));
  const asked = [];
  let taps = 0;
  for (;;) {
    const fact = await waitUntil(
      () =>
        session.execute(
          "if (document.querySelector('section.results')) return '(results)';" +
            "const q = document.querySelector('section.question[data-fact]'); return q && q.getAttribute('data-fact');",
        ),
      { timeout: 10000, what: "a question or the results" },
    );
    if (fact === "(results)") break;
    assert(!asked.includes(fact), `${fact} asked twice: ${asked}`);
    assert(asked.length < 30, `more than 30 questions: ${asked}`);
    asked.push(fact);
    const value = YUQUAN_72[fact] ?? "unknown";
    const scope = `section.question[data-fact="${fact}"]`;
    if (fact === "age" && value !== "unknown") {
      taps += await answer(session, fact, async () => {
        const input = await session.waitForElement(`${scope} #age`, 3000);
        await session.clear(input);
        await session.sendKeys(input, value);
        await session.click(await session.waitForElement(`${scope} [data-action="next"]`, 3000));
      });
    } else {
      taps += await answer(session, fact, async () =>
        session.click(await session.waitForElement(`${scope} [data-answer="${value}"]`, 3000)),
      );
    }
  }
  const status = await session.execute(
    "const card = document.querySelector(`section.results [data-service=\"${arguments[0]}\"]`); return card && card.getAttribute('data-status');",
    [SERVICE],
  );
  assert(
    await session.find(`section.results [data-service="${SERVICE}"][data-status="eligible"]`),
    `${SERVICE} is not eligible at the results (its status: ${status}) after ${asked.join(", ")}`,
  );
  const pageErrors = await session.execute("return window.__e2eErrors || null");
  assert(pageErrors, "the error hook is gone: the page was reloaded during the check");
  return { asked, taps, pageErrors, seconds: (Date.now() - started) / 1000 };
}

const firefox = new Label("Firefox ESR: a whole check, home care eligible");
const webkit = new Label("WebKitGTK: a whole check, home care eligible");

await run([
  [
    firefox,
    async () => {
      const driver = await startDriver("geckodriver", (port) => ["--port", String(port), "--binary", FIREFOX], {
        env: { MOZ_HEADLESS: "1" },
      });
      try {
        const session = await driver.newSession({
          browserName: "firefox",
          "moz:firefoxOptions": {
            binary: FIREFOX,
            args: ["-headless"],
            prefs: { "devtools.console.stdout.content": true, "devtools.console.stdout.chrome": false },
          },
        });
        const caps = session.capabilities;
        firefox.text = `Firefox ESR ${caps.browserVersion} (geckodriver ${caps["moz:geckodriverVersion"]}): a whole check, home care eligible`;
        try {
          const seen = await wholeCheck(session);
          const errors = [...new Set([...firefoxErrors(driver.output()), ...seen.pageErrors])];
          assert(errors.length === 0, `JavaScript errors:\n${errors.join("\n")}`);
          firefox.text += ` (${seen.asked.length} questions, ${seen.taps} taps, ${seen.seconds.toFixed(1)} s)`;
        } finally {
          await session.delete();
        }
      } finally {
        await driver.stop();
      }
    },
  ],
  [
    webkit,
    async () => {
      // MiniBrowser in automation mode uses an ephemeral (private) session, in
      // which WebKit never writes console messages to stdout, and this
      // WebKitWebDriver has neither a log endpoint nor WebDriver BiDi: only
      // the in-page hook (HOOK, from just after the page loaded) sees errors here.
      const xvfb = await startXvfb();
      try {
        const driver = await startDriver("WebKitWebDriver", (port) => [`--port=${port}`], {
          env: { DISPLAY: xvfb.display },
        });
        try {
          const session = await driver.newSession({
            "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
          });
          const caps = session.capabilities;
          webkit.text = `WebKitGTK ${caps.browserVersion} (${caps.browserName}, WebKitWebDriver): a whole check, home care eligible`;
          try {
            const seen = await wholeCheck(session);
            assert(seen.pageErrors.length === 0, `JavaScript errors:\n${seen.pageErrors.join("\n")}`);
            webkit.text += ` (${seen.asked.length} questions, ${seen.taps} taps, ${seen.seconds.toFixed(1)} s)`;
          } finally {
            await session.delete();
          }
        } finally {
          await driver.stop();
        }
      } finally {
        await xvfb.stop();
      }
    },
  ],
]);
