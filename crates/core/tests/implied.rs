//! Facts that follow from other answers (the vocabulary's implications):
//! an implied question is never asked, a contradictory pair is refused, and
//! the vocabulary keeps to the shape that makes checking them exact.

use proptest::prelude::*;
use std::path::Path;
use yanglao_core::facts::implications;
use yanglao_core::questionnaire::next_question;
use yanglao_core::source::load_dir;
use yanglao_core::{Answers, Date, Fact, FactSet, Plan, RuleSet};

fn rules() -> &'static RuleSet {
    static RULES: std::sync::OnceLock<RuleSet> = std::sync::OnceLock::new();
    RULES.get_or_init(|| {
        load_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules"))
            .expect("the rule files load")
    })
}

fn date() -> Date {
    Date::parse("2026-11-22").unwrap()
}

#[test]
fn no_fact_is_in_two_implications() {
    // Checking each implication on its own pair of facts is exact only then.
    let mut seen = FactSet::EMPTY;
    for i in implications() {
        for f in [i.if_fact(), i.then_fact()] {
            assert!(!seen.contains(f), "{} is in two implications", f.key());
            seen.insert(f);
        }
        assert!(!i.source.is_empty() && !i.because_zh.is_empty() && !i.because_en.is_empty());
    }
}

#[test]
fn a_tekun_person_is_never_asked_about_supporters() {
    let rules = rules();
    for region in ["140000", "410726", "150104"] {
        let plan = Plan::new(rules, region).unwrap();
        let mut a = Answers::new();
        a.set(Fact::named("age"), Some(75)).unwrap();
        a.set(
            Fact::named("economic"),
            Fact::named("economic").choice_index("tekun_scattered"),
        )
        .unwrap();
        let mut asked = FactSet::EMPTY;
        asked.insert(Fact::named("age"));
        asked.insert(Fact::named("economic"));
        while let Some(f) = next_question(&plan, date(), &a, asked) {
            assert_ne!(
                f,
                Fact::named("no_supporter"),
                "{region} asked a 特困 person about supporters"
            );
            asked.insert(f);
        }
    }
}

#[test]
fn contradicting_answers_are_refused_in_one_line() {
    let mut a = Answers::new();
    a.set(
        Fact::named("economic"),
        Fact::named("economic").choice_index("tekun_concentrated"),
    )
    .unwrap();
    a.set(Fact::named("no_supporter"), Some(0)).unwrap();
    let e = a.on(date()).unwrap_err().0;
    assert!(e.contains("economic") && e.contains("no_supporter"), "{e}");
    let mut b = Answers::new();
    b.set(
        Fact::named("fp_family"),
        Fact::named("fp_family").choice_index("none"),
    )
    .unwrap();
    let on = b.on(date()).unwrap();
    assert_eq!(
        on.get(Fact::named("fp_special_support")),
        Some(0),
        "no special family, so no 特扶"
    );
}

/// Random consistent answers over every fact (each answered or not).
fn answers() -> impl Strategy<Value = Answers> {
    prop::collection::vec((any::<bool>(), any::<u16>()), Fact::all().count()).prop_map(|picks| {
        let mut a = Answers::new();
        for (fact, (known, v)) in Fact::all().zip(picks) {
            if known {
                let (lo, hi) = fact.bounds();
                a.set(fact, Some(lo + i32::from(v) % (hi - lo + 1)))
                    .unwrap();
            }
        }
        a
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Whatever has been answered, the next question is never one whose
    /// answer already follows from the answers, in any region.
    #[test]
    fn no_question_is_asked_whose_answer_is_implied(a in answers(), skip in any::<u16>()) {
        prop_assume!(a.contradiction().is_none());
        let rules = rules();
        for region in ["140000", "410726", "150104", "370881", "621100"] {
            let plan = Plan::new(rules, region).unwrap();
            // Some answered facts count as asked, others as given by a portal.
            let mut asked = FactSet::EMPTY;
            for (i, f) in Fact::all().enumerate() {
                if a.get(f).is_some() && skip & (1 << i) != 0 {
                    asked.insert(f);
                }
            }
            let (implied, _) = a.implied();
            for d in ["2021-06-01", "2026-11-22"] {
                if let Some(f) = next_question(&plan, Date::parse(d).unwrap(), &a, asked) {
                    prop_assert!(implied.get(f).is_none(), "{region} on {d} asks {} although it follows from the answers", f.key());
                }
            }
        }
    }
}
