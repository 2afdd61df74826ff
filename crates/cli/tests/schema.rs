//! The rule files' JSON Schemas (rules/schema/): generated from the loader's
//! own types, so the committed files must equal a fresh generation; every
//! rule file names its schema on its first line and validates against it;
//! and a misspelt key is refused, as the loader refuses it.
//!
//! After changing the loader's types or the vocabulary:
//! `cargo run -p yanglao-cli -- rules schema` (or YANGLAO_BLESS=1 on this test).

use std::path::{Path, PathBuf};

fn rules_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules")
}

fn schema(name: &str) -> serde_json::Value {
    let path = rules_dir().join("schema").join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn as_json(toml_text: &str) -> serde_json::Value {
    let value: toml::Value = toml::from_str(toml_text).unwrap();
    serde_json::to_value(value).unwrap()
}

/// The schema's complaints about a rule file's text, one line each.
fn complaints(file_name: &str, text: &str) -> Vec<String> {
    let schema = schema(yanglao_core::schema::file_for(file_name));
    let validator = jsonschema::draft7::new(&schema).expect("the schema compiles");
    let instance = as_json(text);
    validator
        .iter_errors(&instance)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect()
}

fn rule_files() -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = std::fs::read_dir(rules_dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn the_committed_schemas_are_the_generated_ones() {
    let bless = std::env::var_os("YANGLAO_BLESS").is_some();
    let stale = yanglao_cli::schema::write(&rules_dir(), !bless).unwrap();
    assert!(
        bless || stale.is_empty(),
        "out of date: {stale:?}; run `cargo run -p yanglao-cli -- rules schema` (or YANGLAO_BLESS=1 cargo test -p yanglao-cli --test schema)"
    );
}

#[test]
fn every_schema_is_a_draft_7_schema() {
    for name in yanglao_core::schema::FILES {
        let s = schema(name);
        assert_eq!(
            s["$schema"], "http://json-schema.org/draft-07/schema#",
            "{name}"
        );
        assert!(
            jsonschema::meta::is_valid(&s),
            "{name} is not a valid JSON Schema"
        );
    }
}

#[test]
fn every_rule_file_names_its_schema_and_validates_against_it() {
    let files = rule_files();
    assert!(files.len() >= 7, "{files:?}");
    for (name, text) in &files {
        let first = text.lines().next().unwrap_or("");
        assert_eq!(
            first,
            yanglao_core::schema::directive_for(name),
            "rules/{name}: the first line names its schema"
        );
        let found = complaints(name, text);
        assert!(found.is_empty(), "rules/{name}:\n{}", found.join("\n"));
    }
}

#[test]
fn the_schema_refuses_a_misspelt_key_as_the_loader_does() {
    let text = std::fs::read_to_string(rules_dir().join("150104.toml")).unwrap();
    for (right, wrong, at) in [
        ("short_name = ", "short_nmae = ", "/region"),
        ("\nsummary = ", "\nsumary = ", "/services/0"),
        ("\nreviewer = ", "\nreveiwer = ", "/services/0/apply"),
        (
            "lives_in_region = true",
            "lives_in_regoin = true",
            "/services/0/cases/0/answers",
        ),
    ] {
        let bad = text.replacen(right, wrong, 1);
        assert_ne!(bad, text, "{right}");
        let found = complaints("150104.toml", &bad);
        let key = wrong
            .trim()
            .trim_end_matches(" =")
            .split(' ')
            .next()
            .unwrap();
        assert!(
            found.iter().any(|c| c.starts_with(at) && c.contains(key)),
            "{wrong}: {found:?}"
        );
        // The loader refuses it too: the schema says no more than the loader.
        let mut files: Vec<(String, String)> = rule_files()
            .into_iter()
            .filter(|(n, _)| !n.starts_with("150104"))
            .map(|(n, t)| (format!("rules/{n}"), t))
            .collect();
        files.push(("rules/150104.toml".into(), bad));
        assert!(yanglao_core::source::load_files(&files).is_err(), "{wrong}");
    }
}

#[test]
fn the_schema_knows_the_vocabulary() {
    let text = std::fs::read_to_string(rules_dir().join("150104.toml")).unwrap();
    for (right, wrong, at) in [
        (
            "kind = \"home_care\"",
            "kind = \"home_cares\"",
            "/services/0/kind",
        ),
        (
            "status = \"eligible\"",
            "status = \"elegible\"",
            "/services/0/cases/0/status",
        ),
        (
            "living = \"alone\"",
            "living = \"lonely\"",
            "/answers/living",
        ),
        ("age = 72", "age = \"72\"", "/answers/age"),
    ] {
        let bad = text.replacen(right, wrong, 1);
        assert_ne!(bad, text, "{right}");
        let found = complaints("150104.toml", &bad);
        assert!(found.iter().any(|c| c.contains(at)), "{wrong}: {found:?}");
    }
}
