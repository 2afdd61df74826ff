//! JSON Schemas of the rule files (rules/schema/), generated from the very
//! serde types the loader reads them with (crate::source), so that they cannot
//! drift: a field added to the loader is in the schema the next time it is
//! generated, and a test compares the committed files with a fresh generation.
//!
//! Editors (Taplo, "Even Better TOML", Tombi) validate a rule file as it is
//! typed from its first line, `#:schema ./schema/rules.schema.json`. A schema
//! sees the shape of a file — the keys, their types, the kinds, facts and
//! answer values of the vocabulary — but not what needs the whole rule set
//! (the conditions' meaning, the dates' order, the cases' results): that is
//! `yanglao rules check`.
//!
//! The facts, kinds and answer values come from the vocabulary in use
//! (rules/vocabulary.toml, installed by the loader): a fact added there is in
//! the rule file schema once it is generated again.

use crate::facts::{Fact, FactType, BIRTH_DATE_KEY};
use crate::model::{Kind, Status};
use crate::source::NEED_KEYS;
use schemars::gen::{SchemaGenerator, SchemaSettings};
use schemars::schema::{
    InstanceType, Metadata, ObjectValidation, Schema, SchemaObject, StringValidation,
    SubschemaValidation,
};
use schemars::JsonSchema;
use serde_json::{json, Value};

/// The schema files, by name, and what each is for: written into
/// `rules/schema/` by `yanglao rules schema`.
pub const FILES: [&str; 3] = [
    "rules.schema.json",
    "terms.schema.json",
    "vocabulary.schema.json",
];

/// The schema for the file named `name` in [`FILES`].
pub fn generate(name: &str) -> Option<Value> {
    match name {
        "rules.schema.json" => Some(rule_file()),
        "terms.schema.json" => Some(terms_file()),
        "vocabulary.schema.json" => Some(vocabulary_file()),
        _ => None,
    }
}

/// The schema file a rule file names on its first line (`#:schema …`), by
/// the rule file's name: `terms.toml`, `vocabulary.toml`, else a region's.
pub fn file_for(rule_file: &str) -> &'static str {
    if crate::source::is_terms_file(rule_file) {
        "terms.schema.json"
    } else if crate::source::is_vocabulary_file(rule_file) {
        "vocabulary.schema.json"
    } else {
        "rules.schema.json"
    }
}

/// The line every rule file starts with, naming its schema for editors.
pub fn directive_for(rule_file: &str) -> String {
    format!("#:schema ./schema/{}", file_for(rule_file))
}

/// A schema as the committed file holds it: pretty JSON, one trailing newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("schemas always print");
    text.push('\n');
    text
}

/// Draft 7: what Taplo (and so "Even Better TOML") validates with. No
/// `null` beside optional values: TOML has none.
fn generator() -> SchemaGenerator {
    SchemaSettings::draft07()
        .with(|s| {
            s.option_add_null_type = false;
            s.option_nullable = false;
        })
        .into_generator()
}

fn root<T: JsonSchema>(title: &str, description: &str) -> Value {
    let mut schema = generator().into_root_schema_for::<T>();
    let meta = schema.schema.metadata();
    meta.title = Some(title.to_string());
    meta.description = Some(description.to_string());
    serde_json::to_value(schema).expect("schemas always serialise")
}

/// A region's rule file (`rules/150104.toml` …).
pub fn rule_file() -> Value {
    root::<crate::source::FileSrc>(
        "yanglao rule file (rules/<code>.toml)",
        "One region's policy as data: the region, the documents it cites, its services and their example cases. Generated from the loader's own types (crates/core/src/schema.rs) by `yanglao rules schema`; the format is in rules/README.md. `yanglao rules check` checks what a schema cannot: conditions, dates, cases.",
    )
}

/// The shared terms (`rules/terms.toml`).
pub fn terms_file() -> Value {
    root::<crate::source::TermsFileSrc>(
        "yanglao shared terms (rules/terms.toml)",
        "The policy words the rule files share (失能, 经济困难老年人, 高龄 …), each defined once. Generated from the loader's own types (crates/core/src/schema.rs) by `yanglao rules schema`; see rules/README.md §3.",
    )
}

