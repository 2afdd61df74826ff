//! The answer vocabulary of shared/CONTRACT.md: facts about the older person,
//! their types, their values, and the plain Chinese words for each.

use crate::date::Date;
use serde::{Deserialize, Serialize};

/// One fact (answer key). The order is the order questions are preferred in
/// when they settle equally many services: age first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum Fact {
    Age,
    LivesInRegion,
    Economic,
    Ability,
    Dementia,
    DisabilityGrade,
    DisabilityKind,
    Living,
    FpFamily,
    FpSpecialSupport,
    Contributor,
    MilitaryPriority,
    NoSupporter,
    LtcInsurance,
    InstitutionSubsidy,
}

pub const FACT_COUNT: usize = 15;

/// A named value of an enumerated fact: its contract key and its Chinese label.
#[derive(Debug)]
pub struct Choice {
    pub key: &'static str,
    pub zh: &'static str,
}

/// What values a fact takes.
#[derive(Debug)]
pub enum FactType {
    Int {
        min: i32,
        max: i32,
    },
    Bool {
        yes: &'static str,
        no: &'static str,
    },
    Enum {
        choices: &'static [Choice],
        ordered: bool,
    },
}

/// Everything the engine knows about one fact.
#[derive(Debug)]
pub struct FactInfo {
    pub fact: Fact,
    pub key: &'static str,
    /// What the fact is, as a noun phrase for messages ("年龄").
    pub zh: &'static str,
    pub ty: FactType,
}

macro_rules! choices {
    ($($key:literal => $zh:literal),* $(,)?) => { &[$(Choice { key: $key, zh: $zh }),*] };
}

pub static FACTS: [FactInfo; FACT_COUNT] = [
    FactInfo {
        fact: Fact::Age,
        key: "age",
        zh: "年龄（周岁）",
        ty: FactType::Int { min: 0, max: 130 },
    },
    FactInfo {
        fact: Fact::LivesInRegion,
        key: "lives_in_region",
        zh: "是否长期居住在户籍所在地",
        ty: FactType::Bool {
            yes: "长期居住在户籍所在地",
            no: "不长期居住在户籍所在地",
        },
    },
    FactInfo {
        fact: Fact::Economic,
        key: "economic",
        zh: "经济状况",
        ty: FactType::Enum {
            choices: choices![
                "tekun_scattered" => "特困人员（分散供养）",
                "tekun_concentrated" => "特困人员（集中供养）",
                "dibao" => "低保对象",
                "dibao_edge" => "低保边缘家庭",
                "low_income" => "其他低收入家庭",
                "none" => "不属于特困、低保或低收入",
            ],
            ordered: false,
        },
    },
    FactInfo {
        fact: Fact::Ability,
        key: "ability",
        zh: "能力评估结果",
        ty: FactType::Enum {
            choices: choices![
                "intact" => "能力完好",
                "mild" => "轻度失能",
                "moderate" => "中度失能",
                "severe" => "重度失能",
                "total" => "完全失能",
            ],
            ordered: true,
        },
    },
    FactInfo {
        fact: Fact::Dementia,
        key: "dementia",
        zh: "是否经诊断失智",
        ty: FactType::Bool {
            yes: "经诊断失智",
            no: "未诊断失智",
        },
    },
    FactInfo {
        fact: Fact::DisabilityGrade,
        key: "disability_grade",
        zh: "残疾人证等级",
        ty: FactType::Int { min: 0, max: 4 },
    },
    FactInfo {
        fact: Fact::DisabilityKind,
        key: "disability_kind",
        zh: "残疾类别",
        ty: FactType::Enum {
            choices: choices![
                "physical" => "肢体残疾",
                "intellectual" => "智力残疾",
                "mental" => "精神残疾",
                "visual" => "视力残疾",
                "hearing" => "听力残疾",
                "speech" => "言语残疾",
                "multiple" => "多重残疾",
            ],
            ordered: false,
        },
    },
    FactInfo {
        fact: Fact::Living,
        key: "living",
        zh: "居住情况",
        ty: FactType::Enum {
            choices: choices![
                "alone" => "独居",
                "empty_nest" => "空巢（仅与配偶同住）",
                "left_behind" => "留守（子女长期外出）",
                "with_family" => "与子女等家人同住",
            ],
            ordered: false,
        },
    },
    FactInfo {
        fact: Fact::FpFamily,
        key: "fp_family",
        zh: "计划生育特殊家庭",
        ty: FactType::Enum {
            choices: choices![
                "none" => "不是计划生育特殊家庭",
                "bereaved" => "计划生育失独家庭",
                "disabled_child" => "独生子女伤残家庭",
            ],
            ordered: false,
        },
    },
    FactInfo {
        fact: Fact::FpSpecialSupport,
        key: "fp_special_support",
        zh: "是否领取计划生育特别扶助金",
        ty: FactType::Bool {
            yes: "领取计划生育特别扶助金",
            no: "未领取计划生育特别扶助金",
        },
    },
    FactInfo {
        fact: Fact::Contributor,
        key: "contributor",
        zh: "是否为劳模、因公致残、见义勇为伤残等突出贡献人员",
        ty: FactType::Bool {
            yes: "劳模、因公致残或见义勇为伤残等突出贡献人员",
            no: "不是突出贡献人员",
        },
    },
    FactInfo {
        fact: Fact::MilitaryPriority,
        key: "military_priority",
        zh: "是否为优抚对象",
        ty: FactType::Bool {
            yes: "优抚对象",
            no: "不是优抚对象",
        },
    },
    FactInfo {
        fact: Fact::NoSupporter,
        key: "no_supporter",
        zh: "是否无赡养人（或赡养人无能力）",
        ty: FactType::Bool {
            yes: "无法定赡养人、扶养人或其无赡养能力",
            no: "有赡养人、扶养人",
        },
    },
    FactInfo {
        fact: Fact::LtcInsurance,
        key: "ltc_insurance",
        zh: "是否正在享受长期护理保险待遇",
        ty: FactType::Bool {
            yes: "正在享受长期护理保险待遇",
            no: "未享受长期护理保险待遇",
        },
    },
    FactInfo {
        fact: Fact::InstitutionSubsidy,
        key: "institution_subsidy",
        zh: "是否入住养老机构并享受护理或床位补贴",
        ty: FactType::Bool {
            yes: "入住养老机构并享受护理补贴或床位运营补贴",
            no: "未在养老机构享受护理或床位补贴",
        },
    },
];

