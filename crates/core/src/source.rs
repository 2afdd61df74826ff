//! Reading the TOML rule files that policy staff write (rules/README.md),
//! with every mistake reported as `file:line: what was wrong, what was expected`.
//!
//! The folder holds one file per region (`150104.toml` …) and one file of
//! shared policy terms, `terms.toml` (失能, 经济困难老年人, 高龄 …), which the
//! region files use by name in their conditions.

use crate::date::Date;
use crate::expr::{self, Parsed, Term, Terms};
use crate::facts::{Answers, Fact, RawValue};
use crate::model::{
    Amount, Apply, Case, Cond, Document, Kind, Op, Region, RuleSet, Service, Status,
};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use toml::Spanned;

/// One problem in the rule files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct FileSrc {
    /// The region whose policy this file holds.
    region: RegionSrc,
    /// The policy documents the services cite (rules/README.md §2).
    #[serde(default)]
    documents: Vec<DocumentSrc>,
    /// The claimable services (rules/README.md §3).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<ServiceSrc>"))]
    services: Vec<Spanned<ServiceSrc>>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Region"))]
#[serde(deny_unknown_fields)]
struct RegionSrc {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::RegionCode"))]
    code: Spanned<String>,
    /// The full name (内蒙古自治区呼和浩特市玉泉区).
    name: String,
    /// The short name for headings (玉泉区).
    short_name: String,
    #[serde(default)]
    en: NamesEnSrc,
}

/// `[region.en]`, `[documents.en]`: the names in English.
#[derive(Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "NamesEn"))]
#[serde(deny_unknown_fields)]
struct NamesEnSrc {
    name: Option<String>,
    short_name: Option<String>,
    title: Option<String>,
    issuer: Option<String>,
    expired_note: Option<String>,
    gaps: Option<String>,
}

impl NamesEnSrc {
    fn compile(self) -> crate::model::NamesEn {
        crate::model::NamesEn {
            name: self.name,
            short_name: self.short_name,
            title: self.title,
            issuer: self.issuer,
            expired_note: self.expired_note,
            gaps: self.gaps,
        }
    }
}

/// `[services.en]`: the service's texts in English.
#[derive(Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "ServiceEn"))]
#[serde(deny_unknown_fields)]
struct ServiceEnSrc {
    name: Option<String>,
    summary: Option<String>,
    short: Option<String>,
    amount_note: Option<String>,
    discount: Option<String>,
    #[serde(rename = "where")]
    place: Option<String>,
    #[serde(default)]
    steps: Vec<String>,
    #[serde(default)]
    documents: Vec<String>,
    reviewer: Option<String>,
    office: Option<String>,
    reading: Option<String>,
    /// The clause reference ("Part 2 (1), item 3").
    clause: Option<String>,
    /// The condition's labels and verify notes, by their Chinese.
    #[serde(default)]
    words: BTreeMap<String, String>,
}

/// `[terms.en]`: a shared term's label and verify notes in English.
#[derive(Deserialize, Default, Clone)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "TermEn"))]
#[serde(deny_unknown_fields)]
struct TermEnSrc {
    label: Option<String>,
    #[serde(default)]
    words: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Document"))]
#[serde(deny_unknown_fields)]
struct DocumentSrc {
    /// A short id, used by the services' `document`.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    id: Spanned<String>,
    /// The title, without 《》.
    title: String,
    /// 文号 (晋政办发〔2023〕34号); "" if it has none.
    number: String,
    issuer: String,
    /// 成文日期.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    date: Spanned<String>,
    /// The first day in force.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    effective_from: Spanned<String>,
    /// The last day in force (omit if open-ended).
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    effective_until: Option<Spanned<String>>,
    /// Shown once the document has ended: whom to ask about the policy now.
    expired_note: Option<String>,
    /// What the captured text leaves out that a person should know (an
    /// attachment not in the text), said on every check this document is part of.
    gaps: Option<String>,
    #[serde(default)]
    en: NamesEnSrc,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Service"))]
#[serde(deny_unknown_fields)]
struct ServiceSrc {
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ServiceId"))]
    id: Spanned<String>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::KindKey"))]
    kind: Spanned<String>,
    /// The plain name a person would recognise.
    name: String,
    /// What it is, in a sentence.
    summary: String,
    /// The `id` of the document it cites.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    document: Spanned<String>,
    /// Where in the document (三、(一)).
    clause: String,
    /// Defaults to the document's.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    effective_from: Option<Spanned<String>>,
    /// Defaults to the document's.
    #[cfg_attr(feature = "schema", schemars(with = "Option<crate::schema::DateText>"))]
    effective_until: Option<Spanned<String>>,
    /// Who qualifies.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ConditionText"))]
    when: Spanned<String>,
    /// The reading chosen where the text is ambiguous.
    reading: Option<String>,
    /// Ids of services of this file that this one replaces (rules/README.md §5).
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<Vec<crate::schema::ServiceId>>")
    )]
    excludes: Option<Spanned<Vec<String>>>,
    /// Bands of one benefit (rules/README.md §5); goes with `tier`.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    tier_group: Option<Spanned<String>>,
    tier: Option<i32>,
    /// What it gives: figures, or a note saying who sets them.
    #[cfg_attr(feature = "schema", schemars(with = "AmountSrc"))]
    amount: Spanned<AmountSrc>,
    /// How to apply.
    #[cfg_attr(feature = "schema", schemars(with = "ApplySrc"))]
    apply: Spanned<ApplySrc>,
    /// At least three example cases (rules/README.md §4).
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<CaseSrc>"))]
    cases: Vec<Spanned<CaseSrc>>,
    /// The clause's own words, quoted from the source text.
    quote: Option<String>,
    /// The service's texts in English.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Option<ServiceEnSrc>"))]
    en: Option<Spanned<ServiceEnSrc>>,
}

#[derive(Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Amount"))]
#[serde(deny_unknown_fields)]
struct AmountSrc {
    yuan_per_month: Option<f64>,
    yuan_per_year: Option<f64>,
    yuan_once: Option<f64>,
    yuan_per_meal: Option<f64>,
    hours_per_month: Option<f64>,
    visits_per_month: Option<f64>,
    discount: Option<String>,
    #[serde(default)]
    at_least: bool,
    note: Option<String>,
    short: Option<String>,
}

