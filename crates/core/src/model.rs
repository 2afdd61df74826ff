//! The compiled rules: what the engine evaluates and the app embeds.
//! (The TOML form the policy staff write lives in `source.rs`.)

use crate::date::Date;
use crate::facts::{Answers, Fact};
use serde::{Deserialize, Serialize};

/// A comparison operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl Op {
    pub fn holds(self, left: i32, right: i32) -> bool {
        match self {
            Op::Eq => left == right,
            Op::Ne => left != right,
            Op::Lt => left < right,
            Op::Le => left <= right,
            Op::Gt => left > right,
            Op::Ge => left >= right,
        }
    }
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "==",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }
}

/// A condition tree, parsed from the `when` text of a service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Cond {
    /// `fact op value`; bool facts store 0/1, enums their index.
    Cmp {
        fact: Fact,
        op: Op,
        value: i32,
    },
    /// `fact in [..]` (or `not in`): `mask` has bit v set for each listed value v.
    In {
        fact: Fact,
        mask: u64,
        negated: bool,
    },
    All(Vec<Cond>),
    Any(Vec<Cond>),
    Not(Box<Cond>),
    /// Left to the office: never settled by an answer. `index` numbers the
    /// service's verify notes from 0.
    Verify {
        index: u8,
        note: String,
    },
    /// A named part whose label is shown as a reason when it holds.
    Label {
        label: String,
        inner: Box<Cond>,
    },
}

impl Cond {
    /// Calls `f` on every node, depth first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Cond)) {
        f(self);
        match self {
            Cond::All(items) | Cond::Any(items) => items.iter().for_each(|c| c.walk(f)),
            Cond::Not(inner) | Cond::Label { inner, .. } => inner.walk(f),
            _ => {}
        }
    }

    /// The facts the condition reads.
    pub fn facts(&self) -> crate::facts::FactSet {
        let mut set = crate::facts::FactSet::EMPTY;
        self.walk(&mut |c| match c {
            Cond::Cmp { fact, .. } | Cond::In { fact, .. } => set.insert(*fact),
            _ => {}
        });
        set
    }

    /// How many verify notes the condition has.
    pub fn verify_count(&self) -> usize {
        let mut n = 0;
        self.walk(&mut |c| {
            if matches!(c, Cond::Verify { .. }) {
                n += 1
            }
        });
        n
    }

    /// The verify note with this index.
    pub fn verify_note(&self, index: u8) -> Option<&str> {
        let mut found = None;
        self.walk(&mut |c| {
            if let Cond::Verify { index: i, note } = c {
                if *i == index {
                    found = Some(note.as_str());
                }
            }
        });
        found
    }
}

/// The status of one service for one person on one date (shared/CONTRACT.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Status {
    Eligible,
    Maybe,
    Ineligible,
    Expired,
    NotYetInForce,
}

impl Status {
    pub fn key(self) -> &'static str {
        match self {
            Status::Eligible => "eligible",
            Status::Maybe => "maybe",
            Status::Ineligible => "ineligible",
            Status::Expired => "expired",
            Status::NotYetInForce => "not_yet_in_force",
        }
    }
    pub fn from_key(key: &str) -> Option<Status> {
        [
            Status::Eligible,
            Status::Maybe,
            Status::Ineligible,
            Status::Expired,
            Status::NotYetInForce,
        ]
        .into_iter()
        .find(|s| s.key() == key)
    }
    pub fn zh(self) -> &'static str {
        match self {
            Status::Eligible => "可以申请",
            Status::Maybe => "可能可以，需要核实",
            Status::Ineligible => "暂不符合",
            Status::Expired => "政策已失效",
            Status::NotYetInForce => "政策尚未施行",
        }
    }
}

/// What a service gives. `None` figures are absent; a service with no figure carries a note.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Amount {
    pub yuan_per_month: Option<f64>,
    pub yuan_per_year: Option<f64>,
    pub yuan_once: Option<f64>,
    pub yuan_per_meal: Option<f64>,
    pub hours_per_month: Option<f64>,
    pub visits_per_month: Option<f64>,
    pub discount: Option<String>,
    pub at_least: bool,
    pub note: Option<String>,
    /// What the person gets, in a few words, for the one-line summary
    /// ("优先安排入住"); without it the figures or who sets them are used.
    pub short: Option<String>,
}

impl Amount {
    /// Whether the source gives any figure (the contract's `amount` is null otherwise).
    pub fn has_figure(&self) -> bool {
        self.figures().next().is_some() || self.discount.is_some()
    }

