//! The engine's words, in the person's language: the questions as prompts
//! (from the vocabulary), what a condition asks for, why a service was or was
//! not found, dates, amounts and a service's own texts. Everything here is
//! worded from the same condition tree that decided; the app only draws it.
//!
//! What a rule file has not translated stays in Chinese: the app marks every
//! Chinese run in English text as such (`lang="zh-CN"`).

use crate::date::Date;
use crate::facts::{Fact, FactType};
use crate::model::{Amount, Cond, Op, Region, Service};
use crate::vocab::Words;
use std::collections::BTreeMap;

/// The language of the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The page's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    /// `?lang=` value.
    pub fn key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    pub fn from_key(key: &str) -> Option<Lang> {
        match key {
            "zh" | "zh-CN" | "zh-cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    /// The Chinese or English of a fixed text.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
    pub fn is_en(self) -> bool {
        self == Lang::En
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as people write it: 2026年11月22日 / 22 November 2026.
pub fn date(lang: Lang, d: Date) -> String {
    match lang {
        Lang::Zh => d.zh(),
        Lang::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS[usize::from(d.month().clamp(1, 12)) - 1],
            d.year()
        ),
    }
}

/// "a、b或c" / "a, b or c".
pub fn join_or(lang: Lang, items: &[String]) -> String {
    match (items, lang) {
        ([], _) => String::new(),
        ([one], _) => one.clone(),
        ([init @ .., last], Lang::Zh) => format!("{}或{}", init.join("、"), last),
        ([init @ .., last], Lang::En) => format!("{} or {}", init.join(", "), last),
    }
}

// ---- The facts and their questions ----

/// The answer a person gives when they do not know.
pub const UNKNOWN_KEY: &str = "unknown";

/// 不知道, as the button says it.
pub fn unknown(lang: Lang) -> &'static str {
    lang.t("不知道 / 不确定", "I don't know / not sure")
}

impl Fact {
    /// The fact's words in a language.
    pub fn words(self, lang: Lang) -> &'static Words {
        let info = self.info();
        match lang {
            Lang::Zh => &info.zh,
            Lang::En => &info.en,
        }
    }

    /// Its short name, for the answers list ("年龄", "Age").
    pub fn short(self, lang: Lang) -> &'static str {
        &self.words(lang).short
    }

    /// How to find out, when the answer is 不知道.
    pub fn find_out(self, lang: Lang) -> &'static str {
        &self.words(lang).find_out
    }

    /// How a value is said in an explanation ("独居", "72周岁").
    pub fn said(self, value: i32, lang: Lang) -> String {
        self.value_words(value, lang.is_en())
    }

    /// How an answer is shown in the answers list: the button's words, or
    /// for a number the way it is said; `None` is 不知道.
    pub fn answer(self, value: Option<i32>, lang: Lang) -> String {
        let Some(v) = value else {
            return unknown(lang).to_string();
        };
        match self.words(lang).choice(&self.value_name(v)) {
            Some(w) => w.to_string(),
            None => self.said(v, lang),
        }
    }
}

/// One answer button.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The value's key ("alone", "yes", "2"), for `data-answer`.
    pub key: String,
    pub value: i32,
    pub words: String,
}

/// How a question is answered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A typed whole number within limits; `birth_date`: a birth date may be
    /// given instead (the age on any date follows from it).
    Number {
        min: i32,
        max: i32,
        unit: Option<String>,
        birth_date: bool,
    },
    /// One of these buttons (不知道 is always offered besides).
    Choices(Vec<Choice>),
}

/// A question as it is put to the person, worded for who is answering.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Prompt {
    pub fact: Fact,
    pub ask: String,
    pub help: String,
    pub find_out: String,
    pub short: String,
    /// What the fact is, in messages ("年龄（周岁）").
    pub noun: String,
    pub input: Input,
}

/// The question for a fact: `family` when a family member answers for the
/// older person; `place` is the place's short name ("玉泉区").
pub fn prompt(fact: Fact, lang: Lang, family: bool, place: &str) -> Prompt {
    let info = fact.info();
    let w = fact.words(lang);
    let ask = if family { &w.ask_family } else { &w.ask_self };
    let input = match &info.ty {
        FactType::Int { min, max } if w.choices.is_empty() => Input::Number {
            min: *min,
            max: *max,
            unit: w.unit.clone(),
            birth_date: info.birth_date,
        },
        _ => Input::Choices(
            w.choices
                .iter()
                .filter_map(|(key, words)| {
                    Some(Choice {
                        key: key.clone(),
                        value: fact.choice_index(key)?,
                        words: words.clone(),
                    })
                })
                .collect(),
        ),
    };
    Prompt {
        fact,
        ask: ask.replace("{place}", place),
        help: w.help.clone(),
        find_out: w.find_out.clone(),
        short: w.short.clone(),
        noun: w.noun.clone(),
        input,
    }
}

