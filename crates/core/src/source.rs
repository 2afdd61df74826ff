//! Reading the TOML rule files that policy staff write (rules/README.md),
//! with every mistake reported as `file:line: what was wrong, what was expected`.

use crate::date::Date;
use crate::expr;
use crate::facts::{Answers, Fact, RawValue};
use crate::model::{Amount, Apply, Case, Document, Kind, Region, RuleSet, Service, Status};
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
#[serde(deny_unknown_fields)]
struct FileSrc {
    region: RegionSrc,
    #[serde(default)]
    documents: Vec<DocumentSrc>,
    #[serde(default)]
    services: Vec<Spanned<ServiceSrc>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegionSrc {
    code: Spanned<String>,
    name: String,
    short_name: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DocumentSrc {
    id: Spanned<String>,
    title: String,
    number: String,
    issuer: String,
    date: Spanned<String>,
    effective_from: Spanned<String>,
    effective_until: Option<Spanned<String>>,
    expired_note: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ServiceSrc {
    id: Spanned<String>,
    kind: Spanned<String>,
    name: String,
    summary: String,
    document: Spanned<String>,
    clause: String,
    effective_from: Option<Spanned<String>>,
    effective_until: Option<Spanned<String>>,
    when: Spanned<String>,
    reading: Option<String>,
    excludes: Option<Spanned<Vec<String>>>,
    tier_group: Option<Spanned<String>>,
    tier: Option<i32>,
    amount: Spanned<AmountSrc>,
    apply: Spanned<ApplySrc>,
    #[serde(default)]
    cases: Vec<Spanned<CaseSrc>>,
}

#[derive(Deserialize, Default)]
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
#[serde(deny_unknown_fields)]
struct ApplySrc {
    #[serde(rename = "where")]
    place: String,
    steps: Vec<String>,
    /// The document gives no steps: these are the usual ones.
    #[serde(default)]
    steps_usual: bool,
    /// Each a name, or `{ name = "低保证", when = "economic == dibao", usual = false }`.
    documents: Vec<Spanned<toml::Value>>,
    /// The document names none of these: what offices usually ask for
    /// (each may say `usual = false` where the document does name it).
    #[serde(default)]
    documents_usual: bool,
    reviewer: String,
    office: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseSrc {
    date: Spanned<String>,
    answers: Spanned<toml::Table>,
    status: Spanned<String>,
    missing: Option<Spanned<Vec<String>>>,
    amount: Option<AmountSrc>,
    note: Option<String>,
}

/// The minimum number of example cases per service (rules/README.md §4).
pub const MIN_CASES: usize = 3;

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

/// Reads every `*.toml` file in `dir` (sorted by name).
pub fn load_dir(dir: &Path) -> Result<RuleSet, Vec<RuleError>> {
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
    load_files(&files)
}

/// Reads rule files given as (shown name, text) pairs. Reports every error it can find.
pub fn load_files(files: &[(String, String)]) -> Result<RuleSet, Vec<RuleError>> {
    let mut errors = Vec::new();
    let mut regions = Vec::new();
    // Where each service id is defined, for duplicate and `excludes` checks.
    let mut ids: HashMap<String, String> = HashMap::new();
    let mut pending_refs: Vec<(RuleError, String)> = Vec::new();
    for (name, text) in files {
        let lines = Lines::new(name, text);
        let parsed: FileSrc = match toml::from_str(text) {
            Ok(p) => p,
            Err(e) => {
                let offset = e.span().map(|s| s.start).unwrap_or(0);
                errors.push(lines.err(offset, e.message().trim().to_string()));
                continue;
            }
        };
        if let Some(region) = compile_file(&lines, parsed, &mut ids, &mut pending_refs, &mut errors)
        {
            regions.push(region);
        }
    }
    for (at, id) in pending_refs {
        if !ids.contains_key(&id) {
            errors.push(RuleError {
                message: format!("`excludes` names an unknown service id `{id}`"),
                ..at
            });
        }
    }
    let rules = RuleSet { regions };
    if errors.is_empty() {
        check_combinations(&rules, files, &mut errors);
    }
    if errors.is_empty() {
        Ok(rules)
    } else {
        Err(errors)
    }
}

fn compile_file(
    lines: &Lines,
    file: FileSrc,
    ids: &mut HashMap<String, String>,
    pending_refs: &mut Vec<(RuleError, String)>,
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
        });
    }

    let mut services = Vec::new();
    for spanned in file.services {
        let at = spanned.span().start;
        let s = spanned.into_inner();
        if let Some(svc) = compile_service(
            lines,
            at,
            s,
            &documents,
            &doc_index,
            ids,
            pending_refs,
            errors,
        ) {
            services.push(svc);
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
    })
}

#[allow(clippy::too_many_arguments)]
fn compile_service(
    lines: &Lines,
    at: usize,
    s: ServiceSrc,
    documents: &[Document],
    doc_index: &HashMap<String, usize>,
    ids: &mut HashMap<String, String>,
    pending_refs: &mut Vec<(RuleError, String)>,
    errors: &mut Vec<RuleError>,
) -> Option<Service> {
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
            format!("duplicate service id `{id}` (first defined at {first})"),
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

    // The condition: errors point at the line inside the `when` text.
    let when_text = s.when.get_ref().clone();
    let when_start = lines.string_content_start(&s.when.span());
    let when = match expr::parse(&when_text) {
        Ok(c) => Some(c),
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
        match compile_need(lines, item, a.documents_usual) {
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

    if errors.len() > before {
        return None;
    }
    Some(Service {
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

/// One entry of `documents`: a name, or a table with `name`, `when`, `usual`.
fn compile_need(
    lines: &Lines,
    item: &Spanned<toml::Value>,
    usual: bool,
) -> Result<crate::model::Need, RuleError> {
    let at = item.span().start;
    let expected = "a document is a name (\"身份证\") or { name = \"低保证\", when = \"economic == dibao\", usual = true }";
    match item.get_ref() {
        toml::Value::String(name) if !name.trim().is_empty() => Ok(crate::model::Need {
            name: name.clone(),
            when: None,
            usual,
        }),
        toml::Value::Table(t) => {
            if let Some(k) = t
                .keys()
                .find(|k| !["name", "when", "usual"].contains(&k.as_str()))
            {
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
                Some(toml::Value::String(text)) => Some(expr::parse(text).map_err(|e| {
                    lines.err(at, format!("document `{name}`: when: {}", e.message))
                })?),
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

/// Checks what needs every file at once: exclusion loops and tier numbers.
fn check_combinations(rules: &RuleSet, files: &[(String, String)], errors: &mut Vec<RuleError>) {
    let where_is = |id: &str| -> RuleError {
        for (name, text) in files {
            let needle = format!("\"{id}\"");
            if let Some(pos) = text.find(&needle) {
                return Lines::new(name, text).err(pos, String::new());
            }
        }
        RuleError {
            file: "rules".into(),
            line: 0,
            message: String::new(),
        }
    };
    // Tiers: distinct numbers within a group.
    let mut tiers: BTreeMap<&str, HashMap<i32, &str>> = BTreeMap::new();
    for region in &rules.regions {
        for s in &region.services {
            if let Some(g) = &s.tier_group {
                if let Some(other) = tiers.entry(g).or_default().insert(s.tier, &s.id) {
                    errors.push(RuleError {
                        message: format!("services `{other}` and `{}` share tier {} in tier_group `{g}`: each band needs its own tier number", s.id, s.tier),
                        ..where_is(&s.id)
                    });
                }
            }
        }
    }
    // Tiers are bands: two of one group must never both apply ("contradicting
    // tiers"). The engine would still pay only the highest; the file is wrong.
    let mut grouped: BTreeMap<&str, Vec<&crate::model::Service>> = BTreeMap::new();
    for region in &rules.regions {
        for s in &region.services {
            if let Some(g) = &s.tier_group {
                grouped.entry(g).or_default().push(s);
            }
        }
    }
    for (group, members) in &grouped {
        for (i, a) in members.iter().enumerate() {
            for b in &members[i + 1..] {
                if crate::eval::can_both_hold(&a.when, &b.when) {
                    errors.push(RuleError {
                        message: format!(
                            "tiers `{}` and `{}` of tier_group `{group}` overlap: some person meets both; bands must not overlap",
                            a.id, b.id
                        ),
                        ..where_is(&b.id)
                    });
                }
            }
        }
    }
    // Loops in "takes precedence over" (excludes and higher tiers).
    let graph = crate::eval::Precedence::build(rules);
    let mut state: HashMap<&str, u8> = HashMap::new();
    fn visit<'a>(
        id: &'a str,
        g: &'a crate::eval::Precedence,
        state: &mut HashMap<&'a str, u8>,
        path: &mut Vec<&'a str>,
    ) -> Option<Vec<&'a str>> {
        match state.get(id) {
            Some(2) => return None,
            Some(1) => {
                let start = path.iter().position(|p| *p == id).unwrap_or(0);
                return Some(path[start..].to_vec());
            }
            _ => {}
        }
        state.insert(id, 1);
        path.push(id);
        for d in g.over(id) {
            if let Some(cycle) = visit(d, g, state, path) {
                return Some(cycle);
            }
        }
        path.pop();
        state.insert(id, 2);
        None
    }
    let mut seen_cycle = HashSet::new();
    for region in &rules.regions {
        for s in &region.services {
            let mut path = Vec::new();
            if let Some(cycle) = visit(&s.id, &graph, &mut state, &mut path) {
                if seen_cycle.insert(cycle.join(",")) {
                    errors.push(RuleError {
                        message: format!(
                            "`excludes` form a loop: {} → {}",
                            cycle.join(" → "),
                            cycle[0]
                        ),
                        ..where_is(cycle[0])
                    });
                }
            }
        }
    }
}
