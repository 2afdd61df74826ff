//! `yanglao`: the checker on the command line (shared/CONTRACT.md).
//!
//!     yanglao check --region 150104 [--date 2026-11-22] --answers answers.json|- [--rules DIR]
//!     yanglao screen --region 150104 [--date 2026-11-22] [--format jsonl|csv] [--rules DIR]
//!     yanglao rules check [--rules DIR]
//!     yanglao rules schema [--rules DIR] [--check]
//!
//! `--help` on each. Bad input exits 2 with one line on standard error.

use yanglao_cli::{json, screen};

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use yanglao_core::regions::RegionIndex;
use yanglao_core::{Date, RuleSet};

/// The rules compiled by build.rs (without their example cases), or the errors that stopped them.
static RULES_BIN: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));
static RULE_ERRORS: &str = include_str!(concat!(env!("OUT_DIR"), "/rule_errors.txt"));

/// Which basic elderly-care services (基本养老服务) an older person can claim
/// where their household is registered (户籍所在地).
#[derive(Parser)]
#[command(name = "yanglao", version)]
#[command(
    after_help = "Regions are 6-digit division codes of GB/T 2260 (crates/core/data/regions.tsv): \
any county, city or province. The answer keys and the output are in shared/CONTRACT.md."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// One person: the services of a region, as JSON
    ///
    /// Every service of the region and of the regions above it, each with its
    /// status, reasons, missing answers, source and region, and the `coverage`
    /// object, as one JSON document on standard output (shared/CONTRACT.md).
    #[command(after_help = "Example:
  yanglao check --region 140105 --date 2026-11-22 --answers answers.json
  echo '{\"age\": 72, \"living\": \"alone\"}' | yanglao check --region 150104 --answers -

A real division with no list of its own (110105 北京市朝阳区) is valid: it gets the
services of the levels above that have rules, possibly none, and `coverage` says
which levels have a list and which office to ask.
Exit 0 with the document; 2 with one line on standard error on bad input.")]
    Check(CheckArgs),
    /// Many people: one result line per input line (JSON lines or CSV)
    ///
    /// One answers object per input line (JSON lines, or CSV with a header row
    /// of answer keys and an optional ref column), one result line per input
    /// line, in order.
    #[command(after_help = "Example:
  yanglao screen --region 150104 --date 2026-11-22 < people.jsonl > results.jsonl
  yanglao screen --region 150104 --format csv < people.csv > results.csv

A bad line becomes an error record naming its line, and screening goes on; a
summary goes to standard error. Exit 0 when every line was read, 2 when the
command itself is wrong (unknown region, bad flag, rules with errors).")]
    Screen(ScreenArgs),
    /// Rule files: `rules check`
    #[command(subcommand)]
    Rules(RulesCommand),
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Validates every rule file and runs every example case; prints a report
    #[command(
        after_help = "Errors are reported as FILE:LINE: what was wrong, one a line.
Exit 0 when every file is valid and every case passes, 1 when a case fails,
2 when a file has errors (nothing else is checked then) or the command is wrong."
    )]
    Check(RulesCheckArgs),
    /// Writes the JSON Schemas of the rule files (DIR/schema/), for editors
    ///
    /// Generated from the loader's own types and the vocabulary
    /// (DIR/vocabulary.toml), so a schema says what the loader reads.
    /// Every rule file names its schema on its first line
    /// (`#:schema ./schema/rules.schema.json`); a file without that line
    /// gets it.
    #[command(
        after_help = "Exit 0 when written (or, with --check, when the files are up to date);
1 with --check when a schema or a rule file's first line is out of date, naming it;
2 when the vocabulary cannot be read or the command is wrong."
    )]
    Schema(RulesSchemaArgs),
}

/// `--region`, `--date` and `--rules`, as `check` and `screen` take them.
#[derive(Args)]
struct Place {
    /// The 户籍所在地: a 6-digit division code of GB/T 2260, e.g. 140105 (小店区)
    #[arg(long, value_name = "CODE")]
    region: String,
    /// The date to check on [default: today in China]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = Date::parse)]
    date: Option<Date>,
    /// Use the rule files in DIR instead of those built in (an office's own files)
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
}

