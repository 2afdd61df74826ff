//! Everything a person or a spreadsheet can feed the command: an answers
//! object (`yanglao check`), JSON lines and CSV (`yanglao screen`). Bad input
//! must become a message or an error record, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use yanglao_core::{Date, Plan, RuleSet};

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
        yanglao_core::source::load_dir(&dir).expect("the project's rules load")
    })
}

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = yanglao_cli::json::answers_from_json(text);
    }
    let plan = Plan::new(rules(), "150104").unwrap();
    let date = Date::parse("2026-11-22").unwrap();
    let mut sink = Vec::new();
    let _ = yanglao_cli::screen::jsonl(&plan, date, data, &mut sink);
    sink.clear();
    let _ = yanglao_cli::screen::csv(&plan, date, data, &mut sink);
});
