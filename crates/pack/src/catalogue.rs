//! The machine-readable catalogue (`catalogue.json`): every region with a
//! list, its documents and services, each service's condition as a tree, its
//! amount, how to apply and its source. Its JSON Schema
//! (`catalogue.schema.json`, committed as docs/catalogue.schema.json) is
//! generated from these very types, so it says what is written.

use schemars::gen::SchemaSettings;
use schemars::JsonSchema;
use serde::Serialize;
use yanglao_core::facts::FactType;
use yanglao_core::model::{Cond, Need, Op};
use yanglao_core::regions::RegionIndex;
use yanglao_core::words::{Lang, Say};
use yanglao_core::{Date, Fact, Region, RuleSet, Service, Status};

/// The version of the catalogue's format. Raised when a field is removed or
/// changes meaning; adding a field keeps it.
pub const VERSION: u32 = 1;

/// The whole catalogue.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct Catalogue {
    /// The format's version (1). A reader checks it before reading on.
    pub version: u32,
    /// The JSON Schema of this file, relative to it.
    #[serde(rename = "$schema")]
    pub schema: String,
    /// The day the catalogue was made: what `status` and `ended` are as of (YYYY-MM-DD).
    pub as_of: String,
    /// Every region with a list of its own, by code.
    pub regions: Vec<RegionOut>,
}

/// Chinese and English words for the same thing. Where a rule file gives no
/// English, `en` is the Chinese.
#[derive(Serialize, JsonSchema, Clone, Debug, PartialEq)]
#[schemars(deny_unknown_fields)]
pub struct Words {
    pub zh: String,
    pub en: String,
}

/// One region's list.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RegionOut {
    /// The 6-digit division code of GB/T 2260.
    pub code: String,
    pub name: Words,
    pub short_name: Words,
    /// Its published page, relative to the catalogue (list/150104.html).
    pub page: String,
    /// The regions above it (its city, its province) that have lists too,
    /// nearest first: their services apply here as well.
    pub above: Vec<String>,
    pub documents: Vec<DocumentOut>,
    pub services: Vec<ServiceOut>,
}

/// A policy document that services cite.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DocumentOut {
    /// The id services cite it by (unique within its region).
    pub id: String,
    pub title: Words,
    /// 文号; "" if it has none.
    pub number: String,
    pub issuer: Words,
    /// 成文日期.
    pub date: String,
    pub effective_from: String,
    /// The last day in force; absent when open-ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<String>,
    /// It ended before `as_of`.
    pub ended: bool,
    /// What to do now that it has ended.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expired_note: Option<Words>,
    /// What the captured text leaves out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gaps: Option<Words>,
}

/// Whether a service is in force on `as_of`.
#[derive(Serialize, JsonSchema, Clone, Copy, PartialEq, Eq, Debug)]
#[serde(rename_all = "snake_case")]
pub enum InForce {
    InForce,
    Ended,
    NotYetInForce,
}

/// One claimable service.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ServiceOut {
    /// Unique within its region.
    pub id: String,
    /// The service kind (rules/vocabulary.toml): high_age_allowance, home_care …
    pub kind: String,
    pub kind_name: Words,
    pub name: Words,
    pub summary: Words,
    pub effective_from: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_until: Option<String>,
    pub status: InForce,
    /// Who qualifies, as a tree.
    pub condition: Condition,
    /// Who qualifies, in plain words, its named terms spelled out (the
    /// engine's own words, as 怎么算的 shows them).
    pub who: Words,
    /// How an unclear text is read.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<Words>,
    pub amount: AmountOut,
    pub apply: ApplyOut,
    pub source: SourceOut,
    /// Ids of services of the same region this one replaces (不重复享受).
    pub excludes: Vec<String>,
    /// Bands of one benefit: only the highest tier met is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier_group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<i32>,
}