    /// The numeric figures with their contract keys.
    pub fn figures(&self) -> impl Iterator<Item = (&'static str, f64)> + '_ {
        [
            ("yuan_per_month", self.yuan_per_month),
            ("yuan_per_year", self.yuan_per_year),
            ("yuan_once", self.yuan_once),
            ("yuan_per_meal", self.yuan_per_meal),
            ("hours_per_month", self.hours_per_month),
            ("visits_per_month", self.visits_per_month),
        ]
        .into_iter()
        .filter_map(|(k, v)| v.map(|v| (k, v)))
    }

    /// Plain Chinese: 每月100元（不低于）.
    pub fn zh(&self) -> String {
        let mut parts: Vec<String> = self
            .figures()
            .map(|(key, v)| {
                let n = fmt_number(v);
                match key {
                    "yuan_per_month" => format!("每月{n}元"),
                    "yuan_per_year" => format!("每年{n}元"),
                    "yuan_once" => format!("一次性{n}元"),
                    "yuan_per_meal" => format!("每餐{n}元"),
                    "hours_per_month" => format!("每月{n}小时服务"),
                    _ => format!("每月{n}次"),
                }
            })
            .collect();
        if let Some(d) = &self.discount {
            parts.push(d.clone());
        }
        let mut text = parts.join("，");
        if self.at_least && !text.is_empty() {
            text.push_str("（不低于此标准）");
        }
        text
    }
}

impl Amount {
    /// What the person gets in a few words: the author's `short`, else the
    /// figures ("每月不少于100元"), else who sets the standard.
    pub fn short_zh(&self, office: &str) -> String {
        if let Some(s) = &self.short {
            return s.clone();
        }
        let figures: Vec<String> = self
            .figures()
            .map(|(key, v)| {
                let n = fmt_number(v);
                let least = if self.at_least { "不少于" } else { "" };
                match key {
                    "yuan_per_month" => format!("每月{least}{n}元"),
                    "yuan_per_year" => format!("每年{least}{n}元"),
                    "yuan_once" => format!("一次性{least}{n}元"),
                    "yuan_per_meal" => format!("每餐{least}{n}元"),
                    "hours_per_month" => format!("每月{least}{n}小时服务"),
                    _ => format!("每月{}{n}次", if self.at_least { "至少" } else { "" }),
                }
            })
            .collect();
        if !figures.is_empty() {
            return figures.join("，");
        }
        if let Some(d) = &self.discount {
            return d.clone();
        }
        if office.is_empty() {
            "标准由当地定".to_string()
        } else {
            format!("标准由{office}定")
        }
    }
}

/// A number as people write it: 100, not 100.0.
pub fn fmt_number(v: f64) -> String {
    if v.fract() == 0.0 {
        return format!("{}", v as i64);
    }
    // Amounts have at most two decimals (2.5元 a meal). Written with integers:
    // f64's own Display would bring float formatting (about 11 KB) into the
    // browser's bytes.
    let cents = (v * 100.0).round() as i64;
    let (whole, frac) = (cents / 100, (cents % 100).abs());
    let sign = if cents < 0 && whole == 0 { "-" } else { "" };
    if frac % 10 == 0 {
        format!("{sign}{whole}.{}", frac / 10)
    } else {
        format!("{sign}{whole}.{frac:02}")
    }
}

/// How to apply.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Apply {
    pub place: String,
    pub steps: Vec<String>,
    /// The document gives no steps: these are how such applications usually go.
    pub steps_usual: bool,
    pub documents: Vec<Need>,
    pub reviewer: String,
    pub office: String,
}

/// One document to bring.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Need {
    pub name: String,
    /// Only people this holds for need it (a 低保证 only for 低保 households); None: everyone.
    pub when: Option<Cond>,
    /// Not named by the policy document: what offices usually ask for.
    pub usual: bool,
}

impl Need {
    /// Whether this person needs it: True, False, or Unknown while the facts
    /// it depends on are not answered.
    pub fn needed_by(&self, answers: &Answers) -> crate::eval::Tri {
        match &self.when {
            None => crate::eval::Tri::True,
            Some(c) => crate::eval::kleene(c, answers),
        }
    }
}

/// A policy document that services cite.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub number: String,
    pub issuer: String,
    pub date: Date,
    pub effective_from: Date,
    pub effective_until: Option<Date>,
    pub expired_note: Option<String>,
    /// What the captured text leaves out ("附件《延津县基本养老服务清单》不在文本中").
    pub gaps: Option<String>,
    pub en: NamesEn,
}

/// An example case carried by a service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub date: Date,
    pub answers: Answers,
    pub status: Status,
    pub missing: Option<Vec<Fact>>,
    pub amount: Option<Amount>,
    pub note: Option<String>,
    /// Where the case is written, "rules/150104.toml:88".
    pub at: String,
}

