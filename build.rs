//! With the `embedded-rules` feature (the tests), compiles the rule files
//! with the engine and embeds them, so a mistake in rules/*.toml fails the
//! build (with file and line). The app itself embeds no rules: it loads the
//! packs that scripts/postbuild.sh builds (catalogue.rs).
//!
//! `YANGLAO_RULES_DIR` points the build at another folder of rule files.
use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=YANGLAO_RULES_DIR");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR")).join("rules.bin");
    if env::var_os("CARGO_FEATURE_EMBEDDED_RULES").is_none() {
        fs::write(&out, []).unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
        return;
    }
    let rules_dir = match env::var_os("YANGLAO_RULES_DIR") {
        Some(dir) => PathBuf::from(dir),
        None => {
            PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"))
                .join("rules")
        }
    };
    // The folder (files added or removed) and every file in it.
    println!("cargo:rerun-if-changed={}", rules_dir.display());
    if let Ok(entries) = fs::read_dir(&rules_dir) {
        for entry in entries.flatten() {
            println!("cargo:rerun-if-changed={}", entry.path().display());
        }
    }
    let rules = match yanglao_core::source::load_dir(&rules_dir) {
        Ok(rules) => rules,
        Err(errors) => {
            for error in &errors {
                println!("cargo:warning={error}");
            }
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!(
                "the rule files in {} have {} error(s):\n{}",
                rules_dir.display(),
                errors.len(),
                list.join("\n")
            );
        }
    };
    fs::write(&out, rules.for_browser().to_bytes())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
}