/// A condition: exactly one of its keys.
#[derive(Serialize, JsonSchema, Clone, Debug, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    /// Every part holds.
    All(Vec<Condition>),
    /// At least one part holds.
    Any(Vec<Condition>),
    /// The part does not hold.
    Not(Box<Condition>),
    /// A fact compared with a value: `age >= 70`, `ability >= moderate`, `dementia == true`.
    Compare(Compare),
    /// A fact is one of these values (or, `negated`, none of them).
    In(InValues),
    /// The text leaves this to the office: never settled by an answer.
    Verify(String),
    /// A named part (a category of the text, or a shared term such as 高龄),
    /// shown as a reason when it holds.
    Label(Labelled),
}

#[derive(Serialize, JsonSchema, Clone, Debug, PartialEq)]
#[schemars(deny_unknown_fields)]
pub struct Compare {
    /// A fact of the vocabulary (shared/CONTRACT.md answer keys).
    pub fact: String,
    pub op: CompareOp,
    pub value: Value,
}

#[derive(Serialize, JsonSchema, Clone, Copy, Debug, PartialEq)]
pub enum CompareOp {
    #[serde(rename = "==")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
}

#[derive(Serialize, JsonSchema, Clone, Debug, PartialEq)]
#[schemars(deny_unknown_fields)]
pub struct InValues {
    pub fact: String,
    pub values: Vec<Value>,
    /// True: none of the values.
    pub negated: bool,
}

#[derive(Serialize, JsonSchema, Clone, Debug, PartialEq)]
#[schemars(deny_unknown_fields)]
pub struct Labelled {
    pub label: Words,
    pub when: Box<Condition>,
}

/// A fact's value as the contract writes it: a whole number, true/false, or a value's key.
#[derive(Serialize, JsonSchema, Clone, Debug, PartialEq)]
#[serde(untagged)]
pub enum Value {
    Number(i32),
    Bool(bool),
    Key(String),
}

/// What a service gives. The figures are those of the document; where it
/// gives none, `note` says who sets them.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AmountOut {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yuan_per_month: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yuan_per_year: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yuan_once: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub yuan_per_meal: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hours_per_month: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub visits_per_month: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub discount: Option<Words>,
    /// The figures are a minimum (不低于).
    pub at_least: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Words>,
    /// What a person gets, in a few words (每月100元, 标准由延津县民政局定).
    pub gets: Words,
}

/// How to apply.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ApplyOut {
    #[serde(rename = "where")]
    pub place: Words,
    pub steps: Vec<Words>,
    /// The document gives no steps: these are how it usually goes.
    pub steps_usual: bool,
    pub documents: Vec<NeedOut>,
    /// Who decides.
    pub reviewer: Words,
    /// The office to ask.
    pub office: Words,
}

/// One document to bring.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct NeedOut {
    pub name: Words,
    /// Only those this holds for need it; absent: everyone.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who_needs: Option<Condition>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who_needs_words: Option<Words>,
    /// Not named by the policy document: what offices usually ask for.
    pub usual: bool,
}

/// Where the service is written down.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SourceOut {
    /// The `id` of one of the region's `documents`.
    pub document: String,
    pub title: Words,
    pub number: String,
    pub issuer: Words,
    pub clause: Words,
    /// The clause's own words (Chinese: a quotation).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

fn words(zh: &str, en: Option<&str>) -> Words {
    Words {
        zh: zh.to_string(),
        en: en.unwrap_or(zh).to_string(),
    }
}

fn both(f: impl Fn(Lang) -> String) -> Words {
    Words {
        zh: f(Lang::Zh),
        en: f(Lang::En),
    }
}

/// A stored value as the contract writes it.
fn value(fact: Fact, v: i32) -> Value {
    match &fact.info().ty {
        FactType::Int { .. } => Value::Number(v),
        FactType::Bool => Value::Bool(v != 0),
        FactType::Enum { .. } => Value::Key(fact.value_name(v)),
    }
}