#[derive(Args)]
struct CheckArgs {
    #[command(flatten)]
    place: Place,
    /// The answers: a JSON file of contract keys, or - for standard input
    #[arg(long, value_name = "FILE|-")]
    answers: String,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// One JSON object a line, in and out
    Jsonl,
    /// A header row of answer keys (and ref), in and out
    Csv,
}

#[derive(Args)]
struct ScreenArgs {
    #[command(flatten)]
    place: Place,
    /// What standard input holds, and what is written
    #[arg(long, value_name = "FORMAT", default_value = "jsonl")]
    format: FormatArg,
}

#[derive(Args)]
struct RulesCheckArgs {
    /// The rules folder (--dir is the older name) [default: ./rules, else the repository's rules/]
    #[arg(long, value_name = "DIR", alias = "dir")]
    rules: Option<PathBuf>,
}

#[derive(Args)]
struct RulesSchemaArgs {
    /// The rules folder [default: ./rules, else the repository's rules/]
    #[arg(long, value_name = "DIR", alias = "dir")]
    rules: Option<PathBuf>,
    /// Write nothing: exit 1 if a schema or a rule file's `#:schema` line is out of date
    #[arg(long)]
    check: bool,
}

/// A bad command line or bad input: one line on standard error, exit 2.
struct Fail(String);

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.exit_code() == 0 => {
            // --help, --version: what was asked for, on standard output.
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("yanglao: {}", one_line(&e));
            return ExitCode::from(2);
        }
    };
    let result = match cli.command {
        Command::Check(args) => check(args),
        Command::Screen(args) => screen(args),
        Command::Rules(RulesCommand::Check(args)) => rules_check(args),
        Command::Rules(RulesCommand::Schema(args)) => rules_schema(args),
    };
    match result {
        Ok(code) => code,
        Err(Fail(message)) => {
            eprintln!("yanglao: {message}");
            ExitCode::from(2)
        }
    }
}

/// clap's error as one line: what was wrong, then the usage and where help is.
fn one_line(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    // The command the error is about: the subcommands named, in order.
    let mut command = Cli::command();
    command.build();
    for arg in std::env::args_os().skip(1) {
        let Some(sub) = arg.to_str().and_then(|a| command.find_subcommand(a)) else {
            break;
        };
        command = sub.clone();
    }
    let name = command
        .get_bin_name()
        .unwrap_or(command.get_name())
        .to_string();
    let paragraphs: Vec<String> = e
        .render()
        .to_string()
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|p| !p.is_empty())
        .collect();
    let what = match (e.kind(), e.get(ContextKind::InvalidArg)) {
        (ErrorKind::MissingRequiredArgument, Some(ContextValue::Strings(args))) => {
            match args.as_slice() {
                [one] => format!("{one} is required"),
                many => format!("{} are required", many.join(" and ")),
            }
        }
        (ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand, _) => {
            let subs: Vec<&str> = command
                .get_subcommands()
                .map(|c| c.get_name())
                .filter(|n| *n != "help")
                .collect();
            let list = match subs.as_slice() {
                [one] => one.to_string(),
                [rest @ .., last] => format!("{} or {last}", rest.join(", ")),
                [] => String::new(),
            };
            format!("no command given: {name} takes {list}")
        }
        _ => paragraphs
            .first()
            .map(|p| p.trim_start_matches("error: ").to_string())
            .unwrap_or_else(|| e.kind().to_string()),
    };
    let tip = paragraphs
        .iter()
        .find(|p| p.starts_with("tip: "))
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    let usage = command.render_usage().to_string();
    let usage = usage.trim().trim_start_matches("Usage: ");
    format!("{what}{tip}; usage: {usage}; see `{name} --help`")
}

fn embedded_rules() -> Result<RuleSet, Fail> {
    if let Some(first) = RULE_ERRORS.lines().next() {
        return Err(Fail(format!(
            "the built-in rules have errors (run `yanglao rules check`): {first}"
        )));
    }
    RuleSet::from_bytes(RULES_BIN).map_err(Fail)
}

