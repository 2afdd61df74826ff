// Privacy (issue 7, docs/privacy.md): during a full check every request goes
// to the page's own static files, none carries an answer, nothing is stored,
// the Content Security Policy holds, and every asset has integrity.
import fs from "node:fs";
import path from "node:path";
import { launch, appUrl, answerAll, run, assert, YUQUAN_72, ROOT, APP_URL, until, display } from "./lib.mjs";

const browser = await launch();
const built = new Set([
  "/",
  "/sw.js",
  ...fs.readdirSync(path.join(ROOT, "dist")).map((f) => "/" + f),
  ...fs.readdirSync(path.join(ROOT, "dist/packs")).map((f) => "/packs/" + f),
]);
// Words of this person's answers that must never appear in a request.
const secrets = ["alone", "moderate", "age=72", "72周岁", "y1."];

async function fullCheck(params) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests = [];
  const problems = [];
  context.on("request", (r) => requests.push({ url: r.url(), body: r.postData() || "" }));
  page.on("console", (m) => {
    if (m.type() === "error" || /Content Security Policy/.test(m.text())) problems.push(m.text());
  });
  page.on("pageerror", (e) => problems.push(String(e)));
  await page.goto(appUrl(params));
  await page.click('[data-who="family"]');
  await answerAll(page, YUQUAN_72);
  await page.waitForSelector('[data-group="eligible"]');
  await page.click('[data-action="to-answers"]');
  await page.selectOption('select[data-change="living"]', "with_family");
  await until(page, () => !document.querySelector('[data-group="eligible"] [data-service="yuquan-home-care"]'));
  await page.emulateMedia({ media: "print" });
  await page.emulateMedia({ media: "screen" });
  const stored = await page.evaluate(() => ({
    cookie: document.cookie,
    local: localStorage.length,
    session: sessionStorage.length,
  }));
  const cookies = await context.cookies();
  await context.close();
  return { requests, problems, stored, cookies };
}

/**
 * What a server learns from the packs: a check of a place fetches its
 * province's pack and no other, and no request names the place itself.
 */
function checkPacks(requests, region) {
  const packs = requests.map((r) => new URL(r.url).pathname).filter((p) => p.startsWith("/packs/"));
  const provinces = new Set(packs.map((p) => p.slice("/packs/".length, "/packs/".length + 2)));
  assert(provinces.size === 1 && provinces.has(region.slice(0, 2)), `packs fetched for ${region}: ${packs}`);
  for (const r of requests) {
    assert(!r.url.includes(region) && !r.body.includes(region), `a request names the place ${region}: ${r.url}`);
  }
}

function checkRequests(requests) {
  const origin = new URL(APP_URL).origin;
  assert(requests.length > 0, "no requests seen");
  for (const r of requests) {
    const url = new URL(r.url);
    assert(url.origin === origin, `a request left the page's origin: ${r.url}`);
    assert(built.has(url.pathname), `a request for something that is not a file of the build: ${r.url}`);
    for (const s of secrets) {
      assert(!r.url.includes(s) && !r.body.includes(s), `a request carries an answer (${s}): ${r.url}`);
    }
  }
}