/// The engine's condition tree, in the catalogue's terms; labels and notes
/// in English from the service's own words.
pub fn condition(c: &Cond, service: &Service) -> Condition {
    let en = Say::new(Lang::En, service);
    match c {
        Cond::All(items) => Condition::All(items.iter().map(|i| condition(i, service)).collect()),
        Cond::Any(items) => Condition::Any(items.iter().map(|i| condition(i, service)).collect()),
        Cond::Not(inner) => Condition::Not(Box::new(condition(inner, service))),
        Cond::Cmp { fact, op, value: v } => Condition::Compare(Compare {
            fact: fact.key().to_string(),
            op: match op {
                Op::Eq => CompareOp::Eq,
                Op::Ne => CompareOp::Ne,
                Op::Lt => CompareOp::Lt,
                Op::Le => CompareOp::Le,
                Op::Gt => CompareOp::Gt,
                Op::Ge => CompareOp::Ge,
            },
            value: value(*fact, *v),
        }),
        Cond::In {
            fact,
            mask,
            negated,
        } => {
            let (lo, hi) = fact.bounds();
            Condition::In(InValues {
                fact: fact.key().to_string(),
                values: (lo..=hi)
                    .filter(|v| (0..64).contains(v) && mask & (1u64 << v) != 0)
                    .map(|v| value(*fact, v))
                    .collect(),
                negated: *negated,
            })
        }
        Cond::Verify { note, .. } => Condition::Verify(note.clone()),
        Cond::Label { label, inner } => Condition::Label(Labelled {
            label: Words {
                zh: label.clone(),
                en: en.own(label),
            },
            when: Box::new(condition(inner, service)),
        }),
    }
}

/// Whether a service is in force on a day.
pub fn in_force(service: &Service, as_of: Date) -> InForce {
    match service.in_force_on(as_of) {
        Status::Expired => InForce::Ended,
        Status::NotYetInForce => InForce::NotYetInForce,
        _ => InForce::InForce,
    }
}

fn need(n: &Need, i: usize, service: &Service) -> NeedOut {
    NeedOut {
        name: words(&n.name, service.en.documents.get(i).map(String::as_str)),
        who_needs: n.when.as_ref().map(|c| condition(c, service)),
        who_needs_words: n
            .when
            .as_ref()
            .map(|c| both(|lang| Say::new(lang, service).describe(c))),
        usual: n.usual,
    }
}

fn service(region: &Region, s: &Service, as_of: Date) -> ServiceOut {
    let doc = &region.documents[s.document];
    let en = &s.en;
    let a = &s.amount;
    ServiceOut {
        id: s.id.clone(),
        kind: s.kind.key().to_string(),
        kind_name: Words {
            zh: s.kind.zh().to_string(),
            en: s.kind.en().to_string(),
        },
        name: words(&s.name, en.name.as_deref()),
        summary: words(&s.summary, en.summary.as_deref()),
        effective_from: s.effective_from.to_string(),
        effective_until: s.effective_until.map(|d| d.to_string()),
        status: in_force(s, as_of),
        condition: condition(&s.when, s),
        who: both(|lang| Say::new(lang, s).spell_out(&s.when)),
        reading: s
            .reading
            .as_deref()
            .map(|r| words(r, en.reading.as_deref())),
        amount: AmountOut {
            yuan_per_month: a.yuan_per_month,
            yuan_per_year: a.yuan_per_year,
            yuan_once: a.yuan_once,
            yuan_per_meal: a.yuan_per_meal,
            hours_per_month: a.hours_per_month,
            visits_per_month: a.visits_per_month,
            discount: a
                .discount
                .as_deref()
                .map(|d| words(d, en.discount.as_deref())),
            at_least: a.at_least,
            note: a
                .note
                .as_deref()
                .map(|n| words(n, en.amount_note.as_deref())),
            gets: both(|lang| s.gets(lang)),
        },
        apply: ApplyOut {
            place: words(&s.apply.place, en.place.as_deref()),
            steps: s
                .apply
                .steps
                .iter()
                .enumerate()
                .map(|(i, step)| words(step, en.steps.get(i).map(String::as_str)))
                .collect(),
            steps_usual: s.apply.steps_usual,
            documents: s
                .apply
                .documents
                .iter()
                .enumerate()
                .map(|(i, n)| need(n, i, s))
                .collect(),
            reviewer: words(&s.apply.reviewer, en.reviewer.as_deref()),
            office: words(&s.apply.office, en.office.as_deref()),
        },
        source: SourceOut {
            document: doc.id.clone(),
            title: words(&doc.title, doc.en.title.as_deref()),
            number: doc.number.clone(),
            issuer: words(&doc.issuer, doc.en.issuer.as_deref()),
            clause: words(&s.clause, en.clause.as_deref()),
            quote: s.quote.clone(),
        },
        excludes: s.excludes.clone(),
        tier_group: s.tier_group.clone(),
        tier: s.tier_group.as_ref().map(|_| s.tier),
    }
}

