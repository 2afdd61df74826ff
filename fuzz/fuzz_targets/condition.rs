//! The condition language: parse anything; whatever parses must evaluate and explain.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(cond) = yanglao_core::expr::parse(text) {
            let _ = yanglao_core::eval::decide(&cond, &yanglao_core::Answers::new());
            let _ = yanglao_core::eval::describe(&cond);
        }
    }
});