impl AmountSrc {
    fn compile(self) -> Amount {
        Amount {
            yuan_per_month: self.yuan_per_month,
            yuan_per_year: self.yuan_per_year,
            yuan_once: self.yuan_once,
            yuan_per_meal: self.yuan_per_meal,
            hours_per_month: self.hours_per_month,
            visits_per_month: self.visits_per_month,
            discount: self.discount,
            at_least: self.at_least,
            note: self.note,
            short: self.short,
        }
    }
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Apply"))]
#[serde(deny_unknown_fields)]
struct ApplySrc {
    /// Where to apply; the first place before "，或" is shown on the summary line.
    #[serde(rename = "where")]
    place: String,
    steps: Vec<String>,
    /// The document gives no steps: these are the usual ones.
    #[serde(default)]
    steps_usual: bool,
    /// Each a name, or `{ name = "低保证", when = "economic == dibao", usual = false }`.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<crate::schema::NeedEntry>"))]
    documents: Vec<Spanned<toml::Value>>,
    /// The document names none of these: what offices usually ask for
    /// (each may say `usual = false` where the document does name it).
    #[serde(default)]
    documents_usual: bool,
    reviewer: String,
    office: String,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Case"))]
#[serde(deny_unknown_fields)]
struct CaseSrc {
    /// The check date ("today") of the case.
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::DateText"))]
    date: Spanned<String>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::AnswersTable"))]
    answers: Spanned<toml::Table>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::StatusKey"))]
    status: Spanned<String>,
    /// The facts that must be listed as missing, exactly.
    #[cfg_attr(
        feature = "schema",
        schemars(with = "Option<Vec<crate::schema::FactKey>>")
    )]
    missing: Option<Spanned<Vec<String>>>,
    amount: Option<AmountSrc>,
    note: Option<String>,
}

/// The keys a document to bring may have when it is a table
/// (`{ name = "低保证", when = "economic == dibao", usual = false }`).
pub const NEED_KEYS: [&str; 3] = ["name", "when", "usual"];

/// The minimum number of example cases per service (rules/README.md §4).
pub const MIN_CASES: usize = 3;

/// The file of shared policy terms in the rules folder. Every other `*.toml`
/// file there is a region's rules.
pub const TERMS_FILE: &str = "terms.toml";

/// The answers vocabulary in the rules folder (crate::vocab): the facts, their
/// words, the service kinds. Without it the contract's own is used.
pub const VOCABULARY_FILE: &str = "vocabulary.toml";

/// Whether a file (by its shown name, "rules/vocabulary.toml") is the vocabulary.
pub fn is_vocabulary_file(shown: &str) -> bool {
    Path::new(shown)
        .file_name()
        .is_some_and(|n| n == VOCABULARY_FILE)
}

/// Whether a file is a region's rules (not the terms, not the vocabulary).
pub fn is_region_file(shown: &str) -> bool {
    !is_terms_file(shown) && !is_vocabulary_file(shown)
}

/// Whether a file (by its shown name, "rules/terms.toml") is the terms file.
pub fn is_terms_file(shown: &str) -> bool {
    Path::new(shown)
        .file_name()
        .is_some_and(|n| n == TERMS_FILE)
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct TermsFileSrc {
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<TermSrc>"))]
    terms: Vec<Spanned<TermSrc>>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Term"))]
#[serde(deny_unknown_fields)]
struct TermSrc {
    /// The word, in Chinese characters only, as conditions write it.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    name: Spanned<String>,
    /// Other words for the same term.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    aliases: Vec<Spanned<String>>,
    /// How explanations name it (高龄（80周岁以上）); defaults to the name.
    label: Option<String>,
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::ConditionText"))]
    when: Spanned<String>,
    /// Why it is read so.
    reading: String,
    /// On what authority (a CONTRACT row, a standard, a clause).
    source: String,
    /// Comparisons that spell the term out by hand, warned about by `rules check`.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    by_hand: Vec<Spanned<String>>,
    #[serde(default)]
    en: TermEnSrc,
}

/// The rules with what the rules check says besides errors.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub rules: RuleSet,
    pub terms: Terms,
    /// The vocabulary the rules were read with (now the current one).
    pub vocabulary: &'static crate::vocab::Vocabulary,
    /// Advice that does not stop the build: a shared term spelled out by hand.
    pub warnings: Vec<RuleError>,
}

/// Line numbers for byte offsets in one file.
struct Lines<'a> {
    file: &'a str,
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> Lines<'a> {
    fn new(file: &'a str, text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { file, text, starts }
    }
    fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
    fn err(&self, offset: usize, message: impl Into<String>) -> RuleError {
        RuleError {
            file: self.file.to_string(),
            line: self.line(offset),
            message: message.into(),
        }
    }
    /// The offset of the first character inside a string value whose span is `span`.
    fn string_content_start(&self, span: &std::ops::Range<usize>) -> usize {
        let raw = &self.text[span.start..span.end.min(self.text.len())];
        let delim = if raw.starts_with("'''") || raw.starts_with("\"\"\"") {
            3
        } else {
            1
        };
        let mut start = span.start + delim;
        if delim == 3 {
            if self.text[start..].starts_with("\r\n") {
                start += 2;
            } else if self.text[start..].starts_with('\n') {
                start += 1;
            }
        }
        start
    }
}

fn parse_date(lines: &Lines, value: &Spanned<String>, what: &str) -> Result<Date, RuleError> {
    Date::parse(value.get_ref()).map_err(|e| lines.err(value.span().start, format!("{what}: {e}")))
}

fn toml_to_raw(value: &toml::Value) -> RawValue<'_> {
    match value {
        toml::Value::Integer(i) => RawValue::Int(*i),
        toml::Value::Float(f) => RawValue::Float(*f),
        toml::Value::Boolean(b) => RawValue::Bool(*b),
        toml::Value::String(s) => RawValue::Text(s.as_str().into()),
        toml::Value::Datetime(_) => RawValue::Other("a TOML date"),
        toml::Value::Array(_) => RawValue::Other("a list"),
        toml::Value::Table(_) => RawValue::Other("a table"),
    }
}

/// Reads every `*.toml` file in `dir` (sorted by name): the region files and
/// the shared terms (`terms.toml`).
pub fn load_dir(dir: &Path) -> Result<RuleSet, Vec<RuleError>> {
    load_dir_checked(dir).map(|l| l.rules)
}

