// Rule packs loaded on demand (issue 13): a pack that is missing, cut short,
// changed (its integrity fails) or unreachable gives a clear message with
// 再试一次, never a blank page, a partial list or a wrong result; once it is
// whole again, 再试一次 goes on. A portal build with the region's pack in the
// page makes no request for it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { launch, run, assert, ROOT, DATE, serve } from "./lib.mjs";

const browser = await launch();

/** A copy of dist/ with its own server; `pack` is the path of 河南省's pack in it. */
async function deployment() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "yanglao-packs-"));
  fs.cpSync(path.join(ROOT, "dist"), dir, { recursive: true });
  const name = fs.readdirSync(path.join(dir, "packs")).find((f) => f.startsWith("41-"));
  const { server, url } = await serve(dir);
  return { dir, server, url, pack: path.join(dir, "packs", name) };
}

/** Opens 延津县 with no service worker (so nothing is served from a cache) and returns the page. */
async function open(url) {
  const context = await browser.newContext({ serviceWorkers: "block" });
  const page = await context.newPage();
  await page.goto(`${url}?region=410726&date=${DATE}`);
  return { context, page };
}

async function failsThenRecovers(label, spoil, words) {
  const d = await deployment();
  const good = fs.readFileSync(d.pack);
  try {
    spoil(d, good);
    const { context, page } = await open(d.url);
    const failed = await page.waitForSelector("[data-pack-failed]");
    const text = await failed.textContent();
    assert(words.some((w) => text.includes(w)) && text.includes("再试一次"), `${label}: ${text}`);
    assert(!(await page.$("section.who, section.question, section.results")), `${label}: the check went on without its pack`);
    // Whole again: 再试一次 reads it, and the check goes on.
    if (!fs.existsSync(d.pack) || !fs.readFileSync(d.pack).equals(good)) fs.writeFileSync(d.pack, good);
    await page.click('[data-action="retry"]');
    await page.waitForSelector("section.who");
    assert((await page.textContent("section.who")).includes("延津县"), `${label}: the place is not named after the retry`);
    await context.close();
  } finally {
    d.server.kill();
    fs.rmSync(d.dir, { recursive: true, force: true });
  }
}

await run([
  ["a missing pack (404): a message and 再试一次", () => failsThenRecovers("404", (d) => fs.rmSync(d.pack), ["404"])],
  [
    "a pack cut short: refused, a message and 再试一次",
    () => failsThenRecovers("truncated", (d, good) => fs.writeFileSync(d.pack, good.subarray(0, good.length >> 1)), ["不完整", "损坏"]),
  ],
  [
    "a pack whose bytes changed (integrity fails): refused, a message and 再试一次",
    () =>
      failsThenRecovers(
        "changed",
        (d, good) => {
          const bad = Buffer.from(good);
          bad[bad.length - 5] ^= 0xff;
          fs.writeFileSync(d.pack, bad);
        },
        ["不完整", "损坏"],
      ),
  ],
  [
    "no network: a message and 再试一次",
    async () => {
      const d = await deployment();
      try {
        const context = await browser.newContext({ serviceWorkers: "block" });
        const page = await context.newPage();
        await page.goto(`${d.url}?date=${DATE}`);
        await page.waitForSelector("section.picker");
        await context.setOffline(true);
        await page.click('[data-province="41"]');
        const failed = await page.waitForSelector("[data-pack-failed]");
        const text = await failed.textContent();
        assert(text.includes("网络") && text.includes("再试一次"), text);
        await context.setOffline(false);
        await page.click('[data-action="retry"]');
        await page.waitForSelector('[data-open="410700"]');
        await context.close();
      } finally {
        d.server.kill();
        fs.rmSync(d.dir, { recursive: true, force: true });
      }
    },
  ],
  [
    "the search's index missing (404): the box says so with 再试一次, and finds the place once it is back",
    async () => {
      const d = await deployment();
      const name = fs.readdirSync(d.dir).find((f) => /^regions-.*\.tsv$/.test(f));
      const file = path.join(d.dir, name);
      const good = fs.readFileSync(file);
      try {
        fs.rmSync(file);
        const context = await browser.newContext({ serviceWorkers: "block" });
        const page = await context.newPage();
        await page.goto(`${d.url}?date=${DATE}`);
        await page.fill("#place-search", "延津");
        const failed = await page.waitForSelector("[data-search-failed]");
        const text = await failed.textContent();
        assert(text.includes("404") && text.includes("再试一次"), text);
        // What was typed stays in the box; once the index is back, 再试一次 finds it.
        assert((await page.inputValue("#place-search")) === "延津", "the box lost what was typed");
        fs.writeFileSync(file, good);
        await page.click('[data-search-failed] [data-action="retry"]');
        await page.waitForSelector('[data-search-results] [data-region="410726"]');
        assert(!(await page.$("[data-search-failed]")), "the failure is still shown after the retry");
        await context.close();
      } finally {
        d.server.kill();
        fs.rmSync(d.dir, { recursive: true, force: true });
      }
    },
  ],
  [
    "a portal build with the region's pack in the page requests no pack",
    async () => {
      const d = await deployment();
      try {
        execFileSync("python3", [path.join(ROOT, "scripts/postbuild.py"), d.dir], {
          env: { ...process.env, TRUNK_STAGING_DIR: d.dir, YANGLAO_EMBED_REGION: "410726" },
        });
        const context = await browser.newContext({ serviceWorkers: "block" });
        const page = await context.newPage();
        const requests = [];
        page.on("request", (r) => requests.push(new URL(r.url()).pathname));
        await page.goto(`${d.url}?region=410726&mode=embed&date=${DATE}`);
        await page.waitForSelector("section.who");
        assert((await page.textContent("section.who")).includes("延津县"), "the place is not named");
        const packs = requests.filter((p) => p.startsWith("/packs/") || p.startsWith("/regions-"));
        assert(packs.length === 0, `the embedded checker fetched ${packs}`);
        await context.close();
      } finally {
        d.server.kill();
        fs.rmSync(d.dir, { recursive: true, force: true });
      }
    },
  ],
]).finally(() => browser.close());
