//! `yanglao screen`: 服务找人. Screens a whole list of people in one run:
//! one result per input line, in order; a bad line becomes an error record
//! naming its line, and screening goes on.

use crate::json::amount_json;
use serde_json::json;
use std::io::{BufRead, Write};
use yanglao_core::{Answers, Date, Fact, FactSet, Plan, RawValue, Status};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Jsonl,
    Csv,
}

/// Counts for the summary on standard error.
pub struct Summary {
    pub people: usize,
    pub errors: usize,
    /// Per service (in plan order): eligible, maybe.
    pub counts: Vec<(usize, usize)>,
}

impl Summary {
    fn new(services: usize) -> Summary {
        Summary {
            people: 0,
            errors: 0,
            counts: vec![(0, 0); services],
        }
    }
    pub fn print(&self, plan: &Plan, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "screened {} people, {} error line(s)",
            self.people, self.errors
        )?;
        for ((_, s), (e, m)) in plan.services.iter().zip(&self.counts) {
            writeln!(out, "  {:<36} eligible {:>7}  maybe {:>7}", s.id, e, m)?;
        }
        Ok(())
    }
}

/// One person's statuses, or why the line could not be read.
fn screen_one(
    plan: &Plan,
    date: Date,
    answers: Result<Answers, String>,
) -> Result<Vec<yanglao_core::eval::Quick>, String> {
    let answers = answers?.on(date).map_err(|e| e.0)?;
    Ok(plan.quick(date, &answers))
}

fn tally(summary: &mut Summary, quick: &[yanglao_core::eval::Quick]) {
    summary.people += 1;
    for (q, c) in quick.iter().zip(summary.counts.iter_mut()) {
        match q.status {
            Status::Eligible => c.0 += 1,
            Status::Maybe => c.1 += 1,
            _ => {}
        }
    }
}

fn missing_union(quick: &[yanglao_core::eval::Quick]) -> FactSet {
    quick
        .iter()
        .filter(|q| q.status == Status::Maybe)
        .fold(FactSet::EMPTY, |acc, q| acc.union(q.missing))
}

/// One JSON line read straight into answers, borrowing from the line: no
/// JSON tree, and no allocation for keys, values or `ref` on the usual path.
struct Line<'de> {
    reference: Option<&'de serde_json::value::RawValue>,
    answers: Result<Answers, String>,
}

/// An answer key, matched without allocating.
enum Key<'de> {
    Ref,
    Answer(std::borrow::Cow<'de, str>),
}

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Key<'de>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(if v == "ref" {
                    Key::Ref
                } else {
                    Key::Answer(v.into())
                })
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                // Only keys written with escapes get here.
                Ok(if v == "ref" {
                    Key::Ref
                } else {
                    Key::Answer(v.to_string().into())
                })
            }
        }
        d.deserialize_str(V)
    }
}

/// An answer value as JSON gives it, text borrowed from the line.
struct Raw<'de>(RawValue<'de>);

impl<'de> serde::Deserialize<'de> for Raw<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Raw<'de>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Raw<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("an answer value")
            }
            fn visit_bool<E>(self, v: bool) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Bool(v)))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Int(v)))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Raw<'de>, E> {
                Ok(Raw(i64::try_from(v)
                    .map(RawValue::Int)
                    .unwrap_or(RawValue::Float(v as f64))))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Float(v)))
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Text(v.into())))
            }
            fn visit_str<E>(self, v: &str) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Text(v.to_string().into())))
            }
            fn visit_unit<E>(self) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Null))
            }
            fn visit_none<E>(self) -> Result<Raw<'de>, E> {
                Ok(Raw(RawValue::Null))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Raw<'de>, A::Error> {
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(Raw(RawValue::Other("a list")))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Raw<'de>, A::Error> {
                while map
                    .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Raw(RawValue::Other("an object")))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> serde::Deserialize<'de> for Line<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Line<'de>, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Line<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object of answers")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Line<'de>, A::Error> {
                let mut line = Line {
                    reference: None,
                    answers: Ok(Answers::new()),
                };
                while let Some(key) = map.next_key::<Key<'de>>()? {
                    let key = match key {
                        Key::Ref => {
                            line.reference = Some(map.next_value()?);
                            continue;
                        }
                        Key::Answer(key) => key,
                    };
                    let Raw(value) = map.next_value()?;
                    if let Ok(answers) = &mut line.answers {
                        if let Err(e) = answers.set_raw(&key, &value) {
                            line.answers = Err(e.0);
                        }
                    }
                }
                Ok(line)
            }
        }
        d.deserialize_map(V)
    }
}

