//! `yanglao-pack`: compiles the rule files into what the app loads on
//! demand (run by scripts/postbuild.sh for every Trunk build):
//!
//! - `packs/<province>.bin`, one per province: its divisions and every list
//!   recorded in it (crates/core/src/pack.rs), so the app's own bytes never
//!   hold any rules and do not grow with their number;
//! - `regions.tsv`, every division for the picker's search, each place with
//!   a list of its own flagged `r`;
//! - `packs.txt`, one line per province: its code and how many lists it has;
//! - the catalogue published (crate::publish): `list/<code>.html` for each
//!   region with a list, `list/index.html`, `list/list.css`, and
//!   `catalogue.json` with its schema `catalogue.schema.json`, as of
//!   `--date` (else $YANGLAO_PUBLISH_DATE, else today in China).
//!
//! scripts/postbuild.py then names each file by a hash of its contents and
//! writes the manifest (names and integrity) into index.html.
//!
//!     yanglao-pack --rules rules --out DIR [--date YYYY-MM-DD]

use std::path::PathBuf;
use std::process::ExitCode;
use yanglao_core::pack::{province_of, Pack};
use yanglao_core::regions::{RegionIndex, BUILTIN_TSV};
use yanglao_core::Date;

/// Today in China (UTC+8), the date policies are counted in.
fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    Date::from_days_since_epoch((secs + 8 * 3600).div_euclid(86_400))
        .expect("the clock is within years 1-9999")
}

fn main() -> ExitCode {
    let mut rules_dir = PathBuf::from("rules");
    let mut out = None;
    let mut date = std::env::var("YANGLAO_PUBLISH_DATE")
        .ok()
        .filter(|d| !d.is_empty());
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match (arg.as_str(), args.next()) {
            ("--rules", Some(v)) => rules_dir = PathBuf::from(v),
            ("--out", Some(v)) => out = Some(PathBuf::from(v)),
            ("--date", Some(v)) => date = Some(v),
            _ => {
                eprintln!(
                    "yanglao-pack: usage: yanglao-pack --rules DIR --out DIR [--date YYYY-MM-DD] (got \"{arg}\")"
                );
                return ExitCode::from(2);
            }
        }
    }
    let Some(out) = out else {
        eprintln!("yanglao-pack: --out DIR is required");
        return ExitCode::from(2);
    };
    let as_of = match date.as_deref().map(Date::parse) {
        None => today(),
        Some(Ok(d)) => d,
        Some(Err(e)) => {
            eprintln!("yanglao-pack: --date: {e}");
            return ExitCode::from(2);
        }
    };
    let rules = match yanglao_core::source::load_dir(&rules_dir) {
        Ok(r) => r,
        Err(errors) => {
            for e in &errors {
                eprintln!("{e}");
            }
            eprintln!(
                "yanglao-pack: the rule files in {} have {} error(s); run `cargo run -p yanglao-cli -- rules check`",
                rules_dir.display(),
                errors.len()
            );
            return ExitCode::from(1);
        }
    };
    let index = RegionIndex::builtin();
    for region in &rules.regions {
        if index.get(&region.code).is_none() {
            eprintln!(
                "yanglao-pack: rule file for {} {}: not a division code in the region index",
                region.code, region.name
            );
            return ExitCode::from(1);
        }
    }
    let packs = out.join("packs");
    if let Err(e) = std::fs::create_dir_all(&packs) {
        eprintln!("yanglao-pack: cannot create {}: {e}", packs.display());
        return ExitCode::from(1);
    }
    let mut listing = String::new();
    let mut total = 0;
    for province in index.provinces() {
        let code = province_of(province.code).unwrap_or_default();
        let pack = Pack::build(code, BUILTIN_TSV, &rules);
        let bytes = pack.to_bytes();
        total += bytes.len();
        listing.push_str(&format!("{code}\t{}\n", pack.rules.regions.len()));
        let file = packs.join(format!("{code}.bin"));
        if let Err(e) = std::fs::write(&file, bytes) {
            eprintln!("yanglao-pack: cannot write {}: {e}", file.display());
            return ExitCode::from(1);
        }
    }
    // The search index: every division, with the places that have a list flagged.
    let search =
        yanglao_core::regions::with_lists(BUILTIN_TSV, |code| rules.region(code).is_some());
    let writes = [
        (out.join("regions.tsv"), search),
        (out.join("packs.txt"), listing),
    ];
    for (file, text) in writes {
        if let Err(e) = std::fs::write(&file, text) {
            eprintln!("yanglao-pack: cannot write {}: {e}", file.display());
            return ExitCode::from(1);
        }
    }
    println!(
        "yanglao-pack: {} lists in {} province packs ({} bytes in all)",
        rules.regions.len(),
        index.provinces().len(),
        total
    );
    match yanglao_pack::publish::write_all(&out, &rules, index, as_of) {
        Ok(files) => println!(
            "yanglao-pack: the catalogue published as of {as_of}: {} files (list/, catalogue.json)",
            files.len()
        ),
        Err(e) => {
            eprintln!("yanglao-pack: {e}");
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
