//! The answers about the older person: facts of the vocabulary
//! (rules/vocabulary.toml, crate::vocab), their values as given, what
//! follows from them, and how they are read from JSON, TOML or CSV.

use crate::date::Date;
use crate::vocab::{current, MAX_FACTS};
pub use crate::vocab::{FactInfo, FactType, Implication};
use serde::{Deserialize, Serialize};

/// One fact (answer key) of the current vocabulary, by its place in it. The
/// vocabulary's order is the order questions are preferred in when they
/// settle equally many services.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Fact(pub u8);

impl Fact {
    /// Every fact of the current vocabulary, in its order.
    pub fn all() -> impl Iterator<Item = Fact> {
        (0..current().len()).map(|i| Fact(i as u8))
    }

    /// The fact a birth date gives (age), if the vocabulary has one.
    pub fn birth() -> Option<Fact> {
        current().birth_date_fact().map(Fact)
    }

    /// The fact with this key, for tests and tools that name a contract fact.
    /// Panics if the current vocabulary has no such fact.
    pub fn named(key: &str) -> Fact {
        Fact::from_key(key).unwrap_or_else(|| panic!("no fact `{key}` in the vocabulary"))
    }

    /// Whether this is the fact a birth date gives (age).
    pub fn is_birth(self) -> bool {
        self.info().birth_date
    }

    pub fn info(self) -> &'static FactInfo {
        &current().facts[usize::from(self.0)]
    }
    pub fn key(self) -> &'static str {
        &self.info().key
    }
    pub fn from_key(key: &str) -> Option<Fact> {
        current().fact_index(key).map(Fact)
    }
    pub fn index(self) -> usize {
        usize::from(self.0)
    }

    /// The smallest and largest stored value (enums and bools are stored as indexes).
    pub fn bounds(self) -> (i32, i32) {
        match &self.info().ty {
            FactType::Int { min, max } => (*min, *max),
            FactType::Bool => (0, 1),
            FactType::Enum { values, .. } => (0, values.len() as i32 - 1),
        }
    }

    /// The key of one stored value: `alone`, `yes`/`no`, or the number.
    pub fn value_name(self, value: i32) -> String {
        match &self.info().ty {
            FactType::Int { .. } => value.to_string(),
            FactType::Bool => (if value != 0 { "yes" } else { "no" }).to_string(),
            FactType::Enum { values, .. } => {
                values.get(value as usize).cloned().unwrap_or_default()
            }
        }
    }

    /// How a value is said in an explanation, in Chinese or English ("独居",
    /// "72周岁", "残疾人证二级").
    pub fn value_words(self, value: i32, en: bool) -> String {
        let info = self.info();
        let words = if en { &info.en } else { &info.zh };
        let name = self.value_name(value);
        if let Some(w) = words.said(&name) {
            return w.to_string();
        }
        match (&info.ty, words.said("n")) {
            (FactType::Int { .. }, Some(template)) => template
                .replace("{n_zh}", zh_digit(value))
                .replace("{n}", &value.to_string()),
            _ => name,
        }
    }

    /// The Chinese words for a stored value (explanations, messages).
    pub fn value_zh(self, value: i32) -> String {
        self.value_words(value, false)
    }

    /// The contract key of one stored value (`"alone"`, `true`, `72`), as JSON text.
    pub fn value_key(self, value: i32) -> String {
        match &self.info().ty {
            FactType::Int { .. } => value.to_string(),
            FactType::Bool => (value != 0).to_string(),
            FactType::Enum { values, .. } => values
                .get(value as usize)
                .map(|k| format!("\"{k}\""))
                .unwrap_or_default(),
        }
    }

    /// The stored index of a named value.
    pub fn choice_index(self, key: &str) -> Option<i32> {
        match &self.info().ty {
            FactType::Enum { values, .. } => values.iter().position(|v| v == key).map(|i| i as i32),
            FactType::Bool => match key {
                "yes" | "true" => Some(1),
                "no" | "false" => Some(0),
                _ => None,
            },
            FactType::Int { min, max } => key.parse().ok().filter(|v| (*min..=*max).contains(v)),
        }
    }

    /// The list of accepted values, for error messages.
    pub fn expected(self) -> String {
        match &self.info().ty {
            FactType::Int { min, max } => format!("a whole number from {min} to {max}"),
            FactType::Bool => "true or false".to_string(),
            FactType::Enum { values, .. } => format!("one of {}", values.join(", ")),
        }
    }

    /// [`Fact::expected`] in Chinese ("0 到 130 之间的整数").
    pub fn expected_zh(self) -> String {
        match &self.info().ty {
            FactType::Int { min, max } => crate::zh!("{min} 到 {max} 之间的整数"),
            FactType::Bool => crate::zh!("{}", "true 或 false"),
            FactType::Enum { values, .. } => crate::zh!("这几个之一：{}", values.join("、")),
        }
    }

    /// Whether the fact's values have an order (`ability >= moderate`).
    pub fn ordered(self) -> bool {
        match &self.info().ty {
            FactType::Int { .. } => true,
            FactType::Bool => false,
            FactType::Enum { ordered, .. } => *ordered,
        }
    }
}