/// JSON lines in, JSON lines out.
pub fn jsonl(
    plan: &Plan,
    date: Date,
    mut input: impl BufRead,
    out: &mut impl Write,
) -> std::io::Result<Summary> {
    let mut summary = Summary::new(plan.services.len());
    // What never changes between people is rendered once: each service's
    // record up to its status, and from its status to the end.
    let heads: Vec<String> = plan
        .services
        .iter()
        .map(|(_, s)| {
            format!(
                "{{\"id\":{},\"kind\":\"{}\",\"status\":\"",
                json!(s.id),
                s.kind.key()
            )
        })
        .collect();
    let tails: Vec<String> = plan
        .services
        .iter()
        .map(|(_, s)| format!("\",\"amount\":{}}}", amount_json(&s.amount)))
        .collect();
    let mut buffer = Vec::with_capacity(1024);
    let mut number = 0usize;
    loop {
        buffer.clear();
        if input.read_until(b'\n', &mut buffer)? == 0 {
            break;
        }
        number += 1;
        let mut bytes = buffer.as_slice();
        while let [rest @ .., b'\n' | b'\r'] = bytes {
            bytes = rest;
        }
        if number == 1 {
            bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
        }
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        // UTF-8 is checked once for the whole line, not string by string.
        let parsed_line = match std::str::from_utf8(bytes) {
            Ok(text) => serde_json::from_str::<Line>(text).map_err(Some),
            Err(_) => Err(None),
        };
        let (reference, parsed) = match parsed_line {
            Ok(line) => (line.reference, line.answers),
            Err(None) => (None, Err("the line is not UTF-8 text".into())),
            Err(Some(e)) if e.is_syntax() || e.is_eof() => {
                (None, Err(format!("not valid JSON: {e}")))
            }
            Err(Some(_)) => (
                None,
                Err("expected a JSON object of answers, such as {\"age\": 72}".into()),
            ),
        };
        let reference = reference.map(|r| r.get()).unwrap_or("null");
        match screen_one(plan, date, parsed) {
            Err(message) => {
                summary.errors += 1;
                write!(out, "{{\"ref\":{reference},\"line\":{number},\"error\":")?;
                serde_json::to_writer(&mut *out, &format!("line {number}: {message}"))?;
                out.write_all(b"}\n")?;
            }
            Ok(quick) => {
                tally(&mut summary, &quick);
                write!(
                    out,
                    "{{\"ref\":{reference},\"line\":{number},\"services\":["
                )?;
                let mut first = true;
                for (i, q) in quick.iter().enumerate() {
                    if matches!(q.status, Status::Eligible | Status::Maybe) {
                        if !first {
                            out.write_all(b",")?;
                        }
                        first = false;
                        out.write_all(heads[i].as_bytes())?;
                        out.write_all(q.status.key().as_bytes())?;
                        out.write_all(tails[i].as_bytes())?;
                    }
                }
                out.write_all(b"],\"missing\":[")?;
                for (i, fact) in missing_union(&quick).iter().enumerate() {
                    if i > 0 {
                        out.write_all(b",")?;
                    }
                    write!(out, "\"{}\"", fact.key())?;
                }
                out.write_all(b"]}\n")?;
            }
        }
    }
    Ok(summary)
}

/// A CSV cell as an answer: empty is "not answered"; numbers and yes/no as people type them.
fn cell_value(fact: Option<Fact>, cell: &str) -> RawValue<'_> {
    let cell = cell.trim();
    if cell.is_empty() {
        return RawValue::Null;
    }
    match fact.map(|f| &f.info().ty) {
        Some(yanglao_core::facts::FactType::Int { .. }) => cell
            .parse::<i64>()
            .map(RawValue::Int)
            .unwrap_or_else(|_| RawValue::Text(cell.into())),
        Some(yanglao_core::facts::FactType::Bool) => match cell.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "是" => RawValue::Bool(true),
            "false" | "0" | "no" | "否" => RawValue::Bool(false),
            _ => RawValue::Text(cell.into()),
        },
        _ => RawValue::Text(cell.into()),
    }
}

