//! `yanglao screen`: 服务找人. Screens a whole list of people in one run:
//! one result per input line, in order; a bad line becomes an error record
//! naming its line, and screening goes on.

use crate::json::{amount_json, answers_from_object};
use serde_json::{json, Value};
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
        Summary { people: 0, errors: 0, counts: vec![(0, 0); services] }
    }
    pub fn print(&self, plan: &Plan, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "screened {} people, {} error line(s)", self.people, self.errors)?;
        for ((_, s), (e, m)) in plan.services.iter().zip(&self.counts) {
            writeln!(out, "  {:<36} eligible {:>7}  maybe {:>7}", s.id, e, m)?;
        }
        Ok(())
    }
}

/// One person's statuses, or why the line could not be read.
fn screen_one(plan: &Plan, date: Date, answers: Result<Answers, String>) -> Result<Vec<yanglao_core::eval::Quick>, String> {
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

/// JSON lines in, JSON lines out.
pub fn jsonl(plan: &Plan, date: Date, input: impl BufRead, out: &mut impl Write) -> std::io::Result<Summary> {
    let mut summary = Summary::new(plan.services.len());
    // The amounts never change between people: render them once.
    let amounts: Vec<Value> = plan.services.iter().map(|(_, s)| amount_json(&s.amount)).collect();
    for (index, line) in input.split(b'\n').enumerate() {
        let number = index + 1;
        let mut bytes = line?;
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
        if number == 1 && bytes.starts_with("\u{feff}".as_bytes()) {
            bytes.drain(..3);
        }
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            continue;
        }
        let mut reference = Value::Null;
        let parsed: Result<Answers, String> = match std::str::from_utf8(&bytes) {
            Err(_) => Err("the line is not UTF-8 text".into()),
            Ok(text) => match serde_json::from_str::<Value>(text) {
                Err(e) => Err(format!("not valid JSON: {e}")),
                Ok(Value::Object(object)) => {
                    reference = object.get("ref").cloned().unwrap_or(Value::Null);
                    answers_from_object(&object, &["ref"])
                }
                Ok(_) => Err("expected a JSON object of answers".into()),
            },
        };
        let record = match screen_one(plan, date, parsed) {
            Err(message) => {
                summary.errors += 1;
                json!({"ref": reference, "line": number, "error": format!("line {number}: {message}")})
            }
            Ok(quick) => {
                tally(&mut summary, &quick);
                let services: Vec<Value> = plan
                    .services
                    .iter()
                    .zip(&quick)
                    .zip(&amounts)
                    .filter(|((_, q), _)| matches!(q.status, Status::Eligible | Status::Maybe))
                    .map(|(((_, s), q), amount)| {
                        json!({"id": s.id, "kind": s.kind.key(), "status": q.status.key(), "amount": amount})
                    })
                    .collect();
                let missing: Vec<&str> = missing_union(&quick).iter().map(Fact::key).collect();
                json!({"ref": reference, "line": number, "services": services, "missing": missing})
            }
        };
        serde_json::to_writer(&mut *out, &record)?;
        out.write_all(b"\n")?;
    }
    Ok(summary)
}

/// A CSV cell as an answer: empty is "not answered"; numbers and yes/no as people type them.
fn cell_value(fact: Option<Fact>, cell: &str) -> RawValue {
    let cell = cell.trim();
    if cell.is_empty() {
        return RawValue::Null;
    }
    match fact.map(|f| &f.info().ty) {
        Some(yanglao_core::facts::FactType::Int { .. }) => {
            cell.parse::<i64>().map(RawValue::Int).unwrap_or_else(|_| RawValue::Text(cell.to_string()))
        }
        Some(yanglao_core::facts::FactType::Bool { .. }) => match cell.to_ascii_lowercase().as_str() {
            "true" | "1" | "yes" | "是" => RawValue::Bool(true),
            "false" | "0" | "no" | "否" => RawValue::Bool(false),
            _ => RawValue::Text(cell.to_string()),
        },
        _ => RawValue::Text(cell.to_string()),
    }
}

/// CSV in (header row of answer keys, optional `ref`), CSV out: one column per service.
/// The header is checked first: an unknown column is an error for the whole run.
pub fn csv(plan: &Plan, date: Date, input: impl std::io::Read, out: &mut impl Write) -> Result<Summary, String> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).has_headers(false).from_reader(input);
    let mut records = reader.byte_records();
    let header = match records.next() {
        None => return Err("the CSV is empty: the first row must name the answer keys".into()),
        Some(r) => r.map_err(|e| format!("cannot read the CSV header: {e}"))?,
    };
    let mut keys: Vec<String> = Vec::new();
    for (i, field) in header.iter().enumerate() {
        let mut text = String::from_utf8(field.to_vec()).map_err(|_| "the CSV header is not UTF-8 text".to_string())?;
        if i == 0 {
            text = text.trim_start_matches('\u{feff}').to_string();
        }
        let key = text.trim().to_string();
        if key != "ref" && key != yanglao_core::facts::BIRTH_DATE_KEY && Fact::from_key(&key).is_none() {
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
    writer.write_field(format!("\u{feff}{}", head[0])).map_err(|e| e.to_string())?;
    writer.write_record(&head[1..]).map_err(|e| e.to_string())?;
    let mut summary = Summary::new(plan.services.len());
    let mut line = 1usize;
    for record in records {
        let (number, parsed, reference) = match record {
            Err(e) => {
                let at = e.position().map(|p| p.line() as usize).unwrap_or(line + 1);
                line = at;
                (at, Err(format!("cannot read this row: {e}")), String::new())
            }
            Ok(r) => {
                let at = r.position().map(|p| p.line() as usize).unwrap_or(line + 1);
                line = at;
                if r.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                    continue;
                }
                let mut reference = String::new();
                let parsed = (|| {
                    if r.len() != keys.len() {
                        return Err(format!("has {} cells, the header has {}", r.len(), keys.len()));
                    }
                    let mut answers = Answers::new();
                    for ((key, fact), cell) in keys.iter().zip(&facts).zip(r.iter()) {
                        let cell = std::str::from_utf8(cell).map_err(|_| format!("column {key} is not UTF-8 text"))?;
                        if key == "ref" {
                            reference = cell.to_string();
                            continue;
                        }
                        answers.set_raw(key, &cell_value(*fact, cell)).map_err(|e| e.0)?;
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
                row.push(missing_union(&quick).iter().map(Fact::key).collect::<Vec<_>>().join(";"));
            }
        }
        writer.write_record(&row).map_err(|e| e.to_string())?;
    }
    writer.flush().map_err(|e| e.to_string())?;
    Ok(summary)
}