impl Fact {
    pub const ALL: [Fact; FACT_COUNT] = [
        Fact::Age,
        Fact::LivesInRegion,
        Fact::Economic,
        Fact::Ability,
        Fact::Dementia,
        Fact::DisabilityGrade,
        Fact::DisabilityKind,
        Fact::Living,
        Fact::FpFamily,
        Fact::FpSpecialSupport,
        Fact::Contributor,
        Fact::MilitaryPriority,
        Fact::NoSupporter,
        Fact::LtcInsurance,
        Fact::InstitutionSubsidy,
    ];

    pub fn info(self) -> &'static FactInfo {
        &FACTS[self as usize]
    }
    pub fn key(self) -> &'static str {
        self.info().key
    }
    pub fn from_key(key: &str) -> Option<Fact> {
        // A match compiles to a length switch: this is on the batch-screening hot path.
        Some(match key {
            "age" => Fact::Age,
            "lives_in_region" => Fact::LivesInRegion,
            "economic" => Fact::Economic,
            "ability" => Fact::Ability,
            "dementia" => Fact::Dementia,
            "disability_grade" => Fact::DisabilityGrade,
            "disability_kind" => Fact::DisabilityKind,
            "living" => Fact::Living,
            "fp_family" => Fact::FpFamily,
            "fp_special_support" => Fact::FpSpecialSupport,
            "contributor" => Fact::Contributor,
            "military_priority" => Fact::MilitaryPriority,
            "no_supporter" => Fact::NoSupporter,
            "ltc_insurance" => Fact::LtcInsurance,
            "institution_subsidy" => Fact::InstitutionSubsidy,
            _ => return None,
        })
    }
    pub fn index(self) -> usize {
        self as usize
    }

    /// The smallest and largest stored value (enums and bools are stored as indexes).
    pub fn bounds(self) -> (i32, i32) {
        match &self.info().ty {
            FactType::Int { min, max } => (*min, *max),
            FactType::Bool { .. } => (0, 1),
            FactType::Enum { choices, .. } => (0, choices.len() as i32 - 1),
        }
    }

    /// The Chinese label of one stored value, as said of the person ("独居", "年满72周岁" is built elsewhere).
    pub fn value_zh(self, value: i32) -> String {
        match &self.info().ty {
            FactType::Int { .. } => match self {
                Fact::Age => format!("{value}周岁"),
                Fact::DisabilityGrade if value == 0 => "无残疾人证".to_string(),
                Fact::DisabilityGrade => format!("残疾人证{}级", zh_digit(value)),
                _ => value.to_string(),
            },
            FactType::Bool { yes, no } => (if value != 0 { yes } else { no }).to_string(),
            FactType::Enum { choices, .. } => choices
                .get(value as usize)
                .map(|c| c.zh.to_string())
                .unwrap_or_default(),
        }
    }

    /// The contract key of one stored value (`"alone"`, `true`, `72`), as JSON text.
    pub fn value_key(self, value: i32) -> String {
        match &self.info().ty {
            FactType::Int { .. } => value.to_string(),
            FactType::Bool { .. } => (value != 0).to_string(),
            FactType::Enum { choices, .. } => choices
                .get(value as usize)
                .map(|c| format!("\"{}\"", c.key))
                .unwrap_or_default(),
        }
    }

    /// The stored index of a named value.
    pub fn choice_index(self, key: &str) -> Option<i32> {
        match &self.info().ty {
            FactType::Enum { choices, .. } => {
                choices.iter().position(|c| c.key == key).map(|i| i as i32)
            }
            _ => None,
        }
    }

    /// The list of accepted values, for error messages.
    pub fn expected(self) -> String {
        match &self.info().ty {
            FactType::Int { min, max } => format!("a whole number from {min} to {max}"),
            FactType::Bool { .. } => "true or false".to_string(),
            FactType::Enum { choices, .. } => {
                let keys: Vec<&str> = choices.iter().map(|c| c.key).collect();
                format!("one of {}", keys.join(", "))
            }
        }
    }
}