/// CSV in (header row of answer keys, optional `ref`), CSV out: one column per service.
/// The header is checked first: an unknown column is an error for the whole run.
pub fn csv(
    plan: &Plan,
    date: Date,
    mut input: impl std::io::Read,
    out: &mut impl Write,
) -> Result<Summary, String> {
    let mut data = Vec::new();
    input
        .read_to_end(&mut data)
        .map_err(|e| format!("cannot read standard input: {e}"))?;
    // Line numbers from byte offsets: the csv crate's own count lags with CRLF (Excel) endings.
    let newlines: Vec<usize> = data
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
        .collect();
    let line_at = |byte: u64| -> usize {
        let mut at = byte as usize;
        while at < data.len() && (data[at] == b'\r' || data[at] == b'\n') {
            at += 1;
        }
        newlines.partition_point(|&n| n < at) + 1
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(false)
        .from_reader(data.as_slice());
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Err("the CSV is empty: the first row must name the answer keys".into()),
        Some(r) => r.map_err(|e| format!("cannot read the CSV header: {e}"))?,
    };
    let mut keys: Vec<String> = Vec::new();
    for (i, field) in header.iter().enumerate() {
        let mut text = String::from_utf8(field.to_vec())
            .map_err(|_| "the CSV header is not UTF-8 text".to_string())?;
        if i == 0 {
            text = text.trim_start_matches('\u{feff}').to_string();
        }
        let key = text.trim().to_string();
        if key != "ref"
            && key != yanglao_core::facts::BIRTH_DATE_KEY
            && Fact::from_key(&key).is_none()
        {
            return Err(format!("CSV column \"{key}\" is not an answer key (use the keys of shared/CONTRACT.md, and ref)"));
        }
        keys.push(key);
    }
    let facts: Vec<Option<Fact>> = keys.iter().map(|k| Fact::from_key(k)).collect();
    let mut writer = csv::Writer::from_writer(out);
    let mut head: Vec<String> = vec!["ref".into(), "line".into(), "error".into()];
    head.extend(plan.services.iter().map(|(_, s)| s.id.clone()));
    head.push("missing".into());
    // A byte-order mark so that Excel reads the Chinese correctly.
    writer
        .write_field(format!("\u{feff}{}", head[0]))
        .map_err(|e| e.to_string())?;
    writer.write_record(&head[1..]).map_err(|e| e.to_string())?;
    let mut summary = Summary::new(plan.services.len());
    let mut line = 1usize;
    for record in records {
        let (number, parsed, reference) = match record {
            Err(e) => {
                let at = e.position().map(|p| line_at(p.byte())).unwrap_or(line + 1);
                line = at;
                (at, Err(format!("cannot read this row: {e}")), String::new())
            }
            Ok(r) => {
                let at = r.position().map(|p| line_at(p.byte())).unwrap_or(line + 1);
                line = at;
                if r.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    continue;
                }
                let mut reference = String::new();
                let parsed = (|| {
                    if r.len() != keys.len() {
                        return Err(format!(
                            "has {} cells, the header has {}",
                            r.len(),
                            keys.len()
                        ));
                    }
                    let mut answers = Answers::new();
                    for ((key, fact), cell) in keys.iter().zip(&facts).zip(r.iter()) {
                        let cell = std::str::from_utf8(cell)
                            .map_err(|_| format!("column {key} is not UTF-8 text"))?;
                        if key == "ref" {
                            reference = cell.to_string();
                            continue;
                        }
                        answers
                            .set_raw(key, &cell_value(*fact, cell))
                            .map_err(|e| e.0)?;
                    }
                    Ok(answers)
                })();
                (at, parsed, reference)
            }
        };
        let mut row: Vec<String> = vec![reference, number.to_string()];
        match screen_one(plan, date, parsed) {
            Err(message) => {
                summary.errors += 1;
                row.push(format!("line {number}: {message}"));
                row.extend(std::iter::repeat_n(String::new(), plan.services.len() + 1));
            }
            Ok(quick) => {
                tally(&mut summary, &quick);
                row.push(String::new());
                row.extend(quick.iter().map(|q| q.status.key().to_string()));
                row.push(
                    missing_union(&quick)
                        .iter()
                        .map(Fact::key)
                        .collect::<Vec<_>>()
                        .join(";"),
                );
            }
        }
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    Ok(summary)
}