/// [`load_dir`], with the terms and the warnings.
pub fn load_dir_checked(dir: &Path) -> Result<Loaded, Vec<RuleError>> {
    let mut names: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect(),
        Err(e) => {
            return Err(vec![RuleError {
                file: dir.display().to_string(),
                line: 0,
                message: format!("cannot read the rules folder: {e}"),
            }])
        }
    };
    names.sort();
    if names.is_empty() {
        return Err(vec![RuleError {
            file: dir.display().to_string(),
            line: 0,
            message: "no rule files (*.toml) in this folder".into(),
        }]);
    }
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in names {
        let shown = format!(
            "{}/{}",
            dir.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        );
        match std::fs::read_to_string(&path) {
            Ok(text) => files.push((shown, text)),
            Err(e) => errors.push(RuleError {
                file: shown,
                line: 0,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    load_files_checked(&files)
}

/// Reads rule files given as (shown name, text) pairs: region files, and at
/// most one terms file (named `terms.toml`). Reports every error it can find.
pub fn load_files(files: &[(String, String)]) -> Result<RuleSet, Vec<RuleError>> {
    load_files_checked(files).map(|l| l.rules)
}

/// [`load_files`], with the terms and the warnings.
pub fn load_files_checked(files: &[(String, String)]) -> Result<Loaded, Vec<RuleError>> {
    // The vocabulary first: every fact a condition names is one of its.
    let mut vocabularies = files.iter().filter(|(n, _)| is_vocabulary_file(n));
    let vocabulary = match vocabularies.next() {
        Some((name, text)) => {
            if let Some((second, _)) = vocabularies.next() {
                return Err(vec![RuleError {
                    file: second.clone(),
                    line: 0,
                    message: format!("a second vocabulary: the facts are read from {name} only"),
                }]);
            }
            crate::vocab::install(vocabulary_from_toml(name, text)?)
        }
        None => crate::vocab::current(),
    };
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut terms = Terms::new();
    let mut terms_file: Option<&str> = None;
    for (name, text) in files.iter().filter(|(n, _)| is_terms_file(n)) {
        if let Some(first) = terms_file {
            errors.push(RuleError {
                file: name.clone(),
                line: 0,
                message: format!(
                    "a second terms file: the shared terms are read from {first} only"
                ),
            });
            continue;
        }
        terms_file = Some(name);
        load_terms(&Lines::new(name, text), text, &mut terms, &mut errors);
    }
    let mut regions: Vec<Region> = Vec::new();
    // The file of each region, in the same order, for messages that need it.
    let mut region_files: Vec<(&str, &str)> = Vec::new();
    for (name, text) in files.iter().filter(|(n, _)| is_region_file(n)) {
        let lines = Lines::new(name, text);
        let parsed: FileSrc = match toml::from_str(text) {
            Ok(p) => p,
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                errors.push(lines.err(offset, e.message().trim().to_string()));
                continue;
            }
        };
        let code_at = parsed.region.code.span().start;
        if let Some(region) = compile_file(&lines, parsed, &terms, &mut warnings, &mut errors) {
            if let Some(i) = regions.iter().position(|r| r.code == region.code) {
                errors.push(lines.err(
                    code_at,
                    format!(
                        "region {} already has a rule file ({}): one file per region",
                        region.code, region_files[i].0
                    ),
                ));
                continue;
            }
            regions.push(region);
            region_files.push((name, text));
        }
    }
    let rules = RuleSet { regions };
    if errors.is_empty() {
        check_combinations(&rules, &region_files, &mut errors);
    }
    if errors.is_empty() {
        Ok(Loaded {
            rules,
            terms,
            vocabulary,
            warnings,
        })
    } else {
        Err(errors)
    }
}

/// Reads the shared terms. A term may use the terms above it.
fn load_terms(lines: &Lines, text: &str, terms: &mut Terms, errors: &mut Vec<RuleError>) {
    let parsed: TermsFileSrc = match toml::from_str(text) {
        Ok(p) => p,
        Err(e) => {
            let offset = e.span().map(|s| s.start).unwrap_or(0);
            errors.push(lines.err(offset, e.message().trim().to_string()));
            return;
        }
    };
    for spanned in parsed.terms {
        let at = spanned.span().start;
        let t = spanned.into_inner();
        let before = errors.len();
        for word in std::iter::once(&t.name).chain(&t.aliases) {
            let w = word.get_ref();
            if w.is_empty() || !w.chars().all(expr::is_term_char) {
                errors.push(lines.err(
                    word.span().start,
                    format!("a term's name is written in Chinese characters only (so that a condition can use it), got \"{w}\""),
                ));
            }
        }
        let name = t.name.get_ref().clone();
        if t.reading.trim().is_empty() || t.source.trim().is_empty() {
            errors.push(lines.err(
                at,
                format!("term `{name}`: `reading` (why it is read so) and `source` (CONTRACT row, standard or clause) must not be empty"),
            ));
        }
        let when_start = lines.string_content_start(&t.when.span());
        let cond = match expr::parse_with(t.when.get_ref(), terms, expr::OFFICE) {
            Ok(p) => Some(p.cond),
            Err(e) => {
                errors.push(lines.err(
                    when_start + e.offset,
                    format!("term `{name}`: {}", e.message),
                ));
                None
            }
        };
        if let Some(c) = &cond {
            if !crate::eval::satisfiable(c) {
                errors
                    .push(lines.err(t.when.span().start, format!("term `{name}` can never hold")));
            }
            let mut silent = false;
            c.walk(&mut |node| {
                if let Cond::Verify { note, .. } = node {
                    silent |= !note.contains(expr::OFFICE);
                }
            });
            if silent {
                errors.push(lines.err(
                    t.when.span().start,
                    format!("term `{name}`: every verify note of a term names who decides with {} (filled in with the office of the service that uses it)", expr::OFFICE),
                ));
            }
        }
        let mut by_hand = Vec::new();
        for b in &t.by_hand {
            match expr::parse(b.get_ref()) {
                Ok(c @ (Cond::Cmp { .. } | Cond::In { .. })) => by_hand.push(c),
                Ok(_) => errors.push(lines.err(
                    b.span().start,
                    format!("term `{name}`: each `by_hand` entry is one comparison, such as \"ability >= severe\""),
                )),
                Err(e) => errors.push(lines.err(b.span().start, format!("term `{name}`: by_hand: {}", e.message))),
            }
        }
        let Some(cond) = cond else { continue };
        if errors.len() > before {
            continue;
        }
        // Written out, a term adds its label (and, over a single comparison, a group of one).
        let depth = expr::tree_depth(&cond) + 2;
        if depth > expr::MAX_DEPTH {
            errors.push(lines.err(
                t.when.span().start,
                format!(
                    "term `{name}` nests more than {} levels deep: write it flatter",
                    expr::MAX_DEPTH
                ),
            ));
            continue;
        }
        let term = Term {
            label: t
                .label
                .clone()
                .filter(|l| !l.trim().is_empty())
                .unwrap_or_else(|| name.clone()),
            aliases: t.aliases.iter().map(|a| a.get_ref().clone()).collect(),
            notes: cond.verify_count(),
            depth,
            cond,
            by_hand,
            reading: t.reading,
            source: t.source,
            en_label: t.en.label.clone(),
            en_words: t.en.words.clone(),
            name,
        };
        let mut notes = Vec::new();
        term.cond.walk(&mut |n| {
            if let crate::model::Cond::Verify { note, .. } = n {
                notes.push(note.clone());
            }
        });
        if let Some(key) = term.en_words.keys().find(|k| !notes.contains(k)) {
            errors.push(lines.err(
                t.name.span().start,
                format!(
                    "term `{}`: [terms.en] words has \"{key}\", which is none of its verify notes",
                    term.name
                ),
            ));
        }
        if let Err(message) = terms.push(term) {
            errors.push(lines.err(t.name.span().start, message));
        }
    }
}

/// The values of its fact for which a single comparison holds.
fn value_set(c: &Cond) -> Option<(Fact, Vec<i32>)> {
    match c {
        Cond::Cmp { fact, .. } | Cond::In { fact, .. } => {
            let (lo, hi) = fact.bounds();
            Some((
                *fact,
                (lo..=hi).filter(|v| crate::eval::leaf(c, *v)).collect(),
            ))
        }
        _ => None,
    }
}

/// Where a condition spells out a shared term by hand: (offset in the text, advice).
fn advice(text: &str, parsed: &Parsed, terms: &Terms) -> Vec<(usize, String)> {
    // An age floor beside an age ceiling is a band (80—89周岁), not 高龄.
    let ceiling = parsed.written.iter().any(|w| {
        matches!(
            w.cond,
            Cond::Cmp {
                fact,
                op: Op::Lt | Op::Le,
                ..
            } if fact.is_birth()
        )
    });
    let mut out = Vec::new();
    for w in &parsed.written {
        let Some(set) = value_set(&w.cond) else {
            continue;
        };
        if set.0.is_birth() && ceiling {
            continue;
        }
        for term in terms.iter() {
            if term
                .by_hand
                .iter()
                .any(|b| value_set(b).as_ref() == Some(&set))
            {
                let shown = text.get(w.start..w.end).unwrap_or("").trim();
                out.push((
                    w.start,
                    format!(
                        "`{shown}` spells out the shared term {} by hand: write `{}` (rules/{TERMS_FILE}: {})",
                        term.name, term.name, term.label
                    ),
                ));
            }
        }
    }
    out
}

fn compile_file(
    lines: &Lines,
    file: FileSrc,
    terms: &Terms,
    warnings: &mut Vec<RuleError>,
    errors: &mut Vec<RuleError>,
) -> Option<Region> {
    let before = errors.len();
    let code = file.region.code.get_ref().clone();
    let code_ok = code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit());
    if !code_ok {
        errors.push(lines.err(
            file.region.code.span().start,
            format!("region code must be 6 digits (GB/T 2260), got \"{code}\""),
        ));
    }
    let stem = Path::new(lines.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    if code_ok
        && stem.as_deref().is_some_and(|s| {
            s.len() >= 6 && s[..6].bytes().all(|b| b.is_ascii_digit()) && s[..6] != code
        })
    {
        errors.push(lines.err(
            file.region.code.span().start,
            format!(
                "region code {code} does not match the file name {}",
                lines.file
            ),
        ));
    }

    let mut documents = Vec::new();
    let mut doc_index = HashMap::new();
    for d in file.documents {
        // Every bad date is reported, not just the first.
        let mut date_of = |value: &Spanned<String>, what: &str| {
            parse_date(lines, value, what)
                .map_err(|e| errors.push(e))
                .ok()
        };
        let from = date_of(&d.effective_from, "effective_from");
        let until = d
            .effective_until
            .as_ref()
            .map(|u| date_of(u, "effective_until"));
        let date = date_of(&d.date, "date");
        let (Some(from), Some(date)) = (from, date) else {
            continue;
        };
        let until = match until {
            None => None,
            Some(Some(u)) => Some(u),
            Some(None) => continue,
        };
        if let (Some(until), Some(span)) = (until, d.effective_until.as_ref()) {
            if until < from {
                errors.push(lines.err(
                    span.span().start,
                    format!("effective_until {until} is before effective_from {from}"),
                ));
            }
        }
        if doc_index
            .insert(d.id.get_ref().clone(), documents.len())
            .is_some()
        {
            errors.push(lines.err(
                d.id.span().start,
                format!("duplicate document id `{}`", d.id.get_ref()),
            ));
        }
        documents.push(Document {
            id: d.id.into_inner(),
            title: d.title,
            number: d.number,
            issuer: d.issuer,
            date,
            effective_from: from,
            effective_until: until,
            expired_note: d.expired_note,
            gaps: d.gaps,
            en: d.en.compile(),
        });
    }

    // Service ids (and what `excludes` names) are this file's own.
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut pending_refs: Vec<(RuleError, String)> = Vec::new();
    let mut services = Vec::new();
    for spanned in file.services {
        let at = spanned.span().start;
        let s = spanned.into_inner();
        let context = Context {
            lines,
            documents: &documents,
            doc_index: &doc_index,
            terms,
        };
        if let Some(svc) = compile_service(
            &context,
            at,
            s,
            &mut ids,
            &mut pending_refs,
            warnings,
            errors,
        ) {
            services.push(svc);
        }
    }
    for (at, id) in pending_refs {
        if !ids.contains_key(&id) {
            errors.push(RuleError {
                message: format!(
                    "`excludes` names `{id}`, which is not a service of this file (a service can replace only services of its own file)"
                ),
                ..at
            });
        }
    }
    if errors.len() > before {
        return None;
    }
    Some(Region {
        code,
        name: file.region.name,
        short_name: file.region.short_name,
        documents,
        services,
        en: file.region.en.compile(),
    })
}

/// What every service of one file is compiled against.
struct Context<'a> {
    lines: &'a Lines<'a>,
    documents: &'a [Document],
    doc_index: &'a HashMap<String, usize>,
    terms: &'a Terms,
}

fn compile_service(
    cx: &Context,
    at: usize,
    s: ServiceSrc,
    ids: &mut HashMap<String, String>,
    pending_refs: &mut Vec<(RuleError, String)>,
    warnings: &mut Vec<RuleError>,
    errors: &mut Vec<RuleError>,
) -> Option<Service> {
    let lines = cx.lines;
    let documents = cx.documents;
    let doc_index = cx.doc_index;
    let before = errors.len();
    let id = s.id.get_ref().clone();
    let id_ok = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !id_ok {
        errors.push(lines.err(
            s.id.span().start,
            format!("service id `{id}` must use only a-z, 0-9 and '-'"),
        ));
    }
    let here = format!("{}:{}", lines.file, lines.line(s.id.span().start));
    if let Some(first) = ids.insert(id.clone(), here) {
        errors.push(lines.err(
            s.id.span().start,
            format!("duplicate service id `{id}` in this file (first defined at {first}); ids are unique within a file"),
        ));
    }
    let kind = Kind::from_key(s.kind.get_ref());
    if kind.is_none() {
        errors.push(lines.err(
            s.kind.span().start,
            format!(
                "unknown kind `{}`; expected one of: {}",
                s.kind.get_ref(),
                Kind::all_keys().join(", ")
            ),
        ));
    }
    let document = doc_index.get(s.document.get_ref()).copied();
    if document.is_none() {
        let known: Vec<&str> = documents.iter().map(|d| d.id.as_str()).collect();
        errors.push(lines.err(
            s.document.span().start,
            format!(
                "unknown document `{}`; expected one of: {}",
                s.document.get_ref(),
                known.join(", ")
            ),
        ));
    }
    let doc = document.map(|i| &documents[i]);
    let from = match &s.effective_from {
        Some(v) => parse_date(lines, v, "effective_from")
            .map_err(|e| errors.push(e))
            .ok(),
        None => doc.map(|d| d.effective_from),
    };
    let until = match &s.effective_until {
        Some(v) => parse_date(lines, v, "effective_until")
            .map_err(|e| errors.push(e))
            .ok(),
        None => doc.and_then(|d| d.effective_until),
    };
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            errors.push(lines.err(
                at,
                format!("service `{id}` ends ({u}) before it starts ({f}): it can never apply"),
            ));
        }
    }
    for field in [&s.name, &s.summary, &s.clause] {
        if field.trim().is_empty() {
            errors.push(lines.err(
                at,
                format!("service `{id}`: name, summary and clause must not be empty"),
            ));
            break;
        }
    }

    // The condition: errors point at the line inside the `when` text. The
    // terms' verify notes name the office of this service.
    let office = s.apply.get_ref().office.clone();
    let when_text = s.when.get_ref().clone();
    let when_start = lines.string_content_start(&s.when.span());
    let when = match expr::parse_with(&when_text, cx.terms, &office) {
        Ok(parsed) => {
            for (offset, message) in advice(&when_text, &parsed, cx.terms) {
                warnings.push(lines.err(when_start + offset, format!("warning: {message}")));
            }
            Some(parsed.cond)
        }
        Err(e) => {
            errors.push(lines.err(when_start + e.offset, e.message));
            None
        }
    };
    if let Some(c) = &when {
        if !crate::eval::satisfiable(c) {
            errors.push(lines.err(
                s.when.span().start,
                format!("service `{id}` is unreachable: no answers can ever satisfy its condition"),
            ));
        }
    }

    let amount_at = s.amount.span().start;
    let amount = s.amount.into_inner().compile();
    if !amount.has_figure() && amount.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        errors.push(lines.err(
            amount_at,
            format!("service `{id}`: the amount has no figure, so it needs a `note` saying who sets it and whom to ask"),
        ));
    }
    if amount.figures().any(|(_, v)| !(v.is_finite() && v >= 0.0)) {
        errors.push(lines.err(
            amount_at,
            format!("service `{id}`: amounts must be zero or more"),
        ));
    }

    let apply_at = s.apply.span().start;
    let a = s.apply.into_inner();
    if a.place.trim().is_empty()
        || a.office.trim().is_empty()
        || a.reviewer.trim().is_empty()
        || a.steps.is_empty()
        || a.documents.is_empty()
    {
        errors.push(lines.err(
            apply_at,
            format!("service `{id}`: apply needs `where`, `steps`, `documents`, `reviewer` and `office`, none empty"),
        ));
    }
    let mut documents = Vec::new();
    for item in &a.documents {
        match compile_need(cx, item, a.documents_usual, &a.office, warnings) {
            Ok(need) => documents.push(need),
            Err(e) => errors.push(e),
        }
    }
    let apply = Apply {
        place: a.place,
        steps: a.steps,
        steps_usual: a.steps_usual,
        documents,
        reviewer: a.reviewer,
        office: a.office,
    };

    let excludes = s.excludes.map(|e| {
        let span_at = e.span().start;
        let list = e.into_inner();
        for other in &list {
            if *other == id {
                errors.push(lines.err(span_at, format!("service `{id}` cannot exclude itself")));
            } else {
                pending_refs.push((lines.err(span_at, String::new()), other.clone()));
            }
        }
        list
    });
    let tier_group = s.tier_group.as_ref().map(|g| g.get_ref().clone());
    match (&tier_group, s.tier) {
        (Some(g), None) => errors.push(lines.err(
            s.tier_group.as_ref().map(|g| g.span().start).unwrap_or(at),
            format!("service `{id}` is in tier_group `{g}` but has no `tier` number"),
        )),
        (None, Some(_)) => errors.push(lines.err(
            at,
            format!("service `{id}` has a `tier` but no `tier_group`"),
        )),
        _ => {}
    }

    let mut cases = Vec::new();
    if s.cases.len() < MIN_CASES {
        errors.push(lines.err(
            at,
            format!("service `{id}` has {} example case(s); write at least {MIN_CASES} (one that qualifies, one that does not, one maybe)", s.cases.len()),
        ));
    }
    for c in s.cases {
        let case_at = c.span().start;
        let c = c.into_inner();
        match compile_case(lines, case_at, c) {
            Ok(case) => cases.push(case),
            Err(e) => errors.push(e),
        }
    }

    let en = compile_en(cx, at, &id, s.en, &apply, when.as_ref(), errors);
    if errors.len() > before {
        return None;
    }
    Some(Service {
        compiled: Default::default(),
        quote: s.quote,
        en,
        id,
        kind: kind?,
        name: s.name,
        summary: s.summary,
        document: document?,
        clause: s.clause,
        effective_from: from?,
        effective_until: until,
        when: when?,
        when_text,
        reading: s.reading,
        amount,
        apply,
        excludes: excludes.unwrap_or_default(),
        tier_group,
        tier: s.tier.unwrap_or(0),
        cases,
    })
}