pub(crate) fn zh_digit(n: i32) -> &'static str {
    ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        .get(n as usize)
        .copied()
        .unwrap_or("?")
}

/// One answer that settles another, declared once with what makes it true:
/// when `if_fact` takes one of `if_values`, `then_fact` must take one of
/// `then_values` (bit v of a mask = stored value v). The engine fills in what
/// follows (an implied question is never asked), refuses answers that
/// contradict it, and only counts completions of the missing answers that
/// keep to it.
#[derive(Debug)]
pub struct Implication {
    pub if_fact: Fact,
    pub if_values: u64,
    pub then_fact: Fact,
    pub then_values: u64,
    /// Why, in plain Chinese and English (shown beside the implied answer).
    pub because_zh: &'static str,
    pub because_en: &'static str,
    /// What makes it true.
    pub source: &'static str,
}

/// The facts that follow from other answers. No fact is the `then` of one
/// implication and the `if` of another (a test checks it), so checking each
/// implication on its own pair of facts decides consistency exactly.
pub static IMPLICATIONS: [Implication; 2] = [
    Implication {
        if_fact: Fact::Economic,
        // tekun_scattered, tekun_concentrated
        if_values: 0b11,
        then_fact: Fact::NoSupporter,
        then_values: 0b10,
        because_zh: "特困人员就是无法定赡养、扶养义务人，或者义务人没有能力履行义务的困难人员",
        because_en: "a person in extreme poverty (特困) is by definition one with no one legally bound to support them, or whose supporters cannot",
        source: "《特困人员认定办法》（民发〔2021〕43号）第二条；曲阜市曲政办字〔2018〕39号 二、(一)2“分散供养的特困人员（城市“三无”人员、农村五保对象）”",
    },
    Implication {
        if_fact: Fact::FpSpecialSupport,
        if_values: 0b10,
        then_fact: Fact::FpFamily,
        // bereaved, disabled_child
        then_values: 0b110,
        because_zh: "计划生育特别扶助金只发给独生子女死亡或伤残的家庭",
        because_en: "the family-planning special support payment goes only to families whose only child has died or is disabled",
        source: "《全国独生子女伤残死亡家庭扶助制度试点方案》（国人口发〔2007〕78号）",
    },
];

