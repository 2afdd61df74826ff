//! The hand-off link reader (the URL fragment): whatever a link says, reading
//! it never panics; a link it accepts re-encodes to itself and evaluates.
//! Random text almost never carries a valid checksum, so each input is also
//! tried sealed with its own checksum, to reach the field-by-field checks.
#![no_main]
use libfuzzer_sys::fuzz_target;
use yanglao_app::handoff::{decode, encode, seal};
use yanglao_app::rules;
use yanglao_core::{Answers, Date, Fact};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let rules = rules::embedded().expect("embedded rules");
    let today = Date::new(2026, 11, 22).expect("a date");
    for candidate in [text.to_string(), seal(text)] {
        let Ok(link) = decode(&candidate, "fp0000", today) else {
            continue;
        };
        let mut answers = Answers::new();
        for (fact, value) in &link.path {
            answers.set(*fact, *value).expect("decode checked every value");
        }
        let path: Vec<Fact> = link.path.iter().map(|(f, _)| *f).collect();
        let again = encode("fp0000", &link.region, link.who, &path, &answers, link.birth_date, link.at_results);
        let reread = decode(&again, "fp0000", today).expect("its own encoding reads");
        assert_eq!(reread.path, link.path);
        assert_eq!(reread.birth_date, link.birth_date);
        answers.set_birth_date(link.birth_date);
        if link.birth_date.is_some() {
            answers.set(Fact::Age, None).expect("clearing is always allowed");
        }
        yanglao_core::evaluate(rules, &link.region, today, &answers).expect("an accepted link evaluates");
    }
});