/// The service's English: counts checked against the Chinese, and the words
/// of the shared terms its condition uses added (their `{office}` filled in).
fn compile_en(
    cx: &Context,
    at: usize,
    id: &str,
    en: Option<Spanned<ServiceEnSrc>>,
    apply: &Apply,
    when: Option<&crate::model::Cond>,
    errors: &mut Vec<RuleError>,
) -> crate::model::ServiceEn {
    let lines = cx.lines;
    let (at, en) = match en {
        Some(e) => (e.span().start, e.into_inner()),
        None => (at, ServiceEnSrc::default()),
    };
    for (what, given, wanted) in [
        ("steps", en.steps.len(), apply.steps.len()),
        ("documents", en.documents.len(), apply.documents.len()),
    ] {
        if given != 0 && given != wanted {
            errors.push(lines.err(
                at,
                format!("service `{id}`: [services.en] has {given} {what} for {wanted} in Chinese; give all of them in the same order, or none"),
            ));
        }
    }
    let mut words = en.words;
    // The words the condition shows: its labels and verify notes.
    let mut shown = std::collections::BTreeSet::new();
    if let Some(c) = when {
        c.walk(&mut |n| match n {
            crate::model::Cond::Label { label, .. } => {
                shown.insert(label.clone());
            }
            crate::model::Cond::Verify { note, .. } => {
                shown.insert(note.clone());
            }
            _ => {}
        });
    }
    for key in words.keys() {
        if !shown.contains(key) {
            errors.push(lines.err(
                at,
                format!("service `{id}`: [services.en] words has \"{key}\", which is no label or verify note of its condition"),
            ));
        }
    }
    // The shared terms' English, with this service's offices in it.
    let office_en = en.office.clone().unwrap_or_else(|| apply.office.clone());
    for term in cx.terms.iter() {
        if let Some(label) = &term.en_label {
            if shown.contains(&term.label) {
                words
                    .entry(term.label.clone())
                    .or_insert_with(|| label.clone());
            }
        }
        for (zh, en_text) in &term.en_words {
            let zh = zh.replace("{office}", &apply.office);
            if shown.contains(&zh) {
                words
                    .entry(zh)
                    .or_insert_with(|| en_text.replace("{office}", &office_en));
            }
        }
    }
    crate::model::ServiceEn {
        name: en.name,
        summary: en.summary,
        short: en.short,
        amount_note: en.amount_note,
        discount: en.discount,
        place: en.place,
        steps: en.steps,
        documents: en.documents,
        reviewer: en.reviewer,
        office: en.office,
        reading: en.reading,
        clause: en.clause,
        words,
    }
}

