#!/usr/bin/env python3
"""Writes a synthetic catalogue of rule files for the scale benchmark (issue 13).

    python3 bench/scale/gen.py OUT_DIR [--seed N] [--files N] [--counties-only] [--with-real]

One file per region, named by its code, with 10-20 services built from the
shapes of the five real files in rules/ (kinds, conditions over the real
facts and the shared terms of rules/terms.toml, tiers, excludes, figures or
notes, apply blocks with documents `{ name, when }`, 3-6 example cases each
whose status is obvious from the condition), plus rules/terms.toml copied in.
The output is synthetic: it is never committed as rules.

Which regions (crates/core/data/regions.tsv):
- every county-level code that is not pseudo: 2,842 real counties and the
  132 statistics-only zones (flag z), 2,974 in all;
- then real prefectures (not pseudo), picked with the seed, until there are
  `--files` region files (default 3,255, the number of issue 13): 281 of them.
  `--counties-only` stops at the 2,974 county-level codes.
`--with-real` also copies the five real files in, in place of the synthetic
file of the same code (140000 is added; it is not counted in --files).

Deterministic: the same seed and options give the same bytes (Python 3.11
standard library only; random.Random(seed) drives every choice).
"""

import argparse
import os
import random
import shutil
import sys
from datetime import date, timedelta

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
REGIONS_TSV = os.path.join(ROOT, "crates", "core", "data", "regions.tsv")
RULES = os.path.join(ROOT, "rules")
CASE_DATE = "2026-11-22"  # the check date of cases on documents in force


# ---------------------------------------------------------------------------
# Regions
# ---------------------------------------------------------------------------


def read_regions():
    rows = {}
    order = []
    with open(REGIONS_TSV, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            parts = line.rstrip("\n").split("\t")
            code, name = parts[0], parts[1]
            flag = parts[2] if len(parts) > 2 else ""
            rows[code] = (name, flag)
            order.append(code)
    return rows, order


def level(code):
    if code.endswith("0000"):
        return "province"
    if code.endswith("00"):
        return "prefecture"
    return "county"


def chain_names(rows, code):
    """The province, the prefecture (unless pseudo or absent) and the place itself."""
    names = []
    prov = code[:2] + "0000"
    pref = code[:4] + "00"
    if prov in rows and prov != code:
        names.append(rows[prov][0])
    if level(code) == "county" and pref in rows and rows[pref][1] != "p":
        names.append(rows[pref][0])
    names.append(rows[code][0])
    return names


def pick_regions(rows, order, rng, files, counties_only):
    counties = [c for c in order if level(c) == "county" and rows[c][1] != "p"]
    chosen = list(counties)
    if not counties_only and len(chosen) < files:
        prefectures = [c for c in order if level(c) == "prefecture" and rows[c][1] != "p"]
        need = min(files - len(chosen), len(prefectures))
        chosen += sorted(rng.sample(prefectures, need))
    elif len(chosen) > files:
        chosen = sorted(rng.sample(chosen, files))
    return sorted(chosen)


# ---------------------------------------------------------------------------
# TOML writing
# ---------------------------------------------------------------------------


def q(s):
    """A TOML basic string."""
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def val(v):
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return str(v)
    if isinstance(v, str):
        return q(v)
    if isinstance(v, list):
        return "[" + ", ".join(val(x) for x in v) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{k} = {val(x)}" for k, x in v.items()) + " }"
    raise TypeError(v)


# ---------------------------------------------------------------------------
# Text banks (the real files' phrasing, varied so that the text does not
# compress better than real text would)
# ---------------------------------------------------------------------------

STEP_OPENERS = [
    "一般由本人或家属向户籍所在村（居）委员会或乡镇人民政府（街道办事处）提出申请",
    "本人或家属向户籍所在社区（村）居委会提交申请表和相关材料",
    "由本人或委托家属到户籍所在乡（镇）人民政府、街道办事处便民服务中心申请",
    "可以由本人、家属或村（居）委会代为向乡镇（街道）提出",
]
STEP_MIDDLES = [
    "乡镇（街道）入户核实老人的年龄、户籍和居住情况",
    "村（居）委员会初审，乡镇人民政府（街道办事处）审核并公示",
    "乡镇（街道）核对经济状况，需要时组织老年人能力综合评估",
    "社区（村）初审后报乡镇（街道）审核，审核结果在村（居）务公开栏公示7天",
]
READING_BITS = [
    "“××周岁以上”包括本数，当年满该年龄即符合。",
    "文件没有写年龄的“老年人”一律读作60周岁以上。",
    "文件没有写户籍或居住条件的，不加户籍、居住条件。",
    "“同时符合两个以上条件的，按最高标准执行，不得重复享受”：合为一项服务，只享受一次。",
    "各词按 rules/terms.toml 的定义读，条件里直接写这个词。",
    "文件没有写申请材料，下面是一般需要的，以经办部门的要求为准。",
    "金额文件写明的照写；文件交由当地确定的，只写说明，不编数字。",
    "名单末尾有“等”，读作没有列完：不在所列人群中的老人交部门认定，结果为“可能可以，需要核实”。",
    "集中供养的特困人员住在供养机构，由机构照料，不属本条。",
    "“经济困难”按 rules/terms.toml 读：特困、低保确定算，低保边缘、其他低收入交部门认定。",
]
GAPS = [
    "本办法的附件《{short}基本养老服务清单》不在收录的文本里：各项补贴的标准，以及清单里可能还有的服务，要以清单为准，请向{office}咨询。",
    "文件执行的市级办法和服务项目清单不在收录的文本里：服务标准请向{office}咨询。",
    "收录的是政府网站发布的文件摘要，附件和配套细则不在其中，当地的项目和标准请向{office}咨询。",
]
DOC_TITLES = [
    "{short}关于推进基本养老服务体系建设的实施方案",
    "{short}基本养老服务清单（{year}年版）",
    "{short}关于加快发展居家和社区养老服务的实施意见",
    "{short}基本养老服务体系建设实施办法",
    "{short}养老服务补贴制度实施细则",
]
OLD_DOC_TITLES = [
    "{short}居家和社区养老服务改革试点工作实施方案",
    "{short}困难老年人补贴发放管理办法（试行）",
    "{short}养老服务业发展三年行动计划（{y0}—{y1}年）",
]
CN_NUM = "一二三四五六七八九十"


def cn(n):
    return CN_NUM[n - 1] if 1 <= n <= 10 else str(n)


# ---------------------------------------------------------------------------
# Service templates: each returns a list of services (tiers are several).
# A service: dict with keys id, kind, name, summary, clause, when, reading,
# amount (dict), apply (dict), cases (list), and optional tier_group, tier,
# excludes. Cases: (answers, status, note); the date is filled in later.
# ---------------------------------------------------------------------------


