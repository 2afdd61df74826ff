//! `--rules DIR` (an office's own rule files, read at run time) and `--help`.

use serde_json::Value;
use std::io::Write;
use std::path::{Path, PathBuf};
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
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

/// One small valid rule file: a high-age allowance for 北京市朝阳区, which has
/// no rules built in.
const CHAOYANG: &str = r#"[region]
code = "110105"
name = "北京市朝阳区"
short_name = "朝阳区"

[[documents]]
id = "chaoyang-test"
title = "朝阳区高龄津贴办法（测试）"
number = ""
issuer = "北京市朝阳区民政局"
date = "2026-01-01"
effective_from = "2026-01-01"

[[services]]
id = "chaoyang-high-age"
kind = "high_age_allowance"
name = "高龄津贴"
summary = "朝阳区户籍、年满80周岁的老人每月领取高龄津贴。"
document = "chaoyang-test"
clause = "第二条"
when = "age >= 80"
reading = "年满80周岁，包括本数。"

[services.amount]
yuan_per_month = 100

[services.apply]
where = "户籍所在社区居委会"
steps = ["本人或家属到社区居委会申请"]
documents = ["身份证", "户口簿"]
reviewer = "朝阳区民政局"
office = "朝阳区民政局"

[[services.cases]]
date = "2026-11-22"
answers = { age = 80 }
status = "eligible"

[[services.cases]]
date = "2026-11-22"
answers = { age = 79 }
status = "ineligible"

[[services.cases]]
date = "2026-11-22"
answers = {}
status = "maybe"
missing = ["age"]
"#;

/// A fresh folder holding these files, removed when dropped.
struct Folder(PathBuf);

