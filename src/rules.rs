//! The rules compiled in, for the tests only (the `embedded-rules`
//! feature): the app itself loads them on demand (catalogue.rs), so its own
//! bytes hold no rules and do not grow with their number.

use std::sync::OnceLock;
use yanglao_core::RuleSet;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));
static VOCABULARY: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/vocabulary.bin"));

/// The compiled-in rule set, decoded once, with its vocabulary installed
/// (as a pack's is when it is read).
pub fn embedded() -> Result<&'static RuleSet, &'static str> {
    static RULES: OnceLock<Result<RuleSet, String>> = OnceLock::new();
    RULES
        .get_or_init(|| {
            let vocabulary = yanglao_core::vocab::Vocabulary::from_bytes(VOCABULARY)?;
            yanglao_core::vocab::install(vocabulary);
            RuleSet::from_bytes(BYTES)
        })
        .as_ref()
        .map_err(String::as_str)
}

/// Installs the compiled-in vocabulary (tests that name facts before any rules).
pub fn vocabulary() {
    let _ = embedded();
}

/// A short fingerprint of the compiled-in rules, carried by hand-off links.
pub fn fingerprint() -> &'static str {
    static PRINT: OnceLock<String> = OnceLock::new();
    PRINT.get_or_init(|| crate::handoff::rules_fingerprint(BYTES))
}
