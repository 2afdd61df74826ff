//! Property tests: for random rules and partial answers, a definite result
//! (eligible / ineligible) never changes when the missing answers are filled
//! in, and `maybe` lists exactly the facts (and notes) that can change it.
//! The oracle is a brute force over every value of the missing facts, written
//! here independently of the engine's own analysis.

use proptest::prelude::*;
use yanglao_core::eval::{decide, Tri};
use yanglao_core::model::{Amount, Apply, Cond, Document, Kind, Op, Region, RuleSet, Service};
use yanglao_core::{Answers, Date, Fact, Plan, Status};

/// The facts random rules use: a wide integer, small enums, an ordered enum, yes/no.
const FACTS: [Fact; 6] = [
    Fact::Age,
    Fact::Living,
    Fact::Ability,
    Fact::Economic,
    Fact::Dementia,
    Fact::DisabilityGrade,
];

fn leaf() -> impl Strategy<Value = Cond> {
    let fact = prop::sample::select(FACTS.to_vec());
    let op = prop::sample::select(vec![Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge]);
    prop_oneof![
        (fact.clone(), op, any::<u16>()).prop_map(|(fact, op, v)| {
            let (lo, hi) = fact.bounds();
            // Ages cluster around a few thresholds, so narrow windows such as
            // `age > 60 and age < 62` come up often; sometimes any age at all.
            let value = if fact == Fact::Age && v % 4 != 0 {
                [59, 60, 61, 62, 64, 65, 0, 130][usize::from(v / 4) % 8]
            } else {
                lo + i32::from(v) % (hi - lo + 1)
            };
            Cond::Cmp { fact, op, value }
        }),
        (fact, any::<u64>(), any::<bool>()).prop_filter_map(
            "age has no in-lists",
            |(fact, bits, negated)| {
                if fact == Fact::Age {
                    return None;
                }
                let (_, hi) = fact.bounds();
                Some(Cond::In {
                    fact,
                    mask: bits & ((1u64 << (hi + 1)) - 1),
                    negated,
                })
            }
        ),
    ]
}

fn cond() -> impl Strategy<Value = Cond> {
    leaf().prop_recursive(3, 12, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 1..4).prop_map(Cond::All),
            prop::collection::vec(inner.clone(), 1..4).prop_map(Cond::Any),
            inner.clone().prop_map(|c| Cond::Not(Box::new(c))),
            inner.prop_map(|c| Cond::Label {
                label: "标签".into(),
                inner: Box::new(c)
            }),
        ]
    })
}

/// Adds verify notes, numbered in order, nested alternately with `and` and
/// `or` (starting with `or` when asked), every third one negated.
fn with_verify(c: Cond, notes: u8, or: bool) -> Cond {
    let mut acc = c;
    for index in 0..notes {
        let mut note = Cond::Verify {
            index,
            note: format!("核实{index}"),
        };
        if index % 3 == 2 {
            note = Cond::Not(Box::new(note));
        }
        acc = if or == (index % 2 == 0) {
            Cond::Any(vec![acc, note])
        } else {
            Cond::All(vec![acc, note])
        };
    }
    acc
}

/// Partial answers: each fact answered or not, with any value.
fn answers() -> impl Strategy<Value = Answers> {
    prop::collection::vec((any::<bool>(), any::<u16>()), FACTS.len()).prop_map(|picks| {
        let mut a = Answers::new();
        for (fact, (known, v)) in FACTS.iter().zip(picks) {
            if known {
                let (lo, hi) = fact.bounds();
                a.set(*fact, Some(lo + i32::from(v) % (hi - lo + 1)))
                    .unwrap();
            }
        }
        a
    })
}

/// The oracle: the condition with every fact known and every verify note decided.
fn oracle(c: &Cond, a: &Answers, verify: u64) -> bool {
    match c {
        Cond::Cmp { fact, op, value } => op.holds(a.get(*fact).unwrap(), *value),
        Cond::In {
            fact,
            mask,
            negated,
        } => {
            let v = a.get(*fact).unwrap();
            (mask & (1u64 << v) != 0) != *negated
        }
        Cond::All(items) => items.iter().all(|i| oracle(i, a, verify)),
        Cond::Any(items) => items.iter().any(|i| oracle(i, a, verify)),
        Cond::Not(inner) => !oracle(inner, a, verify),
        Cond::Verify { index, .. } => verify & (1 << index) != 0,
        Cond::Label { inner, .. } => oracle(inner, a, verify),
    }
}