class Ctx:
    def __init__(self, rng, code, full, short, office, street):
        self.rng = rng
        self.code = code
        self.full = full
        self.short = short
        self.office = office
        self.street = street  # 乡镇（街道） word of the place

    def pick(self, xs):
        return self.rng.choice(xs)

    def steps(self, last):
        r = self.rng
        steps = [self.pick(STEP_OPENERS), self.pick(STEP_MIDDLES)]
        if r.random() < 0.5:
            steps.append(f"{self.office}审核（一般在15个工作日内办结）")
        steps.append(last)
        return steps

    def reading(self, own):
        bits = self.rng.sample(READING_BITS, self.rng.randint(1, 3))
        return own + "".join(bits)


def base_docs(extra):
    return ["身份证", "户口簿"] + extra


def apply_block(ctx, where, last, documents, reviewer=None, usual=True):
    block = {
        "where": where,
        "steps": ctx.steps(last),
        "steps_usual": usual,
        "documents": documents,
        "documents_usual": usual,
        "reviewer": reviewer or ctx.office,
        "office": ctx.office,
    }
    return block


ECON_DOCS = [
    {"name": "特困人员救助供养证", "when": "特困"},
    {"name": "低保证", "when": "economic == dibao"},
    {"name": "低保边缘家庭证明", "when": "economic == dibao_edge"},
    {"name": "低收入家庭证明（建档立卡、脱贫监测等）", "when": "economic == low_income"},
]
ABILITY_DOC = {"name": "老年人能力评估结果", "when": "失能或半失能"}


def t_assessment(ctx):
    s = ctx.short
    return [{
        "id": "ability-assessment", "kind": "ability_assessment",
        "name": "老年人能力综合评估",
        "summary": f"按国家统一标准，评估老人生活能不能自理（能力完好、轻度、中度、重度、完全失能）。评估结果在{s}范围内通用，是申请养老补贴、护理补贴和养老服务的重要依据。",
        "when": "age >= 60",
        "reading": ctx.reading("文件写“建立统一的老年人能力综合评估制度”，评估结果作为享受补贴和服务的依据，没有写年龄，“老年人”读作60周岁以上。"),
        "amount": {"short": f"评估生活能力，结果{s}通用", "note": f"这是一项评估服务，不发钱。是否收费、到哪里评估，请向{ctx.office}或{s}卫生健康局咨询。"},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}或{ctx.office}", "出具评估结果，可用于申请相关补贴和养老服务",
                             base_docs(["近期病历、诊断证明（有的话带上）"]), f"{ctx.office}、{s}卫生健康局"),
        "cases": [
            ({"age": ctx.rng.randint(61, 95)}, "eligible", "60周岁以上老人可以申请能力评估"),
            ({"age": 60}, "eligible", "年龄边界：60周岁"),
            ({"age": 59}, "ineligible", "年龄边界：59周岁，还不是老年人"),
            ({}, "maybe", "不知道年龄"),
        ],
    }]


def t_visitation(ctx):
    open_list = ctx.rng.random() < 0.6
    when = '''age >= 60 and (
    "独居老人" (living == alone)
    or "空巢老人" (living == empty_nest)
    or "留守老人" (living == left_behind)
    or "失能老人" (失能)
    or "重度残疾老人" (重残)
    or "计划生育特殊家庭老人" (计划生育特殊家庭)''' + ("\n    or 等\n)" if open_list else "\n)")
    n = ctx.rng.choice([1, 1, 2])
    cases = [
        ({"age": 75, "living": "alone"}, "eligible", "75周岁独居老人"),
        ({"age": 68, "living": "left_behind"}, "eligible", "留守老人"),
        ({"age": 59, "living": "empty_nest"}, "ineligible", "年龄边界：59周岁，还不是老年人"),
        ({"age": 70, "ability": "intact", "disability_grade": 0, "fp_family": "none"}, "maybe", "不知道是独居、空巢还是和家人同住"),
    ]
    if not open_list:
        cases.append(({"age": 70, "living": "with_family", "ability": "intact", "disability_grade": 0, "fp_family": "none"},
                      "ineligible", "和家人同住、能力完好、无残疾，不在所列人群"))
    return [{
        "id": "visitation", "kind": "visitation",
        "name": f"探访关爱（每月至少探访{n}次）",
        "summary": f"独居、空巢、留守、失能、重度残疾和计划生育特殊家庭的老人，由村（居）委员会和{ctx.street}登记，每月至少上门探访关爱{n}次，了解居家生活的困难和安全隐患。",
        "when": when,
        "reading": ctx.reading("对象按原文“独居、空巢、留守、失能、重残、计划生育特殊家庭" + ("等" if open_list else "") + "老年人”写出；失能单独出现，重度、完全失能确定符合，轻度、中度失能交部门认定。"),
        "amount": {"short": f"每月至少上门探访{n}次", "visits_per_month": n, "at_least": True,
                   "note": f"探访的内容和次数按普通巡防、重点巡防分类确定，请向户籍所在{ctx.street}或{ctx.office}咨询。"},
        "apply": apply_block(ctx, f"户籍所在村（居）委员会或{ctx.street}", "登记后按老人情况分类安排探访",
                             base_docs([{"name": "残疾人证", "when": "残疾"}, ABILITY_DOC,
                                        {"name": "计划生育特殊家庭证明（如独生子女死亡证明）", "when": "计划生育特殊家庭"}]),
                             f"户籍所在{ctx.street}"),
        "cases": cases,
    }]


def t_tekun(ctx):
    return [{
        "id": "tekun-home-care", "kind": "tekun_support",
        "name": "分散供养特困老人日常看护和生活照料",
        "summary": f"住在自己家里的特困老人（无劳动能力、无生活来源、无人赡养的困难老人），{ctx.office}结合探访关爱，统筹安排日常看护、生活照料、住院陪护等服务。",
        "when": "age >= 60 and economic == tekun_scattered",
        "reading": ctx.reading("“分散供养特困老年人”读作 economic == tekun_scattered。"),
        "amount": {"note": f"服务内容和标准文件没有写，请向{ctx.office}或户籍所在{ctx.street}咨询。"},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}", f"{ctx.office}统筹安排日常看护、生活照料服务",
                             base_docs([{"name": "特困人员救助供养证", "when": "特困"}])),
        "cases": [
            ({"age": 74, "economic": "tekun_scattered"}, "eligible", "住在家里的特困老人"),
            ({"age": 59, "economic": "tekun_scattered"}, "ineligible", "年龄边界：59周岁"),
            ({"age": 74, "economic": "tekun_concentrated"}, "ineligible", "集中供养的特困老人由供养机构照料"),
            ({"age": 74}, "maybe", "不知道是不是特困人员"),
        ],
    }]


