// The rules workbench (issue 16), tried as a new county clerk would, with no
// Rust: write a small county file from a policy text, fix the mistakes it
// shows (in Chinese, at line and column), try three people in the preview and
// save each as cases, download the file. Then `yanglao rules check --rules`
// accepts the file, and the checker built with it answers as the preview did.
// Also: hostile input (a 5 MB paste, binary junk, a condition nested 10,000
// deep) never crashes it or loses the text; a reload keeps the draft; the
// draft can be cleared and is never kept on a kiosk; axe finds nothing.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync, spawnSync } from "node:child_process";
import { launch, run, assert, until, answerAll, serve, ROOT, APP_URL, DATE } from "./lib.mjs";

const FIXTURES = path.join(ROOT, "tests/e2e/fixtures");
const POLICY = fs.readFileSync(path.join(FIXTURES, "workbench-policy.txt"), "utf8");
const DRAFT = fs.readFileSync(path.join(FIXTURES, "workbench-draft.toml"), "utf8");
const CODE = "410727";
const WORKBENCH = new URL("workbench/", APP_URL).toString();
const AXE = fs.readFileSync(path.join(ROOT, ".tools/node_modules/axe-core/axe.min.js"), "utf8");
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

/** Three people, each saved as a case of both services: 80+, 经济困难 and 失能, not known. */
const PEOPLE = [
  { note: "82岁，不是经济困难", answers: { age: "82", lives_in_region: "yes", economic: "none", ability: "intact" } },
  { note: "70岁低保，重度失能", answers: { age: "70", lives_in_region: "yes", economic: "dibao", ability: "severe" } },
  { note: "85岁，别的都不知道", answers: { age: "85" } },
];

const browser = await launch();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "yanglao-workbench-"));
const errors = [];