/// Every completion of the missing facts (all values, not representatives) and of the notes.
fn completions(a: &Answers, notes: u8) -> Vec<(Answers, u64)> {
    let mut out = vec![(a.clone(), 0u64)];
    for fact in FACTS {
        if a.get(fact).is_some() {
            continue;
        }
        let (lo, hi) = fact.bounds();
        out = out
            .into_iter()
            .flat_map(|(b, v)| (lo..=hi).map(move |x| (b.with(fact, Some(x)), v)))
            .collect();
    }
    for n in 0..notes {
        out = out
            .into_iter()
            .flat_map(|(b, v)| [(b.clone(), v), (b, v | 1 << n)])
            .collect();
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn definite_results_never_change_and_maybe_lists_exactly_what_matters(
        c in cond(), a in answers(), notes in 0u8..5, or in any::<bool>()
    ) {
        let c = with_verify(c, notes, or);
        let d = decide(&c, &a);
        let all = completions(&a, notes);
        // Keep the brute force affordable: age alone has 131 values.
        prop_assume!(all.len() <= 200_000);
        let results: Vec<bool> = all.iter().map(|(b, v)| oracle(&c, b, *v)).collect();
        match d.tri {
            Tri::True => prop_assert!(results.iter().all(|r| *r)),
            Tri::False => prop_assert!(results.iter().all(|r| !*r)),
            Tri::Unknown => {
                prop_assert!(results.iter().any(|r| *r) && results.iter().any(|r| !*r));
                // A missing fact matters iff two completions that differ only in it disagree.
                for fact in FACTS {
                    if a.get(fact).is_some() {
                        prop_assert!(!d.missing.contains(fact));
                        continue;
                    }
                    let matters = all.iter().zip(&results).any(|((b, v), r)| {
                        let (lo, hi) = fact.bounds();
                        (lo..=hi).any(|x| oracle(&c, &b.with(fact, Some(x)), *v) != *r)
                    });
                    prop_assert_eq!(matters, d.missing.contains(fact), "fact {:?}", fact);
                }
                for n in 0..notes {
                    let matters = all.iter().zip(&results).any(|((b, v), r)| oracle(&c, b, v ^ (1 << n)) != *r);
                    prop_assert_eq!(matters, d.verify & (1 << n) != 0, "note {}", n);
                }
            }
        }
    }
}

fn service(id: &str, when: Cond, tier: Option<i32>, excludes: Vec<String>) -> Service {
    Service {
        id: id.into(),
        kind: Kind::HighAgeAllowance,
        name: id.into(),
        summary: String::new(),
        document: 0,
        clause: String::new(),
        effective_from: Date::parse("2020-01-01").unwrap(),
        effective_until: None,
        when_text: String::new(),
        when,
        reading: None,
        amount: Amount::default(),
        apply: Apply::default(),
        excludes,
        tier_group: tier.map(|_| "band".to_string()),
        tier: tier.unwrap_or(0),
        cases: vec![],
    }
}

fn rules(services: Vec<Service>) -> RuleSet {
    RuleSet {
        regions: vec![Region {
            code: "150104".into(),
            name: "测试".into(),
            short_name: "测试".into(),
            documents: vec![Document {
                id: "d".into(),
                title: "t".into(),
                number: String::new(),
                issuer: String::new(),
                date: Date::parse("2020-01-01").unwrap(),
                effective_from: Date::parse("2020-01-01").unwrap(),
                effective_until: None,
                expired_note: None,
            }],
            services,
        }],
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// With tiers and exclusions ("the highest tier, never twice"), a definite
    /// status still survives every completion, and two services of one tier
    /// group are never both eligible.
    #[test]
    fn combined_results_are_stable_and_never_twice(
        c1 in cond(), c2 in cond(), c3 in cond(), a in answers()
    ) {
        let set = rules(vec![
            service("low", c1, Some(1), vec![]),
            service("high", c2, Some(2), vec![]),
            service("other", c3, None, vec!["low".into()]),
        ]);
        let plan = Plan::new(&set, "150104").unwrap();
        let date = Date::parse("2026-11-22").unwrap();
        let now = plan.quick(date, &a);
        let all = completions(&a, 0);
        prop_assume!(all.len() <= 20_000);
        for (b, _) in all.iter().step_by(7) {
            let later = plan.quick(date, b);
            for (i, (n, l)) in now.iter().zip(&later).enumerate() {
                if matches!(n.status, Status::Eligible | Status::Ineligible) {
                    prop_assert_eq!(n.status, l.status, "service {}", i);
                }
                prop_assert!(l.status != Status::Maybe, "complete answers decide everything");
            }
            prop_assert!(!(later[0].status == Status::Eligible && later[1].status == Status::Eligible));
            prop_assert!(!(later[0].status == Status::Eligible && later[2].status == Status::Eligible));
        }
    }
}

fn age_leaf() -> impl Strategy<Value = Cond> {
    let op = prop::sample::select(vec![Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge]);
    (op, 55i32..70).prop_map(|(op, value)| Cond::Cmp {
        fact: Fact::Age,
        op,
        value,
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Age bands built from nearby thresholds (`age > 60 and age < 62`): the
    /// engine's threshold analysis must find every band, however narrow.
    #[test]
    fn narrow_age_bands_are_found(items in prop::collection::vec(age_leaf(), 2..4), any_of in any::<bool>()) {
        let c = if any_of { Cond::Any(items) } else { Cond::All(items) };
        let d = decide(&c, &Answers::new());
        let results: Vec<bool> = (0..=130).map(|age| oracle(&c, &Answers::new().with(Fact::Age, Some(age)), 0)).collect();
        let expected = if results.iter().all(|r| *r) { Tri::True } else if results.iter().any(|r| *r) { Tri::Unknown } else { Tri::False };
        prop_assert_eq!(d.tri, expected);
    }
}