def t_high_age(ctx):
    r = ctx.rng
    s = ctx.short
    local = r.random() < 0.5
    live = " and lives_in_region" if local else ""
    if r.random() < 0.3:
        # One band, the figure left to the county.
        return [{
            "id": "high-age-allowance", "kind": "high_age_allowance",
            "name": "80岁以上高龄津贴",
            "summary": f"{s}户籍、年满80周岁的老人可以领高龄津贴。每月多少钱由{s}人民政府定，按年龄分档的，以当年公布的标准为准。",
            "when": "高龄" + live,
            "reading": ctx.reading("只写“为80周岁及以上老年人发放高龄津贴”，没有写经济条件，所以只看年龄" + ("和居住" if local else "") + "。"),
            "amount": {"note": f"具体标准（每月多少钱、是否按年龄分档）由{s}人民政府确定，请向{ctx.office}咨询。"},
            "apply": apply_block(ctx, f"户籍所在{ctx.street}或村（居）委会", "审核后按月发放到本人银行卡",
                                 base_docs(["本人银行卡或存折"])),
            "cases": [
                ({"age": 80, "lives_in_region": True}, "eligible", "年龄边界：刚满80周岁"),
                ({"age": 79, "lives_in_region": True}, "ineligible", "年龄边界：79周岁，还不到80周岁"),
                ({}, "maybe", "还不知道年龄"),
            ],
        }]
    bands = [(80, 90), (90, 100), (100, None)] if r.random() < 0.6 else [(80, 90), (90, None)]
    base = r.choice([30, 50, 60, 100])
    out = []
    for k, (lo, hi) in enumerate(bands, 1):
        yuan = base * k + (r.choice([0, 0, 50]) if k > 1 else 0)
        if hi:
            when = f"age >= {lo} and age < {hi}{live}"
            span = f"{lo}—{hi - 1}周岁"
            top_case = ({"age": hi - 1, "lives_in_region": True}, "eligible", f"年龄边界：{hi - 1}周岁仍在这一档")
        else:
            when = f"age >= {lo}{live}"
            span = f"{lo}周岁以上"
            top_case = ({"age": lo + 3, "lives_in_region": True}, "eligible", f"{lo + 3}周岁")
        out.append({
            "id": f"high-age-{lo}", "kind": "high_age_allowance",
            "name": f"高龄津贴（{span}，每月{yuan}元）",
            "summary": f"{s}户籍" + ("、长期居住在本地" if local else "") + f"的老人，年满{lo}周岁" + (f"、不满{hi}周岁" if hi else "") + f"的，每人每月发{yuan}元高龄津贴，按年龄分档，同一时间只领一档。",
            "when": when,
            "reading": ctx.reading("年龄段按年龄分档，同一时间只领一档；文件没有写经济条件，不看收入。"),
            "tier_group": "high-age", "tier": k,
            "amount": {"yuan_per_month": yuan},
            "apply": apply_block(ctx, f"户籍所在{ctx.street}", f"{ctx.office}审核后按月发放",
                                 base_docs(["本人银行卡或存折"])),
            "cases": [
                ({"age": lo, "lives_in_region": True}, "eligible", f"年龄边界：刚满{lo}周岁"),
                ({"age": lo - 1, "lives_in_region": True}, "ineligible", f"年龄边界：{lo - 1}周岁" + ("，领上一档" if k > 1 else "，还不到80周岁")),
                top_case,
            ] + ([({"age": lo + 1}, "maybe", "不知道是否长期居住在本地")] if local else [({}, "maybe", "还不知道年龄")]),
        })
        if local:
            out[-1]["cases"].append(({"age": lo + 1, "lives_in_region": False}, "ineligible", "没有长期居住在本地"))
    return out


def t_nursing(ctx):
    r = ctx.rng
    yuan = r.choice([50, 80, 100, 120, 150, 200, 300])
    at_least = r.random() < 0.4
    return [{
        "id": "nursing-subsidy", "kind": "nursing_subsidy",
        "name": f"困难失能老人护理补贴（每月{'不少于' if at_least else ''}{yuan}元）",
        "summary": f"家庭经济困难（如特困、低保）、经过评估认定生活不能自理的60周岁以上老人，每人每月发{'不少于' if at_least else ''}{yuan}元的护理补贴；正在享受长期护理保险待遇的不再发放。",
        "when": "age >= 60\nand 经济困难老年人\nand \"经认定生活不能自理\" (失能)\nand not ltc_insurance",
        "reading": ctx.reading("“经认定生活不能自理”读作 rules/terms.toml 的“失能”：重度、完全失能确定符合，轻度、中度失能交部门按评估认定。正在享受长护险待遇的不重复享受。"),
        "amount": {"yuan_per_month": yuan, "at_least": at_least,
                   "note": f"各乡镇（街道）按月发放到本人账户。当地具体标准请向{ctx.office}咨询。"},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}", f"{ctx.office}审核认定后按月发放",
                             base_docs(ECON_DOCS + [ABILITY_DOC, "本人银行卡或存折"])),
        "cases": [
            ({"age": 75, "economic": "dibao", "ability": "severe", "ltc_insurance": False}, "eligible", "低保、重度失能"),
            ({"age": 59, "economic": "dibao", "ability": "total", "ltc_insurance": False}, "ineligible", "年龄边界：59周岁"),
            ({"age": 75, "economic": "none", "ability": "severe", "ltc_insurance": False}, "ineligible", "经济条件不符：不属经济困难"),
            ({"age": 75, "economic": "dibao", "ability": "severe", "ltc_insurance": True}, "ineligible", "已享受长期护理保险待遇"),
            ({"age": 75, "economic": "dibao", "ltc_insurance": False}, "maybe", "还不知道能力评估结果"),
        ],
    }]


def t_service_subsidy(ctx):
    r = ctx.rng
    yuan = r.choice([50, 60, 80, 100, 150])
    return [{
        "id": "service-subsidy", "kind": "service_subsidy",
        "name": f"经济困难老人养老服务补贴（每月{yuan}元）",
        "summary": f"{ctx.short}户籍、年满70周岁的特困、低保老人，每人每月发{yuan}元养老服务补贴，以服务券或电子积分的方式，用于购买助餐、助洁、助浴、助医等居家养老服务。",
        "when": "age >= 70 and 经济困难老年人",
        "reading": ctx.reading("“经济困难老年人”按 rules/terms.toml 读。"),
        "amount": {"yuan_per_month": yuan, "short": f"每月{yuan}元服务券",
                   "note": "补贴以服务券或电子积分方式发放，只能用于购买居家养老服务，不发现金。"},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}", "审核通过后按月发放服务券或充值电子积分",
                             base_docs(ECON_DOCS)),
        "cases": [
            ({"age": 72, "economic": "tekun_scattered"}, "eligible", "72周岁分散供养特困老人"),
            ({"age": 69, "economic": "dibao"}, "ineligible", "年龄边界：69周岁，不满70周岁"),
            ({"age": 72, "economic": "none"}, "ineligible", "不属经济困难"),
            ({"age": 72, "economic": "dibao_edge"}, "maybe", "低保边缘家庭是否算经济困难，由部门认定"),
        ],
    }]


