//! Compiles every rules/*.toml file into the binary, so `yanglao check` and
//! `screen` start at once and work anywhere. Broken rules do not stop the
//! build (people fixing them need `yanglao rules check`): the errors are
//! embedded instead, and `check`/`screen` report them.
use std::{env, fs, path::PathBuf};

fn main() {
    let dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap()).join("../../rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    if let Ok(entries) = fs::read_dir(&dir) {
        for entry in entries.flatten() {
            println!("cargo:rerun-if-changed={}", entry.path().display());
        }
    }
    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    let (bytes, errors) = match yanglao_core::source::load_dir(&dir) {
        Ok(rules) => (rules.without_cases().to_bytes(), String::new()),
        Err(errors) => (
            Vec::new(),
            errors.iter().map(|e| format!("{e}\n")).collect(),
        ),
    };
    fs::write(out.join("rules.bin"), bytes).unwrap();
    fs::write(out.join("rule_errors.txt"), errors).unwrap();
}