impl Folder {
    fn new(name: &str, files: &[(&str, &str)]) -> Folder {
        let dir = std::env::temp_dir().join(format!("yanglao-{name}-{}", std::process::id()));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        for (file, text) in files {
            std::fs::write(dir.join(file), text).unwrap();
        }
        Folder(dir)
    }
    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
    fn shown(&self, file: &str) -> String {
        format!(
            "{}/{file}",
            Path::new(&self.0).file_name().unwrap().to_string_lossy()
        )
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

#[test]
fn check_screen_and_rules_check_run_a_folder_of_rules() {
    let dir = Folder::new("office", &[("110105.toml", CHAOYANG)]);
    let out = yanglao(
        &[
            "check",
            "--region",
            "110105",
            "--date",
            "2026-11-22",
            "--answers",
            "-",
            "--rules",
            dir.path(),
        ],
        r#"{"age": 85}"#,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let services = doc["services"].as_array().unwrap();
    assert_eq!(services.len(), 1);
    assert_eq!(services[0]["id"], "chaoyang-high-age");
    assert_eq!(services[0]["status"], "eligible");
    assert_eq!(services[0]["region"], "110105");
    assert_eq!(services[0]["amount"]["yuan_per_month"], 100);
    assert_eq!(doc["coverage"]["own_list"], true);
    assert_eq!(doc["coverage"]["ask"], Value::Null);
    assert_eq!(doc["coverage"]["levels"][1]["has_rules"], true);
    // Only the folder's rules: 玉泉区, built in, is not in it.
    let out = yanglao(
        &[
            "check",
            "--region",
            "150104",
            "--date",
            "2026-11-22",
            "--answers",
            "-",
            "--rules",
            dir.path(),
        ],
        "{}",
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["services"], serde_json::json!([]));
    assert_eq!(doc["coverage"]["ask"], "玉泉区民政局");

    let out = yanglao(
        &[
            "screen",
            "--region",
            "110105",
            "--date",
            "2026-11-22",
            "--rules",
            dir.path(),
        ],
        "{\"age\": 85}\n{\"age\": 70}\n",
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["services"][0]["status"], "eligible");
    assert_eq!(lines[1]["services"], serde_json::json!([]));

    let out = yanglao(&["rules", "check", "--rules", dir.path()], "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(
        text.contains("rules check: 1 regions, 1 services, 3 cases: 3 passed, 0 failed"),
        "{text}"
    );
}

#[test]
fn errors_in_the_folder_exit_2_naming_file_and_line() {
    let broken = CHAOYANG.replace("short_name", "short_nam");
    let dir = Folder::new(
        "broken",
        &[
            ("110105.toml", &broken),
            ("110199.toml", &CHAOYANG.replace("110105", "110199")),
        ],
    );
    let first = format!("{}:4: unknown field `short_nam`", dir.shown("110105.toml"));
    for command in ["check", "screen"] {
        let mut args = vec![command, "--region", "110105", "--rules", dir.path()];
        if command == "check" {
            args.extend(["--answers", "-"]);
        }
        let out = yanglao(&args, "{}\n");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{command}: {err}");
        assert!(out.stdout.is_empty(), "{command}");
        assert_eq!(err.trim_end().lines().count(), 1, "{command}: {err:?}");
        assert!(err.contains(&first), "{command}: {err}");
        assert!(err.contains("(and 1 more;"), "{command}: {err}");
    }
    // rules check lists every error, one a line, the unknown region code too.
    let out = yanglao(&["rules", "check", "--rules", dir.path()], "");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains(&first), "{text}");
    assert!(
        text.contains(&format!(
            "{}:2: region code: unknown region 110199: not a county, city or province code",
            dir.shown("110199.toml")
        )),
        "{text}"
    );
    assert!(text.contains("rules check: 2 error(s)"), "{text}");
    // A folder that is not there.
    let out = yanglao(
        &[
            "check",
            "--region",
            "110105",
            "--answers",
            "-",
            "--rules",
            "/no/such/folder",
        ],
        "{}",
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err:?}");
    assert!(
        err.contains("/no/such/folder: cannot read the rules folder"),
        "{err}"
    );
}

#[test]
fn help_on_every_command_exits_0_and_names_its_flags() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["--help"], &["check", "screen", "rules", "--version"]),
        (&["-h"], &["check", "screen", "rules"]),
        (&["help"], &["check", "screen", "rules"]),
        (
            &["check", "--help"],
            &["--region", "--date", "--answers", "--rules", "coverage"],
        ),
        (&["help", "check"], &["--region", "--answers"]),
        (
            &["screen", "--help"],
            &["--region", "--date", "--format", "jsonl", "csv", "--rules"],
        ),
        (&["rules", "--help"], &["check"]),
        (&["rules", "check", "--help"], &["--rules", "--dir"]),
    ];
    for (args, flags) in cases {
        let out = yanglao(args, "");
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {text}");
        assert!(text.contains("Usage: yanglao"), "{args:?}: {text}");
        for flag in *flags {
            assert!(text.contains(flag), "{args:?}: {flag} in {text}");
        }
    }
    let out = yanglao(&["--version"], "");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("yanglao "));
}

#[test]
fn a_wrong_command_line_is_one_line_that_says_what_to_do() {
    let cases: &[(&[&str], &str)] = &[
        (
            &["check", "--region"],
            "a value is required for '--region <CODE>'",
        ),
        (
            &["check", "--region", "150104", "--colour", "red"],
            "unexpected argument '--colour' found",
        ),
        (
            &["check", "--regoin", "150104"],
            "a similar argument exists: '--region'",
        ),
        (&["frobnicate"], "unrecognized subcommand 'frobnicate'"),
        (&["chek"], "a similar subcommand exists: 'check'"),
        (
            &[],
            "no command given: yanglao takes check, screen or rules",
        ),
        (&["rules"], "no command given: yanglao rules takes check"),
        (&["screen"], "--region <CODE> is required"),
        (
            &["check"],
            "--region <CODE> and --answers <FILE|-> are required",
        ),
        (
            &["screen", "--region", "150104", "--format", "xlsx"],
            "invalid value 'xlsx' for '--format <FORMAT>' [possible values: jsonl, csv]",
        ),
        (
            &["check", "--region", "150104", "--region", "140105"],
            "cannot be used multiple times",
        ),
    ];
    for (args, expected) in cases {
        let out = yanglao(args, "");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
        assert!(out.stdout.is_empty(), "{args:?} printed to stdout");
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err:?}");
        assert!(err.starts_with("yanglao: "), "{args:?}: {err}");
        assert!(err.contains(expected), "{args:?}: {expected:?} in {err:?}");
        assert!(
            err.contains(" --help`"),
            "{args:?}: where help is, in {err:?}"
        );
    }
}