/// One entry of `documents`: a name, or a table with `name`, `when`, `usual`.
fn compile_need(
    cx: &Context,
    item: &Spanned<toml::Value>,
    usual: bool,
    office: &str,
    warnings: &mut Vec<RuleError>,
) -> Result<crate::model::Need, RuleError> {
    let lines = cx.lines;
    let at = item.span().start;
    let expected = "a document is a name (\"身份证\") or { name = \"低保证\", when = \"economic == dibao\", usual = true }";
    match item.get_ref() {
        toml::Value::String(name) if !name.trim().is_empty() => Ok(crate::model::Need {
            name: name.clone(),
            when: None,
            usual,
        }),
        toml::Value::Table(t) => {
            if let Some(k) = t.keys().find(|k| !NEED_KEYS.contains(&k.as_str())) {
                return Err(lines.err(
                    at,
                    format!("unknown key `{k}` in a document; expected name, when, usual"),
                ));
            }
            let name = match t.get("name") {
                Some(toml::Value::String(n)) if !n.trim().is_empty() => n.clone(),
                _ => return Err(lines.err(at, format!("a document needs a `name`; {expected}"))),
            };
            let when = match t.get("when") {
                None => None,
                Some(toml::Value::String(text)) => {
                    let parsed = expr::parse_with(text, cx.terms, office).map_err(|e| {
                        lines.err(at, format!("document `{name}`: when: {}", e.message))
                    })?;
                    for (_, message) in advice(text, &parsed, cx.terms) {
                        warnings
                            .push(lines.err(at, format!("warning: document `{name}`: {message}")));
                    }
                    Some(parsed.cond)
                }
                Some(_) => {
                    return Err(lines.err(
                        at,
                        format!("document `{name}`: `when` must be a condition in quotes"),
                    ))
                }
            };
            let usual = match t.get("usual") {
                None => usual,
                Some(toml::Value::Boolean(b)) => *b,
                Some(_) => {
                    return Err(lines.err(
                        at,
                        format!("document `{name}`: `usual` must be true or false"),
                    ))
                }
            };
            Ok(crate::model::Need { name, when, usual })
        }
        _ => Err(lines.err(at, expected)),
    }
}

