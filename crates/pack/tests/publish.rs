//! The catalogue published (crates/pack/src/publish.rs, catalogue.rs): every
//! region's page holds every service with its name, amount, who qualifies,
//! clause and quote; ended lists say so with their dates; the pages carry no
//! script and no inline style; the export validates against its schema, and
//! the committed schema (docs/catalogue.schema.json) is the generated one.

use std::path::{Path, PathBuf};
use yanglao_core::words::{Lang, Say};
use yanglao_core::{Date, RuleSet};
use yanglao_pack::publish::{esc, index_page, region_page};
use yanglao_pack::{catalogue, publish};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn rules() -> RuleSet {
    yanglao_core::source::load_dir(&root().join("rules")).expect("the rules load")
}

/// The day the e2e tests and the rule files' cases check on.
fn day() -> Date {
    Date::parse("2026-11-22").unwrap()
}

fn index() -> &'static yanglao_core::regions::RegionIndex {
    yanglao_core::regions::RegionIndex::builtin()
}

#[test]
fn every_page_holds_every_service_with_its_amount_conditions_and_source() {
    let rules = rules();
    assert!(rules.regions.len() >= 5);
    for region in &rules.regions {
        let page = region_page(&rules, region, day());
        for s in &region.services {
            let t = s.text(Lang::Zh);
            let doc = &region.documents[s.document];
            let who = Say::new(Lang::Zh, s).spell_out(&s.when);
            let mut wanted = vec![
                esc(t.name),
                esc(&s.gets(Lang::Zh)),
                esc(&who),
                format!("条款：{}", esc(t.clause)),
                format!("《{}》", esc(&doc.title)),
                esc(t.place),
                esc(t.office),
            ];
            wanted.extend(t.steps.iter().map(|step| esc(step)));
            wanted.extend(t.documents.iter().map(|d| esc(d)));
            if let Some(q) = &s.quote {
                wanted.push(esc(q));
            }
            if let Some(note) = t.amount_note {
                wanted.push(esc(note));
            }
            for w in wanted {
                assert!(
                    page.contains(&w),
                    "list/{}.html: service {} lacks {w}",
                    region.code,
                    s.id
                );
            }
            assert!(
                page.contains(&format!("id=\"s-{}\"", s.id)),
                "{}: no anchor for {}",
                region.code,
                s.id
            );
        }
    }
}

#[test]
fn pages_are_plain_accessible_html_without_script_or_inline_style() {
    let rules = rules();
    let mut pages: Vec<(String, String)> = rules
        .regions
        .iter()
        .map(|r| (r.code.clone(), region_page(&rules, r, day())))
        .collect();
    pages.push(("index".into(), index_page(&rules, index(), day())));
    for (name, page) in &pages {
        assert!(
            page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"),
            "{name}"
        );
        for absent in [
            "<script",
            " style=",
            "<style",
            "javascript:",
            "rel=\"canonical\"",
            "http://",
            "https://",
        ] {
            assert!(!page.contains(absent), "{name}: has {absent}");
        }
        assert!(
            page.contains(&format!("content=\"{}\"", publish::CSP)),
            "{name}: CSP"
        );
        assert!(
            page.contains("<meta name=\"description\" content=\""),
            "{name}"
        );
        assert!(
            page.contains("<title>") && page.contains("养老服务查询</title>"),
            "{name}"
        );
        assert_eq!(page.matches("<h1>").count(), 1, "{name}: one h1");
        assert!(page.contains("<main id=\"main\">"), "{name}");
        assert!(page.contains("href=\"list.css\""), "{name}");
    }
    assert!(!publish::CSP.contains("script-src"));
    assert!(publish::CSP.contains("default-src 'none'"));
}

#[test]
fn the_index_links_every_region() {
    let rules = rules();
    let page = index_page(&rules, index(), day());
    for r in &rules.regions {
        assert!(
            page.contains(&format!("href=\"{}.html\"", r.code)),
            "{}",
            r.code
        );
        assert!(page.contains(&esc(&r.name)), "{}", r.code);
    }
}