/// The answers vocabulary (`rules/vocabulary.toml`).
pub fn vocabulary_file() -> Value {
    root::<crate::source::VocabularySrc>(
        "yanglao vocabulary (rules/vocabulary.toml)",
        "Every fact the rules may ask about, with its type, values and words in Chinese and English, the service kinds, and the facts that follow from other answers. Generated from the loader's own types (crates/core/src/schema.rs) by `yanglao rules schema`.",
    )
}

fn described(mut schema: SchemaObject, description: &str) -> Schema {
    schema.metadata = Some(Box::new(Metadata {
        description: Some(description.to_string()),
        ..Default::default()
    }));
    Schema::Object(schema)
}

fn string_matching(pattern: &str, description: &str) -> Schema {
    described(
        SchemaObject {
            instance_type: Some(InstanceType::String.into()),
            string: Some(Box::new(StringValidation {
                pattern: Some(pattern.to_string()),
                ..Default::default()
            })),
            ..Default::default()
        },
        description,
    )
}

fn one_of_strings(values: Vec<String>, description: &str) -> Schema {
    described(
        SchemaObject {
            instance_type: Some(InstanceType::String.into()),
            enum_values: Some(values.into_iter().map(Value::String).collect()),
            ..Default::default()
        },
        description,
    )
}

/// Turns a JSON schema written with `json!` into a schemars one.
fn from_json(value: Value) -> Schema {
    serde_json::from_value(value).expect("a schema written by hand parses")
}

/// A date written `"YYYY-MM-DD"`.
pub struct DateText;
impl JsonSchema for DateText {
    fn schema_name() -> String {
        "Date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_matching(
            r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "A date written \"YYYY-MM-DD\"; it must be a real date.",
        )
    }
}

/// A 6-digit division code of GB/T 2260.
pub struct RegionCode;
impl JsonSchema for RegionCode {
    fn schema_name() -> String {
        "RegionCode".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_matching(
            r"^[0-9]{6}$",
            "The 6-digit division code of GB/T 2260 (150104); it must match the file name.",
        )
    }
}

/// A service's id: lower-case letters, digits and `-`.
pub struct ServiceId;
impl JsonSchema for ServiceId {
    fn schema_name() -> String {
        "ServiceId".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        string_matching(
            r"^[a-z0-9-]+$",
            "A service id, unique within its file: lower-case letters, digits and '-'.",
        )
    }
}

/// A condition, in the small language of rules/README.md §3.
pub struct ConditionText;
impl JsonSchema for ConditionText {
    fn schema_name() -> String {
        "Condition".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        described(
            SchemaObject {
                instance_type: Some(InstanceType::String.into()),
                string: Some(Box::new(StringValidation {
                    min_length: Some(1),
                    ..Default::default()
                })),
                ..Default::default()
            },
            "A condition (rules/README.md §3): facts compared with values, shared terms by their Chinese name, `and`, `or`, `not`, labelled parts and verify(\"…\"). Checked by `yanglao rules check`.",
        )
    }
}

/// One of the vocabulary's service kinds.
pub struct KindKey;
impl JsonSchema for KindKey {
    fn schema_name() -> String {
        "Kind".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let kinds = crate::vocab::current().kinds.iter();
        let described_kinds: Vec<String> = kinds.map(|k| format!("{} {}", k.key, k.zh)).collect();
        one_of_strings(
            Kind::all_keys().into_iter().map(String::from).collect(),
            &format!(
                "A service kind of rules/vocabulary.toml: {}.",
                described_kinds.join(", ")
            ),
        )
    }
}

/// A result an example case expects.
pub struct StatusKey;
impl JsonSchema for StatusKey {
    fn schema_name() -> String {
        "Status".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let all = [
            Status::Eligible,
            Status::Maybe,
            Status::Ineligible,
            Status::Expired,
            Status::NotYetInForce,
        ];
        one_of_strings(
            all.iter().map(|s| s.key().to_string()).collect(),
            "The result the case expects: eligible 可以申请, maybe 可能可以，需要核实, ineligible 暂不符合, expired 政策已失效, not_yet_in_force 政策尚未施行.",
        )
    }
}

