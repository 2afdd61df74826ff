//! `yanglao`: the checker on the command line (shared/CONTRACT.md).
//!
//!     yanglao check --region 150104 [--date 2026-11-22] --answers answers.json|-
//!     yanglao rules check [--dir rules]

use yanglao_cli::{json, screen};

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;
use yanglao_core::{Date, RuleSet};

/// The rules compiled by build.rs (without their example cases), or the errors that stopped them.
static RULES_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));
static RULE_ERRORS: &str = include_str!(concat!(env!("OUT_DIR"), "/rule_errors.txt"));

const USAGE: &str = "usage:
  yanglao check --region CODE [--date YYYY-MM-DD] --answers FILE|-
  yanglao screen --region CODE [--date YYYY-MM-DD] [--format jsonl|csv] < people > results
  yanglao rules check [--dir DIR]";

/// A bad command line or bad input: one line on standard error, exit 2.
struct Fail(String);

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("check") => check(&args[1..]),
        Some("screen") => screen(&args[1..]),
        Some("rules") if args.get(1).map(String::as_str) == Some("check") => {
            rules_check(&args[2..])
        }
        Some("--help" | "-h" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => Err(Fail(format!(
            "unknown command \"{other}\"; {}",
            USAGE.replace('\n', " ")
        ))),
        None => Err(Fail(format!(
            "no command given; {}",
            USAGE.replace('\n', " ")
        ))),
    };
    match result {
        Ok(code) => code,
        Err(Fail(message)) => {
            eprintln!("yanglao: {message}");
            ExitCode::from(2)
        }
    }
}

/// Reads `--name value` flags; every flag must be one of `allowed` and appear once.
fn flags(args: &[String], allowed: &[&str]) -> Result<Vec<(String, String)>, Fail> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let name = flag
            .strip_prefix("--")
            .filter(|n| allowed.contains(n))
            .ok_or_else(|| {
                Fail(format!(
                    "unknown argument \"{flag}\"; expected {}",
                    allowed
                        .iter()
                        .map(|a| format!("--{a}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
        let value = it
            .next()
            .ok_or_else(|| Fail(format!("--{name} needs a value")))?;
        if out.iter().any(|(n, _)| n == name) {
            return Err(Fail(format!("--{name} is given twice")));
        }
        out.push((name.to_string(), value.clone()));
    }
    Ok(out)
}

fn flag<'a>(flags: &'a [(String, String)], name: &str) -> Option<&'a str> {
    flags
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

fn embedded_rules() -> Result<RuleSet, Fail> {
    if let Some(first) = RULE_ERRORS.lines().next() {
        return Err(Fail(format!(
            "the built-in rules have errors (run `yanglao rules check`): {first}"
        )));
    }
    RuleSet::from_bytes(RULES_BIN).map_err(Fail)
}

/// Today in China (UTC+8), the date policies are counted in.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_days_since_epoch((secs + 8 * 3600).div_euclid(86_400))
        .expect("the clock is within years 1-9999")
}

/// `--region` (required) and `--date` (default: today), as `check` and `screen` take them.
fn region_and_date(flags: &[(String, String)]) -> Result<(&str, Date), Fail> {
    let region = flag(flags, "region")
        .ok_or_else(|| Fail("--region is required, e.g. --region 150104".into()))?;
    let date = match flag(flags, "date") {
        Some(d) => Date::parse(d).map_err(|e| Fail(format!("--date: {e}")))?,
        None => today(),
    };
    Ok((region, date))
}

fn check(args: &[String]) -> Result<ExitCode, Fail> {
    let flags = flags(args, &["region", "date", "answers"])?;
    let (region, date) = region_and_date(&flags)?;
    let source = flag(&flags, "answers").ok_or_else(|| {
        Fail("--answers is required: a JSON file, or - for standard input".into())
    })?;
    let text = if source == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Fail(format!("cannot read standard input: {e}")))?;
        s
    } else {
        std::fs::read_to_string(source).map_err(|e| Fail(format!("cannot read {source}: {e}")))?
    };
    let answers = json::answers_from_json(&text).map_err(Fail)?;
    let rules = embedded_rules()?;
    let plan = yanglao_core::Plan::new(&rules, region).map_err(|e| Fail(e.0))?;
    let evaluation = plan.evaluate(date, &answers).map_err(|e| Fail(e.0))?;
    let out = json::evaluation_to_json(&evaluation);
    println!(
        "{}",
        serde_json::to_string_pretty(&out).expect("JSON values always print")
    );
    Ok(ExitCode::SUCCESS)
}

fn screen(args: &[String]) -> Result<ExitCode, Fail> {
    let flags = flags(args, &["region", "date", "format"])?;
    let (region, date) = region_and_date(&flags)?;
    let format = match flag(&flags, "format").unwrap_or("jsonl") {
        "jsonl" => screen::Format::Jsonl,
        "csv" => screen::Format::Csv,
        other => {
            return Err(Fail(format!(
                "--format must be jsonl or csv, got \"{other}\""
            )))
        }
    };
    let rules = embedded_rules()?;
    let plan = yanglao_core::Plan::new(&rules, region).map_err(|e| Fail(e.0))?;
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let summary = match format {
        screen::Format::Jsonl => screen::jsonl(&plan, date, stdin, &mut stdout)
            .map_err(|e| Fail(format!("cannot read or write: {e}")))?,
        screen::Format::Csv => screen::csv(&plan, date, stdin, &mut stdout).map_err(Fail)?,
    };
    std::io::Write::flush(&mut stdout).map_err(|e| Fail(format!("cannot write: {e}")))?;
    summary.print(&plan, &mut std::io::stderr()).ok();
    Ok(ExitCode::SUCCESS)
}

fn rules_check(args: &[String]) -> Result<ExitCode, Fail> {
    let flags = flags(args, &["dir"])?;
    let dir = match flag(&flags, "dir") {
        Some(d) => PathBuf::from(d),
        None if PathBuf::from("rules").is_dir() => PathBuf::from("rules"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules"),
    };
    let loaded = match yanglao_core::source::load_dir_checked(&dir) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors {
                println!("{e}");
            }
            println!(
                "rules check: {} error(s) in {}; nothing else was checked",
                errors.len(),
                dir.display()
            );
            return Ok(ExitCode::FAILURE);
        }
    };
    let rules = &loaded.rules;
    // Advice, not errors: a shared term spelled out by hand.
    for w in &loaded.warnings {
        println!("{w}");
    }
    let (ran, failures) = yanglao_core::cases::run_all(rules);
    for region in &rules.regions {
        let cases: usize = region.services.iter().map(|s| s.cases.len()).sum();
        let failed = failures.iter().filter(|f| f.region == region.code).count();
        println!(
            "{} {:<8} {:>3} services, {:>3} cases, {}",
            region.code,
            region.short_name,
            region.services.len(),
            cases,
            if failed == 0 {
                "all pass".to_string()
            } else {
                format!("{failed} FAILED")
            }
        );
    }
    for f in &failures {
        println!("{f}");
    }
    let services: usize = rules.regions.iter().map(|r| r.services.len()).sum();
    println!(
        "rules check: {} shared terms, {} warning(s)",
        loaded.terms.len(),
        loaded.warnings.len()
    );
    println!(
        "rules check: {} regions, {services} services, {ran} cases: {} passed, {} failed",
        rules.regions.len(),
        ran - failures.len(),
        failures.len()
    );
    Ok(if failures.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