fn compile_case(lines: &Lines, at: usize, c: CaseSrc) -> Result<Case, RuleError> {
    let date = parse_date(lines, &c.date, "case date")?;
    let answers_at = c.answers.span().start;
    let pairs: Vec<(String, RawValue)> = c
        .answers
        .get_ref()
        .iter()
        .map(|(k, v)| (k.clone(), toml_to_raw(v)))
        .collect();
    let answers = Answers::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone())))
        .map_err(|e| lines.err(answers_at, format!("case answers: {e}")))?;
    answers
        .on(date)
        .map_err(|e| lines.err(answers_at, format!("case answers: {e}")))?;
    let status = Status::from_key(c.status.get_ref()).ok_or_else(|| {
        lines.err(
            c.status.span().start,
            format!(
                "unknown status `{}`; expected one of: eligible, maybe, ineligible, expired, not_yet_in_force",
                c.status.get_ref()
            ),
        )
    })?;
    let missing = match c.missing {
        None => None,
        Some(list) => {
            let mut facts = Vec::new();
            for key in list.get_ref() {
                let fact = Fact::from_key(key).ok_or_else(|| {
                    lines.err(
                        list.span().start,
                        format!("`missing` names an unknown fact `{key}`"),
                    )
                })?;
                facts.push(fact);
            }
            facts.sort();
            Some(facts)
        }
    };
    Ok(Case {
        date,
        answers,
        status,
        missing,
        amount: c.amount.map(AmountSrc::compile),
        note: c.note,
        at: format!("{}:{}", lines.file, lines.line(at)),
    })
}

