#!/usr/bin/env python3
"""Check the English and the quotes written in the rule files themselves.

Usage (from anywhere):   python3 rules/en/check.py [CODE ...]

Every rules/<code>.toml carries its English beside the Chinese ([region.en],
[documents.en], [services.en] with its [services.en.words]) and each service's
`quote`, the clause's own words from the seed text. rules/terms.toml carries
each shared term's [terms.en]. For every region file (or every code given) and
for terms.toml this checks that:

  * the region has an English name and short_name;
  * every document has an English title, and an issuer / expired_note / gaps
    exactly when the Chinese has one;
  * every service has `quote` and a [services.en] with name, summary, where,
    steps, documents, reviewer and office; short / amount_note / discount /
    reading / clause exactly when the Chinese has [services.amount] short /
    note / discount or the service's reading / clause; no other keys;
  * the English clause (二、(一)3 = "Part 2 (1), item 3", 第13项（…） =
    "Item 13 (…)", 清单：… = "The List: …", several joined by "; ") has every
    number of the Chinese clause, its Chinese numerals read as figures
    (二、 = 2, (一) = 1, 第十三项 = 13: 一 = 1 … 十 = 10, 十一 = 11, 二十 = 20), and
    no Chinese character at all, not even in brackets;
  * steps and documents have the same count as the Chinese;
  * [services.en.words] has the English of every label ("…" (cond)) and every
    verify("…") note written in the service's own `when`, and nothing else
    (the shared terms' labels and notes come from terms.toml: a service using
    a term does not repeat them);
  * every term of terms.toml has [terms.en] with a label, and words for every
    verify note of its `when`, exactly as written there, each keeping {office};
  * every string is non-empty and has no leading/trailing spaces;
  * one Chinese document name (身份证, 低保证 …) has one English name in every
    file, since the app lists what to bring once;
  * faithfulness of each English text against its Chinese:
      - every figure (run of digits) in the Chinese appears in the English
        (a month written 12月 may appear as a month name instead);
      - every 《title》 quoted in the Chinese appears, with its 《》, in the English;
      - every document number such as 呼民政发〔2021〕68号 appears unchanged;
      - no Chinese outside brackets: Chinese may appear only inside (...) after
        the English, as GLOSSARY.md asks (clause labels such as 二、(三)13 are
        kept as written);
  * every quote is found in its seed, the file named on the rule file's
    "# Source: shared/seeds/…" line: whitespace (line breaks, the spaces of the
    captured layout) is ignored on both sides, and a quote may leave out a gap
    written as …, its parts then found in order. A quote is at most 300
    characters (without whitespace).

Seed 003 (山西省) is a traditional-character rendering of a simplified original,
with pinyin glosses after some characters (服務(wù)) and a few garbled spots. Its
quotes are given in simplified characters, so for that seed the check first
drops the glosses, mends the garbled spot that a quote crosses (REPAIRS), and
converts the text to simplified character by character (T2S below: every
traditional character of that seed, generated once with OpenCC's t2s; OpenCC's
phrase-level conversion of the whole seed gives the same text). So the quotes
of 003 are checked exactly, like the others, against the converted text.

The seeds are looked for in $YANGLAO_SEEDS, else in ../shared/seeds beside the
repository (as the developers and CI have it).

Python 3.11+ standard library only. Exit status 0 when everything passes.
"""

from __future__ import annotations

import os
import re
import sys
import tomllib
from pathlib import Path

RULES = Path(__file__).resolve().parent.parent
REPO = RULES.parent
SEEDS = Path(os.environ.get("YANGLAO_SEEDS") or REPO.parent / "shared" / "seeds")

REQUIRED = ["name", "summary", "where", "steps", "documents", "reviewer", "office"]
# English key -> how to find the Chinese text it translates (None when absent).
OPTIONAL = {
    "short": lambda s: s.get("amount", {}).get("short"),
    "amount_note": lambda s: s.get("amount", {}).get("note"),
    "discount": lambda s: s.get("amount", {}).get("discount"),
    "reading": lambda s: s.get("reading"),
    "clause": lambda s: s.get("clause"),
}
DOC_OPTIONAL = ("issuer", "expired_note", "gaps")
QUOTE_MAX = 300