// ---- What a condition asks for ----

/// Words for a condition's parts in one language: the rule's own labels and
/// verify notes are Chinese; in English they are the service's `words`
/// (left in Chinese where there are none).
#[derive(Clone, Copy)]
pub struct Say<'a> {
    pub lang: Lang,
    en: Option<&'a BTreeMap<String, String>>,
}

impl<'a> Say<'a> {
    /// Words for `service`'s condition.
    pub fn new(lang: Lang, service: &'a Service) -> Say<'a> {
        Say {
            lang,
            en: Some(&service.en.words),
        }
    }

    /// Words with no service's own (labels and notes stay as written).
    pub fn plain(lang: Lang) -> Say<'static> {
        Say { lang, en: None }
    }

    /// A label or verify note of the rule, in the language.
    pub fn own(&self, zh: &str) -> String {
        match (self.lang, self.en.and_then(|m| m.get(zh))) {
            (Lang::En, Some(en)) => en.clone(),
            _ => zh.to_string(),
        }
    }

    fn value(&self, fact: Fact, v: i32) -> String {
        fact.said(v, self.lang)
    }

    /// The values of `fact` that pass `keep`, said and joined with "or".
    fn set(&self, fact: Fact, keep: impl Fn(i32) -> bool) -> String {
        let (lo, hi) = fact.bounds();
        let said: Vec<String> = (lo..=hi)
            .filter(|v| keep(*v))
            .map(|v| self.value(fact, v))
            .collect();
        join_or(self.lang, &said)
    }

    /// What a test on a number asks for ("年满70周岁", "aged 70 or over").
    fn number(&self, fact: Fact, op: Op, value: i32) -> Option<String> {
        let (at_least, below) = match op {
            Op::Ge => (Some(value), None),
            Op::Gt => (Some(value + 1), None),
            Op::Lt => (None, Some(value)),
            Op::Le => (None, Some(value + 1)),
            _ => return None,
        };
        let w = fact.words(self.lang);
        let template = |key: &str, n: i32| w.said(key).map(|t| t.replace("{n}", &n.to_string()));
        match (at_least, below) {
            (Some(n), _) => template("at_least", n),
            (_, Some(n)) => template("below", n),
            _ => None,
        }
    }

    /// What a condition asks for, in plain words ("年满70周岁", "独居或空巢").
    pub fn describe(&self, c: &Cond) -> String {
        let zh = self.lang == Lang::Zh;
        match c {
            Cond::Cmp { fact, op, value } => {
                if let Some(words) = self.number(*fact, *op, *value) {
                    return words;
                }
                let label = self.value(*fact, *value);
                match (&fact.info().ty, op) {
                    (_, Op::Eq) => label,
                    (_, Op::Ne) if zh => format!("不是{label}"),
                    (_, Op::Ne) => format!("not {label}"),
                    (FactType::Enum { .. }, Op::Ge) if zh => format!("{label}及以上"),
                    (FactType::Enum { .. }, Op::Le) if zh => format!("{label}及以下"),
                    _ => self.set(*fact, |v| op.holds(v, *value)),
                }
            }
            Cond::In {
                fact,
                mask,
                negated,
            } => {
                let set = self.set(*fact, |v| (0..64).contains(&v) && mask & (1u64 << v) != 0);
                match (negated, zh) {
                    (false, _) => set,
                    (true, true) => format!("不是{set}"),
                    (true, false) => format!("not {set}"),
                }
            }
            Cond::All(items) => items
                .iter()
                .map(|i| self.nested(i))
                .collect::<Vec<_>>()
                .join(self.lang.t("，且", "; and ")),
            Cond::Any(items) => items
                .iter()
                .map(|i| self.nested(i))
                .collect::<Vec<_>>()
                .join(self.lang.t("；或", "; or ")),
            Cond::Not(inner) => match self.lang {
                Lang::Zh => format!("不属于：{}", self.describe(inner)),
                Lang::En => format!("not: {}", self.describe(inner)),
            },
            Cond::Verify { note, .. } => self.own(note),
            Cond::Label { label, .. } => self.own(label),
        }
    }