/// English for the texts a rule file writes in Chinese. What is missing is
/// shown in Chinese, marked as such.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ServiceEn {
    pub name: Option<String>,
    pub summary: Option<String>,
    pub short: Option<String>,
    pub amount_note: Option<String>,
    pub discount: Option<String>,
    pub place: Option<String>,
    /// In the order of the Chinese steps (all of them, or none).
    pub steps: Vec<String>,
    /// In the order of `apply.documents` (all of them, or none).
    pub documents: Vec<String>,
    pub reviewer: Option<String>,
    pub office: Option<String>,
    pub reading: Option<String>,
    /// The clause reference in English.
    pub clause: Option<String>,
    /// The labels and verify notes of the condition (and of the shared terms
    /// it uses, their `{office}` filled in), by their Chinese.
    pub words: std::collections::BTreeMap<String, String>,
}

/// English for a region's or a document's names.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamesEn {
    pub name: Option<String>,
    pub short_name: Option<String>,
    pub title: Option<String>,
    pub issuer: Option<String>,
    pub expired_note: Option<String>,
    pub gaps: Option<String>,
}

/// A service's compiled condition, made once (see [`Service::compiled`]).
/// Never compared, never copied: a clone compiles afresh.
#[derive(Default)]
pub struct CompiledWhen(std::sync::OnceLock<crate::diagram::Compiled>);

impl Clone for CompiledWhen {
    fn clone(&self) -> Self {
        CompiledWhen::default()
    }
}

impl PartialEq for CompiledWhen {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl std::fmt::Debug for CompiledWhen {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() {
            "compiled"
        } else {
            "not yet compiled"
        })
    }
}

/// One claimable service.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Service {
    pub id: String,
    pub kind: Kind,
    pub name: String,
    pub summary: String,
    /// Index into the region's `documents`.
    pub document: usize,
    pub clause: String,
    pub effective_from: Date,
    pub effective_until: Option<Date>,
    pub when: Cond,
    /// The condition as written, for people who want to read the rule itself.
    pub when_text: String,
    pub reading: Option<String>,
    pub amount: Amount,
    pub apply: Apply,
    pub excludes: Vec<String>,
    pub tier_group: Option<String>,
    pub tier: i32,
    pub cases: Vec<Case>,
    /// The clause's own words, quoted from the source text.
    pub quote: Option<String>,
    pub en: ServiceEn,
    /// The condition compiled into a decision diagram, made on first use
    /// and kept: loaded rules do not change. (A `Service` whose `when` is
    /// changed after it was evaluated must be made afresh.)
    #[serde(skip)]
    pub compiled: CompiledWhen,
}

impl Service {
    /// Its condition compiled, once for the life of the rules.
    pub(crate) fn compiled(&self) -> &crate::diagram::Compiled {
        self.compiled
            .0
            .get_or_init(|| crate::diagram::Compiled::new(&self.when))
    }

    pub fn in_force_on(&self, date: Date) -> Status {
        if date < self.effective_from {
            Status::NotYetInForce
        } else if self.effective_until.is_some_and(|until| date > until) {
            Status::Expired
        } else {
            Status::Eligible
        }
    }
}

#[cfg(test)]
mod number_tests {
    #[test]
    fn numbers_are_written_as_people_write_them() {
        for (v, shown) in [
            (100.0, "100"),
            (2.5, "2.5"),
            (0.05, "0.05"),
            (12.34, "12.34"),
            (-0.5, "-0.5"),
        ] {
            assert_eq!(super::fmt_number(v), shown);
        }
    }
}

/// The rules of one region (a county, a city or a province).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Region {
    pub code: String,
    pub name: String,
    pub short_name: String,
    pub documents: Vec<Document>,
    pub services: Vec<Service>,
    pub en: NamesEn,
}

/// Every region's rules.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RuleSet {
    pub regions: Vec<Region>,
}

/// The region codes a code belongs to, from itself up to its province:
/// 410726 → [410726, 410700, 410000].
pub fn region_chain(code: &str) -> Vec<String> {
    let mut chain = vec![code.to_string()];
    if code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit()) {
        let city = format!("{}00", &code[..4]);
        let province = format!("{}0000", &code[..2]);
        if city != code {
            chain.push(city.clone());
        }
        if province != city && province != code {
            chain.push(province);
        }
    }
    chain
}

/// Why a region cannot be checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegionError(pub String);

impl core::fmt::Display for RegionError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(&self.0)
    }
}