#[test]
fn an_ended_list_is_shown_as_ended_with_its_dates() {
    let rules = rules();
    // 定西市: every document ended before 2026.
    let dingxi = rules.region("621100").unwrap();
    let page = region_page(&rules, dingxi, day());
    assert!(page.contains("已失效的服务"), "no ended group");
    assert!(!page.contains("正在施行的服务"), "nothing is in force");
    for d in &dingxi.documents {
        let until = d.effective_until.expect("定西's documents have an end");
        assert!(until < day());
        assert!(
            page.contains(&format!("《{}》已于{}到期", esc(&d.title), until.zh())),
            "{}",
            d.id
        );
        if let Some(note) = &d.expired_note {
            assert!(page.contains(&esc(note)));
        }
    }
    for s in &dingxi.services {
        let until = s.effective_until.unwrap();
        assert!(
            page.contains(&format!("至{}（<strong>已失效</strong>）", until.zh())),
            "{}",
            s.id
        );
    }
    // The same list before its end is in force.
    let before = Date::parse("2019-06-01").unwrap();
    let earlier = region_page(&rules, dingxi, before);
    assert!(earlier.contains("正在施行的服务") || earlier.contains("尚未施行的服务"));
}

#[test]
fn the_export_validates_against_its_schema_and_holds_every_service() {
    let rules = rules();
    let built = catalogue::build(&rules, index(), day());
    let text = catalogue::to_text(&built);
    let value: serde_json::Value = serde_json::from_str(&text).unwrap();
    let schema = catalogue::schema();
    assert!(jsonschema::meta::is_valid(&schema));
    let validator = jsonschema::draft7::new(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&value)
        .take(10)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(value["version"], catalogue::VERSION);
    assert_eq!(value["as_of"], "2026-11-22");
    let regions = value["regions"].as_array().unwrap();
    assert_eq!(regions.len(), rules.regions.len());
    for r in regions {
        let region = rules.region(r["code"].as_str().unwrap()).unwrap();
        let services = r["services"].as_array().unwrap();
        assert_eq!(services.len(), region.services.len());
        for (s, svc) in services.iter().zip(&region.services) {
            assert_eq!(s["id"], svc.id.as_str());
            assert_eq!(s["name"]["zh"], svc.name.as_str());
            assert_eq!(s["source"]["clause"]["zh"], svc.clause.as_str());
            assert!(s["condition"].is_object());
        }
    }
    // A misspelt field is refused: the schema is closed.
    let mut bad = value.clone();
    bad["regions"][0]["services"][0]["nmae"] = serde_json::json!("x");
    assert!(!validator.is_valid(&bad));
    let mut bad = value;
    bad["regions"][0]["services"][0]["condition"] = serde_json::json!({ "all": [], "any": [] });
    assert!(!validator.is_valid(&bad), "a condition has exactly one key");
}

#[test]
fn a_condition_tree_keeps_the_facts_and_values_as_the_contract_writes_them() {
    let rules = rules();
    let (_, s) = rules.service_in("150104", "yuquan-home-care").unwrap();
    let tree = serde_json::to_value(catalogue::condition(&s.when, s)).unwrap();
    let text = tree.to_string();
    assert!(
        text.contains(r#"{"compare":{"fact":"age","op":">=","value":60}}"#),
        "{text}"
    );
    assert!(
        text.contains(r#""fact":"lives_in_region","op":"==","value":true"#),
        "{text}"
    );
    assert!(text.contains(r#""label":{"label":{"zh":"第1类"#), "{text}");
    assert!(text.contains(r#"{"verify":"#), "{text}");
}

#[test]
fn the_committed_catalogue_schema_is_the_generated_one() {
    let path = root().join("docs/catalogue.schema.json");
    let fresh = catalogue::schema_text();
    if std::env::var_os("YANGLAO_BLESS").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "docs/catalogue.schema.json is out of date: YANGLAO_BLESS=1 cargo test -p yanglao-pack --test publish"
    );
}

#[test]
fn write_all_writes_the_pages_the_css_and_the_export() {
    let rules = rules();
    let out = std::env::temp_dir().join(format!("yanglao-publish-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let files = publish::write_all(&out, &rules, index(), day()).unwrap();
    for r in &rules.regions {
        assert!(out.join(format!("list/{}.html", r.code)).is_file());
    }
    for f in [
        "list/index.html",
        "list/list.css",
        "catalogue.json",
        "catalogue.schema.json",
    ] {
        assert!(out.join(f).is_file(), "{f}");
    }
    assert_eq!(files.len(), rules.regions.len() + 4);
    let css = std::fs::read_to_string(out.join("list/list.css")).unwrap();
    assert!(
        css.contains("--color-text") && css.contains("@media print") && css.contains("size: A4")
    );
    std::fs::remove_dir_all(&out).unwrap();
}