/// Checks what needs a whole file: exclusion loops and tier numbers. Tier
/// groups, like ids, belong to their file. `files[i]` is the file of region `i`.
fn check_combinations(rules: &RuleSet, files: &[(&str, &str)], errors: &mut Vec<RuleError>) {
    let where_is = |region: usize, id: &str| -> RuleError {
        let (name, text) = files[region];
        let needle = format!("\"{id}\"");
        match text.find(&needle) {
            Some(pos) => Lines::new(name, text).err(pos, String::new()),
            None => RuleError {
                file: name.to_string(),
                line: 0,
                message: String::new(),
            },
        }
    };
    for (r, region) in rules.regions.iter().enumerate() {
        // Tiers: distinct numbers within a group.
        let mut tiers: BTreeMap<&str, HashMap<i32, &str>> = BTreeMap::new();
        let mut grouped: BTreeMap<&str, Vec<&crate::model::Service>> = BTreeMap::new();
        for s in &region.services {
            if let Some(g) = &s.tier_group {
                if let Some(other) = tiers.entry(g).or_default().insert(s.tier, &s.id) {
                    errors.push(RuleError {
                        message: format!("services `{other}` and `{}` share tier {} in tier_group `{g}`: each band needs its own tier number", s.id, s.tier),
                        ..where_is(r, &s.id)
                    });
                }
                grouped.entry(g).or_default().push(s);
            }
        }
        // Tiers are bands: two of one group must never both apply ("contradicting
        // tiers"). The engine would still pay only the highest; the file is wrong.
        for (group, members) in &grouped {
            for (i, a) in members.iter().enumerate() {
                for b in &members[i + 1..] {
                    if crate::eval::can_both_hold(&a.when, &b.when) {
                        errors.push(RuleError {
                            message: format!(
                                "tiers `{}` and `{}` of tier_group `{group}` overlap: some person meets both; bands must not overlap",
                                a.id, b.id
                            ),
                            ..where_is(r, &b.id)
                        });
                    }
                }
            }
        }
    }
    // Loops in "takes precedence over" (excludes and higher tiers).
    let graph = crate::eval::Precedence::build(rules);
    type Key<'a> = crate::eval::Key<'a>;
    let mut state: HashMap<Key, u8> = HashMap::new();
    fn visit<'a>(
        key: Key<'a>,
        g: &'a crate::eval::Precedence,
        state: &mut HashMap<Key<'a>, u8>,
        path: &mut Vec<Key<'a>>,
    ) -> Option<Vec<Key<'a>>> {
        match state.get(&key) {
            Some(2) => return None,
            Some(1) => {
                let start = path.iter().position(|p| *p == key).unwrap_or(0);
                return Some(path[start..].to_vec());
            }
            _ => {}
        }
        state.insert(key, 1);
        path.push(key);
        for d in g.over(key.0, key.1) {
            if let Some(cycle) = visit(d, g, state, path) {
                return Some(cycle);
            }
        }
        path.pop();
        state.insert(key, 2);
        None
    }
    let mut seen_cycle = HashSet::new();
    for (r, region) in rules.regions.iter().enumerate() {
        for s in &region.services {
            let mut path = Vec::new();
            if let Some(cycle) = visit((&region.code, &s.id), &graph, &mut state, &mut path) {
                let ids: Vec<&str> = cycle.iter().map(|k| k.1).collect();
                if seen_cycle.insert(format!("{}:{}", region.code, ids.join(","))) {
                    errors.push(RuleError {
                        message: format!(
                            "`excludes` form a loop: {} → {}",
                            ids.join(" → "),
                            ids[0]
                        ),
                        ..where_is(r, ids[0])
                    });
                }
            }
        }
    }
}

// ---- The vocabulary (rules/vocabulary.toml) ----

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub(crate) struct VocabularySrc {
    facts: Vec<FactSrc>,
    kinds: Vec<KindSrc>,
    #[serde(default)]
    implications: Vec<ImplicationSrc>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Fact"))]
#[serde(deny_unknown_fields)]
struct FactSrc {
    key: String,
    #[serde(rename = "type")]
    #[cfg_attr(feature = "schema", schemars(with = "crate::schema::FactTypeKey"))]
    ty: String,
    min: Option<i32>,
    max: Option<i32>,
    #[serde(default)]
    values: Vec<String>,
    #[serde(default)]
    ordered: bool,
    #[serde(default)]
    birth_date: bool,
    zh: WordsSrc,
    en: WordsSrc,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Words"))]
#[serde(deny_unknown_fields)]
struct WordsSrc {
    ask_self: String,
    ask_family: String,
    help: String,
    find_out: String,
    short: String,
    noun: String,
    unit: Option<String>,
    #[serde(default)]
    choices: BTreeMap<String, String>,
    #[serde(default)]
    said: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "FactValues"))]