def t_home_care(ctx):
    r = ctx.rng
    hours = r.choice([10, 15, 20, 30, 40])
    return [{
        "id": "home-care", "kind": "home_care",
        "name": f"政府购买居家上门服务（每月{hours}小时）",
        "summary": f"政府出钱，由养老服务企业派人上门照料生活不能完全自理（失能、半失能）的困难老人，每人每月{hours}小时。要求是{ctx.short}户口、长期住在本地、年满60周岁，并且属于分散供养特困人员、低保或低保边缘家庭老人，或90周岁以上老人。",
        "when": f'''age >= 60 and lives_in_region and 失能或半失能
and (
    "第1类：分散供养特困人员" (economic == tekun_scattered)
    or "第2类：低保及低保边缘家庭中的老人" (economic in [dibao, dibao_edge])
    or "第3类：90周岁以上老年人" (age >= 90)
)
and not ltc_insurance''',
        "reading": ctx.reading("“失能、半失能”并列，读作 rules/terms.toml 的“失能或半失能”（轻度失能及以上）。享受长期护理保险的不重复享受。"),
        "amount": {"hours_per_month": hours, "short": f"每月{hours}小时上门服务",
                   "note": "服务项目按本地服务清单执行，同时符合两类以上的按最高一类享受，不重复享受。"},
        "apply": apply_block(ctx, "户籍所在社区（村）居委会；养老服务企业上门走访时也可以当场协助填表",
                             "审批后录入智慧养老服务信息平台，由承接的养老服务企业和老人预约上门时间",
                             [{"name": "《政府购买居家养老服务申请表》", "usual": False}] + base_docs([ABILITY_DOC] + ECON_DOCS[:3]),
                             usual=False),
        "cases": [
            ({"age": 72, "lives_in_region": True, "ability": "moderate", "economic": "dibao", "ltc_insurance": False}, "eligible", "第2类：低保、中度失能"),
            ({"age": 59, "lives_in_region": True, "ability": "severe", "economic": "dibao", "ltc_insurance": False}, "ineligible", "年龄边界：59周岁"),
            ({"age": 72, "lives_in_region": True, "ability": "intact", "economic": "dibao", "ltc_insurance": False}, "ineligible", "能力完好，不是失能、半失能"),
            ({"age": 72, "lives_in_region": True, "ability": "moderate", "ltc_insurance": False}, "maybe", "还不知道经济状况"),
            ({"age": 91, "lives_in_region": True, "ability": "mild", "economic": "none", "ltc_insurance": False}, "eligible", "第3类：91周岁轻度失能"),
        ],
    }]


def t_meal(ctx):
    r = ctx.rng
    yuan = r.choice([2, 3, 4, 5])
    return [{
        "id": "meal-assistance", "kind": "meal_assistance",
        "name": f"老年人助餐补贴（每餐{yuan}元）",
        "summary": f"在{ctx.short}的老年食堂、助餐点吃饭，高龄、独居或经济困难的老人每餐补贴{yuan}元，行动不便的可以送餐上门（送餐费另计）。已享受政府购买居家上门服务的，不重复享受。",
        "when": '''age >= 60 and lives_in_region and (
    "高龄老人" (高龄)
    or "独居老人" (living == alone)
    or 经济困难老年人
)''',
        "reading": ctx.reading("助餐对象按原文“高龄、独居、经济困难老年人”写出。已享受居家上门服务（含助餐）的，不重复享受。"),
        "amount": {"yuan_per_meal": yuan, "note": "每人每天限补贴一餐，送餐费按助餐点的标准另计。"},
        "apply": apply_block(ctx, "就近的老年食堂、助餐点或户籍所在社区（村）居委会", "审核后办理助餐卡，在助餐点刷卡就餐",
                             base_docs(ECON_DOCS[:2])),
        "cases": [
            ({"age": 82, "lives_in_region": True, "ability": "intact"}, "eligible", "82周岁高龄老人，能力完好"),
            ({"age": 82, "lives_in_region": False, "ability": "intact"}, "ineligible", "没有长期居住在本地"),
            ({"age": 59, "lives_in_region": True, "living": "alone", "ability": "intact"}, "ineligible", "年龄边界：59周岁"),
            ({"age": 65, "lives_in_region": True, "living": "with_family", "ability": "intact"}, "maybe", "与家人同住：还不知道经济状况"),
        ],
        # Added when home-care is in the same file (it excludes this one).
        "excluded_case": ({"age": 82, "lives_in_region": True, "ability": "moderate", "economic": "dibao", "ltc_insurance": False},
                          "ineligible", "已享受政府购买居家上门服务，不重复享受助餐补贴"),
    }]


def t_adaptation(ctx):
    r = ctx.rng
    figure = r.random() < 0.5
    yuan = r.choice([2000, 3000, 3500, 5000])
    amount = {"yuan_once": yuan, "at_least": False,
              "note": "按户一次性补贴，改造项目从扶手、防滑、坐便器、紧急呼叫等清单中选择。"} if figure else \
        {"note": f"文件写“采取政府补贴等方式”，没有写每户补贴多少、改造哪些项目，请向{ctx.office}咨询。"}
    return [{
        "id": "home-adaptation", "kind": "home_adaptation",
        "name": "特殊困难老人家庭适老化改造",
        "summary": "政府通过补贴等方式，为特殊困难老人家里做适老化改造（比如装扶手、防滑、消除安全隐患），让老人在家住得更安全。",
        "when": '''age >= 60 and economic != tekun_concentrated and (
    "分散供养特困老人家庭" (economic == tekun_scattered)
    or "低保家庭中的失能、残疾或高龄老人" (
        economic == dibao and (失能 or 残疾 or 高龄)
    )
)''',
        "reading": ctx.reading("“特殊困难老年人家庭”按文件所列的重点人群读：分散供养特困老人，低保家庭中的失能、残疾、高龄老人。"),
        "amount": amount,
        "apply": apply_block(ctx, f"户籍所在{ctx.street}", "评估需求、施工改造，验收后拨付补贴",
                             base_docs(ECON_DOCS[:2] + [{"name": "残疾人证", "when": "残疾"}, ABILITY_DOC, "房屋产权证明或租赁合同"])),
        "cases": [
            ({"age": 70, "economic": "tekun_scattered"}, "eligible", "分散供养特困老人"),
            ({"age": 85, "economic": "dibao"}, "eligible", "低保家庭的高龄老人"),
            ({"age": 70, "economic": "none"}, "ineligible", "不属特殊困难家庭"),
            ({"age": 70, "economic": "tekun_concentrated"}, "ineligible", "集中供养的特困老人住在供养机构"),
            ({"age": 70}, "maybe", "还不知道经济状况"),
        ],
    }]