impl Implication {
    fn holds_if(&self, values: &[Option<i32>; FACT_COUNT]) -> Option<bool> {
        values[self.if_fact.index()].map(|v| mask_has(self.if_values, v))
    }
    fn holds_then(&self, values: &[Option<i32>; FACT_COUNT]) -> Option<bool> {
        values[self.then_fact.index()].map(|v| mask_has(self.then_values, v))
    }
    /// Whether known values break it (both sides known, the first true, the second false).
    pub fn broken_by(&self, values: &[Option<i32>; FACT_COUNT]) -> bool {
        self.holds_if(values) == Some(true) && self.holds_then(values) == Some(false)
    }
    /// The one value a fact is left with, if the other side settles it.
    fn settles(&self, values: &[Option<i32>; FACT_COUNT]) -> Option<(Fact, i32)> {
        let only = |fact: Fact, mask: u64| -> Option<i32> {
            let (lo, hi) = fact.bounds();
            let mut left = (lo..=hi).filter(|v| mask_has(mask, *v));
            let first = left.next()?;
            left.next().is_none().then_some(first)
        };
        if self.holds_if(values) == Some(true) && values[self.then_fact.index()].is_none() {
            return only(self.then_fact, self.then_values).map(|v| (self.then_fact, v));
        }
        // The contrapositive: the consequence is false, so the premise is too.
        if self.holds_then(values) == Some(false) && values[self.if_fact.index()].is_none() {
            let (lo, hi) = self.if_fact.bounds();
            let all = if hi >= 63 {
                u64::MAX
            } else {
                (1u64 << (hi + 1)) - 1
            } & !((1u64 << lo) - 1);
            return only(self.if_fact, all & !self.if_values).map(|v| (self.if_fact, v));
        }
        None
    }
}

fn mask_has(mask: u64, value: i32) -> bool {
    (0..64).contains(&value) && mask & (1u64 << value) != 0
}

/// Whether a (partial or complete) assignment keeps to every implication.
pub fn consistent(values: &[Option<i32>; FACT_COUNT]) -> bool {
    !IMPLICATIONS.iter().any(|i| i.broken_by(values))
}

/// A value as it arrives from JSON, TOML or a CSV cell, before it is checked.
/// Text is borrowed where the reader can lend it (batch screening allocates nothing).
#[derive(Clone, Debug, PartialEq)]
pub enum RawValue<'a> {
    Int(i64),
    Float(f64),
    Bool(bool),
    Text(std::borrow::Cow<'a, str>),
    Null,
    /// Arrays, objects and the like: what it was, for the message.
    Other(&'static str),
}

impl RawValue<'_> {
    fn describe(&self) -> String {
        match self {
            RawValue::Int(i) => i.to_string(),
            RawValue::Float(f) => f.to_string(),
            RawValue::Bool(b) => b.to_string(),
            RawValue::Text(t) => format!("\"{t}\""),
            RawValue::Null => "null".to_string(),
            RawValue::Other(what) => (*what).to_string(),
        }
    }
}

/// The answers given so far: each fact known or not (never "no" by default),
/// and optionally the birth date, from which age follows on any date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Answers {
    values: [Option<i32>; FACT_COUNT],
    birth_date: Option<Date>,
}

/// Why an answers object was refused, in one line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerError(pub String);

