//! The rules compiled by build.rs from rules/*.toml and embedded in the wasm.

use std::sync::OnceLock;
use yanglao_core::RuleSet;

static BYTES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/rules.bin"));

/// The embedded rule set, decoded once. The build checked the rules, so an
/// error here means the wasm file itself is damaged.
pub fn embedded() -> Result<&'static RuleSet, &'static str> {
    static RULES: OnceLock<Result<RuleSet, String>> = OnceLock::new();
    RULES
        .get_or_init(|| RuleSet::from_bytes(BYTES))
        .as_ref()
        .map_err(String::as_str)
}

/// A short fingerprint of the embedded rules, carried by hand-off links.
pub fn fingerprint() -> &'static str {
    static PRINT: OnceLock<String> = OnceLock::new();
    PRINT.get_or_init(|| crate::handoff::rules_fingerprint(BYTES))
}