def t_family_doctor(ctx):
    age = ctx.rng.choice([60, 65])
    return [{
        "id": "family-doctor", "kind": "family_doctor",
        "name": f"{age}岁以上老人家庭医生签约服务",
        "summary": f"年满{age}周岁的老人可以和乡镇卫生院、社区卫生服务中心的家庭医生签约，每年一次免费健康体检，优先就诊、优先转诊、优先预约专家。",
        "when": f"age >= {age}",
        "reading": ctx.reading("文件没有写户籍条件，按常住地签约，不加户籍、居住条件。"),
        "amount": {"discount": "每年一次免费健康体检；优先就诊、优先转诊", "note": "基本服务包免费，个性化服务包按当地标准收费。"},
        "apply": apply_block(ctx, "就近的乡镇卫生院或社区卫生服务中心", "签订家庭医生签约服务协议",
                             ["身份证", "医保卡（社会保障卡）"], f"{ctx.short}卫生健康局"),
        "cases": [
            ({"age": age}, "eligible", f"年龄边界：{age}周岁"),
            ({"age": age - 1}, "ineligible", f"年龄边界：{age - 1}周岁"),
            ({}, "maybe", "还不知道年龄"),
        ],
    }]


def t_health(ctx):
    return [{
        "id": "health-management", "kind": "health_management",
        "name": "65岁以上老人健康管理（每年一次免费体检）",
        "summary": f"长期住在{ctx.short}、年满65周岁的老人，每年可以在乡镇卫生院或社区卫生服务中心做一次免费健康体检，建立健康档案，并得到健康指导。",
        "when": "age >= 65 and lives_in_region",
        "reading": ctx.reading("国家基本公共卫生服务项目按常住地提供，读作长期居住在本地。"),
        "amount": {"discount": "免费", "short": "每年一次免费体检", "note": "体检项目按国家基本公共卫生服务规范执行。"},
        "apply": apply_block(ctx, "就近的乡镇卫生院或社区卫生服务中心", "按通知时间到场体检，领取体检结果和健康指导",
                             ["身份证", "医保卡（社会保障卡）"], f"{ctx.short}卫生健康局"),
        "cases": [
            ({"age": 65, "lives_in_region": True}, "eligible", "年龄边界：65周岁"),
            ({"age": 64, "lives_in_region": True}, "ineligible", "年龄边界：64周岁"),
            ({"age": 70, "lives_in_region": False}, "ineligible", "没有长期居住在本地"),
            ({"age": 70}, "maybe", "不知道是否长期居住在本地"),
        ],
    }]


def t_scenic(ctx):
    s = ctx.short
    return [{
        "id": "scenic-half-60", "kind": "scenic_discount",
        "name": "60至64岁：景区大门票半价",
        "summary": f"年满60周岁、不满65周岁的老人，凭身份证等有效证件，进入{s}范围内的旅游景区，头道门票（大门票）半价。",
        "when": "age >= 60 and age < 65", "tier_group": "scenic", "tier": 1,
        "reading": ctx.reading("“60至65周岁（含60不含65）”读作年满60周岁、不满65周岁；满65周岁改按免费。不限定户籍。"),
        "amount": {"short": "景区大门票半价", "discount": "头道门票半价", "note": "凭身份证等有效证件直接享受，不用另外申请。"},
        "apply": {"where": "景区售票处", "steps": ["在售票处出示身份证等有效证件", "按半价购买大门票"],
                  "documents": ["身份证（或其他能证明年龄的有效证件）"], "reviewer": "景区管理单位",
                  "office": f"{s}文化和旅游局"},
        "cases": [
            ({"age": 60}, "eligible", "年龄边界：刚满60周岁"),
            ({"age": 64}, "eligible", "年龄边界：64周岁仍半价"),
            ({"age": 59}, "ineligible", "年龄边界：59周岁"),
            ({}, "maybe", "还不知道年龄"),
        ],
    }, {
        "id": "scenic-free-65", "kind": "scenic_discount",
        "name": "65岁以上：免费进入旅游景区",
        "summary": f"年满65周岁的老人，凭身份证等有效证件，免费进入{s}范围内的旅游景区（免头道门票）；公园、图书馆、博物馆等公共文化设施免费开放。",
        "when": "age >= 65", "tier_group": "scenic", "tier": 2,
        "reading": ctx.reading("景区内另外收费的项目（如索道、观光车）不在此列。"),
        "amount": {"short": "免费进景区", "discount": "免费进入旅游景区（免头道门票）", "note": "凭身份证等有效证件直接免费，不用另外申请。"},
        "apply": {"where": "景区或公共文化设施的售票处、入口", "steps": ["在入口出示身份证等有效证件", "直接免费进入"],
                  "documents": ["身份证（或其他能证明年龄的有效证件）"], "reviewer": "景区管理单位",
                  "office": f"{s}文化和旅游局"},
        "cases": [
            ({"age": 65}, "eligible", "年龄边界：刚满65周岁"),
            ({"age": 64}, "ineligible", "年龄边界：64周岁，按半价"),
            ({}, "maybe", "还不知道年龄"),
        ],
    }]


def t_legal(ctx):
    return [{
        "id": "legal-aid", "kind": "legal_aid",
        "name": "经济困难老人免费法律援助",
        "summary": f"经济困难的老人在赡养、扶养、房产、继承、养老金等方面遇到纠纷，可以向{ctx.short}法律援助中心申请免费的法律咨询、代写文书和代理诉讼，不审查经济困难状况的情形按规定执行。",
        "when": "age >= 60 and 经济困难老年人",
        "reading": ctx.reading("“经济困难”按 rules/terms.toml 读。"),
        "amount": {"discount": "免费", "short": "免费法律咨询和代理", "note": f"申请条件和办理时限以《法律援助法》和当地规定为准，请向{ctx.short}法律援助中心咨询。"},
        "apply": {"where": f"{ctx.short}法律援助中心或公共法律服务站（点）", "steps": ["向法律援助中心提出申请", "法律援助中心审查", "指派律师或法律援助工作者提供服务"],
                  "steps_usual": True, "documents": base_docs(ECON_DOCS[:2] + ["与纠纷有关的材料"]), "documents_usual": True,
                  "reviewer": f"{ctx.short}法律援助中心", "office": f"{ctx.short}司法局"},
        "cases": [
            ({"age": 70, "economic": "dibao"}, "eligible", "低保老人"),
            ({"age": 70, "economic": "none"}, "ineligible", "不属经济困难"),
            ({"age": 70}, "maybe", "还不知道经济状况"),
        ],
    }]