    fn nested(&self, c: &Cond) -> String {
        match c {
            Cond::All(_) | Cond::Any(_) => match self.lang {
                Lang::Zh => format!("（{}）", self.describe(c)),
                Lang::En => format!("({})", self.describe(c)),
            },
            _ => self.describe(c),
        }
    }

    /// The condition spelled out to its tests, names and all: for 怎么算的,
    /// where a person wants to see what a name such as 失能 stands for here.
    pub fn spell_out(&self, c: &Cond) -> String {
        match c {
            Cond::Label { label, inner } => {
                let inner_words = self.spell_out(inner);
                let name = self.own(label);
                if inner_words == name || matches!(**inner, Cond::Verify { .. }) {
                    name
                } else if inner_words.starts_with(name.as_str()) {
                    // The words already begin with the name ("特困人员（分散供养）或
                    // 特困人员（集中供养）" under 特困人员): the name once, not nested.
                    inner_words
                } else {
                    match self.lang {
                        Lang::Zh => format!("{name}（{inner_words}）"),
                        Lang::En => format!("{name} ({inner_words})"),
                    }
                }
            }
            Cond::All(items) => items
                .iter()
                .map(|i| self.spell_nested(i))
                .collect::<Vec<_>>()
                .join(self.lang.t("，且", "; and ")),
            Cond::Any(items) => items
                .iter()
                .map(|i| self.spell_nested(i))
                .collect::<Vec<_>>()
                .join(self.lang.t("；或", "; or ")),
            Cond::Not(inner) => match self.lang {
                Lang::Zh => format!("不属于：{}", self.spell_out(inner)),
                Lang::En => format!("not: {}", self.spell_out(inner)),
            },
            Cond::Verify { note, .. } => match self.lang {
                Lang::Zh => format!("经办理部门认定（{}）", self.own(note)),
                Lang::En => format!("as the office decides ({})", self.own(note)),
            },
            leaf => self.describe(leaf),
        }
    }

    fn spell_nested(&self, c: &Cond) -> String {
        match c {
            Cond::All(_) | Cond::Any(_) => match self.lang {
                Lang::Zh => format!("（{}）", self.spell_out(c)),
                Lang::En => format!("({})", self.spell_out(c)),
            },
            _ => self.spell_out(c),
        }
    }
}

// ---- Why a service was, or was not, found ----