impl core::fmt::Display for AnswerError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The answer key for the optional birth date (an addition to the contract's keys).
pub const BIRTH_DATE_KEY: &str = "birth_date";

impl Answers {
    pub fn new() -> Answers {
        Answers::default()
    }

    pub fn get(&self, fact: Fact) -> Option<i32> {
        self.values[fact.index()]
    }

    /// Sets a stored value; `None` clears it. Values outside the fact's bounds are refused.
    pub fn set(&mut self, fact: Fact, value: Option<i32>) -> Result<(), AnswerError> {
        if let Some(v) = value {
            let (lo, hi) = fact.bounds();
            if v < lo || v > hi {
                return Err(AnswerError(format!(
                    "{} must be {}, got {}",
                    fact.key(),
                    fact.expected(),
                    fact.value_key(v)
                )));
            }
        }
        self.values[fact.index()] = value;
        Ok(())
    }

    /// The same answers with one value replaced (used by the what-if analysis).
    pub fn with(&self, fact: Fact, value: Option<i32>) -> Answers {
        let mut copy = self.clone();
        copy.values[fact.index()] = value;
        copy
    }

    pub fn birth_date(&self) -> Option<Date> {
        self.birth_date
    }

    pub fn set_birth_date(&mut self, birth: Option<Date>) {
        self.birth_date = birth;
    }

    /// The answers as they stand on `date`: age worked out from the birth date
    /// when one is given. Fails when the stated age contradicts the birth date.
    /// Answers that contradict each other are refused, and what follows
    /// from them (特困 → 无法定赡养人) is filled in.
    pub fn on(&self, date: Date) -> Result<Answers, AnswerError> {
        self.check_consistent()?;
        Ok(self.with_age_on(date)?.implied().0)
    }

    fn with_age_on(&self, date: Date) -> Result<Answers, AnswerError> {
        let Some(birth) = self.birth_date else {
            return Ok(self.clone());
        };
        if birth > date {
            return Err(AnswerError(format!(
                "birth_date {birth} is after the check date {date}"
            )));
        }
        let age = birth.full_years_on(date);
        match self.get(Fact::Age) {
            Some(stated) if stated != age => Err(AnswerError(format!(
                "age {stated} does not match birth_date {birth} (that is {age} on {date})"
            ))),
            _ => {
                let mut copy = self.clone();
                copy.set(Fact::Age, Some(age))?;
                Ok(copy)
            }
        }
    }

    /// The stored values, fact by fact (None = not answered).
    pub fn values(&self) -> &[Option<i32>; FACT_COUNT] {
        &self.values
    }

    /// The answers with everything that follows from them filled in, and
    /// which implication gave each filled-in fact (in the order found).
    pub fn implied(&self) -> (Answers, Vec<(Fact, &'static Implication)>) {
        let mut out = self.clone();
        let mut why = Vec::new();
        loop {
            let found = IMPLICATIONS
                .iter()
                .find_map(|i| i.settles(&out.values).map(|(f, v)| (f, v, i)));
            let Some((fact, value, because)) = found else {
                break;
            };
            out.values[fact.index()] = Some(value);
            why.push((fact, because));
        }
        (out, why)
    }

    /// The first implication these answers break, if any.
    pub fn contradiction(&self) -> Option<&'static Implication> {
        IMPLICATIONS.iter().find(|i| i.broken_by(&self.values))
    }

    /// Refuses answers that contradict each other (特困 and 有赡养人), in one line.
    pub fn check_consistent(&self) -> Result<(), AnswerError> {
        match self.contradiction() {
            None => Ok(()),
            Some(i) => Err(AnswerError(format!(
                "{} {} and {} {} contradict each other: {}",
                i.if_fact.key(),
                self.get(i.if_fact)
                    .map(|v| i.if_fact.value_key(v))
                    .unwrap_or_default(),
                i.then_fact.key(),
                self.get(i.then_fact)
                    .map(|v| i.then_fact.value_key(v))
                    .unwrap_or_default(),
                i.because_en
            ))),
        }
    }

    /// Which facts are answered.
    pub fn known(&self) -> FactSet {
        let mut set = FactSet::EMPTY;
        for fact in Fact::ALL {
            if self.get(fact).is_some() {
                set.insert(fact);
            }
        }
        set
    }

    /// Reads one `key = value` pair as the contract writes it. `Null` means "not answered".
    pub fn set_raw(&mut self, key: &str, raw: &RawValue<'_>) -> Result<(), AnswerError> {
        if key == BIRTH_DATE_KEY {
            return match raw {
                RawValue::Null => {
                    self.birth_date = None;
                    Ok(())
                }
                RawValue::Text(t) => {
                    let d = Date::parse(t).map_err(|e| AnswerError(format!("birth_date: {e}")))?;
                    self.birth_date = Some(d);
                    Ok(())
                }
                other => Err(AnswerError(format!(
                    "birth_date must be a date written \"YYYY-MM-DD\", got {}",
                    other.describe()
                ))),
            };
        }
        let Some(fact) = Fact::from_key(key) else {
            let keys: Vec<&str> = FACTS.iter().map(|f| f.key).collect();
            return Err(AnswerError(format!(
                "unknown answer key \"{key}\"; expected one of {}, {BIRTH_DATE_KEY}",
                keys.join(", ")
            )));
        };
        let wrong = || {
            AnswerError(format!(
                "{key} must be {}, got {}",
                fact.expected(),
                raw.describe()
            ))
        };
        let value = match (&fact.info().ty, raw) {
            (_, RawValue::Null) => None,
            (FactType::Int { min, max }, RawValue::Int(i)) => {
                if *i < i64::from(*min) || *i > i64::from(*max) {
                    return Err(wrong());
                }
                Some(*i as i32)
            }
            (FactType::Int { min, max }, RawValue::Float(f))
                if f.fract() == 0.0 && *f >= f64::from(*min) && *f <= f64::from(*max) =>
            {
                Some(*f as i32)
            }
            (FactType::Bool { .. }, RawValue::Bool(b)) => Some(i32::from(*b)),
            (FactType::Enum { .. }, RawValue::Text(t)) => {
                Some(fact.choice_index(t).ok_or_else(wrong)?)
            }
            _ => return Err(wrong()),
        };
        self.values[fact.index()] = value;
        Ok(())
    }

    /// Reads a whole answers object; the first bad pair is the error.
    pub fn from_pairs<'a, I>(pairs: I) -> Result<Answers, AnswerError>
    where
        I: IntoIterator<Item = (&'a str, RawValue<'a>)>,
    {
        let mut answers = Answers::new();
        for (key, raw) in pairs {
            answers.set_raw(key, &raw)?;
        }
        Ok(answers)
    }

    /// The answers as contract key/value JSON fragments, in vocabulary order.
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        let mut out = Vec::new();
        for fact in Fact::ALL {
            if let Some(v) = self.get(fact) {
                out.push((fact.key(), fact.value_key(v)));
            }
        }
        if let Some(b) = self.birth_date {
            out.push((BIRTH_DATE_KEY, format!("\"{b}\"")));
        }
        out
    }
}