def t_public_care(ctx):
    return [{
        "id": "public-care-priority", "kind": "public_care_priority",
        "name": "优先入住公办养老机构",
        "summary": f"{ctx.short}的公办养老院在安排好特困人员以后，重点为经济困难的失能老人、计划生育特殊家庭老人和优抚对象提供服务，这些老人申请入住可以优先，并提供适度优惠。",
        "when": '''age >= 60 and (
    "特困老人" (特困)
    or "经济困难的失能老人" (经济困难老年人 and 失能)
    or "计划生育特殊家庭老人" (计划生育特殊家庭)
    or "优抚对象" (military_priority)
)''',
        "reading": ctx.reading("“失能”单独出现，按 rules/terms.toml 读。"),
        "amount": {"discount": "同等条件下优先安排，并提供适度优惠服务", "note": f"收费标准按公办养老机构的价格执行，请向{ctx.office}咨询。"},
        "apply": apply_block(ctx, f"{ctx.office}或公办养老机构", "按轮候顺序安排入住",
                             base_docs(ECON_DOCS[:2] + [ABILITY_DOC, {"name": "优抚证件", "when": "military_priority"}])),
        "cases": [
            ({"age": 70, "economic": "tekun_concentrated"}, "eligible", "特困老人"),
            ({"age": 59, "economic": "tekun_concentrated"}, "ineligible", "年龄边界：59周岁"),
            ({"age": 70}, "maybe", "还不知道经济状况和家庭情况"),
        ],
    }]


def t_training(ctx):
    return [{
        "id": "caregiver-training", "kind": "caregiver_training",
        "name": "失能老人家属照护培训",
        "summary": "家里有失能、半失能（生活不能完全自理）老人的，家属可以参加政府出钱购买的照护培训，学习怎么照顾老人，每年至少一次，免费参加。",
        "when": "age >= 60 and 失能或半失能",
        "reading": ctx.reading("“失能、半失能”并列，读作“失能或半失能”。"),
        "amount": {"discount": "免费", "short": "家属免费照护培训", "note": f"培训安排请向{ctx.office}咨询。"},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}或{ctx.office}", "按安排参加培训",
                             base_docs(["参加培训家属的身份证", ABILITY_DOC])),
        "cases": [
            ({"age": 75, "ability": "moderate"}, "eligible", "中度失能老人的家属"),
            ({"age": 75, "ability": "intact"}, "ineligible", "能力完好"),
            ({"age": 75}, "maybe", "还不知道能力评估结果"),
        ],
    }]


def t_devices(ctx):
    return [{
        "id": "assistive-devices", "kind": "assistive_devices",
        "name": "困难失能老人辅助器具租赁补贴",
        "summary": "经济困难的失能、半失能老人，租用或购买轮椅、助行器、护理床等辅助器具，可以按规定享受补贴。",
        "when": "age >= 60 and 经济困难老年人 and 失能或半失能",
        "reading": ctx.reading("“失能、半失能”并列，读作“失能或半失能”。"),
        "amount": {"note": f"补贴目录和标准文件没有写，请向{ctx.office}或{ctx.short}残疾人联合会咨询。"},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}", "评估后在定点机构租用或购买，凭票据申请补贴",
                             base_docs(ECON_DOCS + [ABILITY_DOC])),
        "cases": [
            ({"age": 72, "economic": "dibao", "ability": "mild"}, "eligible", "低保、轻度失能"),
            ({"age": 72, "economic": "dibao", "ability": "intact"}, "ineligible", "能力完好"),
            ({"age": 72, "economic": "dibao"}, "maybe", "还不知道能力评估结果"),
        ],
    }]


def t_respite(ctx):
    days = ctx.rng.choice([7, 10, 15, 21, 30])
    return [{
        "id": "respite-care", "kind": "respite_care",
        "name": f"失能老人家庭喘息服务（每年不超过{days}天）",
        "summary": f"长期在家照顾失能老人的家庭，由养老机构短期托养老人或派人上门照护，让家里的照护者休息，每年不超过{days}天，费用由政府补贴。",
        "when": "age >= 60 and 失能 and living != alone",
        "reading": ctx.reading("喘息服务是为照护老人的家人提供的，独居老人家中没有照护者，不属本条。"),
        "amount": {"short": f"每年不超过{days}天短期托养", "note": f"补贴标准请向{ctx.office}咨询。"},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}", "安排定点养老机构短期托养或上门照护",
                             base_docs([ABILITY_DOC])),
        "cases": [
            ({"age": 80, "ability": "total", "living": "with_family"}, "eligible", "完全失能，与家人同住"),
            ({"age": 80, "ability": "total", "living": "alone"}, "ineligible", "独居，家中没有照护者"),
            ({"age": 80, "ability": "severe"}, "maybe", "还不知道和谁一起住"),
        ],
    }]


def t_smart(ctx):
    return [{
        "id": "smart-devices", "kind": "smart_devices",
        "name": "独居空巢老人智能安全设备",
        "summary": "独居、空巢的高龄或经济困难老人，免费安装紧急呼叫器、烟感报警器、燃气报警器等智能安全设备，接入智慧养老服务平台，有紧急情况时平台通知家属和社区。",
        "when": '''age >= 60
and ("独居老人" (living == alone) or "空巢老人" (living == empty_nest))
and (高龄 or 经济困难老年人)''',
        "reading": ctx.reading("对象是独居、空巢老人中的高龄或经济困难老人。"),
        "amount": {"discount": "免费安装", "note": "设备由政府购买，通话和平台服务费用按当地规定执行。"},
        "apply": apply_block(ctx, "户籍所在社区（村）居委会", "服务企业上门安装调试",
                             base_docs(ECON_DOCS[:2])),
        "cases": [
            ({"age": 85, "living": "alone"}, "eligible", "85周岁独居"),
            ({"age": 85, "living": "with_family"}, "ineligible", "与家人同住"),
            ({"age": 70, "living": "empty_nest"}, "maybe", "70周岁空巢：还不知道经济状况"),
        ],
    }]


