//! `yanglao check` and `yanglao rules check` as shared/CONTRACT.md states them.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn yanglao(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yanglao"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    // The command may exit before reading its input (a bad flag): that is not the test's concern.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

fn check(region: &str, date: &str, answers: &str) -> Output {
    yanglao(
        &[
            "check",
            "--region",
            region,
            "--date",
            date,
            "--answers",
            "-",
        ],
        answers,
    )
}

const ALONE_72: &str = r#"{"age": 72, "lives_in_region": true, "living": "alone", "ability": "moderate",
  "ltc_insurance": false, "institution_subsidy": false}"#;

fn service<'a>(doc: &'a Value, id: &str) -> &'a Value {
    doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == id)
        .unwrap_or_else(|| panic!("{id} listed"))
}

#[test]
fn check_prints_the_contract_document() {
    let out = check("150104", "2026-11-22", ALONE_72);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["region"], "150104");
    assert_eq!(doc["date"], "2026-11-22");
    let home = service(&doc, "yuquan-home-care");
    assert_eq!(home["kind"], "home_care");
    assert_eq!(home["status"], "eligible");
    assert_eq!(home["missing"], Value::Array(vec![]));
    let reasons: Vec<&str> = home["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    for expected in ["年满70周岁", "独居", "中度失能"] {
        assert!(reasons.contains(&expected), "{reasons:?}");
    }
    assert!(home["source"]["document"]
        .as_str()
        .unwrap()
        .contains("玉泉区"));
    assert!(!home["source"]["clause"].as_str().unwrap().is_empty());
    // Every status is one of the contract's five.
    for s in doc["services"].as_array().unwrap() {
        let status = s["status"].as_str().unwrap();
        assert!([
            "eligible",
            "maybe",
            "ineligible",
            "expired",
            "not_yet_in_force"
        ]
        .contains(&status));
        assert!(s["amount"].is_null() || s["amount"].is_object());
    }
}

#[test]
fn an_unanswered_fact_is_unknown_not_no() {
    let out = check(
        "150104",
        "2026-11-22",
        r#"{"age": 72, "lives_in_region": true, "living": "alone"}"#,
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let home = service(&doc, "yuquan-home-care");
    assert_eq!(home["status"], "maybe");
    let missing: Vec<&str> = home["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(missing.contains(&"ability"), "{missing:?}");
}

#[test]
fn counties_inherit_their_province_and_expired_plans_say_so() {
    // 太原市小店区 is in Shanxi: it sees the province's services.
    let out = check("140105", "2026-11-22", "{}");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["id"].as_str().unwrap().starts_with("shanxi-")));
    // Qufu's plan ended on 2020-12-31.
    let out = check("370881", "2026-11-22", "{}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(doc["services"]
        .as_array()
        .unwrap()
        .iter()
        .all(|s| s["status"] == "expired"));
}

#[test]
fn every_bad_input_exits_2_with_one_clear_line() {
    let cases: &[(&[&str], &str, &str)] = &[
        (
            &[
                "check",
                "--region",
                "999999",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            "{}",
            "unknown region 999999: not a county, city or province code of GB/T 2260",
        ),
        (
            &[
                "check",
                "--region",
                "15010x",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            "{}",
            "6-digit",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            r#"{"agee": 72}"#,
            "unknown answer key \"agee\"",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            r#"{"age": "seventy"}"#,
            "age must be a whole number from 0 to 130, got \"seventy\"",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            r#"{"age": 200}"#,
            "got 200",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            r#"{"age": 72.5}"#,
            "whole number",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            r#"{"living": "lonely"}"#,
            "one of alone, empty_nest",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            r#"{"age": 72,"#,
            "not valid JSON",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "2026-11-22",
                "--answers",
                "-",
            ],
            "[72]",
            "must be a JSON object",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "2026-02-30",
                "--answers",
                "-",
            ],
            "{}",
            "2026-02-30 is not a real date",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--date",
                "22/11/2026",
                "--answers",
                "-",
            ],
            "{}",
            "YYYY-MM-DD",
        ),
        (
            &["check", "--region", "150104", "--answers", "-"],
            r#"{"age": 70, "birth_date": "1990-01-01"}"#,
            "does not match birth_date",
        ),
        (
            &[
                "check",
                "--region",
                "150104",
                "--answers",
                "/no/such/file.json",
            ],
            "",
            "cannot read /no/such/file.json",
        ),
        (
            &["check", "--answers", "-"],
            "{}",
            "--region <CODE> is required",
        ),
        (
            &["check", "--region", "150104", "--colour", "red"],
            "{}",
            "unexpected argument '--colour'",
        ),
        (&["frobnicate"], "", "unrecognized subcommand 'frobnicate'"),
    ];
    for (args, stdin, expected) in cases {
        let out = yanglao(args, stdin);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        assert_eq!(
            err.trim_end().lines().count(),
            1,
            "{args:?}: one line, got {err:?}"
        );
        assert!(
            err.contains(expected),
            "{args:?}: expected {expected:?} in {err:?}"
        );
    }
}

#[test]
fn the_answers_file_may_come_from_disk_and_carry_a_bom() {
    let path = std::env::temp_dir().join(format!("yanglao-answers-{}.json", std::process::id()));
    std::fs::write(&path, format!("\u{feff}{ALONE_72}")).unwrap();
    let out = yanglao(
        &[
            "check",
            "--region",
            "150104",
            "--date",
            "2026-11-22",
            "--answers",
            path.to_str().unwrap(),
        ],
        "",
    );
    std::fs::remove_file(&path).ok();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn rules_check_validates_every_file_and_runs_every_case() {
    // --dir is the older name of --rules.
    for flag in ["--rules", "--dir"] {
        let out = yanglao(&["rules", "check", flag, "../../rules"], "");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{flag}: {text}");
        let last = text.lines().last().unwrap();
        assert!(last.starts_with("rules check: 5 regions"), "{last}");
        assert!(last.ends_with(" 0 failed"), "{last}");
    }
}

#[test]
fn rules_check_reports_a_broken_file_with_its_line() {
    let dir = std::env::temp_dir().join(format!("yanglao-rules-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("150104.toml"),
        "[region]\ncode = \"150104\"\nname = \"x\"\nshort_nam = \"x\"\n",
    )
    .unwrap();
    let out = yanglao(&["rules", "check", "--rules", dir.to_str().unwrap()], "");
    std::fs::remove_dir_all(&dir).ok();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(
        text.contains("150104.toml:4: unknown field `short_nam`"),
        "{text}"
    );
}