/// The contract's facts (shared/CONTRACT.md "Answers"): a vocabulary must
/// have all of them, with these types.
pub const CONTRACT_FACTS: [&str; 15] = [
    "age",
    "lives_in_region",
    "economic",
    "ability",
    "dementia",
    "disability_grade",
    "disability_kind",
    "living",
    "fp_family",
    "fp_special_support",
    "contributor",
    "military_priority",
    "no_supporter",
    "ltc_insurance",
    "institution_subsidy",
];

pub(crate) fn zh_digit(n: i32) -> &'static str {
    ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        .get(n as usize)
        .copied()
        .unwrap_or("?")
}

fn mask_has(mask: u64, value: i32) -> bool {
    (0..64).contains(&value) && mask & (1u64 << value) != 0
}

impl Implication {
    pub fn if_fact(&self) -> Fact {
        Fact(self.if_fact)
    }
    pub fn then_fact(&self) -> Fact {
        Fact(self.then_fact)
    }
    fn holds_if(&self, values: &[Option<i32>]) -> Option<bool> {
        value_at(values, self.if_fact()).map(|v| mask_has(self.if_values, v))
    }
    fn holds_then(&self, values: &[Option<i32>]) -> Option<bool> {
        value_at(values, self.then_fact()).map(|v| mask_has(self.then_values, v))
    }
    /// Whether known values break it (both sides known, the first true, the second false).
    pub fn broken_by(&self, values: &[Option<i32>]) -> bool {
        self.holds_if(values) == Some(true) && self.holds_then(values) == Some(false)
    }
    /// The one value a fact is left with, if the other side settles it.
    fn settles(&self, values: &[Option<i32>]) -> Option<(Fact, i32)> {
        let only = |fact: Fact, mask: u64| -> Option<i32> {
            let (lo, hi) = fact.bounds();
            let mut left = (lo..=hi).filter(|v| mask_has(mask, *v));
            let first = left.next()?;
            left.next().is_none().then_some(first)
        };
        if self.holds_if(values) == Some(true) && value_at(values, self.then_fact()).is_none() {
            return only(self.then_fact(), self.then_values).map(|v| (self.then_fact(), v));
        }
        // The contrapositive: the consequence is false, so the premise is too.
        if self.holds_then(values) == Some(false) && value_at(values, self.if_fact()).is_none() {
            return only(self.if_fact(), !self.if_values).map(|v| (self.if_fact(), v));
        }
        None
    }
}

fn value_at(values: &[Option<i32>], fact: Fact) -> Option<i32> {
    values.get(fact.index()).copied().flatten()
}

/// The vocabulary's implications.
pub fn implications() -> &'static [Implication] {
    &current().implications
}

/// Whether a (partial or complete) assignment keeps to every implication.
pub fn consistent(values: &[Option<i32>]) -> bool {
    !implications().iter().any(|i| i.broken_by(values))
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

    /// [`RawValue::describe`] in Chinese: a value as written, or what kind of thing it was.
    fn describe_zh(&self) -> String {
        match self {
            RawValue::Other("a list") => crate::zh!("{}", "一个列表 [ … ]"),
            RawValue::Other("a table") => crate::zh!("{}", "一个表 { … }"),
            RawValue::Other("a TOML date") => crate::zh!("{}", "一个不加引号的日期"),
            RawValue::Other(_) => crate::zh!("{}", "别的东西"),
            other => other.describe(),
        }
    }
}

/// The answers given so far: each fact known or not (never "no" by default),
/// and optionally the birth date, from which age follows on any date.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Answers {
    values: Vec<Option<i32>>,
    birth_date: Option<Date>,
}

impl Answers {
    /// The values without the unanswered facts at the end (two answers sets
    /// are equal whatever their length).
    fn trimmed(&self) -> &[Option<i32>] {
        let end = self
            .values
            .iter()
            .rposition(Option::is_some)
            .map_or(0, |i| i + 1);
        &self.values[..end]
    }
}

impl PartialEq for Answers {
    fn eq(&self, other: &Answers) -> bool {
        self.trimmed() == other.trimmed() && self.birth_date == other.birth_date
    }
}
impl Eq for Answers {}
impl std::hash::Hash for Answers {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.trimmed().hash(state);
        self.birth_date.hash(state);
    }
}