def t_ltc(ctx):
    return [{
        "id": "ltc-insurance", "kind": "ltc_insurance",
        "name": "长期护理保险（试点）",
        "summary": f"参加{ctx.short}城镇职工基本医疗保险的失能老人，经评估达到重度失能的，可以按规定享受居家或机构护理待遇。",
        "when": "失能 and lives_in_region",
        "reading": ctx.reading("“失能”单独出现，按 rules/terms.toml 读；是否参保由医保部门核实。"),
        "amount": {"note": f"待遇标准由试点办法规定，请向{ctx.short}医疗保障局咨询。"},
        "apply": {"where": "参保地的医疗保障经办机构", "steps": ["提出失能评估申请", "医保部门组织失能等级评估", "按规定享受护理待遇"],
                  "steps_usual": True, "documents": ["身份证", "医保卡（社会保障卡）", "近期病历、诊断证明（有的话带上）"],
                  "documents_usual": True, "reviewer": f"{ctx.short}医疗保障局", "office": f"{ctx.short}医疗保障局"},
        "cases": [
            ({"age": 70, "ability": "severe", "lives_in_region": True}, "eligible", "重度失能"),
            ({"age": 70, "ability": "intact", "lives_in_region": True}, "ineligible", "能力完好"),
            ({"age": 70, "ability": "severe"}, "maybe", "不知道是否长期居住在本地"),
        ],
    }]


def t_dibao_extra(ctx):
    return [{
        "id": "dibao-extra-support", "kind": "other",
        "name": "低保老人生活仍有困难的额外保障",
        "summary": "领取低保金（最低生活保障金）以后，生活还是有困难的老人，政府会采取必要措施保障基本生活。",
        "when": f'age >= 60 and economic == dibao\nand verify("领取低保金后生活是否仍有困难，由户籍所在乡（镇）人民政府、街道办事处和{ctx.office}认定")',
        "reading": ctx.reading("“生活仍有困难”没有可以回答的事实，只能由民政部门认定，所以用 verify。"),
        "amount": {"short": f"必要的生活保障，由{ctx.office}定", "note": f"文件只写“采取必要措施给予生活保障”，请向{ctx.office}咨询。"},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}", f"{ctx.office}确定给予哪些保障措施",
                             base_docs([{"name": "低保证", "when": "economic == dibao"}, "能说明困难的材料，如医疗费单据"])),
        "cases": [
            ({"age": 72, "economic": "dibao"}, "maybe", "低保老人；生活是否仍有困难要民政部门认定"),
            ({"age": 59, "economic": "dibao"}, "ineligible", "年龄边界：59周岁"),
            ({"age": 72, "economic": "none"}, "ineligible", "不领低保金"),
        ],
    }]


def t_guagua(ctx):
    return [{
        "id": "lonely-elder-care", "kind": "other",
        "name": "孤寡老人关爱服务",
        "summary": f"没有法定赡养人、扶养人（或赡养人、扶养人没有赡养能力）的孤寡老人，由村（居）委员会明确联系人，{ctx.street}每季度至少走访一次，节日送去慰问。",
        "when": "age >= 60 and 孤寡",
        "reading": ctx.reading("“孤寡”按 rules/terms.toml 读；特困人员都是孤寡。"),
        "amount": {"note": f"慰问标准由{ctx.short}人民政府确定，请向{ctx.office}咨询。"},
        "apply": apply_block(ctx, "户籍所在村（居）委员会", "登记联系人，纳入走访台账", base_docs([])),
        "cases": [
            ({"age": 70, "no_supporter": True}, "eligible", "无法定赡养人"),
            ({"age": 70, "no_supporter": False, "economic": "none"}, "ineligible", "有赡养人"),
            ({"age": 70, "economic": "none"}, "maybe", "还不知道有没有赡养人"),
        ],
    }]


def t_disability_nursing(ctx):
    yuan = ctx.rng.choice([60, 80, 100])
    return [{
        "id": "severe-disability-care", "kind": "nursing_subsidy",
        "name": f"困难重度残疾老人护理补贴（每月{yuan}元）",
        "summary": f"持一级、二级残疾人证的经济困难老人，每人每月发{yuan}元护理补贴，与残疾人两项补贴制度衔接，不重复享受。",
        "when": "age >= 60 and 重残 and 经济困难老年人",
        "reading": ctx.reading("“重度残疾”读作残疾人证一级、二级（rules/terms.toml 的“重残”）。"),
        "amount": {"yuan_per_month": yuan},
        "apply": apply_block(ctx, f"户籍所在{ctx.street}或{ctx.short}残疾人联合会", "审核后按月发放",
                             base_docs([{"name": "残疾人证", "when": "残疾"}] + ECON_DOCS[:2])),
        "cases": [
            ({"age": 66, "disability_grade": 1, "disability_kind": "physical", "economic": "dibao"}, "eligible", "一级肢体残疾、低保"),
            ({"age": 66, "disability_grade": 3, "disability_kind": "physical", "economic": "dibao"}, "ineligible", "三级残疾不是重度残疾"),
            ({"age": 66, "economic": "dibao"}, "maybe", "还不知道有没有残疾人证"),
        ],
    }]


TEMPLATES = [
    t_assessment, t_visitation, t_tekun, t_high_age, t_nursing, t_service_subsidy,
    t_home_care, t_meal, t_adaptation, t_family_doctor, t_health, t_scenic, t_legal,
    t_public_care, t_training, t_devices, t_respite, t_smart, t_ltc, t_dibao_extra,
    t_guagua, t_disability_nursing,
]


# ---------------------------------------------------------------------------
# One region's file
# ---------------------------------------------------------------------------


def rand_date(rng, lo, hi):
    d0, d1 = date.fromisoformat(lo), date.fromisoformat(hi)
    return d0 + timedelta(days=rng.randint(0, (d1 - d0).days))


