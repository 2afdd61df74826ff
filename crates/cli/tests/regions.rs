//! Every real division is a region (shared/CONTRACT.md, Regions): a code with
//! no list of its own gets the services of the levels above that have one,
//! and `coverage` says which levels those are and which office to ask; only a
//! code that is not a division is an error.

use serde_json::{json, Value};
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn yanglao(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yanglao"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.as_bytes().to_vec();
    // The command may exit before reading its input (a bad region): ignore a closed pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// `check` on 2026-11-22 with these answers: the document, after asserting exit 0.
fn check(region: &str, answers: &str) -> Value {
    let out = yanglao(
        &[
            "check",
            "--region",
            region,
            "--date",
            "2026-11-22",
            "--answers",
            "-",
        ],
        answers,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{region}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn levels(doc: &Value) -> Vec<(String, String, bool)> {
    doc["coverage"]["levels"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            assert_eq!(
                l.as_object().unwrap().len(),
                3,
                "code, name, has_rules: {l}"
            );
            (
                l["code"].as_str().unwrap().to_string(),
                l["name"].as_str().unwrap().to_string(),
                l["has_rules"].as_bool().unwrap(),
            )
        })
        .collect()
}

fn own(code: &str, name: &str, has_rules: bool) -> (String, String, bool) {
    (code.to_string(), name.to_string(), has_rules)
}

#[test]
fn a_real_place_without_any_list_is_valid_and_names_its_office() {
    // 北京市朝阳区: no rules at any level.
    let doc = check("110105", r#"{"age": 85}"#);
    assert_eq!(doc["region"], "110105");
    assert_eq!(doc["services"], json!([]));
    assert_eq!(doc["coverage"]["own_list"], false);
    assert_eq!(
        levels(&doc),
        [
            own("110000", "北京市", false),
            own("110105", "朝阳区", false)
        ],
        "no 市辖区 level"
    );
    assert_eq!(doc["coverage"]["ask"], "朝阳区民政局");
}

#[test]
fn a_county_without_a_list_gets_its_province_and_asks_its_own_office() {
    // 太原市小店区: only 山西省 has a list.
    let doc = check("140105", "{}");
    let services = doc["services"].as_array().unwrap();
    assert!(!services.is_empty());
    for s in services {
        assert_eq!(s["region"], "140000", "{}", s["id"]);
        assert!(s["id"].as_str().unwrap().starts_with("shanxi-"));
    }
    assert_eq!(doc["coverage"]["own_list"], false);
    assert_eq!(
        levels(&doc),
        [
            own("140000", "山西省", true),
            own("140100", "太原市", false),
            own("140105", "小店区", false)
        ]
    );
    assert_eq!(doc["coverage"]["ask"], "小店区民政局");
}

#[test]
fn a_county_gets_its_citys_ended_plan() {
    // 定西市安定区: 定西市's plan, ended by 2026-11-22.
    let doc = check("621102", "{}");
    let services = doc["services"].as_array().unwrap();
    assert!(!services.is_empty());
    for s in services {
        assert_eq!(s["region"], "621100", "{}", s["id"]);
        assert_eq!(s["status"], "expired", "{}", s["id"]);
    }
    assert_eq!(doc["coverage"]["own_list"], false);
    assert_eq!(
        levels(&doc),
        [
            own("620000", "甘肃省", false),
            own("621100", "定西市", true),
            own("621102", "安定区", false)
        ]
    );
    // The county itself has no list recorded: its own office is the one to ask.
    assert_eq!(doc["coverage"]["ask"], "安定区民政局");
}

#[test]
fn a_county_with_its_own_list_asks_no_one() {
    let doc = check("410726", "{}");
    assert_eq!(doc["coverage"]["own_list"], true);
    assert_eq!(doc["coverage"]["ask"], Value::Null);
    assert_eq!(
        levels(&doc),
        [
            own("410000", "河南省", false),
            own("410700", "新乡市", false),
            own("410726", "延津县", true)
        ]
    );
    assert!(doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["region"] == "410726"));
    // A province with its own list.
    let doc = check("140000", "{}");
    assert_eq!(doc["coverage"]["own_list"], true);
    assert_eq!(doc["coverage"]["ask"], Value::Null);
    assert_eq!(levels(&doc), [own("140000", "山西省", true)]);
}

#[test]
fn a_code_that_is_not_a_division_exits_2_with_one_line() {
    for (code, expected) in [
        (
            "999999",
            "unknown region 999999: not a county, city or province code of GB/T 2260; see crates/core/data/regions.tsv or use a code such as 140105",
        ),
        ("15010", "unknown region \"15010\": a region is a 6-digit"),
        ("110199", "unknown region 110199: not a county, city or province code of GB/T 2260 (北京市 has no 110199)"),
    ] {
        for command in ["check", "screen"] {
            let mut args = vec![command, "--region", code, "--date", "2026-11-22"];
            if command == "check" {
                args.extend(["--answers", "-"]);
            }
            let out = yanglao(&args, "{}\n");
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
            assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err:?}");
            assert!(
                err.starts_with(&format!("yanglao: {expected}")),
                "{args:?}: expected {expected:?}, got {err:?}"
            );
        }
    }
}

#[test]
fn screening_a_place_without_any_list_answers_every_line() {
    let out = yanglao(
        &["screen", "--region", "110105", "--date", "2026-11-22"],
        "{\"ref\": \"A\", \"age\": 85}\n{\"age\": 61, \"living\": \"alone\"}\n{\"age\": -1}\n",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(
        lines[0],
        json!({"ref": "A", "line": 1, "services": [], "missing": []})
    );
    assert_eq!(lines[1]["services"], json!([]));
    // A bad line is still an error record.
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 3: age"));
}