/// One reason, as data: worded in either language by [`Reason::words`].
#[derive(Clone, Debug, PartialEq)]
pub enum Reason<'r> {
    /// A named part of the condition holds ("高龄（80周岁以上）").
    Named(&'r str),
    /// An answer meets the condition: the answer itself ("独居").
    Value(Fact, i32),
    /// The strongest age floor met ("年满70周岁").
    AtLeast(Fact, i32),
    /// Another part holds, said as the condition says it.
    Holds(&'r Cond),
    /// A test fails: what it asks for, and the answer given.
    Unmet { want: &'r Cond, actual: (Fact, i32) },
    /// A part that must not hold does.
    MustNot(&'r Cond),
    /// None of the alternatives holds.
    NoneOf(&'r [Cond]),
    /// The policy takes effect on this date.
    NotYetInForce(Date),
    /// The policy ended on this date.
    Expired(Date),
    /// Another service the person gets replaces this one (不重复享受).
    ReplacedBy(&'r Service),
    /// If the other service applies, it is had instead of this one.
    UnlessOther(&'r Service),
}

impl Reason<'_> {
    /// The reason in words; `service` is the one it is about (its labels'
    /// English).
    pub fn words(&self, lang: Lang, service: &Service) -> String {
        let say = Say::new(lang, service);
        let zh = lang == Lang::Zh;
        match self {
            Reason::Named(label) => say.own(label),
            Reason::Value(fact, v) => fact.said(*v, lang),
            Reason::AtLeast(fact, n) => say
                .number(*fact, Op::Ge, *n)
                .unwrap_or_else(|| fact.said(*n, lang)),
            Reason::Holds(c) => say.describe(c),
            Reason::Unmet { want, actual } => {
                let (fact, v) = actual;
                match lang {
                    Lang::Zh => {
                        format!("需{}（现为：{}）", say.describe(want), fact.said(*v, lang))
                    }
                    Lang::En => format!(
                        "needs {} (the answer: {})",
                        say.describe(want),
                        fact.said(*v, lang)
                    ),
                }
            }
            Reason::MustNot(c) => match lang {
                Lang::Zh => format!("需不属于：{}", say.describe(c)),
                Lang::En => format!("must not be: {}", say.describe(c)),
            },
            Reason::NoneOf(items) => {
                let options: Vec<String> = items.iter().map(|i| say.nested(i)).collect();
                if zh {
                    format!("需符合以下任一条件：{}", options.join("；"))
                } else {
                    format!("needs one of: {}", options.join("; "))
                }
            }
            Reason::NotYetInForce(from) => match lang {
                Lang::Zh => format!("该政策自{}起施行", from.zh()),
                Lang::En => format!("this policy takes effect on {}", date(lang, *from)),
            },
            Reason::Expired(until) => match lang {
                Lang::Zh => format!("该政策有效期至{}，已失效", until.zh()),
                Lang::En => format!(
                    "this policy was in force until {}; it has ended",
                    date(lang, *until)
                ),
            },
            Reason::ReplacedBy(other) => match lang {
                Lang::Zh => format!("已可享受「{}」，按规定不重复享受", other.name),
                Lang::En => format!(
                    "“{}” applies already, and the two are not given together",
                    other.text(lang).name
                ),
            },
            Reason::UnlessOther(other) => match lang {
                Lang::Zh => format!(
                    "如符合「{}」，则按「{}」享受，不重复享受",
                    other.name, other.name
                ),
                Lang::En => format!(
                    "if “{}” applies, that is given instead: the two are not given together",
                    other.text(lang).name
                ),
            },
        }
    }
}

// ---- A service's own texts ----

/// A service's texts in one language: English where the rule file gives it,
/// else the Chinese (which the app marks as such).
#[derive(Clone, Debug, PartialEq)]
pub struct Texts<'s> {
    pub name: &'s str,
    pub summary: &'s str,
    pub place: &'s str,
    pub steps: Vec<&'s str>,
    pub documents: Vec<&'s str>,
    pub reviewer: &'s str,
    pub office: &'s str,
    pub reading: Option<&'s str>,
    pub clause: &'s str,
    pub amount_note: Option<&'s str>,
}

impl Service {
    /// The service's texts in `lang`.
    pub fn text(&self, lang: Lang) -> Texts<'_> {
        let en = &self.en;
        Texts {
            name: choose_str(lang, &self.name, &en.name),
            summary: choose_str(lang, &self.summary, &en.summary),
            place: choose_str(lang, &self.apply.place, &en.place),
            steps: choose_list(lang, &self.apply.steps, &en.steps),
            documents: {
                if lang.is_en() && en.documents.len() == self.apply.documents.len() {
                    en.documents.iter().map(String::as_str).collect()
                } else {
                    self.apply
                        .documents
                        .iter()
                        .map(|d| d.name.as_str())
                        .collect()
                }
            },
            reviewer: choose_str(lang, &self.apply.reviewer, &en.reviewer),
            office: choose_str(lang, &self.apply.office, &en.office),
            reading: match (lang, &en.reading, &self.reading) {
                (_, _, None) => None,
                (Lang::En, Some(e), Some(_)) => Some(e.as_str()),
                (_, _, Some(zh)) => Some(zh.as_str()),
            },
            clause: choose_str(lang, &self.clause, &en.clause),
            amount_note: match (lang, &en.amount_note, &self.amount.note) {
                (_, _, None) => None,
                (Lang::En, Some(e), Some(_)) => Some(e.as_str()),
                (_, _, Some(zh)) => Some(zh.as_str()),
            },
        }
    }

    /// What the person gets, in full ("每月100元（不低于此标准）").
    pub fn amount_words(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.amount.zh(),
            Lang::En => self.amount.en(self.en.discount.as_deref()),
        }
    }

    /// What the person gets in a few words, for the one-line summary.
    pub fn gets(&self, lang: Lang) -> String {
        match lang {
            Lang::Zh => self.amount.short_zh(&self.apply.office),
            Lang::En => self.amount.short_en(
                self.en.short.as_deref(),
                self.en.discount.as_deref(),
                self.text(lang).office,
            ),
        }
    }
}

fn choose_str<'s>(lang: Lang, zh: &'s str, en: &'s Option<String>) -> &'s str {
    match (lang, en) {
        (Lang::En, Some(e)) => e.as_str(),
        _ => zh,
    }
}

fn choose_list<'s>(lang: Lang, zh: &'s [String], en: &'s [String]) -> Vec<&'s str> {
    if lang.is_en() && en.len() == zh.len() {
        en.iter().map(String::as_str).collect()
    } else {
        zh.iter().map(String::as_str).collect()
    }
}

impl Amount {
    /// The figures in English ("100 yuan a month (at least)").
    pub fn en(&self, discount_en: Option<&str>) -> String {
        let mut parts: Vec<String> = self
            .figures()
            .map(|(key, v)| en_figure(key, &crate::model::fmt_number(v), ""))
            .collect();
        if let Some(d) = &self.discount {
            parts.push(discount_en.unwrap_or(d).to_string());
        }
        let mut text = parts.join(", ");
        if self.at_least && !text.is_empty() {
            text.push_str(" (at least this much)");
        }
        text
    }

    /// What the person gets in a few English words.
    pub fn short_en(
        &self,
        short_en: Option<&str>,
        discount_en: Option<&str>,
        office_en: &str,
    ) -> String {
        if self.short.is_some() {
            if let Some(s) = short_en {
                return s.to_string();
            }
        }
        let least = if self.at_least { "at least " } else { "" };
        let figures: Vec<String> = self
            .figures()
            .map(|(key, v)| en_figure(key, &crate::model::fmt_number(v), least))
            .collect();
        if !figures.is_empty() {
            return figures.join(", ");
        }
        if let Some(d) = &self.discount {
            return discount_en.unwrap_or(d).to_string();
        }
        if let (Some(zh), None) = (&self.short, short_en) {
            return zh.clone();
        }
        if office_en.is_empty() {
            "the amount is set locally".to_string()
        } else {
            format!("the amount is set by {office_en}")
        }
    }
}

fn en_figure(key: &str, n: &str, least: &str) -> String {
    match key {
        "yuan_per_month" => format!("{least}{n} yuan a month"),
        "yuan_per_year" => format!("{least}{n} yuan a year"),
        "yuan_once" => format!("{least}{n} yuan once"),
        "yuan_per_meal" => format!("{least}{n} yuan a meal"),
        "hours_per_month" => format!("{least}{n} hours of service a month"),
        _ => format!("{least}{n} visits a month"),
    }
}

impl Region {
    /// The region's short name ("玉泉区", "Yuquan District").
    pub fn short_in(&self, lang: Lang) -> &str {
        choose_str(lang, &self.short_name, &self.en.short_name)
    }
    /// The region's full name.
    pub fn name_in(&self, lang: Lang) -> &str {
        choose_str(lang, &self.name, &self.en.name)
    }
}

// ---- 怎么算的: how a service's result was reached ----

/// Everything 怎么算的 shows for one service, in one language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HowDecided {
    /// The condition in plain words, its named parts spelled out.
    pub condition: String,
    /// The person's answers the condition reads: (short name, the answer).
    pub answers: Vec<(String, String)>,
    /// How the rule reads the text where it is unclear.
    pub reading: Option<String>,
    /// The document's title, number, issuer and clause.
    pub document: String,
    pub number: String,
    pub issuer: String,
    pub clause: String,
    /// The clause's own words (always Chinese: a quotation).
    pub quote: Option<String>,
}

impl crate::eval::Outcome<'_> {
    /// How this result was reached, from the rule itself; `answers` are the
    /// ones decided with (the evaluation's).
    pub fn how_decided(&self, lang: Lang, answers: &crate::facts::Answers) -> HowDecided {
        let service = self.service;
        let texts = service.text(lang);
        let document = self.region.documents.get(service.document);
        let answers = service
            .when
            .facts()
            .iter()
            .filter_map(|f| {
                let v = answers.get(f)?;
                Some((f.short(lang).to_string(), f.said(v, lang)))
            })
            .collect();
        HowDecided {
            condition: Say::new(lang, service).spell_out(&service.when),
            answers,
            reading: texts.reading.map(str::to_string),
            document: document
                .map(|d| choose_str(lang, &d.title, &d.en.title).to_string())
                .unwrap_or_default(),
            number: document.map(|d| d.number.clone()).unwrap_or_default(),
            issuer: document
                .map(|d| choose_str(lang, &d.issuer, &d.en.issuer).to_string())
                .unwrap_or_default(),
            clause: texts.clause.to_string(),
            quote: service.quote.clone(),
        }
    }
}