def region_file(rows, code, rng):
    names = chain_names(rows, code)
    full = "".join(names)
    short = names[-1]
    zone = rows[code][1] == "z"
    office = f"{short}管理委员会社会事务局" if zone else f"{short}民政局"
    street = "乡（镇）人民政府、街道办事处" if level(code) == "county" else "县（市、区）民政局"
    ctx = Ctx(rng, code, full, short, office, street)
    abbr = short[0]

    # Documents: one in force, and for some places an older one that has ended.
    year = rng.randint(2021, 2025)
    d_main = rand_date(rng, f"{year}-01-01", f"{year}-12-31")
    docs = [{
        "id": f"main-{year}",
        "title": rng.choice(DOC_TITLES).format(short=short, year=year),
        "number": f"{abbr}政办〔{year}〕{rng.randint(1, 80)}号" if rng.random() < 0.8 else "",
        "issuer": f"{short}人民政府办公室" if rng.random() < 0.7 else office,
        "date": d_main.isoformat(),
        "effective_from": (d_main + timedelta(days=rng.choice([0, 0, 10, 30]))).isoformat(),
    }]
    if rng.random() < 0.4:
        docs[0]["gaps"] = rng.choice(GAPS).format(short=short, office=office)
    old = None
    if rng.random() < 0.35:
        y0 = rng.randint(2016, 2019)
        d_old = rand_date(rng, f"{y0}-01-01", f"{y0}-12-31")
        until = date(y0 + rng.randint(2, 4), 12, 31)
        old = {
            "id": f"old-{y0}",
            "title": rng.choice(OLD_DOC_TITLES).format(short=short, y0=y0, y1=y0 + 2),
            "number": f"{abbr}政办发〔{y0}〕{rng.randint(1, 120)}号",
            "issuer": f"{short}人民政府办公室",
            "date": d_old.isoformat(),
            "effective_from": d_old.isoformat(),
            "effective_until": until.isoformat(),
            "expired_note": f"该文件已于{until.year}年12月31日失效，文中的补贴和服务不一定还在执行。现行政策请向{office}咨询。",
        }
        docs.append(old)

    # Services: 10-20 of them, from the templates in a shuffled order.
    target = rng.randint(10, 20)
    order = TEMPLATES[:]
    rng.shuffle(order)
    services = []
    for t in order:
        if len(services) >= target:
            break
        made = t(ctx)
        if len(services) + len(made) > 20:
            continue
        services.extend(made)
    ids = {s["id"] for s in services}
    if "home-care" in ids and "meal-assistance" in ids:
        for s in services:
            if s["id"] == "home-care":
                s["excludes"] = ["meal-assistance"]
            if s["id"] == "meal-assistance":
                s["cases"].append(s["excluded_case"])

    out = []
    w = out.append
    w(f"# {full}（合成的规则文件：bench/scale/gen.py 按真实文件的结构生成，不是真实政策）")
    w(f"# 文件：{docs[0]['title']}" + (f"；另有已失效的{old['title']}" if old else ""))
    w("")
    w("[region]")
    w(f"code = {q(code)}")
    w(f"name = {q(full)}")
    w(f"short_name = {q(short)}")
    for d in docs:
        w("")
        w("[[documents]]")
        for k in ("id", "title", "number", "issuer", "date", "effective_from", "effective_until", "expired_note", "gaps"):
            if k in d:
                w(f"{k} = {q(d[k])}")
    section = 0
    for s in services:
        section += 1
        # The excluding pair cites one document, so that the exclusion is in force in their cases.
        on_old = old is not None and rng.random() < 0.2 and s["id"] not in ("home-care", "meal-assistance")
        doc = old if on_old else docs[0]
        if on_old:
            case_date = (date.fromisoformat(doc["effective_until"]) - timedelta(days=rng.randint(30, 300))).isoformat()
        else:
            case_date = CASE_DATE
        w("")
        w("# " + "-" * 75)
        w(f"# {cn((section - 1) // 4 + 1)}、({cn((section - 1) % 4 + 1)}) {s['name']}")
        w("# " + "-" * 75)
        w("")
        w("[[services]]")
        w(f"id = {q(s['id'])}")
        w(f"kind = {q(s['kind'])}")
        w(f"name = {q(s['name'])}")
        w(f"summary = {q(s['summary'])}")
        w(f"document = {q(doc['id'])}")
        w(f"clause = {q(cn((section - 1) // 4 + 1) + '、(' + cn((section - 1) % 4 + 1) + ')' + str(rng.randint(1, 9)))}")
        w("when = '''")
        w(s["when"])
        w("'''")
        w(f"reading = {q(s['reading'])}")
        if s.get("excludes"):
            w(f"excludes = {val(s['excludes'])}")
        if s.get("tier_group"):
            w(f"tier_group = {q(s['tier_group'])}")
            w(f"tier = {s['tier']}")
        w("")
        w("[services.amount]")
        for k, v in s["amount"].items():
            if k == "at_least" and not v:
                continue
            w(f"{k} = {val(v)}")
        w("")
        w("[services.apply]")
        a = s["apply"]
        w(f"where = {q(a['where'])}")
        w("steps = [")
        for st in a["steps"]:
            w(f"    {q(st)},")
        w("]")
        if a.get("steps_usual"):
            w("steps_usual = true")
        w("documents = [")
        for d in a["documents"]:
            w(f"    {val(d)},")
        w("]")
        if a.get("documents_usual"):
            w("documents_usual = true")
        w(f"reviewer = {q(a['reviewer'])}")
        w(f"office = {q(a['office'])}")
        cases = list(s["cases"])
        if not on_old and rng.random() < 0.25 and cases[0][1] == "eligible":
            before = (date.fromisoformat(doc["effective_from"]) - timedelta(days=1)).isoformat()
            cases.append((cases[0][0], "not_yet_in_force", f"文件{doc['effective_from']}起施行", before))
        if on_old and cases[0][1] == "eligible":
            cases.append((cases[0][0], "expired", f"文件已于{doc['effective_until']}失效", CASE_DATE))
        for c in cases:
            answers, status, note = c[0], c[1], c[2]
            day = c[3] if len(c) > 3 else case_date
            w("")
            w("[[services.cases]]")
            w(f"date = {q(day)}")
            w(f"answers = {val(answers)}")
            w(f"status = {q(status)}")
            w(f"note = {q(note)}")
    return "\n".join(out) + "\n", len(services)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("out")
    p.add_argument("--seed", type=int, default=20261122)
    p.add_argument("--files", type=int, default=3255)
    p.add_argument("--counties-only", action="store_true")
    p.add_argument("--with-real", action="store_true")
    args = p.parse_args()

    rng = random.Random(args.seed)
    rows, order = read_regions()
    codes = pick_regions(rows, order, rng, args.files, args.counties_only)
    os.makedirs(args.out, exist_ok=True)
    for f in os.listdir(args.out):
        if f.endswith(".toml"):
            os.remove(os.path.join(args.out, f))
    shutil.copyfile(os.path.join(RULES, "terms.toml"), os.path.join(args.out, "terms.toml"))
    real = set()
    if args.with_real:
        for f in sorted(os.listdir(RULES)):
            if f.endswith(".toml") and f != "terms.toml":
                shutil.copyfile(os.path.join(RULES, f), os.path.join(args.out, f))
                real.add(f[:-5])
    total_services = 0
    total_bytes = 0
    counts = {"county": 0, "zone": 0, "prefecture": 0}
    for code in codes:
        # Every region draws from its own stream, so one file does not depend on the others.
        r = random.Random(f"{args.seed}:{code}")
        text, n = region_file(rows, code, r)
        kind = "zone" if rows[code][1] == "z" else level(code)
        counts[kind] += 1
        if code in real:
            continue
        with open(os.path.join(args.out, f"{code}.toml"), "w", encoding="utf-8") as f:
            f.write(text)
        total_services += n
        total_bytes += len(text.encode("utf-8"))
    print(
        f"gen.py: {len(codes)} region files ({counts['county']} counties, {counts['zone']} zones, "
        f"{counts['prefecture']} prefectures), {total_services} services, {total_bytes} bytes"
        + (f"; the real {', '.join(sorted(real))} in place of their synthetic files" if real else "")
        + f", in {args.out}",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