await run([
  [
    "a place chosen on the picker: the server learns its province, never the place or an answer",
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requests = [];
      context.on("request", (r) => requests.push({ url: r.url(), body: r.postData() || "" }));
      await page.goto(appUrl());
      await page.fill("#place-search", "延津");
      await page.click('[data-search-results] [data-region="410726"]');
      await page.click('[data-who="family"]');
      await answerAll(page, { age: "82", economic: "dibao", ability: "moderate", living: "alone" });
      await page.waitForSelector('[data-group="eligible"]');
      // A reload sends the page's address without its fragment: still nothing.
      await page.reload();
      await page.waitForSelector('[data-group="eligible"]');
      await context.close();
      checkRequests(requests);
      checkPacks(requests, "410726");
    },
  ],
  [
    "a full check requests only the build's own files and stores nothing",
    async () => {
      const { requests, problems, stored, cookies } = await fullCheck({ region: "150104" });
      checkRequests(requests);
      assert(problems.length === 0, `console errors or CSP violations: ${problems.join(" | ")}`);
      assert(stored.cookie === "" && cookies.length === 0, `cookies: ${stored.cookie} ${JSON.stringify(cookies)}`);
      assert(stored.local === 0 && stored.session === 0, `storage written: ${JSON.stringify(stored)}`);
    },
  ],
  [
    "the same in kiosk mode",
    async () => {
      const { requests, problems, stored, cookies } = await fullCheck({ region: "150104", mode: "kiosk" });
      checkRequests(requests);
      assert(problems.length === 0, `console errors or CSP violations: ${problems.join(" | ")}`);
      assert(stored.local === 0 && stored.session === 0 && cookies.length === 0, "kiosk stored something");
    },
  ],
  [
    "display choices: remembered on a phone (and nothing else), never on a kiosk",
    async () => {
      const stored = {};
      for (const mode of ["normal", "kiosk"]) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(appUrl({ region: "150104", mode }));
        await display(page, '[data-text-size="2"]');
        await display(page, '[data-action="contrast"]');
        await page.click('[data-who="family"]');
        await page.fill("#age", "72");
        await page.click('[data-action="next"]');
        stored[mode] = await page.evaluate(() => Object.assign({}, localStorage, { _session: sessionStorage.length }));
        if (mode === "normal") {
          await page.reload();
          await page.waitForSelector(".app--text-2.app--contrast");
        }
        await context.close();
      }
      assert(JSON.stringify(stored.normal) === JSON.stringify({ "yanglao.display": "t2c1", _session: 0 }), `phone stored ${JSON.stringify(stored.normal)}`);
      assert(JSON.stringify(stored.kiosk) === JSON.stringify({ _session: 0 }), `kiosk stored ${JSON.stringify(stored.kiosk)}`);
    },
  ],
  [
    "the page has a strict Content Security Policy and integrity on every asset",
    async () => {
      const html = fs.readFileSync(path.join(ROOT, "dist/index.html"), "utf8");
      const csp = (html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/) || [])[1] || "";
      assert(csp.includes("default-src 'none'"), `CSP: ${csp}`);
      assert(/script-src 'self' 'wasm-unsafe-eval' 'sha256-[^']+'/.test(csp), `script-src: ${csp}`);
      assert(csp.includes("connect-src 'self'") && !/https?:/.test(csp), `CSP allows remote: ${csp}`);
      assert(!csp.includes("unsafe-inline"), "CSP allows inline code");
      const tags = html.match(/<(script|link)\b[^>]*>/g) || [];
      for (const tag of tags) {
        const isAsset = /\b(src|href)="\/[^"]*\.(js|css|wasm)"/.test(tag);
        if (isAsset) assert(/integrity="sha384-/.test(tag), `no integrity: ${tag}`);
        assert(!/\b(src|href)="https?:/.test(tag), `a remote asset: ${tag}`);
      }
      // The wasm has no preload link (scripts/postbuild.py): the loader fetches it with its integrity.
      const loader = (html.match(/<script type="module">([\s\S]*?)<\/script>/) || [])[1] || "";
      assert(/fetch\('\/[^']+_bg\.wasm', \{ integrity: 'sha384-[^']+' \}\)/.test(loader), `the wasm is fetched without integrity: ${loader}`);
    },
  ],
  [
    "an inline script that is not the loader is refused by the policy",
    async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const violations = [];
      page.on("console", (m) => /Content Security Policy/.test(m.text()) && violations.push(m.text()));
      await page.goto(appUrl());
      await page.waitForSelector("section.picker");
      const ran = await page.evaluate(() => {
        window.__injected = false;
        const s = document.createElement("script");
        s.textContent = "window.__injected = true";
        document.head.appendChild(s);
        return window.__injected;
      });
      assert(ran === false, "an injected inline script ran");
      const fetched = await page.evaluate(() => fetch("https://example.com/").then(() => "fetched", () => "blocked"));
      assert(fetched === "blocked", "a remote connection was allowed");
      await context.close();
    },
  ],
]).finally(() => browser.close());