/// The rules of `--rules DIR`, or those built in. Errors in the files: one
/// line, the first error and how many more.
fn rules(dir: Option<&Path>) -> Result<RuleSet, Fail> {
    let Some(dir) = dir else {
        return embedded_rules();
    };
    match yanglao_cli::rules::load_dir(dir, RegionIndex::builtin()) {
        Ok(loaded) => Ok(loaded.rules),
        Err(errors) => {
            let first = errors.first().map(show).unwrap_or_default();
            let more = match errors.len() {
                0 | 1 => String::new(),
                n => format!(
                    " (and {} more; `yanglao rules check --rules {}` lists them all)",
                    n - 1,
                    dir.display()
                ),
            };
            Err(Fail(format!(
                "the rules in {} cannot be used: {first}{more}",
                dir.display()
            )))
        }
    }
}

/// A rule error as `file:line: what`; `file: what` for what has no line (the folder).
fn show(e: &yanglao_core::source::RuleError) -> String {
    if e.line == 0 {
        format!("{}: {}", e.file, e.message)
    } else {
        e.to_string()
    }
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

/// The region checked (a real division), the date, and the rules.
fn place(place: &Place) -> Result<(Date, RuleSet), Fail> {
    yanglao_cli::regions::validate(RegionIndex::builtin(), &place.region).map_err(Fail)?;
    let rules = rules(place.rules.as_deref())?;
    Ok((place.date.unwrap_or_else(today), rules))
}

fn check(args: CheckArgs) -> Result<ExitCode, Fail> {
    let (date, rules) = place(&args.place)?;
    let region = args.place.region.as_str();
    let source = args.answers.as_str();
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
    let plan = yanglao_core::Plan::new(&rules, region).map_err(|e| Fail(e.0))?;
    let evaluation = plan.evaluate(date, &answers).map_err(|e| Fail(e.0))?;
    let mut out = json::evaluation_to_json(&evaluation);
    let coverage = yanglao_core::coverage::coverage(RegionIndex::builtin(), &rules, region)
        .ok_or_else(|| Fail(format!("unknown region {region}")))?;
    out["coverage"] = json::coverage_to_json(&coverage);
    println!(
        "{}",
        serde_json::to_string_pretty(&out).expect("JSON values always print")
    );
    Ok(ExitCode::SUCCESS)
}

fn screen(args: ScreenArgs) -> Result<ExitCode, Fail> {
    let (date, rules) = place(&args.place)?;
    let plan = yanglao_core::Plan::new(&rules, &args.place.region).map_err(|e| Fail(e.0))?;
    let stdin = std::io::stdin().lock();
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let summary = match args.format {
        FormatArg::Jsonl => screen::jsonl(&plan, date, stdin, &mut stdout)
            .map_err(|e| Fail(format!("cannot read or write: {e}")))?,
        FormatArg::Csv => screen::csv(&plan, date, stdin, &mut stdout).map_err(Fail)?,
    };
    std::io::Write::flush(&mut stdout).map_err(|e| Fail(format!("cannot write: {e}")))?;
    summary.print(&plan, &mut std::io::stderr()).ok();
    Ok(ExitCode::SUCCESS)
}

/// `--rules DIR`, else ./rules, else the repository's rules/.
fn rules_dir(given: Option<PathBuf>) -> PathBuf {
    match given {
        Some(d) => d,
        None if PathBuf::from("rules").is_dir() => PathBuf::from("rules"),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../rules"),
    }
}

fn rules_schema(args: RulesSchemaArgs) -> Result<ExitCode, Fail> {
    let dir = rules_dir(args.rules);
    let stale = yanglao_cli::schema::write(&dir, args.check).map_err(Fail)?;
    if args.check {
        for file in &stale {
            println!("out of date: {file} (run `yanglao rules schema`)");
        }
        println!("rules schema: {} file(s) out of date", stale.len());
        return Ok(if stale.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    for file in &stale {
        println!("wrote {file}");
    }
    println!("rules schema: {} file(s) written", stale.len());
    Ok(ExitCode::SUCCESS)
}

fn rules_check(args: RulesCheckArgs) -> Result<ExitCode, Fail> {
    let dir = rules_dir(args.rules);
    let loaded = match yanglao_cli::rules::load_dir(&dir, RegionIndex::builtin()) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors {
                println!("{}", show(e));
            }
            println!(
                "rules check: {} error(s) in {}; nothing else was checked",
                errors.len(),
                dir.display()
            );
            return Ok(ExitCode::from(2));
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