#[serde(deny_unknown_fields)]
struct FactValuesSrc {
    fact: String,
    values: Vec<String>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Kind"))]
#[serde(deny_unknown_fields)]
struct KindSrc {
    key: String,
    zh: String,
    en: String,
    rank: u8,
    had_when: Option<FactValuesSrc>,
    /// What the results say when the person has it already ({answer}: the answer that shows it).
    had_zh: Option<String>,
    had_en: Option<String>,
}

#[derive(Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(rename = "Implication"))]
#[serde(deny_unknown_fields)]
struct ImplicationSrc {
    #[serde(rename = "if")]
    if_: FactValuesSrc,
    then: FactValuesSrc,
    because_zh: String,
    because_en: String,
    source: String,
}

/// Reads the answers vocabulary; every mistake is reported, naming the fact.
pub fn vocabulary_from_toml(
    file: &str,
    text: &str,
) -> Result<crate::vocab::Vocabulary, Vec<RuleError>> {
    use crate::vocab::{FactInfo, FactType, Implication, KindInfo, Vocabulary, Words, MAX_FACTS};
    let lines = Lines::new(file, text);
    let src: VocabularySrc = toml::from_str(text).map_err(|e| {
        vec![lines.err(
            e.span().map(|s| s.start).unwrap_or(0),
            e.message().trim().to_string(),
        )]
    })?;
    let mut errors = Vec::new();
    let err = |m: String| RuleError {
        file: file.to_string(),
        line: 0,
        message: m,
    };
    if src.facts.len() > MAX_FACTS {
        errors.push(err(format!(
            "{} facts: at most {MAX_FACTS}",
            src.facts.len()
        )));
    }
    let mut facts: Vec<FactInfo> = Vec::new();
    for f in src.facts {
        let key = f.key.clone();
        if facts.iter().any(|g| g.key == key) {
            errors.push(err(format!("fact `{key}` is defined twice")));
        }
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            errors.push(err(format!(
                "fact `{key}`: a key is lower-case letters and `_`"
            )));
        }
        let ty = match (f.ty.as_str(), f.min, f.max) {
            ("int", Some(min), Some(max)) if min <= max => FactType::Int { min, max },
            ("int", _, _) => {
                errors.push(err(format!("fact `{key}`: an int needs min <= max")));
                continue;
            }
            ("bool", None, None) => FactType::Bool,
            ("enum", None, None) if !f.values.is_empty() && f.values.len() <= 64 => {
                FactType::Enum {
                    values: f.values.clone(),
                    ordered: f.ordered,
                }
            }
            (other, _, _) => {
                errors.push(err(format!(
                    "fact `{key}`: type `{other}` with these fields; expected int (min, max), bool, or enum (values, 1 to 64)"
                )));
                continue;
            }
        };
        // The keys a fact's choices and phrases may use, in the order buttons show.
        let value_keys: Vec<String> = match &ty {
            FactType::Int { min, max } => (*min..=*max).map(|v| v.to_string()).collect(),
            FactType::Bool => vec!["yes".into(), "no".into()],
            FactType::Enum { values, .. } => values.clone(),
        };
        let mut words = |w: WordsSrc, lang: &str| -> Words {
            for k in w.choices.keys() {
                if !value_keys.contains(k) {
                    errors.push(err(format!(
                        "fact `{key}` ({lang}): choice `{k}` is not one of its values"
                    )));
                }
            }
            for k in w.said.keys() {
                let number_phrase = matches!(k.as_str(), "n" | "at_least" | "below");
                if !(value_keys.contains(k) || number_phrase && matches!(ty, FactType::Int { .. }))
                {
                    errors.push(err(format!(
                        "fact `{key}` ({lang}): `said` names `{k}`, not one of its values"
                    )));
                }
            }
            let in_order = |map: &BTreeMap<String, String>| -> Vec<(String, String)> {
                let mut list: Vec<(String, String)> = value_keys
                    .iter()
                    .filter_map(|k| map.get(k).map(|v| (k.clone(), v.clone())))
                    .collect();
                for phrase in ["n", "at_least", "below"] {
                    if let Some(n) = map.get(phrase) {
                        list.push((phrase.into(), n.clone()));
                    }
                }
                list
            };
            Words {
                choices: in_order(&w.choices),
                said: in_order(&w.said),
                ask_self: w.ask_self,
                ask_family: w.ask_family,
                help: w.help,
                find_out: w.find_out,
                short: w.short,
                noun: w.noun,
                unit: w.unit,
            }
        };
        let zh = words(f.zh, "zh");
        let en = words(f.en, "en");
        let needs_said = match &ty {
            FactType::Int { .. } => zh.said("n").is_none() || en.said("n").is_none(),
            _ => value_keys
                .iter()
                .any(|k| zh.said(k).is_none() || en.said(k).is_none()),
        };
        if needs_said {
            errors.push(err(format!(
                "fact `{key}`: `said` must give every value (an int: `n`) in zh and en"
            )));
        }
        facts.push(FactInfo {
            key,
            ty,
            birth_date: f.birth_date,
            zh,
            en,
        });
    }
    if facts.iter().filter(|f| f.birth_date).count() > 1 {
        errors.push(err("only one fact may take a birth date".into()));
    }
    let fact_values =
        |fv: &FactValuesSrc, what: &str, errors: &mut Vec<RuleError>| -> Option<(u8, u64)> {
            let Some(i) = facts.iter().position(|f| f.key == fv.fact) else {
                errors.push(err(format!("{what}: unknown fact `{}`", fv.fact)));
                return None;
            };
            let keys: Vec<String> = match &facts[i].ty {
                FactType::Int { min, max } => (*min..=*max).map(|v| v.to_string()).collect(),
                FactType::Bool => vec!["no".into(), "yes".into()],
                FactType::Enum { values, .. } => values.clone(),
            };
            let mut mask = 0u64;
            for v in &fv.values {
                match keys.iter().position(|k| k == v) {
                    Some(j) if j < 64 => mask |= 1 << j,
                    _ => errors.push(err(format!(
                        "{what}: `{v}` is not a value of `{}`",
                        fv.fact
                    ))),
                }
            }
            Some((i as u8, mask))
        };
    let mut kinds = Vec::new();
    for k in src.kinds {
        let had_when = k
            .had_when
            .as_ref()
            .and_then(|fv| fact_values(fv, &format!("kind `{}`: had_when", k.key), &mut errors));
        if had_when.is_some() != (k.had_zh.is_some() && k.had_en.is_some()) {
            errors.push(err(format!(
                "kind `{}`: `had_when` goes with `had_zh` and `had_en` (what the results say then)",
                k.key
            )));
        }
        kinds.push(KindInfo {
            key: k.key,
            zh: k.zh,
            en: k.en,
            rank: k.rank,
            had_when,
            had_zh: k.had_zh.unwrap_or_default(),
            had_en: k.had_en.unwrap_or_default(),
        });
    }
    let mut implications = Vec::new();
    for (n, i) in src.implications.into_iter().enumerate() {
        let what = format!("implication {}", n + 1);
        let (Some((if_fact, if_values)), Some((then_fact, then_values))) = (
            fact_values(&i.if_, &format!("{what}: if"), &mut errors),
            fact_values(&i.then, &format!("{what}: then"), &mut errors),
        ) else {
            continue;
        };
        implications.push(Implication {
            if_fact,
            if_values,
            then_fact,
            then_values,
            because_zh: i.because_zh,
            because_en: i.because_en,
            source: i.source,
        });
    }
    // Checking each implication on its own pair of facts is exact only when
    // no fact is in two of them.
    let mut seen = std::collections::HashSet::new();
    for i in &implications {
        for f in [i.if_fact, i.then_fact] {
            if !seen.insert(f) {
                errors.push(err(format!(
                    "fact `{}` is in two implications; each fact may be in one",
                    facts[usize::from(f)].key
                )));
            }
        }
    }
    for contract in crate::facts::CONTRACT_FACTS {
        if !facts.iter().any(|f| f.key == contract) {
            errors.push(err(format!("the contract's fact `{contract}` is missing")));
        }
    }
    for contract in Kind::contract_keys() {
        if !kinds.iter().any(|k| k.key == *contract) {
            errors.push(err(format!("the contract's kind `{contract}` is missing")));
        }
    }
    if errors.is_empty() {
        Ok(Vocabulary::new(facts, kinds, implications))
    } else {
        Err(errors)
    }
}
