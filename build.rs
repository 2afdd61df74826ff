//! With the `embedded-rules` feature (the tests), compiles the rule files
//! with the engine and embeds them (and the answers vocabulary they use), so a mistake in rules/*.toml fails the
//! build (with file and line). The app itself embeds no rules: it loads the
//! packs that scripts/postbuild.sh builds (catalogue.rs).
//!
//! `YANGLAO_RULES_DIR` points the build at another folder of rule files.
use std::{env, fs, path::PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=YANGLAO_RULES_DIR");
    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let out = out_dir.join("rules.bin");
    let vocabulary_out = out_dir.join("vocabulary.bin");
    if env::var_os("CARGO_FEATURE_EMBEDDED_RULES").is_none() {
        for file in [&out, &vocabulary_out] {
            fs::write(file, []).unwrap_or_else(|e| panic!("cannot write {}: {e}", file.display()));
        }
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
    let loaded = match yanglao_core::source::load_dir_checked(&rules_dir) {
        Ok(loaded) => loaded,
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
    fs::write(&out, loaded.rules.for_browser().to_bytes())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", out.display()));
    // The vocabulary the rules were read with (the packs carry it likewise).
    fs::write(&vocabulary_out, loaded.vocabulary.to_bytes())
        .unwrap_or_else(|e| panic!("cannot write {}: {e}", vocabulary_out.display()));
}