async function open(context, url = WORKBENCH) {
  const page = await context.newPage();
  page.on("pageerror", (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on("console", (m) => m.type() === "error" && errors.push(`${page.url()}: ${m.text()}`));
  await page.goto(url);
  await page.waitForSelector("#wb-text");
  return page;
}

/** The summary line once the check of the text now in the box has run. */
async function checkedText(page) {
  // Checking runs a moment after typing stops; the summary then names this text's problems.
  await page.waitForTimeout(400);
  await until(page, () => !!document.querySelector("#wb-summary"), null);
  return page.textContent("#wb-summary");
}

async function problems(page) {
  return page.$$eval(".wb-problem", (els) =>
    els.map((e) => ({
      line: Number(e.getAttribute("data-line")),
      column: Number(e.getAttribute("data-column")),
      text: e.querySelector(".wb-problem__text").textContent,
      kind: e.className,
    })),
  );
}

/** The services' results shown, { id: status }. */
async function results(frame) {
  await frame.waitForSelector("section.results");
  return frame.$$eval("[data-service][data-status]", (els) =>
    Object.fromEntries(els.map((e) => [e.getAttribute("data-service"), e.getAttribute("data-status")])),
  );
}

async function walk(frame, person) {
  await frame.waitForSelector("section.who");
  await frame.click('section.who [data-who="family"]');
  await answerAll(frame, person.answers);
  return results(frame);
}

const previewed = [];
let downloaded = "";

await run([
  [
    "a new county file: its mistakes in Chinese at line and column, fixed; three people from the preview saved as cases; downloaded",
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
      const requests = [];
      context.on("request", (r) => requests.push({ url: r.url(), method: r.method(), body: r.postData() || "" }));
      const page = await open(context);
      await page.click('[data-action="new"]');
      await page.fill("#wb-text", DRAFT);
      await page.fill("#wb-policy", POLICY);
      // The first mistake: a misspelt key, at its line and column.
      let summary = await checkedText(page);
      assert(/错误/.test(summary), `summary: ${summary}`);
      let found = await problems(page);
      const sumaryLine = DRAFT.split("\n").findIndex((l) => l.startsWith("sumary")) + 1;
      assert(found.length >= 1, "no problem shown");
      assert(found[0].line === sumaryLine && found[0].column === 1, `sumary at ${JSON.stringify(found[0])}, expected line ${sumaryLine} column 1`);
      assert(/sumary/.test(found[0].text) && /[\u4e00-\u9fff]/.test(found[0].text), `not plain Chinese: ${found[0].text}`);
      assert(!/\b(expected|unknown field|serde)\b/.test(found[0].text), `English in the message: ${found[0].text}`);
      // Choosing it puts the cursor on that line.
      await page.click(".wb-problem .wb-problem__at");
      const at = await page.$eval("#wb-text", (t) => t.value.slice(0, t.selectionStart).split("\n").length);
      assert(at === sumaryLine, `cursor on line ${at}, not ${sumaryLine}`);
      // Fixed; the next mistake shows: a fact that does not exist.
      let text = DRAFT.replace("sumary =", "summary =");
      await page.fill("#wb-text", text);
      await checkedText(page);
      found = await problems(page);
      const ageeLine = text.split("\n").findIndex((l) => l.startsWith("agee")) + 1;
      const agee = found.find((p) => /agee/.test(p.text));
      assert(agee && agee.line === ageeLine && agee.column === 1, `agee: ${JSON.stringify(found)}`);
      text = text.replace("agee >= 80 and lives_in_region", "高龄 and lives_in_region");
      await page.fill("#wb-text", text);
      summary = await checkedText(page);
      // Only the example cases are left to write, and the preview runs meanwhile.
      found = await problems(page);
      assert(found.length > 0 && found.every((p) => /例子/.test(p.text)), `left: ${JSON.stringify(found)}`);
      const coverage = await page.$eval("[data-covered]", (e) => [e.getAttribute("data-covered"), e.getAttribute("data-clauses")]);
      assert(coverage[0] === "2", `clauses covered: ${coverage}`);
      await page.fill("#wb-date", DATE);
      await page.dispatchEvent("#wb-date", "change");
      for (const person of PEOPLE) {
        await page.waitForSelector(`[data-preview="${CODE}"] section.who`);
        const shown = await walk(page, person);
        assert(Object.keys(shown).length === 2, `preview results: ${JSON.stringify(shown)}`);
        previewed.push(shown);
        await page.waitForSelector('[data-action="save-case"]');
        await page.fill("#wb-note", person.note);
        await page.click('[data-action="save-case"]');
        await until(page, () => /已存为例子/.test(document.querySelector("[data-said]")?.textContent || ""), null);
        await checkedText(page);
      }
      const status = (i, id) => Object.entries(previewed[i]).find(([k]) => k.endsWith(id))?.[1];
      const expected = [
        ["eligible", "ineligible"],
        ["ineligible", "eligible"],
        ["maybe", "maybe"],
      ];
      for (const [i, [high, care]] of expected.entries()) {
        const got = [status(i, "fengqiu-high-age"), status(i, "fengqiu-care-subsidy")];
        assert(got[0] === high && got[1] === care, `person ${i + 1}: ${JSON.stringify(previewed[i])}, expected ${high}, ${care}`);
      }
      summary = await checkedText(page);
      const passes = await page.getAttribute("#wb-summary", "data-passes");
      assert(passes === "true", `after three people: ${summary} ${JSON.stringify(await problems(page))}`);
      const [download] = await Promise.all([page.waitForEvent("download"), page.click('[data-action="download"]')]);
      assert(download.suggestedFilename() === `${CODE}.toml`, `downloaded as ${download.suggestedFilename()}`);
      const rules = path.join(tmp, "rules");
      fs.mkdirSync(rules);
      await download.saveAs(path.join(rules, `${CODE}.toml`));
      downloaded = fs.readFileSync(path.join(rules, `${CODE}.toml`), "utf8");
      const saved = downloaded.match(/\[\[services\.cases\]\]/g) || [];
      assert(saved.length === 6, `${saved.length} cases in the file, not 6`);
      assert(downloaded.includes(`date = "${DATE}"`) && downloaded.includes('note = "70岁低保，重度失能"'), "the cases' date or note");
      // Nothing written left the browser: only the workbench's own files were fetched.
      const origin = new URL(WORKBENCH).origin;
      const stray = requests.filter(
        (r) =>
          !r.url.startsWith("blob:") &&
          (r.method !== "GET" || r.body || !r.url.startsWith(origin + "/workbench/") || /fengqiu|410727|%E5|sumary|agee/i.test(r.url)),
      );
      assert(stray.length === 0, `requests that are not the workbench's own files: ${JSON.stringify(stray)}`);
      await context.close();
    },
  ],
  [
    "yanglao rules check --rules accepts the downloaded file unchanged",
    async () => {
      assert(downloaded, "nothing downloaded");
      const rules = path.join(tmp, "rules");
      for (const shared of ["vocabulary.toml", "terms.toml"]) fs.copyFileSync(path.join(ROOT, "rules", shared), path.join(rules, shared));
      const r = spawnSync("cargo", ["run", "-q", "-p", "yanglao-cli", "--", "rules", "check", "--rules", rules], { cwd: ROOT, encoding: "utf8" });
      assert(r.status === 0, `rules check exit ${r.status}:\n${r.stdout}\n${r.stderr}`);
      assert(/6 cases: 6 passed, 0 failed/.test(r.stdout), r.stdout);
    },
  ],
  [
    "the checker built with the file answers each person as the preview did",
    async () => {
      assert(previewed.length === 3, "no preview results");
      const built = path.join(tmp, "dist");
      fs.cpSync(path.join(ROOT, "dist"), built, { recursive: true });
      // What the build's post-build step does with the rules (scripts/postbuild.sh).
      execFileSync("cargo", ["run", "-q", "--release", "-p", "yanglao-pack", "--", "--rules", path.join(tmp, "rules"), "--out", built], { cwd: ROOT, stdio: "pipe" });
      execFileSync("python3", [path.join(ROOT, "scripts/postbuild.py"), built], { stdio: "pipe" });
      const { server, url } = await serve(built);
      try {
        const context = await browser.newContext();
        for (const [i, person] of PEOPLE.entries()) {
          const page = await context.newPage();
          await page.goto(`${url}?region=${CODE}&date=${DATE}`);
          const shown = await walk(page, person);
          assert(JSON.stringify(shown) === JSON.stringify(previewed[i]), `person ${i + 1}: checker ${JSON.stringify(shown)}, preview ${JSON.stringify(previewed[i])}`);
          await page.close();
        }
        await context.close();
      } finally {
        server.kill();
      }
    },
  ],
  [
    "a real file opened from disk passes as rules check says, and is downloaded unchanged by keyboard alone",
    async () => {
      const context = await browser.newContext({ acceptDownloads: true });
      const page = await open(context);
      const file = path.join(ROOT, "rules/410726.toml");
      await page.setInputFiles("#wb-open", file);
      await until(page, () => /410726\.toml/.test(document.querySelector("#wb-editor-title")?.textContent || ""), null);
      await checkedText(page);
      assert((await page.getAttribute("#wb-summary", "data-passes")) === "true", `410726.toml: ${await page.textContent("#wb-summary")}`);
      // Tab from the top of the page to 下载 and press Enter.
      await page.evaluate(() => document.activeElement && document.activeElement.blur());
      let tabs = 0;
      while (tabs < 12 && (await page.evaluate(() => document.activeElement?.getAttribute("data-action"))) !== "download") {
        await page.keyboard.press("Tab");
        tabs += 1;
      }
      assert(tabs < 12, "下载 is not reached by Tab");
      const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
      const saved = path.join(tmp, "410726-again.toml");
      await download.saveAs(saved);
      assert(fs.readFileSync(saved, "utf8") === fs.readFileSync(file, "utf8"), "the downloaded file differs from the one opened");
      await context.close();
    },
  ],
  [
    "a 5 MB paste, binary junk and a condition nested 10,000 deep: a clear message, the text kept, no crash",
    async () => {
      const context = await browser.newContext();
      const page = await open(context);
      const huge = DRAFT + "\n# " + "很长的粘贴".repeat(1024 * 1024 / 3);
      await page.fill("#wb-text", huge);
      let summary = await checkedText(page);
      let found = await problems(page);
      assert(found.some((p) => /太大/.test(p.text)), `5 MB: ${JSON.stringify(found).slice(0, 300)}`);
      assert((await page.$eval("#wb-text", (t) => t.value.length)) === huge.length, "the 5 MB text was not kept whole");
      const junk = Array.from({ length: 3000 }, (_, i) => String.fromCharCode((i * 7919) % 0xd7ff)).join("");
      await page.fill("#wb-text", junk);
      summary = await checkedText(page);
      found = await problems(page);
      assert(found.length >= 1 && /[\u4e00-\u9fff]/.test(found[0].text), `junk: ${summary}`);
      const deep = DRAFT.replace("sumary =", "summary =").replace("agee >= 80 and lives_in_region", "(".repeat(10000) + "age >= 80" + ")".repeat(10000));
      await page.fill("#wb-text", deep);
      summary = await checkedText(page);
      found = await problems(page);
      assert(found.some((p) => p.kind.includes("error") && /层/.test(p.text)), `10,000 deep: ${JSON.stringify(found).slice(0, 400)}`);
      // Still working: a good file checks again.
      await page.fill("#wb-text", DRAFT.replace("sumary =", "summary =").replace("agee", "age"));
      summary = await checkedText(page);
      assert(/例子/.test(summary) || /例子/.test(JSON.stringify(await problems(page))), `after the junk: ${summary}`);
      await context.close();
    },
  ],
  [
    "a reload mid-edit keeps the draft on this device; it can be cleared; a kiosk keeps nothing",
    async () => {
      const context = await browser.newContext();
      const page = await open(context);
      const text = DRAFT.replace("封丘县（测试", "封丘县（重新载入的测试");
      await page.fill("#wb-text", text);
      // Reloaded at once, before the draft's timer: the page keeps it as it goes.
      await page.reload();
      await page.waitForSelector("#wb-text");
      assert((await page.$eval("#wb-text", (t) => t.value)) === text, "the draft was lost on reload");
      assert(/已恢复/.test(await page.textContent("[data-said]")), "no word that the draft was restored");
      page.once("dialog", (d) => d.accept());
      await page.click('[data-action="clear"]');
      await until(page, () => !localStorage.getItem("yanglao-workbench-draft"), null);
      assert(!(await page.$eval("#wb-text", (t) => t.value)).includes("重新载入"), "the text stayed after clearing");
      await page.reload();
      await page.waitForSelector("#wb-text");
      assert(!(await page.$eval("#wb-text", (t) => t.value)).includes("重新载入"), "the cleared draft came back");
      // A kiosk: nothing kept (nor an earlier draft shown), and it says so.
      await page.close();
      const kiosk = await open(context, WORKBENCH + "?mode=kiosk");
      await kiosk.evaluate(() => localStorage.removeItem("yanglao-workbench-draft"));
      await kiosk.fill("#wb-text", text);
      await kiosk.waitForTimeout(800);
      assert((await kiosk.getAttribute("[data-kept]", "data-kept")) === "kiosk", "the kiosk does not say it keeps nothing");
      assert(!(await kiosk.evaluate(() => localStorage.getItem("yanglao-workbench-draft"))), "a kiosk kept the draft");
      await context.close();
    },
  ],
  [
    "axe: 0 violations on the workbench with problems, cases and the preview showing",
    async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await open(context);
      await page.fill("#wb-text", DRAFT.replace("sumary =", "summary =").replace("agee", "age"));
      await page.fill("#wb-policy", POLICY);
      await checkedText(page);
      await page.waitForSelector(`[data-preview="${CODE}"] section.who`);
      await page.evaluate(AXE);
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        TAGS,
      );
      const v = result.violations.map((x) => `${x.id}: ${x.help} ${x.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      assert(v.length === 0, v.join("\n"));
      await context.close();
    },
  ],
  [
    "no page error on the way",
    async () => assert(errors.length === 0, errors.join("\n")),
  ],
]);