/// Why an answers object was refused, in one line: in English, and in plain
/// Chinese (for the staff who write the example cases).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerError(pub String, pub String);

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
        self.values.get(fact.index()).copied().flatten()
    }

    fn put(&mut self, fact: Fact, value: Option<i32>) {
        let i = fact.index();
        if self.values.len() <= i {
            if value.is_none() {
                return;
            }
            // Room for the whole vocabulary at once: one allocation per
            // person read, not one per growth (the length stays as answered).
            self.values
                .reserve(current().len().max(i + 1) - self.values.len());
            self.values.resize(i + 1, None);
        }
        self.values[i] = value;
    }

    /// Sets a stored value; `None` clears it. Values outside the fact's bounds are refused.
    pub fn set(&mut self, fact: Fact, value: Option<i32>) -> Result<(), AnswerError> {
        if let Some(v) = value {
            let (lo, hi) = fact.bounds();
            if v < lo || v > hi {
                return Err(AnswerError(
                    format!(
                        "{} must be {}, got {}",
                        fact.key(),
                        fact.expected(),
                        fact.value_key(v)
                    ),
                    crate::zh!(
                        "`{}` 要写{}，写的是 {}",
                        fact.key(),
                        fact.expected_zh(),
                        fact.value_key(v)
                    ),
                ));
            }
        }
        self.put(fact, value);
        Ok(())
    }

    /// The same answers with one value replaced (used by the what-if analysis).
    pub fn with(&self, fact: Fact, value: Option<i32>) -> Answers {
        let mut copy = self.clone();
        copy.put(fact, value);
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
        let mut out = self.with_age_on(date)?;
        out.fill_implied();
        Ok(out)
    }

    fn with_age_on(&self, date: Date) -> Result<Answers, AnswerError> {
        let Some(birth) = self.birth_date else {
            return Ok(self.clone());
        };
        let Some(age_fact) = Fact::birth() else {
            return Ok(self.clone());
        };
        if birth > date {
            return Err(AnswerError(
                format!("birth_date {birth} is after the check date {date}"),
                crate::zh!("出生日期 birth_date {birth} 比查询日期 {date} 还晚"),
            ));
        }
        let age = birth.full_years_on(date);
        match self.get(age_fact) {
            Some(stated) if stated != age => Err(AnswerError(
                format!(
                    "{} {stated} does not match birth_date {birth} (that is {age} on {date})",
                    age_fact.key()
                ),
                crate::zh!(
                    "`{}` 写的是 {stated}，和出生日期 birth_date {birth} 对不上（到 {date} 是 {age} 周岁）",
                    age_fact.key()
                ),
            )),
            _ => {
                let mut copy = self.clone();
                copy.set(age_fact, Some(age))?;
                Ok(copy)
            }
        }
    }

    /// The stored values, fact by fact (None = not answered), as long as the vocabulary.
    pub fn values(&self) -> Vec<Option<i32>> {
        let mut v = self.values.clone();
        v.resize(current().len().max(v.len()), None);
        v
    }

    /// The answers with everything that follows from them filled in, and
    /// which implication gave each filled-in fact (in the order found).
    pub fn implied(&self) -> (Answers, Vec<(Fact, &'static Implication)>) {
        let mut out = self.clone();
        let why = out.fill_implied();
        (out, why)
    }

    fn fill_implied(&mut self) -> Vec<(Fact, &'static Implication)> {
        let mut why = Vec::new();
        loop {
            let found = implications()
                .iter()
                .find_map(|i| i.settles(&self.values).map(|(f, v)| (f, v, i)));
            let Some((fact, value, because)) = found else {
                break;
            };
            self.put(fact, Some(value));
            why.push((fact, because));
        }
        why
    }

    /// The first implication these answers break, if any.
    pub fn contradiction(&self) -> Option<&'static Implication> {
        implications().iter().find(|i| i.broken_by(&self.values))
    }

    /// Refuses answers that contradict each other (特困 and 有赡养人), in one line.
    pub fn check_consistent(&self) -> Result<(), AnswerError> {
        match self.contradiction() {
            None => Ok(()),
            Some(i) => {
                let if_value = self
                    .get(i.if_fact())
                    .map(|v| i.if_fact().value_key(v))
                    .unwrap_or_default();
                let then_value = self
                    .get(i.then_fact())
                    .map(|v| i.then_fact().value_key(v))
                    .unwrap_or_default();
                Err(AnswerError(
                    format!(
                        "{} {if_value} and {} {then_value} contradict each other: {}",
                        i.if_fact().key(),
                        i.then_fact().key(),
                        i.because_en
                    ),
                    crate::zh!(
                        "`{} = {if_value}` 和 `{} = {then_value}` 互相矛盾：{}",
                        i.if_fact().key(),
                        i.then_fact().key(),
                        i.because_zh
                    ),
                ))
            }
        }
    }

    /// Which facts are answered.
    pub fn known(&self) -> FactSet {
        let mut set = FactSet::EMPTY;
        for (i, v) in self.values.iter().enumerate() {
            if v.is_some() {
                set.insert(Fact(i as u8));
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
                    let d = Date::parse_explained(t).map_err(|(en, zh)| {
                        AnswerError(
                            format!("birth_date: {en}"),
                            crate::zh!("出生日期 birth_date：{zh}"),
                        )
                    })?;
                    self.birth_date = Some(d);
                    Ok(())
                }
                other => Err(AnswerError(
                    format!(
                        "birth_date must be a date written \"YYYY-MM-DD\", got {}",
                        other.describe()
                    ),
                    crate::zh!(
                        "出生日期 birth_date 要写成加引号的 \"年-月-日\"，写的是 {}",
                        other.describe_zh()
                    ),
                )),
            };
        }
        let Some(fact) = Fact::from_key(key) else {
            let keys: Vec<&str> = Fact::all().map(Fact::key).collect();
            return Err(AnswerError(
                format!(
                    "unknown answer key \"{key}\"; expected one of {}, {BIRTH_DATE_KEY}",
                    keys.join(", ")
                ),
                crate::zh!(
                    "`{key}` 不是认得的回答项，可以用的有：{}、{BIRTH_DATE_KEY}",
                    keys.join("、")
                ),
            ));
        };
        self.set_fact_raw(fact, raw)
    }

    /// [`Answers::set_raw`] for a key already looked up: a batch reader that
    /// sees the same keys line after line looks each up once.
    pub fn set_fact_raw(&mut self, fact: Fact, raw: &RawValue<'_>) -> Result<(), AnswerError> {
        let wrong = || {
            AnswerError(
                format!(
                    "{} must be {}, got {}",
                    fact.key(),
                    fact.expected(),
                    raw.describe()
                ),
                crate::zh!(
                    "`{}` 要写{}，写的是 {}",
                    fact.key(),
                    fact.expected_zh(),
                    raw.describe_zh()
                ),
            )
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
            (FactType::Bool, RawValue::Bool(b)) => Some(i32::from(*b)),
            (FactType::Enum { .. }, RawValue::Text(t)) => {
                Some(fact.choice_index(t).ok_or_else(wrong)?)
            }
            _ => return Err(wrong()),
        };
        self.put(fact, value);
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
        for fact in Fact::all() {
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

/// A set of facts, as a bit mask (a vocabulary has at most 128 facts).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FactSet(pub u128);

const _: () = assert!(MAX_FACTS <= 128);

impl FactSet {
    pub const EMPTY: FactSet = FactSet(0);
    pub fn insert(&mut self, fact: Fact) {
        self.0 |= 1 << fact.0;
    }
    pub fn contains(self, fact: Fact) -> bool {
        self.0 & (1 << fact.0) != 0
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
        // Lowest fact first, one step per fact in the set (not 128 tests).
        let mut rest = self.0;
        std::iter::from_fn(move || {
            if rest == 0 {
                return None;
            }
            let i = rest.trailing_zeros() as u8;
            rest &= rest - 1;
            Some(Fact(i))
        })
    }
}

#[cfg(all(test, feature = "source"))]
mod tests {
    use super::*;

    fn f(key: &str) -> Fact {
        Fact::from_key(key).unwrap()
    }

    #[test]
    fn vocabulary_is_indexed_in_order() {
        for (i, fact) in Fact::all().enumerate() {
            assert_eq!(fact.index(), i);
            assert_eq!(Fact::from_key(fact.key()), Some(fact));
        }
        assert_eq!(Fact::birth(), Some(f("age")));
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
        assert_eq!(ok.get(f("age")), Some(72));
        assert_eq!(ok.get(f("living")), Some(0));
        assert_eq!(ok.get(f("dementia")), Some(0));
        assert_eq!(ok.get(f("ability")), None);
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
        assert_eq!(a.on(d).unwrap().get(f("age")), Some(79));
        assert_eq!(a.on(d.succ()).unwrap().get(f("age")), Some(80));
        a.set(f("age"), Some(80)).unwrap();
        assert!(a.on(d).is_err());
    }

    #[test]
    fn values_are_said_in_both_languages() {
        assert_eq!(f("living").value_words(0, false), "独居");
        assert_eq!(f("age").value_words(72, false), "72周岁");
        assert_eq!(f("disability_grade").value_words(2, false), "残疾人证二级");
        assert_eq!(f("disability_grade").value_words(0, false), "无残疾人证");
        assert_eq!(f("age").value_words(72, true), "72 years old");
        assert_eq!(f("dementia").value_words(1, false), "经诊断失智");
        let a = Answers::new().with(f("age"), Some(70));
        assert_eq!(
            a,
            Answers::new()
                .with(f("age"), Some(70))
                .with(f("living"), None)
        );
    }
}
