//! The contract's JSON: answers in, results out (shared/CONTRACT.md).

use serde_json::{json, Map, Value};
use yanglao_core::{Amount, Answers, Evaluation, RawValue};

fn raw(value: &Value) -> RawValue<'_> {
    match value {
        Value::Null => RawValue::Null,
        Value::Bool(b) => RawValue::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => RawValue::Int(i),
            None => RawValue::Float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => RawValue::Text(s.as_str().into()),
        Value::Array(_) => RawValue::Other("a list"),
        Value::Object(_) => RawValue::Other("an object"),
    }
}

/// Reads one answers object; `skip` names extra keys that are not answers (e.g. `ref`).
fn answers_from_object(object: &Map<String, Value>, skip: &[&str]) -> Result<Answers, String> {
    Answers::from_pairs(
        object
            .iter()
            .filter(|(k, _)| !skip.contains(&k.as_str()))
            .map(|(k, v)| (k.as_str(), raw(v))),
    )
    .map_err(|e| e.0)
}

/// Reads the answers file of `yanglao check`.
pub fn answers_from_json(text: &str) -> Result<Answers, String> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("answers are not valid JSON: {e}"))?;
    match value {
        Value::Object(object) => answers_from_object(&object, &[]),
        other => Err(format!(
            "answers must be a JSON object such as {{\"age\": 72}}, got {}",
            match other {
                Value::Array(_) => "a list",
                Value::String(_) => "a string",
                Value::Number(_) => "a number",
                Value::Bool(_) => "true/false",
                _ => "null",
            }
        )),
    }
}

fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

/// The contract's `amount`: null when the source sets no figure.
pub fn amount_json(amount: &Amount) -> Value {
    if !amount.has_figure() {
        return Value::Null;
    }
    let mut m = Map::new();
    for (key, v) in amount.figures() {
        m.insert(key.to_string(), number(v));
    }
    if let Some(d) = &amount.discount {
        m.insert("discount".into(), json!(d));
    }
    if amount.at_least {
        m.insert("at_least".into(), json!(true));
    }
    if let Some(n) = &amount.note {
        m.insert("note".into(), json!(n));
    }
    Value::Object(m)
}

pub fn evaluation_to_json(e: &Evaluation) -> Value {
    let services: Vec<Value> = e
        .outcomes
        .iter()
        .map(|o| {
            let s = o.service;
            let doc = &o.region.documents[s.document];
            let reasons = o.why_in(yanglao_core::Lang::Zh);
            let mut m = Map::new();
            m.insert("id".into(), json!(s.id));
            m.insert("kind".into(), json!(s.kind.key()));
            m.insert("name".into(), json!(s.name));
            m.insert("status".into(), json!(o.status.key()));
            m.insert("amount".into(), amount_json(&s.amount));
            m.insert("reasons".into(), json!(reasons));
            m.insert("missing".into(), json!(o.missing.iter().map(|f| f.key()).collect::<Vec<_>>()));
            m.insert(
                "source".into(),
                json!({
                    "document": doc.title,
                    "number": doc.number,
                    "issuer": doc.issuer,
                    "date": doc.date.to_string(),
                    "clause": s.clause,
                }),
            );
            m.insert("region".into(), json!(o.region.code));
            if !s.amount.has_figure() {
                m.insert("amount_note".into(), json!(s.amount.note));
            }
            if !o.verify.is_empty() {
                m.insert("verify".into(), json!(o.verify));
            }
            if let Some(r) = o.replaced_by {
                m.insert("replaced_by".into(), json!(r.id));
            }
            if let Some(l) = &o.later {
                m.insert(
                    "later".into(),
                    json!({"age": l.age, "status": l.status.key(), "earliest": l.earliest.to_string(), "latest": l.latest.to_string()}),
                );
            }
            m.insert("effective_from".into(), json!(s.effective_from.to_string()));
            m.insert("effective_until".into(), json!(s.effective_until.map(|d| d.to_string())));
            if o.status == yanglao_core::Status::Expired {
                if let Some(n) = &doc.expired_note {
                    m.insert("expired_note".into(), json!(n));
                }
            }
            Value::Object(m)
        })
        .collect();
    json!({
        "region": e.region,
        "date": e.date.to_string(),
        "services": services,
    })
}

/// The contract's `coverage` object: whether the place checked has a list of
/// its own, the levels of its chain (province down to the place) and which of
/// them have rules, and the office to ask — the place's own 民政局 — where the
/// place itself has no list recorded (its services, if any, then come only
/// from the levels above, and the place may give more than they say); `null`
/// where it has one.
pub fn coverage_to_json(c: &yanglao_core::coverage::Coverage) -> Value {
    json!({
        "own_list": c.own_list,
        "levels": c.levels.iter().map(|l| json!({
            "code": l.code,
            "name": l.name,
            "has_rules": l.has_rules,
        })).collect::<Vec<_>>(),
        "ask": if c.own_list { Value::Null } else { json!(c.ask) },
    })
}