MONTHS = [
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
]
CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
# Clause labels of the source documents (一、(三), 二、(四)16) are kept as written.
CLAUSE = re.compile(r"[一二三四五六七八九十]+、")
TITLE = re.compile(r"《[^《》]+》")
DOCNO = re.compile(r"[\u3400-\u9fff]+〔\d{4}〕\d+号")
# In a condition: a label is a quoted text followed by a bracket; a note is verify("…").
LABEL = re.compile(r'"([^"]*)"\s*\(')
VERIFY = re.compile(r'verify\(\s*"([^"]*)"\s*\)')

# Seed 003: the pinyin glosses, the garbled spot a quote crosses, and the characters.
GLOSS = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü ]+\)")
REPAIRS = {"003": [("需求?,F役", "需求。現役")]}  # 。現 read back as ?,F in the capture
T2S_PAIRS = (
    "個个們们備备傳传債债傾倾價价償偿優优儲储內内別别則则創创劃划動动務务勵励區区協协參参員员問问單单嚴严國国圍围園园圖图執执"
    "堅坚報报場场夠够學学實实審审寬宽寶宝將将專专對对導导層层屬属幫帮庫库廠厂廣广廳厅強强徑径從从復复徹彻愛爱態态慮虑憑凭應应"
    "戰战戶户掛挂換换揮挥撐撑撥拨撫抚擔担據据擴扩數数斷断時时晉晋暢畅書书會会條条業业極极榮荣構构標标樞枢機机檔档檢检權权歲岁"
    "歸归殘残決决況况測测準准滿满潔洁濟济為为無无營营爭争牽牵犧牺狀状獎奖獨独獲获現现環环產产當当療疗發发盡尽監监盤盘眾众確确"
    "礎础礙碍稅税種种積积穩稳籌筹紀纪約约納纳紙纸級级細细組组結结絡络給给統统經经綜综網网線线編编縣县總总績绩織织繳缴繼继續续"
    "義义習习聯联職职聽听肅肃脫脱臨临臺台與与舉举舊旧萬万蓋盖處处號号術术衛卫補补裝装見见規规視视親亲訂订計计訓训記记訪访設设"
    "評评詢询試试話话認认課课調调請请講讲證证識识議议護护讀读變变讓让豐丰負负財财貧贫貫贯責责買买費费貼贴賃赁資资質质購购賽赛"
    "贈赠贍赡軍军輔辅輸输輻辐轄辖轉转辦办農农連连進进運运過过違违遞递遠远適适遺遗還还邊边鄉乡鄰邻醫医針针鉤钩銀银銜衔銷销錄录"
    "鎖锁鎮镇鏈链鐘钟長长門门開开閑闲間间關关隊队階阶際际隨随險险難难電电響响項项預预領领頭头頻频題题額额類类顧顾風风養养館馆"
    "饋馈驗验驟骤體体點点黨党齡龄"
)
T2S = {T2S_PAIRS[i]: T2S_PAIRS[i + 1] for i in range(0, len(T2S_PAIRS), 2)}


def zh_service_text(s: dict, key: str):
    if key in ("name", "summary"):
        return s.get(key)
    if key in ("where", "reviewer", "office"):
        return s["apply"].get(key)
    if key == "steps":
        return s["apply"].get("steps", [])
    if key == "documents":
        return [d if isinstance(d, str) else d.get("name") for d in s["apply"].get("documents", [])]
    return OPTIONAL[key](s)


def figures_zh(text: str) -> tuple[list[str], list[int]]:
    """Digit runs in the Chinese, and the months (12月 …) that may be written as names."""
    months = []

    def month(m: re.Match) -> str:
        months.append(int(m.group(1)))
        return "月"

    stripped = re.sub(r"(?<![0-9])(1[0-2]|0?[1-9])月", month, text)

    def iso(m: re.Match) -> str:
        months.append(int(m.group(2)))
        return f"{m.group(1)} {m.group(3)}"

    stripped = re.sub(r"(\d{4})-(\d{2})-(\d{2})", iso, stripped)
    return re.findall(r"\d+", stripped), months


def figures_en(text: str) -> list[str]:
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text)  # 1,000 -> 1000
    return re.findall(r"\d+", text)