impl RuleSet {
    pub fn region(&self, code: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.code == code)
    }

    /// The regions whose services apply to `code`: itself and those above it,
    /// nearest first (possibly none). An error only when the code is not six digits.
    pub fn applicable(&self, code: &str) -> Result<Vec<&Region>, RegionError> {
        if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(RegionError(format!(
                "region must be a 6-digit administrative code such as 150104, got \"{code}\""
            )));
        }
        // Every real division is a region (CONTRACT, Regions): one with no
        // list here, and none above it, simply has no services. Whether a code
        // is a real division is the region index's to say (crate::regions).
        Ok(region_chain(code)
            .iter()
            .filter_map(|c| self.region(c))
            .collect())
    }

    /// Finds a service by id, with its region. Ids are unique only within a
    /// rule file: this is the first region (in file order) with that id; use
    /// [`RuleSet::service_in`] to name the region.
    pub fn service(&self, id: &str) -> Option<(&Region, &Service)> {
        self.regions
            .iter()
            .flat_map(|r| r.services.iter().map(move |s| (r, s)))
            .find(|(_, s)| s.id == id)
    }

    /// The service with this id in the rules of region `code`.
    pub fn service_in(&self, code: &str, id: &str) -> Option<(&Region, &Service)> {
        let region = self.region(code)?;
        region
            .services
            .iter()
            .find(|s| s.id == id)
            .map(|s| (region, s))
    }

    /// The compact binary form the app embeds.
    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("rule sets always serialise")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<RuleSet, String> {
        postcard::from_bytes(bytes).map_err(|e| format!("embedded rules are damaged: {e:?}"))
    }

    /// A copy without example cases (the app does not need them).
    pub fn without_cases(&self) -> RuleSet {
        let mut copy = self.clone();
        for region in &mut copy.regions {
            for service in &mut region.services {
                service.cases.clear();
            }
        }
        copy
    }

    /// What the browser needs (the packs): no example cases and no
    /// condition source text; the readings and quotes stay, for 怎么算的.
    pub fn for_browser(&self) -> RuleSet {
        let mut copy = self.without_cases();
        for region in &mut copy.regions {
            for service in &mut region.services {
                service.when_text.clear();
            }
        }
        copy
    }
}

/// A service kind of the vocabulary (shared/CONTRACT.md "Service kinds"),
/// by its place in it: every service carries one, so people (and tests) can
/// find "the high-age allowance" whatever a county calls it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Kind(pub u8);

/// The contract's kinds: a vocabulary must have all of them.
const CONTRACT_KINDS: [&str; 20] = [
    "high_age_allowance",
    "nursing_subsidy",
    "service_subsidy",
    "home_care",
    "meal_assistance",
    "home_adaptation",
    "visitation",
    "health_management",
    "family_doctor",
    "scenic_discount",
    "legal_aid",
    "public_care_priority",
    "tekun_support",
    "caregiver_training",
    "assistive_devices",
    "respite_care",
    "ability_assessment",
    "smart_devices",
    "ltc_insurance",
    "other",
];

impl Kind {
    fn info(self) -> Option<&'static crate::vocab::KindInfo> {
        crate::vocab::current().kinds.get(usize::from(self.0))
    }
    pub fn key(self) -> &'static str {
        self.info().map(|k| k.key.as_str()).unwrap_or("other")
    }
    pub fn zh(self) -> &'static str {
        self.info().map(|k| k.zh.as_str()).unwrap_or("其他")
    }
    pub fn en(self) -> &'static str {
        self.info().map(|k| k.en.as_str()).unwrap_or("Other")
    }
    pub fn from_key(key: &str) -> Option<Kind> {
        crate::vocab::current().kind_index(key).map(Kind)
    }
    /// The kind with this key, for tests and tools. Panics if the current
    /// vocabulary has no such kind.
    pub fn named(key: &str) -> Kind {
        Kind::from_key(key).unwrap_or_else(|| panic!("no kind `{key}` in the vocabulary"))
    }
    pub fn all_keys() -> Vec<&'static str> {
        crate::vocab::current()
            .kinds
            .iter()
            .map(|k| k.key.as_str())
            .collect()
    }
    /// The kinds every vocabulary has.
    pub fn contract_keys() -> &'static [&'static str] {
        &CONTRACT_KINDS
    }

    /// How much the kind matters to a person, for the order of the summary:
    /// money first, then services at home and care, then assessments and
    /// discounts (smaller comes first).
    pub fn rank(self) -> u8 {
        self.info().map(|k| k.rank).unwrap_or(u8::MAX)
    }

    /// What the results say when the person has it already, in words.
    pub fn had_words(self, answers: &Answers, lang: crate::words::Lang) -> Option<String> {
        let fact = self.already_had(answers)?;
        let info = self.info()?;
        let template = lang.t(&info.had_zh, &info.had_en);
        Some(template.replace("{answer}", &fact.answer(answers.get(fact), lang)))
    }

    /// The answer that shows the person already has what this kind gives
    /// (an assessment result means the assessment was done; 正在享受长护险),
    /// so it goes last in the summary instead of first.
    pub fn already_had(self, answers: &Answers) -> Option<Fact> {
        let (fact, mask) = self.info()?.had_when?;
        let fact = Fact(fact);
        let v = answers.get(fact)?;
        ((0..64).contains(&v) && mask & (1u64 << v) != 0).then_some(fact)
    }
}