/// The page of a region's list, relative to the catalogue.
pub fn page_of(code: &str) -> String {
    format!("list/{code}.html")
}

/// The regions above `code` that have lists, nearest first.
pub fn above(rules: &RuleSet, code: &str) -> Vec<String> {
    yanglao_core::model::region_chain(code)
        .into_iter()
        .skip(1)
        .filter(|c| rules.region(c).is_some())
        .collect()
}

/// The regions with lists, in code order.
pub fn regions(rules: &RuleSet) -> Vec<&Region> {
    let mut list: Vec<&Region> = rules.regions.iter().collect();
    list.sort_by(|a, b| a.code.cmp(&b.code));
    list
}

/// The catalogue of `rules` as of a day.
pub fn build(rules: &RuleSet, _index: &RegionIndex, as_of: Date) -> Catalogue {
    Catalogue {
        version: VERSION,
        schema: "catalogue.schema.json".to_string(),
        as_of: as_of.to_string(),
        regions: regions(rules)
            .into_iter()
            .map(|r| RegionOut {
                code: r.code.clone(),
                name: words(&r.name, r.en.name.as_deref()),
                short_name: words(&r.short_name, r.en.short_name.as_deref()),
                page: page_of(&r.code),
                above: above(rules, &r.code),
                documents: r
                    .documents
                    .iter()
                    .map(|d| DocumentOut {
                        id: d.id.clone(),
                        title: words(&d.title, d.en.title.as_deref()),
                        number: d.number.clone(),
                        issuer: words(&d.issuer, d.en.issuer.as_deref()),
                        date: d.date.to_string(),
                        effective_from: d.effective_from.to_string(),
                        effective_until: d.effective_until.map(|u| u.to_string()),
                        ended: d.effective_until.is_some_and(|u| u < as_of),
                        expired_note: d
                            .expired_note
                            .as_deref()
                            .map(|n| words(n, d.en.expired_note.as_deref())),
                        gaps: d.gaps.as_deref().map(|g| words(g, d.en.gaps.as_deref())),
                    })
                    .collect(),
                services: r.services.iter().map(|s| service(r, s, as_of)).collect(),
            })
            .collect(),
    }
}

/// The catalogue as written: compact JSON (its trees are deep), one trailing newline.
pub fn to_text(catalogue: &Catalogue) -> String {
    let mut text = serde_json::to_string(catalogue).expect("the catalogue always prints");
    text.push('\n');
    text
}

/// The catalogue's JSON Schema (draft 7), from the types above.
pub fn schema() -> serde_json::Value {
    let mut root = SchemaSettings::draft07()
        .with(|s| {
            s.option_add_null_type = false;
            s.option_nullable = false;
        })
        .into_generator()
        .into_root_schema_for::<Catalogue>();
    let meta = root.schema.metadata();
    meta.title = Some("yanglao catalogue (catalogue.json)".to_string());
    meta.description = Some(format!(
        "Every region's list of basic elderly-care services (基本养老服务) as the checker knows it: each region, document and service, with who qualifies (a condition tree and the engine's own words), the amount, how to apply and the source clause. Format version {VERSION}; generated from crates/pack/src/catalogue.rs. See README.md, \"The catalogue published\"."
    ));
    serde_json::to_value(root).expect("schemas always serialise")
}

/// The schema as written: pretty JSON, one trailing newline.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&schema()).expect("schemas always print");
    text.push('\n');
    text
}
