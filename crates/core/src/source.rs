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
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::Path;
use toml::Spanned;

/// One problem in the rule files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    pub file: String,
    /// 1-based; 0 when the error has no position in the file.
    pub line: usize,
    /// 1-based, in characters (not bytes) from the start of the line; 0 when
    /// the error has no position.
    pub column: usize,
    /// What is wrong and what was expected, in English (what `Display` shows).
    pub message: String,
    /// The same in plain Chinese, for the county staff who write the files:
    /// what is wrong and what to write instead, keys and values quoted as
    /// the file writes them.
    pub zh: String,
}

impl RuleError {
    /// An error about a whole file (or the folder): no line, no column.
    pub fn whole_file(
        file: impl Into<String>,
        message: impl Into<String>,
        zh: impl Into<String>,
    ) -> RuleError {
        RuleError {
            file: file.into(),
            line: 0,
            column: 0,
            message: message.into(),
            zh: zh.into(),
        }
    }
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
    /// A draft ([`load_files_draft`]): what only a finished file needs (its
    /// example cases) is told here instead of stopping the rules being read.
    unfinished: Option<&'a RefCell<Vec<RuleError>>>,
}

impl<'a> Lines<'a> {
    fn new(file: &'a str, text: &'a str) -> Lines<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines {
            file,
            text,
            starts,
            unfinished: None,
        }
    }
    fn line(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
    /// The 1-based column, in characters, of a byte offset on its line.
    fn column(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let start = self.starts[self.line(offset) - 1];
        // Characters are counted by the bytes that begin one (an offset
        // inside a character counts that character).
        self.text.as_bytes()[start..offset]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1
    }
    /// An error at a byte offset, in English and in Chinese.
    fn err(&self, offset: usize, message: impl Into<String>, zh: impl Into<String>) -> RuleError {
        RuleError {
            file: self.file.to_string(),
            line: self.line(offset),
            column: self.column(offset),
            message: message.into(),
            zh: zh.into(),
        }
    }
    /// An error of the `toml` crate (a syntax error, an unknown or missing
    /// key, a value of the wrong type), at its position.
    fn toml_err(&self, e: &toml::de::Error) -> RuleError {
        let message = e.message().trim();
        self.err(
            e.span().map(|s| s.start).unwrap_or(0),
            message,
            toml_message_zh(message),
        )
    }
    /// Parses the file as `T`: the nesting checked first (see [`MAX_TOML_NESTING`]).
    fn parse<T: serde::de::DeserializeOwned>(&self) -> Result<T, RuleError> {
        if let Some(at) = too_deep(self.text) {
            return Err(self.err(
                at,
                format!(
                    "brackets `[ ]` and `{{ }}` nest more than {MAX_TOML_NESTING} levels deep here: a rule file needs far fewer"
                ),
                format!(
                    "这里的方括号 `[ ]` 和花括号 `{{ }}` 套了超过 {MAX_TOML_NESTING} 层：规则文件用不着套这么多层，请检查括号是不是多写了"
                ),
            ));
        }
        toml::from_str(self.text).map_err(|e| self.toml_err(&e))
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

/// How deep brackets (`[ ]`, `{ }`) may nest in a rule file: real files
/// need three (a list of tables in a table); the `toml` crate recurses once
/// per level, and a browser's stack is small.
pub const MAX_TOML_NESTING: usize = 8;

/// At most this many errors are listed; past it, one last entry says how many
/// more there are ("还有 N 处错误没有列出").
pub const MAX_ERRORS: usize = 200;

/// The offset of the first bracket that nests deeper than [`MAX_TOML_NESTING`],
/// strings and comments skipped. In one pass, before the `toml` crate sees the text.
fn too_deep(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            q @ (b'"' | b'\'') => {
                let triple = bytes[i..].starts_with(if q == b'"' { b"\"\"\"" } else { b"'''" });
                i += if triple { 3 } else { 1 };
                while i < bytes.len() {
                    if q == b'"' && bytes[i] == b'\\' {
                        i += 2;
                        continue;
                    }
                    if bytes[i] == q && (!triple || bytes[i..].starts_with(&[q, q, q])) {
                        // A closing triple quote may carry one or two quotes of the text.
                        i += if triple { 3 } else { 1 };
                        while triple && i < bytes.len() && bytes[i] == q {
                            i += 1;
                        }
                        break;
                    }
                    // A one-line string ends at the end of its line, closed or not.
                    if !triple && bytes[i] == b'\n' {
                        break;
                    }
                    i += 1;
                }
                continue;
            }
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_TOML_NESTING {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// The `toml` crate's messages in plain Chinese: a syntax error, an unknown or
/// missing key, a value of the wrong type, a key written twice. What it does not
/// know it shows as it is, after "TOML 格式不对：".
pub fn toml_message_zh(message: &str) -> String {
    let message = message.trim();
    let (head, rest) = match message.split_once('\n') {
        Some((h, r)) => (h.trim(), Some(r.trim())),
        None => (message, None),
    };
    let fallback = || format!("TOML 格式不对：{message}");
    // "`a`, `b`" → "a、b"
    let names = |list: &str| -> String {
        list.split(", ")
            .map(|n| n.trim().trim_matches('`'))
            .collect::<Vec<_>>()
            .join("、")
    };
    let expected_zh = |list: &str| -> String {
        list.split(", ")
            .map(|n| match n.trim() {
                "newline" => "换行".to_string(),
                "`#`" => "`#` 注释".to_string(),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join(" 或 ")
    };
    // The serde messages (the file's shape): one line each.
    if rest.is_none() {
        if let Some(r) = head.strip_prefix("unknown field ") {
            let (field, known) = match r.split_once(", expected one of ") {
                Some((f, k)) => (f, Some(names(k))),
                None => match r.split_once(", expected ") {
                    Some((f, k)) => (f, Some(names(k))),
                    None => (r.split(", ").next().unwrap_or(r), None),
                },
            };
            return match known {
                Some(known) => format!(
                    "这里不认得 {field} 这个键（是不是拼错了？）；这一节可以写的有：{known}"
                ),
                None => format!("这里不认得 {field} 这个键：这一节不能写任何键"),
            };
        }
        if let Some(field) = head.strip_prefix("missing field ") {
            return format!(
                "这一节少了 {field}：请加上一行 `{} = …`",
                field.trim_matches('`')
            );
        }
        if let Some(r) = head.strip_prefix("duplicate key ") {
            if let Some((key, table)) = r.split_once(" in table ") {
                return format!("{table} 里的 {key} 写了两次：同一节里一个键只能写一次");
            }
            if let Some(key) = r.strip_suffix(" in document root") {
                return format!("文件最外层的 {key} 写了两次：一个键只能写一次");
            }
        }
        if let Some(r) = head
            .strip_prefix("invalid type: ")
            .or_else(|| head.strip_prefix("invalid value: "))
        {
            if let Some((found, wanted)) = r.split_once(", expected ") {
                let (Some(found), Some(wanted)) = (found_zh(found), wanted_zh(wanted)) else {
                    return fallback();
                };
                return format!("这里要写{wanted}，写的是{found}");
            }
        }
        if head == "recursion limit exceeded" {
            return "括号或点号套的层数太多了：规则文件用不着这么多层".to_string();
        }
        if let Some(r) = head.strip_prefix("dotted key ") {
            if let Some((key, _)) = r.split_once(" attempted to extend non-table type") {
                return format!(
                    "{key} 已经写过一个值，不能再在它下面写 {}.…",
                    key.trim_matches('`')
                );
            }
        }
        if let Some(list) = head.strip_prefix("expected ") {
            return format!("这里应该是 {}", expected_zh(list));
        }
    }
    // The syntax errors: what is wrong, then (on the next line) what was expected.
    let what = match head {
        "invalid table header" => "表头（方括号 [ ] 里的节名）写得不对",
        "invalid key" => "键名写得不对：键名只用字母、数字、`_` 和 `-`，用汉字要加引号",
        "invalid string" => "值写得不对：文字要加引号，比如 \"玉泉区\"",
        "invalid basic string" => "引号没有配对：加双引号的文字要在同一行里结束",
        "invalid literal string" => "引号没有配对：加单引号的文字要在同一行里结束",
        "invalid multiline basic string" => "三个双引号 \"\"\" 开头的多行文字没有结束",
        "invalid multiline literal string" => "三个单引号 ''' 开头的多行文字没有结束",
        "invalid escape sequence" => "文字里的反斜杠 \\ 后面写得不对（一个反斜杠要写成两个）",
        "invalid unicode 4-digit hex code" | "invalid unicode 8-digit hex code" => {
            "文字里的 \\u 后面要写四位（或八位）十六进制数"
        }
        "invalid array" => "列表 [ … ] 写得不对：各项之间用逗号隔开，最后要有 `]`",
        "invalid inline table" => {
            "花括号 { … } 写得不对：要写在一行里，各项用逗号隔开，最后一项后面不加逗号"
        }
        "invalid integer" | "invalid number" | "invalid floating-point number" => "数字写得不对",
        "invalid date-time" | "invalid time" | "invalid offset" => {
            "日期写得不对：日期要加引号，比如 \"2024-07-25\""
        }
        "invalid comment" => "注释里有不能用的字符",
        _ => return fallback(),
    };
    let Some(rest) = rest else {
        return what.to_string();
    };
    let rest_zh = if let Some(list) = rest.strip_prefix("expected ") {
        format!("这里应该是 {}", expected_zh(list))
    } else if let Some(r) = rest.strip_prefix("duplicate key ") {
        match r.split_once(" in table ") {
            Some((key, table)) => format!("{table} 下面的 {key} 已经写过了"),
            None => match r.strip_suffix(" in document root") {
                Some(key) => format!(
                    "[{}] 这一节已经写过了（要写多个，用 [[{0}]]）",
                    key.trim_matches('`')
                ),
                None => return fallback(),
            },
        }
    } else {
        return fallback();
    };
    format!("{what}；{rest_zh}")
}

/// What a serde message says was written ("integer `1`", "string \"3\"").
fn found_zh(found: &str) -> Option<String> {
    let quoted = |prefix: &str| found.strip_prefix(prefix).map(str::to_string);
    Some(if let Some(v) = quoted("integer ") {
        format!("数字 {v}")
    } else if let Some(v) = quoted("floating point ") {
        format!("小数 {v}")
    } else if let Some(v) = quoted("string ") {
        format!("文字 {v}")
    } else if let Some(v) = quoted("boolean ") {
        format!("不加引号的 {v}")
    } else {
        match found {
            "map" => "一个表（{ … } 或一节 [ … ]）".to_string(),
            "sequence" => "一个列表 [ … ]".to_string(),
            "unit value" | "unit" => "空值".to_string(),
            _ => return None,
        }
    })
}

/// What a serde message says was expected ("a string", "i32", "struct Region").
fn wanted_zh(wanted: &str) -> Option<String> {
    Some(match wanted {
        "a string" | "a borrowed string" | "a character" => "加引号的文字，比如 \"…\"".to_string(),
        "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "isize" => {
            "整数（不加引号、不带小数点）".to_string()
        }
        "f32" | "f64" => "数字（不加引号）".to_string(),
        "a boolean" => "true 或 false（不加引号）".to_string(),
        "a sequence" => "一个列表，比如 [\"…\", \"…\"]".to_string(),
        "a map" => "一个表，比如 { … }".to_string(),
        w if w.starts_with("struct ") => "一节内容（[ … ] 下面的若干行，或 { … }）".to_string(),
        _ => return None,
    })
}

/// `what` names the date in English, `what_zh` in Chinese.
fn parse_date(
    lines: &Lines,
    value: &Spanned<String>,
    what: &str,
    what_zh: &str,
) -> Result<Date, RuleError> {
    Date::parse_explained(value.get_ref()).map_err(|(en, zh)| {
        lines.err(
            value.span().start,
            format!("{what}: {en}"),
            format!("{what_zh}：{zh}"),
        )
    })
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
            return Err(vec![RuleError::whole_file(
                dir.display().to_string(),
                format!("cannot read the rules folder: {e}"),
                format!("读不了规则文件夹：{e}"),
            )])
        }
    };
    names.sort();
    if names.is_empty() {
        return Err(vec![RuleError::whole_file(
            dir.display().to_string(),
            "no rule files (*.toml) in this folder",
            "这个文件夹里没有规则文件（*.toml）",
        )]);
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
            Err(e) => errors.push(RuleError::whole_file(
                shown,
                format!("cannot read: {e}"),
                format!("读不了这个文件（要存成 UTF-8 编码的文字）：{e}"),
            )),
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

/// [`load_files`], with the terms and the warnings. At most [`MAX_ERRORS`]
/// errors are listed, then one that says how many more there are.
pub fn load_files_checked(files: &[(String, String)]) -> Result<Loaded, Vec<RuleError>> {
    load_files_uncapped(files).map_err(cap_errors)
}

/// What `yanglao rules check` runs: [`load_files_checked`], and a region code
/// that is six digits but no real division of GB/T 2260 refused
/// ([`unknown_region_codes`]). Every error of both, at most [`MAX_ERRORS`] listed.
pub fn load_files_for_check(
    files: &[(String, String)],
    index: &crate::regions::RegionIndex,
) -> Result<Loaded, Vec<RuleError>> {
    let loaded = load_files_uncapped(files);
    let unknown = unknown_region_codes(files, index);
    match loaded {
        Ok(loaded) if unknown.is_empty() => Ok(loaded),
        Ok(_) => Err(cap_errors(unknown)),
        Err(mut errors) => {
            errors.extend(unknown);
            Err(cap_errors(errors))
        }
    }
}

#[derive(Deserialize)]
struct FileCode {
    region: Option<RegionCode>,
}

#[derive(Deserialize)]
struct RegionCode {
    code: Option<Spanned<toml::Value>>,
}

/// A region file whose `[region] code` is six digits but not a division of
/// GB/T 2260 (`999999`, `110199`). Files that do not parse, or whose code is
/// not six digits, are the loader's to report. (The terms and the vocabulary
/// are no region files, and are left alone.)
pub fn unknown_region_codes(
    files: &[(String, String)],
    index: &crate::regions::RegionIndex,
) -> Vec<RuleError> {
    let mut errors = Vec::new();
    for (name, text) in files.iter().filter(|(n, _)| is_region_file(n)) {
        let lines = Lines::new(name, text);
        let Ok(FileCode {
            region: Some(RegionCode { code: Some(code) }),
        }) = lines.parse::<FileCode>()
        else {
            continue;
        };
        let Some(value) = code.get_ref().as_str() else {
            continue;
        };
        if value.len() != 6 || !value.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Err((why, why_zh)) = crate::regions::validate_explained(index, value) {
            errors.push(lines.err(
                code.span().start,
                format!("region code: {why}"),
                format!("`[region]` 的 `code`：{why_zh}"),
            ));
        }
    }
    errors
}

/// The first [`MAX_ERRORS`] errors, and one more saying how many are left out.
pub fn cap_errors(mut errors: Vec<RuleError>) -> Vec<RuleError> {
    if errors.len() > MAX_ERRORS {
        let left = errors.len() - MAX_ERRORS;
        let file = errors[MAX_ERRORS].file.clone();
        errors.truncate(MAX_ERRORS);
        errors.push(RuleError::whole_file(
            file,
            format!("{left} more error(s) not listed: correct these first"),
            format!("还有 {left} 处错误没有列出：请先改好上面这些"),
        ));
    }
    errors
}

fn load_files_uncapped(files: &[(String, String)]) -> Result<Loaded, Vec<RuleError>> {
    load_files_with(files, None)
}

/// A draft's rules, as the workbench reads them while a file is written.
#[derive(Clone, Debug)]
pub struct Draft {
    pub loaded: Loaded,
    /// What `rules check` would still refuse although the rules can be read
    /// and run: services with fewer than [`MIN_CASES`] example cases.
    pub unfinished: Vec<RuleError>,
}

/// [`load_files_for_check`] for a file being written: a service with too few
/// example cases does not stop the rules being read (the workbench runs them
/// in its preview, where the cases are made), and is told in
/// [`Draft::unfinished`]. Every other error is an error, as in `rules check`;
/// with one, the unfinished services are among the errors too.
pub fn load_files_draft(
    files: &[(String, String)],
    index: &crate::regions::RegionIndex,
) -> Result<Draft, Vec<RuleError>> {
    let unfinished = RefCell::new(Vec::new());
    let loaded = load_files_with(files, Some(&unfinished));
    let unknown = unknown_region_codes(files, index);
    let unfinished = unfinished.into_inner();
    match loaded {
        Ok(loaded) if unknown.is_empty() => Ok(Draft {
            loaded,
            unfinished: cap_errors(unfinished),
        }),
        Ok(_) => Err(cap_errors(unknown.into_iter().chain(unfinished).collect())),
        Err(mut errors) => {
            errors.extend(unknown);
            errors.extend(unfinished);
            Err(cap_errors(errors))
        }
    }
}

fn load_files_with(
    files: &[(String, String)],
    unfinished: Option<&RefCell<Vec<RuleError>>>,
) -> Result<Loaded, Vec<RuleError>> {
    // The vocabulary first: every fact a condition names is one of its.
    let mut vocabularies = files.iter().filter(|(n, _)| is_vocabulary_file(n));
    let vocabulary = match vocabularies.next() {
        Some((name, text)) => {
            if let Some((second, _)) = vocabularies.next() {
                return Err(vec![RuleError::whole_file(
                    second.clone(),
                    format!("a second vocabulary: the facts are read from {name} only"),
                    format!("又一个词表文件：回答项只从 {name} 里读，请只留一个"),
                )]);
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
            errors.push(RuleError::whole_file(
                name.clone(),
                format!("a second terms file: the shared terms are read from {first} only"),
                format!("又一个政策用语文件：共用的政策用语只从 {first} 里读，请只留一个"),
            ));
            continue;
        }
        terms_file = Some(name);
        load_terms(&Lines::new(name, text), &mut terms, &mut errors);
    }
    let mut regions: Vec<Region> = Vec::new();
    // The file of each region, in the same order, for messages that need it.
    let mut region_files: Vec<(&str, &str)> = Vec::new();
    for (name, text) in files.iter().filter(|(n, _)| is_region_file(n)) {
        let mut lines = Lines::new(name, text);
        lines.unfinished = unfinished;
        let parsed: FileSrc = match lines.parse() {
            Ok(p) => p,
            Err(e) => {
                errors.push(e);
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
                    format!(
                        "地区 {} 已经有规则文件了（{}）：一个地区只写一个文件",
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
fn load_terms(lines: &Lines, terms: &mut Terms, errors: &mut Vec<RuleError>) {
    let parsed: TermsFileSrc = match lines.parse() {
        Ok(p) => p,
        Err(e) => {
            errors.push(e);
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
                    format!("政策用语的名字只能用汉字写（条件里才能直接用），写的是 \"{w}\""),
                ));
            }
        }
        let name = t.name.get_ref().clone();
        if t.reading.trim().is_empty() || t.source.trim().is_empty() {
            errors.push(lines.err(
                at,
                format!("term `{name}`: `reading` (why it is read so) and `source` (CONTRACT row, standard or clause) must not be empty"),
                format!("政策用语 `{name}`：`reading`（为什么这样理解）和 `source`（依据哪一条、哪个标准）都不能空着"),
            ));
        }
        let when_start = lines.string_content_start(&t.when.span());
        let cond = match expr::parse_with(t.when.get_ref(), terms, expr::OFFICE) {
            Ok(p) => Some(p.cond),
            Err(e) => {
                errors.push(lines.err(
                    when_start + e.offset,
                    format!("term `{name}`: {}", e.message),
                    format!("政策用语 `{name}`：{}", e.zh),
                ));
                None
            }
        };
        if let Some(c) = &cond {
            if !crate::eval::satisfiable(c) {
                errors.push(lines.err(
                    t.when.span().start,
                    format!("term `{name}` can never hold"),
                    format!("政策用语 `{name}` 的条件自相矛盾，什么人都不可能满足"),
                ));
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
                    format!("政策用语 `{name}`：每条 verify 核实说明都要用 {} 写明由谁认定（会换成用到它的那项服务的经办部门）", expr::OFFICE),
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
                    format!("政策用语 `{name}`：`by_hand` 的每一项只写一个比较，比如 \"ability >= severe\""),
                )),
                Err(e) => errors.push(lines.err(
                    b.span().start,
                    format!("term `{name}`: by_hand: {}", e.message),
                    format!("政策用语 `{name}` 的 `by_hand`：{}", e.zh),
                )),
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
                format!(
                    "政策用语 `{name}` 的条件套得超过 {} 层：请拆开写得简单些",
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
                format!(
                    "政策用语 `{}`：[terms.en] 的 words 里有 \"{key}\"，可它不是这个用语的任何一条核实说明",
                    term.name
                ),
            ));
        }
        if let Err((message, zh)) = terms.push(term) {
            errors.push(lines.err(t.name.span().start, message, zh));
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

/// Where a condition spells out a shared term by hand: (offset in the text,
/// advice, the advice in Chinese).
fn advice(text: &str, parsed: &Parsed, terms: &Terms) -> Vec<(usize, String, String)> {
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
                    format!(
                        "`{shown}` 是把共用的政策用语“{}”自己写了一遍：直接写 `{}`（rules/{TERMS_FILE}：{}）",
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
            format!("地区代码要写 6 位数字（GB/T 2260 行政区划代码），写的是 \"{code}\""),
        ));
    }
    let stem = Path::new(lines.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned());
    if code_ok
        && stem.as_deref().is_some_and(|s| {
            // Bytes, not a str slice: a name may have a character across byte 6.
            let head = &s.as_bytes()[..s.len().min(6)];
            head.len() == 6 && head.iter().all(u8::is_ascii_digit) && head != code.as_bytes()
        })
    {
        errors.push(lines.err(
            file.region.code.span().start,
            format!(
                "region code {code} does not match the file name {}",
                lines.file
            ),
            format!(
                "地区代码 {code} 和文件名 {} 对不上：文件名要用这个地区的代码",
                lines.file
            ),
        ));
    }

    let mut documents = Vec::new();
    let mut doc_index = HashMap::new();
    for d in file.documents {
        // Every bad date is reported, not just the first.
        let mut date_of = |value: &Spanned<String>, what: &str| {
            parse_date(lines, value, what, &format!("政策文件的 `{what}`"))
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
                    format!(
                        "停止日期 effective_until {until} 比开始日期 effective_from {from} 还早"
                    ),
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
                format!(
                    "政策文件的 id `{}` 重复了：每个文件的 id 要不一样",
                    d.id.get_ref()
                ),
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
                zh: format!(
                    "`excludes` 里写的 `{id}` 不是这个文件里的服务（只能替代同一个文件里的服务）"
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
            format!("服务的 id `{id}` 只能用小写字母 a-z、数字 0-9 和 `-`"),
        ));
    }
    let here = format!("{}:{}", lines.file, lines.line(s.id.span().start));
    if let Some(first) = ids.insert(id.clone(), here) {
        errors.push(lines.err(
            s.id.span().start,
            format!("duplicate service id `{id}` in this file (first defined at {first}); ids are unique within a file"),
            format!("服务的 id `{id}` 在这个文件里重复了（第一次在 {first}）：同一个文件里每项服务的 id 要不一样"),
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
            format!(
                "`kind` 写的 `{}` 不是认得的服务类别，可以用的有：{}",
                s.kind.get_ref(),
                Kind::all_keys().join("、")
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
            if known.is_empty() {
                format!(
                    "`document` 写的 `{}` 找不到：这个文件里没有能用的政策文件 [[documents]]（写了的话，先改好它的错误）",
                    s.document.get_ref()
                )
            } else {
                format!(
                    "`document` 写的 `{}` 不是这个文件里政策文件的 id，可以用的有：{}",
                    s.document.get_ref(),
                    known.join("、")
                )
            },
        ));
    }
    let doc = document.map(|i| &documents[i]);
    let from = match &s.effective_from {
        Some(v) => parse_date(lines, v, "effective_from", "服务的 `effective_from`")
            .map_err(|e| errors.push(e))
            .ok(),
        None => doc.map(|d| d.effective_from),
    };
    let until = match &s.effective_until {
        Some(v) => parse_date(lines, v, "effective_until", "服务的 `effective_until`")
            .map_err(|e| errors.push(e))
            .ok(),
        None => doc.and_then(|d| d.effective_until),
    };
    if let (Some(f), Some(u)) = (from, until) {
        if u < f {
            errors.push(lines.err(
                at,
                format!("service `{id}` ends ({u}) before it starts ({f}): it can never apply"),
                format!("服务 `{id}` 停止的日期（{u}）比开始的日期（{f}）还早：这样永远不能申请"),
            ));
        }
    }
    for field in [&s.name, &s.summary, &s.clause] {
        if field.trim().is_empty() {
            errors.push(lines.err(
                at,
                format!("service `{id}`: name, summary and clause must not be empty"),
                format!("服务 `{id}`：`name`、`summary` 和 `clause` 都不能空着"),
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
            for (offset, message, zh) in advice(&when_text, &parsed, cx.terms) {
                warnings.push(lines.err(
                    when_start + offset,
                    format!("warning: {message}"),
                    format!("提醒：{zh}"),
                ));
            }
            Some(parsed.cond)
        }
        Err(e) => {
            errors.push(lines.err(when_start + e.offset, e.message, e.zh));
            None
        }
    };
    if let Some(c) = &when {
        if !crate::eval::satisfiable(c) {
            errors.push(lines.err(
                s.when.span().start,
                format!("service `{id}` is unreachable: no answers can ever satisfy its condition"),
                format!("服务 `{id}` 的条件自相矛盾：怎么回答都不可能满足"),
            ));
        }
    }

    let amount_at = s.amount.span().start;
    let amount = s.amount.into_inner().compile();
    if !amount.has_figure() && amount.note.as_deref().is_none_or(|n| n.trim().is_empty()) {
        errors.push(lines.err(
            amount_at,
            format!("service `{id}`: the amount has no figure, so it needs a `note` saying who sets it and whom to ask"),
            format!("服务 `{id}`：[services.amount] 没有写金额，那就要写 `note`，说明标准由谁定、找谁问"),
        ));
    }
    if amount.figures().any(|(_, v)| !(v.is_finite() && v >= 0.0)) {
        errors.push(lines.err(
            amount_at,
            format!("service `{id}`: amounts must be zero or more"),
            format!("服务 `{id}`：金额不能是负数"),
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
            format!("服务 `{id}`：[services.apply] 里 `where`、`steps`、`documents`、`reviewer` 和 `office` 都要写，不能空着"),
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
                errors.push(lines.err(
                    span_at,
                    format!("service `{id}` cannot exclude itself"),
                    format!("服务 `{id}` 的 `excludes` 不能写它自己"),
                ));
            } else {
                pending_refs.push((
                    lines.err(span_at, String::new(), String::new()),
                    other.clone(),
                ));
            }
        }
        list
    });
    let tier_group = s.tier_group.as_ref().map(|g| g.get_ref().clone());
    match (&tier_group, s.tier) {
        (Some(g), None) => errors.push(lines.err(
            s.tier_group.as_ref().map(|g| g.span().start).unwrap_or(at),
            format!("service `{id}` is in tier_group `{g}` but has no `tier` number"),
            format!("服务 `{id}` 写了 `tier_group = \"{g}\"`，还要写 `tier`（第几档的数字）"),
        )),
        (None, Some(_)) => errors.push(lines.err(
            at,
            format!("service `{id}` has a `tier` but no `tier_group`"),
            format!("服务 `{id}` 写了 `tier`，还要写 `tier_group`（属于哪一组分档）"),
        )),
        _ => {}
    }

    let mut cases = Vec::new();
    if s.cases.len() < MIN_CASES {
        let e = lines.err(
            at,
            format!("service `{id}` has {} example case(s); write at least {MIN_CASES} (one that qualifies, one that does not, one maybe)", s.cases.len()),
            format!("服务 `{id}` 只有 {} 个例子 [[services.cases]]：至少写 {MIN_CASES} 个（一个符合的、一个不符合的、一个需要核实的）", s.cases.len()),
        );
        match lines.unfinished {
            Some(unfinished) => unfinished.borrow_mut().push(e),
            None => errors.push(e),
        }
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
                format!("服务 `{id}`：[services.en] 的 `{what}` 有 {given} 项，中文有 {wanted} 项：要么按同样的顺序全部翻译，要么都不写"),
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
                format!("服务 `{id}`：[services.en] 的 words 里有 \"{key}\"，可它不是条件里的标签，也不是核实说明"),
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
    let expected_zh = "要带的材料写名字（\"身份证\"），或者写成 { name = \"低保证\", when = \"economic == dibao\", usual = true }";
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
                    format!("要带的材料里不认得 `{k}`：只能写 name、when、usual"),
                ));
            }
            let name = match t.get("name") {
                Some(toml::Value::String(n)) if !n.trim().is_empty() => n.clone(),
                _ => {
                    return Err(lines.err(
                        at,
                        format!("a document needs a `name`; {expected}"),
                        format!("要带的材料少了 `name`（材料的名字）；{expected_zh}"),
                    ))
                }
            };
            let when = match t.get("when") {
                None => None,
                Some(toml::Value::String(text)) => {
                    let parsed = expr::parse_with(text, cx.terms, office).map_err(|e| {
                        lines.err(
                            at,
                            format!("document `{name}`: when: {}", e.message),
                            format!("材料“{name}”的 `when`：{}", e.zh),
                        )
                    })?;
                    for (_, message, zh) in advice(text, &parsed, cx.terms) {
                        warnings.push(lines.err(
                            at,
                            format!("warning: document `{name}`: {message}"),
                            format!("提醒：材料“{name}”：{zh}"),
                        ));
                    }
                    Some(parsed.cond)
                }
                Some(_) => {
                    return Err(lines.err(
                        at,
                        format!("document `{name}`: `when` must be a condition in quotes"),
                        format!("材料“{name}”的 `when` 要把条件写在引号里"),
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
                        format!("材料“{name}”的 `usual` 只能写 true 或 false"),
                    ))
                }
            };
            Ok(crate::model::Need { name, when, usual })
        }
        _ => Err(lines.err(at, expected, expected_zh)),
    }
}

fn compile_case(lines: &Lines, at: usize, c: CaseSrc) -> Result<Case, RuleError> {
    let date = parse_date(lines, &c.date, "case date", "例子的 `date`")?;
    let answers_at = c.answers.span().start;
    let pairs: Vec<(String, RawValue)> = c
        .answers
        .get_ref()
        .iter()
        .map(|(k, v)| (k.clone(), toml_to_raw(v)))
        .collect();
    let wrong = |e: crate::facts::AnswerError| {
        lines.err(
            answers_at,
            format!("case answers: {}", e.0),
            format!("例子的 `answers`：{}", e.1),
        )
    };
    let answers =
        Answers::from_pairs(pairs.iter().map(|(k, v)| (k.as_str(), v.clone()))).map_err(wrong)?;
    answers.on(date).map_err(wrong)?;
    let status = Status::from_key(c.status.get_ref()).ok_or_else(|| {
        lines.err(
            c.status.span().start,
            format!(
                "unknown status `{}`; expected one of: eligible, maybe, ineligible, expired, not_yet_in_force",
                c.status.get_ref()
            ),
            format!(
                "例子的 `status` 写的 `{}` 不认得，可以写：eligible（{}）、maybe（{}）、ineligible（{}）、expired（{}）、not_yet_in_force（{}）",
                c.status.get_ref(),
                Status::Eligible.zh(),
                Status::Maybe.zh(),
                Status::Ineligible.zh(),
                Status::Expired.zh(),
                Status::NotYetInForce.zh(),
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
                        format!("例子的 `missing` 里的 `{key}` 不是认得的回答项"),
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
            Some(pos) => Lines::new(name, text).err(pos, String::new(), String::new()),
            None => RuleError::whole_file(name, String::new(), String::new()),
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
                        zh: format!("服务 `{other}` 和 `{}` 在分档组 `{g}` 里都是第 {} 档：每一档要用不同的 `tier` 数字", s.id, s.tier),
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
                            zh: format!(
                                "分档组 `{group}` 里的 `{}` 和 `{}` 有重叠：有人能同时符合两档，各档的条件不能重叠",
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
    // Depth first, with a stack of its own (a chain of thousands of
    // `excludes` must not overflow the call stack): a loop from `start`, if any.
    // 1: on the path being walked; 2: done.
    fn find_loop<'a>(
        start: Key<'a>,
        g: &'a crate::eval::Precedence,
        state: &mut HashMap<Key<'a>, u8>,
    ) -> Option<Vec<Key<'a>>> {
        if state.contains_key(&start) {
            return None;
        }
        state.insert(start, 1);
        let mut path = vec![start];
        let mut stack: Vec<(Vec<Key<'a>>, usize)> = vec![(g.over(start.0, start.1).collect(), 0)];
        while let Some((kids, next)) = stack.last_mut() {
            let Some(&d) = kids.get(*next) else {
                stack.pop();
                if let Some(done) = path.pop() {
                    state.insert(done, 2);
                }
                continue;
            };
            *next += 1;
            match state.get(&d) {
                Some(2) => {}
                Some(_) => {
                    let from = path.iter().position(|p| *p == d).unwrap_or(0);
                    let cycle = path[from..].to_vec();
                    // Reported once: what is on the path is done.
                    for k in path {
                        state.insert(k, 2);
                    }
                    return Some(cycle);
                }
                None => {
                    state.insert(d, 1);
                    path.push(d);
                    stack.push((g.over(d.0, d.1).collect(), 0));
                }
            }
        }
        None
    }
    let mut seen_cycle = HashSet::new();
    for (r, region) in rules.regions.iter().enumerate() {
        for s in &region.services {
            if let Some(cycle) = find_loop((&region.code, &s.id), &graph, &mut state) {
                let ids: Vec<&str> = cycle.iter().map(|k| k.1).collect();
                if seen_cycle.insert(format!("{}:{}", region.code, ids.join(","))) {
                    errors.push(RuleError {
                        message: format!(
                            "`excludes` form a loop: {} → {}",
                            ids.join(" → "),
                            ids[0]
                        ),
                        zh: format!(
                            "`excludes` 绕成了一个圈：{} → {}，互相替代说不通",
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
    let src: VocabularySrc = lines.parse().map_err(|e| vec![e])?;
    let mut errors = Vec::new();
    let err = |m: String, zh: String| RuleError::whole_file(file, m, zh);
    if src.facts.len() > MAX_FACTS {
        errors.push(err(
            format!("{} facts: at most {MAX_FACTS}", src.facts.len()),
            format!("写了 {} 个回答项：最多 {MAX_FACTS} 个", src.facts.len()),
        ));
    }
    let mut facts: Vec<FactInfo> = Vec::new();
    for f in src.facts {
        let key = f.key.clone();
        if facts.iter().any(|g| g.key == key) {
            errors.push(err(
                format!("fact `{key}` is defined twice"),
                format!("回答项 `{key}` 写了两次"),
            ));
        }
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_') {
            errors.push(err(
                format!("fact `{key}`: a key is lower-case letters and `_`"),
                format!("回答项 `{key}`：`key` 只能用小写字母和 `_`"),
            ));
        }
        let ty = match (f.ty.as_str(), f.min, f.max) {
            ("int", Some(min), Some(max)) if min <= max => FactType::Int { min, max },
            ("int", _, _) => {
                errors.push(err(
                    format!("fact `{key}`: an int needs min <= max"),
                    format!(
                        "回答项 `{key}`：整数（int）要写 `min` 和 `max`，`min` 不能比 `max` 大"
                    ),
                ));
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
                errors.push(err(
                    format!(
                        "fact `{key}`: type `{other}` with these fields; expected int (min, max), bool, or enum (values, 1 to 64)"
                    ),
                    format!(
                        "回答项 `{key}`：`type = \"{other}\"` 和写的其他项对不上；可以写 int（带 min、max）、bool，或 enum（带 values，1 到 64 个）"
                    ),
                ));
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
                    errors.push(err(
                        format!("fact `{key}` ({lang}): choice `{k}` is not one of its values"),
                        format!("回答项 `{key}`（{lang}）：`choices` 里的 `{k}` 不是它的取值"),
                    ));
                }
            }
            for k in w.said.keys() {
                let number_phrase = matches!(k.as_str(), "n" | "at_least" | "below");
                if !(value_keys.contains(k) || number_phrase && matches!(ty, FactType::Int { .. }))
                {
                    errors.push(err(
                        format!("fact `{key}` ({lang}): `said` names `{k}`, not one of its values"),
                        format!("回答项 `{key}`（{lang}）：`said` 里的 `{k}` 不是它的取值"),
                    ));
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
            errors.push(err(
                format!("fact `{key}`: `said` must give every value (an int: `n`) in zh and en"),
                format!("回答项 `{key}`：zh 和 en 的 `said` 都要把每个取值写上（整数写 `n`）"),
            ));
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
        errors.push(err(
            "only one fact may take a birth date".into(),
            "只能有一个回答项写 `birth_date = true`".into(),
        ));
    }
    let fact_values = |fv: &FactValuesSrc,
                       (what, what_zh): (&str, &str),
                       errors: &mut Vec<RuleError>|
     -> Option<(u8, u64)> {
        let Some(i) = facts.iter().position(|f| f.key == fv.fact) else {
            errors.push(err(
                format!("{what}: unknown fact `{}`", fv.fact),
                format!("{what_zh}：`{}` 不是认得的回答项", fv.fact),
            ));
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
                _ => errors.push(err(
                    format!("{what}: `{v}` is not a value of `{}`", fv.fact),
                    format!("{what_zh}：`{v}` 不是 `{}` 的取值", fv.fact),
                )),
            }
        }
        Some((i as u8, mask))
    };
    let mut kinds = Vec::new();
    for k in src.kinds {
        let had_when = k.had_when.as_ref().and_then(|fv| {
            let what = format!("kind `{}`: had_when", k.key);
            let what_zh = format!("服务类别 `{}` 的 `had_when`", k.key);
            fact_values(fv, (&what, &what_zh), &mut errors)
        });
        if had_when.is_some() != (k.had_zh.is_some() && k.had_en.is_some()) {
            errors.push(err(
                format!(
                    "kind `{}`: `had_when` goes with `had_zh` and `had_en` (what the results say then)",
                    k.key
                ),
                format!(
                    "服务类别 `{}`：写了 `had_when` 就要同时写 `had_zh` 和 `had_en`（那时结果怎么说）",
                    k.key
                ),
            ));
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
            fact_values(
                &i.if_,
                (
                    &format!("{what}: if"),
                    &format!("第 {} 条推断的 `if`", n + 1),
                ),
                &mut errors,
            ),
            fact_values(
                &i.then,
                (
                    &format!("{what}: then"),
                    &format!("第 {} 条推断的 `then`", n + 1),
                ),
                &mut errors,
            ),
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
                let key = &facts[usize::from(f)].key;
                errors.push(err(
                    format!("fact `{key}` is in two implications; each fact may be in one"),
                    format!("回答项 `{key}` 出现在两条推断 [[implications]] 里：每个回答项只能出现在一条里"),
                ));
            }
        }
    }
    for contract in crate::facts::CONTRACT_FACTS {
        if !facts.iter().any(|f| f.key == contract) {
            errors.push(err(
                format!("the contract's fact `{contract}` is missing"),
                format!("少了约定必须有的回答项 `{contract}`"),
            ));
        }
    }
    for contract in Kind::contract_keys() {
        if !kinds.iter().any(|k| k.key == *contract) {
            errors.push(err(
                format!("the contract's kind `{contract}` is missing"),
                format!("少了约定必须有的服务类别 `{contract}`"),
            ));
        }
    }
    if errors.is_empty() {
        Ok(Vocabulary::new(facts, kinds, implications))
    } else {
        Err(errors)
    }
}