def outside_brackets(text: str) -> str:
    """The text with every (...) group removed (nesting allowed)."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0:
            out.append(ch)
    return "".join(out)


CN_DIGIT = dict(zip("一二三四五六七八九", range(1, 10)))
# Chinese numerals in a clause label: 二、, (一) / （一）, 第十三项.
CN_NUMERAL = re.compile(
    r"[一二三四五六七八九十]+(?=、)"
    r"|(?<=[(（])[一二三四五六七八九十]+(?=[)）])"
    r"|(?<=第)[一二三四五六七八九十]+(?=[项条款部分])"
)


def cn_number(s: str) -> int:
    """一 = 1 … 九 = 9, 十 = 10, 十一 = 11, 二十 = 20, 二十三 = 23 (up to 99)."""
    if "十" in s:
        tens, _, ones = s.partition("十")
        return (CN_DIGIT[tens] if tens else 1) * 10 + (CN_DIGIT[ones] if ones else 0)
    return CN_DIGIT[s]


def clause_figures(zh: str) -> list[str]:
    """The numbers of a Chinese clause reference, its Chinese numerals as figures."""
    return re.findall(r"\d+", CN_NUMERAL.sub(lambda m: f" {cn_number(m.group(0))} ", zh))


def compare_clause(where: str, zh, en, errors: list[str]) -> None:
    """The English of a clause reference: every number carried over, no Chinese."""
    if not isinstance(zh, str):
        zh = ""
    if not isinstance(en, str) or not en.strip():
        errors.append(f"{where}: empty or not a string")
        return
    if en != en.strip():
        errors.append(f"{where}: leading or trailing spaces")
    have = figures_en(en)
    for n in clause_figures(zh):
        if n not in have:
            errors.append(f"{where}: number {n} of the Chinese clause {zh!r} is missing")
    if en.count("(") != en.count(")"):
        errors.append(f"{where}: unbalanced brackets")
    cjk = CJK.findall(en) + re.findall(r"[\u3000-\u303f\uff00-\uffef]", en)  # 、（）；《》 …
    if cjk:
        errors.append(f"{where}: Chinese in the English clause ({''.join(cjk)[:20]})")


def compare(where: str, zh, en, errors: list[str]) -> None:
    if not isinstance(zh, str):
        zh = ""
    if not isinstance(en, str) or not en.strip():
        errors.append(f"{where}: empty or not a string")
        return
    if en != en.strip():
        errors.append(f"{where}: leading or trailing spaces")
    nums, months = figures_zh(zh)
    have = figures_en(en)
    for n in nums:
        if n not in have and n.lstrip("0") not in have:
            errors.append(f"{where}: figure {n} from the Chinese is missing: {zh!r}")
    for m in months:
        if MONTHS[m - 1] not in en and str(m) not in have:
            errors.append(f"{where}: month {m} ({MONTHS[m - 1]}) from the Chinese is missing")
    for t in TITLE.findall(zh):
        if t not in en:
            errors.append(f"{where}: document title {t} not given after its English")
    for n in DOCNO.findall(zh):
        # the run of characters before 〔 may start with a word of the sentence
        # (按济政办发〔2017〕46号): the number with at least 2 of them will do
        head, tail = n.split("〔", 1)
        if not any(f"{head[-k:]}〔{tail}" in en for k in range(len(head), 1, -1)):
            errors.append(f"{where}: document number {n} missing")
    if en.count("(") != en.count(")"):
        errors.append(f"{where}: unbalanced brackets")
    bare = CJK.findall(CLAUSE.sub("", outside_brackets(en)))
    if bare:
        errors.append(f"{where}: Chinese outside brackets ({''.join(bare)[:20]}…)")


def condition_words(when: str) -> list[str]:
    """The labels and verify notes written in a condition, in order, once each."""
    found = []
    for m in sorted([*LABEL.finditer(when), *VERIFY.finditer(when)], key=lambda m: m.start()):
        if m.group(1) not in found:
            found.append(m.group(1))
    return found


# --- seeds -----------------------------------------------------------------

_seed_cache: dict[str, str] = {}


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def seed_text(name: str) -> str:
    """The seed as its quotes are matched: whitespace dropped (003: also simplified)."""
    if name not in _seed_cache:
        text = (SEEDS / name).read_text(encoding="utf-8")
        prefix = name[:3]
        if prefix == "003":
            text = GLOSS.sub("", text)
        for bad, good in REPAIRS.get(prefix, []):
            text = text.replace(bad, good)
        if prefix == "003":
            text = "".join(T2S.get(ch, ch) for ch in text)
        _seed_cache[name] = squeeze(text)
    return _seed_cache[name]


def check_quote(where: str, quote, seed: str | None, errors: list[str]) -> None:
    if not isinstance(quote, str) or not quote.strip():
        errors.append(f"{where}: quote missing or empty")
        return
    if quote != quote.strip():
        errors.append(f"{where}: quote has leading or trailing spaces")
    if len(squeeze(quote)) > QUOTE_MAX:
        errors.append(f"{where}: quote is {len(squeeze(quote))} characters; quote the sentence(s) that say who qualifies and what they get, at most {QUOTE_MAX}")
    if seed is None:
        return
    text = seed_text(seed)
    at = 0
    for part in [squeeze(p) for p in quote.split("…")]:
        if not part:
            continue
        found = text.find(part, at)
        if found < 0:
            # say where it stops matching
            n = len(part)
            while n > 0 and text.find(part[:n], at) < 0:
                n -= 1
            errors.append(
                f"{where}: quote not found in shared/seeds/{seed} (after …{part[max(0, n - 12):n]}, "
                f"the seed does not go on with {part[n:n + 12]!r})"
            )
            return
        at = found + len(part)


# --- the files -----------------------------------------------------------------

# Chinese document name -> {English: first place seen}
DOC_NAMES: dict[str, dict[str, str]] = {}


def check_terms() -> tuple[list[str], dict]:
    errors: list[str] = []
    p = "terms.toml"
    zh = tomllib.loads((RULES / p).read_text(encoding="utf-8"))
    for t in zh.get("terms", []):
        w = f"{p} [terms.en] of {t['name']}"
        en = t.get("en")
        if not isinstance(en, dict):
            errors.append(f"{w}: missing")
            continue
        for k in set(en) - {"label", "words"}:
            errors.append(f"{w}: unknown key {k}")
        compare(f"{w}.label", t.get("label") or t["name"], en.get("label"), errors)
        notes = VERIFY.findall(t["when"])
        words = en.get("words", {})
        for n in notes:
            if n not in words:
                errors.append(f"{w}: words has no English for the verify note {n!r}")
            else:
                compare(f"{w}.words[{n[:12]}…]", n, words[n], errors)
                if "{office}" in n and "{office}" not in words[n]:
                    errors.append(f"{w}: the English of {n[:12]}… drops {{office}}")
        for k in set(words) - set(notes):
            errors.append(f"{w}: words has {k!r}, which is no verify note of the term")
    return errors, zh


def check_code(code: str) -> tuple[list[str], dict]:
    errors: list[str] = []
    zh_path = RULES / f"{code}.toml"
    p = f"{code}.toml"
    if not zh_path.exists():
        return [f"rules/{code}.toml: no such rule file"], {}
    text = zh_path.read_text(encoding="utf-8")
    try:
        zh = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        return [f"{p}: TOML error: {e}"], {}
    counts = {"services": 0, "quote": 0, "en": 0, "words": 0}

    m = re.search(r"^# Source: shared/seeds/(\S+)", text, re.M)
    seed = m.group(1) if m else None
    if seed is None:
        errors.append(f"{p}: no '# Source: shared/seeds/…' line naming its seed")
    elif not (SEEDS / seed).exists():
        errors.append(f"{p}: seed {SEEDS / seed} not found (set YANGLAO_SEEDS to the seeds folder)")
        seed = None

    # region
    reg = zh["region"].get("en")
    if not isinstance(reg, dict):
        errors.append(f"{p} [region.en]: missing")
        reg = {}
    for k in ("name", "short_name"):
        compare(f"{p} [region.en] {k}", zh["region"][k], reg.get(k, ""), errors)
    for k in set(reg) - {"name", "short_name"}:
        errors.append(f"{p} [region.en]: unknown key {k}")

    # documents
    for d in zh.get("documents", []):
        w = f"{p} documents {d['id']}"
        e = d.get("en")
        if not isinstance(e, dict):
            errors.append(f"{w}: [documents.en] missing")
            continue
        compare(f"{w}.en.title", d["title"], e.get("title", ""), errors)
        for k in DOC_OPTIONAL:
            present = bool(str(d.get(k, "")).strip())
            if present and k not in e:
                errors.append(f"{w}.en: {k} missing (the Chinese has one)")
            elif not present and k in e:
                errors.append(f"{w}.en: {k} given but the Chinese has none")
            elif present:
                compare(f"{w}.en.{k}", d[k], e[k], errors)
        for k in set(e) - {"title", *DOC_OPTIONAL}:
            errors.append(f"{w}.en: unknown key {k}")

    # services
    for z in zh.get("services", []):
        counts["services"] += 1
        i, w = z["id"], f"{p} services.{z['id']}"
        before = len(errors)
        check_quote(w, z.get("quote"), seed, errors)
        if len(errors) == before:
            counts["quote"] += 1
        e = z.get("en")
        if not isinstance(e, dict):
            errors.append(f"{w}: [services.en] missing")
            continue
        before = len(errors)
        for k in REQUIRED:
            if k not in e:
                errors.append(f"{w}.en: {k} missing")
        for k, get in OPTIONAL.items():
            present = get(z) is not None
            if present and k not in e:
                errors.append(f"{w}.en: {k} missing (the Chinese has one)")
            elif not present and k in e:
                errors.append(f"{w}.en: {k} given but the Chinese has none")
        for k in set(e) - set(REQUIRED) - set(OPTIONAL) - {"words"}:
            errors.append(f"{w}.en: unknown key {k}")
        for k in sorted(e.keys() & (set(REQUIRED) | set(OPTIONAL))):
            ztext = zh_service_text(z, k)
            if ztext is None:
                continue  # reported above: given but the Chinese has none
            if k in ("steps", "documents"):
                if not isinstance(e[k], list):
                    errors.append(f"{w}.en.{k}: not a list")
                    continue
                if len(e[k]) != len(ztext):
                    errors.append(f"{w}.en.{k}: {len(e[k])} in English, {len(ztext)} in Chinese")
                for n, (zt, et) in enumerate(zip(ztext, e[k]), 1):
                    compare(f"{w}.en.{k}[{n}]", zt, et, errors)
                    if k == "documents" and isinstance(zt, str) and isinstance(et, str):
                        DOC_NAMES.setdefault(zt, {}).setdefault(et, f"{w}.en.documents[{n}]")
            elif k == "clause":
                compare_clause(f"{w}.en.clause", ztext, e[k], errors)
            else:
                compare(f"{w}.en.{k}", ztext, e[k], errors)
        if len(errors) == before:
            counts["en"] += 1
        before = len(errors)
        wanted = condition_words(z["when"])
        words = e.get("words", {})
        for c in wanted:
            if c not in words:
                errors.append(f"{w}.en.words: no English for {c!r}")
            else:
                compare(f"{w}.en.words[{c[:14]}…]", c, words[c], errors)
        for c in set(words) - set(wanted):
            errors.append(f"{w}.en.words: {c!r} is no label or verify note of its own `when`")
        if len(errors) == before:
            counts["words"] += 1
    return errors, counts


def main(argv: list[str]) -> int:
    codes = argv or sorted(
        f.stem for f in RULES.glob("*.toml") if re.fullmatch(r"\d{6}", f.stem)
    )
    total_errors = 0
    total = {"services": 0, "quote": 0, "en": 0, "words": 0}
    errors, terms = check_terms()
    n_terms = len(terms.get("terms", []))
    print(f"terms: {n_terms} terms, " + ("ok" if not errors else f"{len(errors)} problem(s)"))
    for e in errors:
        print("  " + e)
    total_errors += len(errors)
    for code in codes:
        errors, counts = check_code(code)
        for k in total:
            total[k] += counts.get(k, 0)
        total_errors += len(errors)
        print(
            f"{code}: {counts.get('services', 0)} services, quote {counts.get('quote', 0)}, "
            f"English {counts.get('en', 0)}, words {counts.get('words', 0)}: "
            + ("ok" if not errors else f"{len(errors)} problem(s)")
        )
        for e in errors:
            print("  " + e)
    for zt, ens in sorted(DOC_NAMES.items()):
        if len(ens) > 1:
            total_errors += 1
            print(f"document {zt} has {len(ens)} different English names:")
            for et, first in ens.items():
                print(f"  {et!r}  ({first})")
    print(
        f"{len(codes)} files, {total['services']} services: quote {total['quote']}, "
        f"English {total['en']}, words {total['words']}; {n_terms} terms: "
        + ("all complete" if not total_errors else f"{total_errors} problem(s)")
    )
    return 1 if total_errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
