//! The rule-file loader must refuse anything malformed with a message, never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(rules) = yanglao_core::source::load_files(&[("rules/150104.toml".into(), text.to_string())]) {
            // Whatever loads must also evaluate and run its cases without panicking.
            let _ = yanglao_core::cases::run_all(&rules);
        }
    }
});