/// A fact of the vocabulary, by its key.
pub struct FactKey;
impl JsonSchema for FactKey {
    fn schema_name() -> String {
        "Fact".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of_strings(
            Fact::all().map(|f| f.key().to_string()).collect(),
            "A fact (answer key) of rules/vocabulary.toml.",
        )
    }
}

/// One fact's value as a case's answers write it.
fn fact_value(fact: Fact) -> Value {
    let words = format!("{}: {}", fact.info().zh.short, fact.info().en.short);
    match &fact.info().ty {
        FactType::Int { min, max } => {
            json!({ "type": "integer", "minimum": min, "maximum": max, "description": words })
        }
        FactType::Bool => json!({ "type": "boolean", "description": words }),
        FactType::Enum { values, .. } => {
            let said: Vec<String> = (0..values.len() as i32)
                .map(|v| format!("{} {}", fact.value_name(v), fact.value_zh(v)))
                .collect();
            json!({
                "type": "string",
                "enum": values,
                "description": format!("{words} ({})", said.join(", ")),
            })
        }
    }
}

/// A case's answers: the vocabulary's facts, each of its type, and `birth_date`.
pub struct AnswersTable;
impl JsonSchema for AnswersTable {
    fn schema_name() -> String {
        "Answers".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        let mut properties = serde_json::Map::new();
        for fact in Fact::all() {
            properties.insert(fact.key().to_string(), fact_value(fact));
        }
        properties.insert(
            BIRTH_DATE_KEY.to_string(),
            json!({ "type": "string", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$", "description": "The birth date, \"YYYY-MM-DD\" (the age on the case's date follows from it)." }),
        );
        from_json(json!({
            "type": "object",
            "description": "The answers of the case, by the keys of rules/vocabulary.toml (shared/CONTRACT.md); a fact left out is unanswered.",
            "properties": properties,
            "additionalProperties": false,
        }))
    }
}

/// One document to bring: a name, or a table with a name and the people who need it.
pub struct NeedEntry;
impl JsonSchema for NeedEntry {
    fn schema_name() -> String {
        "DocumentToBring".into()
    }
    fn json_schema(gen: &mut SchemaGenerator) -> Schema {
        let name = SchemaObject {
            instance_type: Some(InstanceType::String.into()),
            string: Some(Box::new(StringValidation {
                min_length: Some(1),
                ..Default::default()
            })),
            ..Default::default()
        };
        let mut table = ObjectValidation {
            additional_properties: Some(Box::new(Schema::Bool(false))),
            ..Default::default()
        };
        for key in NEED_KEYS {
            let schema = match key {
                "name" => described(name.clone(), "The document's name (身份证, 低保证)."),
                "when" => gen.subschema_for::<ConditionText>(),
                _ => described(
                    SchemaObject {
                        instance_type: Some(InstanceType::Boolean.into()),
                        ..Default::default()
                    },
                    "Not named by the policy document: what offices usually ask for (defaults to the service's `documents_usual`).",
                ),
            };
            table.properties.insert(key.to_string(), schema);
        }
        table.required.insert("name".to_string());
        let table = SchemaObject {
            instance_type: Some(InstanceType::Object.into()),
            object: Some(Box::new(table)),
            ..Default::default()
        };
        described(
            SchemaObject {
                subschemas: Some(Box::new(SubschemaValidation {
                    one_of: Some(vec![
                        described(name, "A document everyone applying needs."),
                        described(
                            table,
                            "A document only those its `when` holds for need it.",
                        ),
                    ]),
                    ..Default::default()
                })),
                ..Default::default()
            },
            "A document to bring: a name (\"身份证\") or { name = \"低保证\", when = \"economic == dibao\", usual = false }.",
        )
    }
}

/// A vocabulary fact's type.
pub struct FactTypeKey;
impl JsonSchema for FactTypeKey {
    fn schema_name() -> String {
        "FactType".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        one_of_strings(
            vec!["int".into(), "bool".into(), "enum".into()],
            "int (with min and max), bool, or enum (with values, 1 to 64).",
        )
    }
}