/// A small set of facts, as a bit mask.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FactSet(pub u32);

impl FactSet {
    pub const EMPTY: FactSet = FactSet(0);
    pub fn insert(&mut self, fact: Fact) {
        self.0 |= 1 << fact as u32;
    }
    pub fn contains(self, fact: Fact) -> bool {
        self.0 & (1 << fact as u32) != 0
    }
    pub fn union(self, other: FactSet) -> FactSet {
        FactSet(self.0 | other.0)
    }
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }
    pub fn iter(self) -> impl Iterator<Item = Fact> {
        Fact::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vocabulary_is_indexed_in_order() {
        for (i, info) in FACTS.iter().enumerate() {
            assert_eq!(info.fact.index(), i);
            assert_eq!(Fact::ALL[i], info.fact);
            assert_eq!(Fact::from_key(info.key), Some(info.fact));
        }
    }

    #[test]
    fn raw_answers_are_checked() {
        let ok = Answers::from_pairs([
            ("age", RawValue::Int(72)),
            ("living", RawValue::Text("alone".into())),
            ("dementia", RawValue::Bool(false)),
            ("ability", RawValue::Null),
        ])
        .unwrap();
        assert_eq!(ok.get(Fact::Age), Some(72));
        assert_eq!(ok.get(Fact::Living), Some(0));
        assert_eq!(ok.get(Fact::Dementia), Some(0));
        assert_eq!(ok.get(Fact::Ability), None);
        let bad = |k: &str, v: RawValue| Answers::from_pairs([(k, v)]).unwrap_err().0;
        assert!(bad("age", RawValue::Int(131)).contains("0 to 130"));
        assert!(bad("age", RawValue::Text("seventy".into())).contains("\"seventy\""));
        assert!(bad("living", RawValue::Text("north".into())).contains("alone"));
        assert!(bad("dementia", RawValue::Int(1)).contains("true or false"));
        assert!(bad("agee", RawValue::Int(1)).contains("unknown answer key \"agee\""));
        assert!(bad("birth_date", RawValue::Text("1950-02-30".into())).contains("not a real date"));
    }

    #[test]
    fn birth_date_gives_age_on_the_check_date() {
        let mut a = Answers::new();
        a.set_raw("birth_date", &RawValue::Text("1946-11-23".into()))
            .unwrap();
        let d = Date::parse("2026-11-22").unwrap();
        assert_eq!(a.on(d).unwrap().get(Fact::Age), Some(79));
        assert_eq!(a.on(d.succ()).unwrap().get(Fact::Age), Some(80));
        a.set(Fact::Age, Some(80)).unwrap();
        assert!(a.on(d).is_err());
    }
}
