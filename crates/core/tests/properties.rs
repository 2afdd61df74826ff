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
fn facts() -> &'static [Fact] {
    static F: std::sync::OnceLock<Vec<Fact>> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        [
            "age",
            "living",
            "ability",
            "economic",
            "dementia",
            "disability_grade",
        ]
        .into_iter()
        .map(Fact::named)
        .collect()
    })
}

/// Facts tied by the vocabulary's implications (特困 → 无法定赡养人,
/// 计生特扶 → 计划生育特殊家庭), with two free ones beside them.
fn linked() -> &'static [Fact] {
    static F: std::sync::OnceLock<Vec<Fact>> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        [
            "economic",
            "no_supporter",
            "fp_family",
            "fp_special_support",
            "living",
            "dementia",
        ]
        .into_iter()
        .map(Fact::named)
        .collect()
    })
}

fn leaf_of(facts: &[Fact]) -> impl Strategy<Value = Cond> {
    let fact = prop::sample::select(facts.to_vec());
    let op = prop::sample::select(vec![Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge]);
    prop_oneof![
        (fact.clone(), op, any::<u16>()).prop_map(|(fact, op, v)| {
            let (lo, hi) = fact.bounds();
            // Ages cluster around a few thresholds, so narrow windows such as
            // `age > 60 and age < 62` come up often; sometimes any age at all.
            let value = if fact == Fact::named("age") && v % 4 != 0 {
                [59, 60, 61, 62, 64, 65, 0, 130][usize::from(v / 4) % 8]
            } else {
                lo + i32::from(v) % (hi - lo + 1)
            };
            Cond::Cmp { fact, op, value }
        }),
        (fact, any::<u64>(), any::<bool>()).prop_filter_map(
            "age has no in-lists",
            |(fact, bits, negated)| {
                if fact == Fact::named("age") {
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
    cond_of(facts())
}

fn cond_of(facts: &'static [Fact]) -> impl Strategy<Value = Cond> {
    leaf_of(facts).prop_recursive(3, 12, 3, |inner| {
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
    answers_of(facts())
}

fn answers_of(facts: &'static [Fact]) -> impl Strategy<Value = Answers> {
    prop::collection::vec((any::<bool>(), any::<u16>()), facts.len()).prop_map(|picks| {
        let mut a = Answers::new();
        for (fact, (known, v)) in facts.iter().zip(picks) {
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
    completions_of(facts(), a, notes)
}

/// The same over other facts; completions that break an implication
/// (特困 with a supporter) are no person and are left out.
fn completions_of(facts: &[Fact], a: &Answers, notes: u8) -> Vec<(Answers, u64)> {
    let mut out = vec![(a.clone(), 0u64)];
    for &fact in facts {
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
    out.retain(|(b, _)| b.contradiction().is_none());
    out
}

/// The exactness claim for one condition over `facts`, against the brute force.
fn check_exact(facts: &[Fact], c: &Cond, a: &Answers, notes: u8) -> Result<(), TestCaseError> {
    let d = decide(c, a);
    let all = completions_of(facts, a, notes);
    let results: Vec<bool> = all.iter().map(|(b, v)| oracle(c, b, *v)).collect();
    let real = |b: &Answers| b.contradiction().is_none();
    match d.tri {
        Tri::True => prop_assert!(results.iter().all(|r| *r)),
        Tri::False => prop_assert!(results.iter().all(|r| !*r)),
        Tri::Unknown => {
            prop_assert!(results.iter().any(|r| *r) && results.iter().any(|r| !*r));
            // A missing fact matters iff two real completions that differ only in it disagree.
            for &fact in facts {
                if a.get(fact).is_some() {
                    prop_assert!(!d.missing.contains(fact));
                    continue;
                }
                let matters = all.iter().zip(&results).any(|((b, v), r)| {
                    let (lo, hi) = fact.bounds();
                    (lo..=hi).any(|x| {
                        let other = b.with(fact, Some(x));
                        real(&other) && oracle(c, &other, *v) != *r
                    })
                });
                prop_assert_eq!(matters, d.missing.contains(fact), "fact {:?}", fact);
            }
            for n in 0..notes {
                let matters = all
                    .iter()
                    .zip(&results)
                    .any(|((b, v), r)| oracle(c, b, v ^ (1 << n)) != *r);
                prop_assert_eq!(matters, d.verify & (1 << n) != 0, "note {}", n);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn definite_results_never_change_and_maybe_lists_exactly_what_matters(
        c in cond(), a in answers(), notes in 0u8..5, or in any::<bool>()
    ) {
        let c = with_verify(c, notes, or);
        // Keep the brute force affordable: age alone has 131 values.
        prop_assume!(completions(&a, notes).len() <= 200_000);
        check_exact(facts(), &c, &a, notes)?;
    }

    /// The same over facts tied by implications: completions that no person
    /// can have are never counted, so 特困 settles 无法定赡养人.
    #[test]
    fn implications_are_kept_exactly(
        c in cond_of(linked()), a in answers_of(linked()), notes in 0u8..3, or in any::<bool>()
    ) {
        prop_assume!(a.contradiction().is_none());
        let c = with_verify(c, notes, or);
        check_exact(linked(), &c, &a, notes)?;
    }
}

/// The contract's vocabulary with 30 more facts (yes/no, and every third a
/// three-valued enum, some of them ordered), s0..s9 tied in pairs by
/// implications, installed for this thread; with age, economic and
/// no_supporter beside them. Returns those facts, the new ones first (the
/// tied ones repeated, to be drawn more often).
fn synthetic() -> &'static [Fact] {
    use yanglao_core::vocab::{current, install_here, FactInfo, FactType, Implication};
    thread_local! {
        static FACTS: std::cell::OnceCell<&'static [Fact]> = const { std::cell::OnceCell::new() };
    }
    FACTS.with(|cell| {
        *cell.get_or_init(|| {
            let mut v = current().clone();
            let first = v.facts.len();
            for i in 0..30 {
                let ty = if i % 3 == 2 {
                    FactType::Enum {
                        values: vec!["a".into(), "b".into(), "c".into()],
                        ordered: i % 2 == 0,
                    }
                } else {
                    FactType::Bool
                };
                v.facts.push(FactInfo {
                    key: format!("s{i}"),
                    ty,
                    birth_date: false,
                    zh: Default::default(),
                    en: Default::default(),
                });
            }
            for pair in 0..5u8 {
                let (p, q) = (first as u8 + 2 * pair, first as u8 + 2 * pair + 1);
                v.implications.push(Implication {
                    if_fact: p,
                    if_values: if pair % 2 == 0 { 0b10 } else { 0b110 },
                    then_fact: q,
                    then_values: if pair % 2 == 0 { 0b10 } else { 0b011 },
                    because_zh: String::new(),
                    because_en: String::new(),
                    source: String::new(),
                });
            }
            let v = yanglao_core::vocab::Vocabulary::new(v.facts, v.kinds, v.implications);
            install_here(v);
            let mut facts: Vec<Fact> = (first..first + 30).map(|i| Fact(i as u8)).collect();
            facts.extend(["age", "economic", "no_supporter"].map(Fact::named));
            // The tied ones again, so that random conditions read both of a
            // pair, or one with the other answered, often.
            for _ in 0..3 {
                facts.extend((first..first + 10).map(|i| Fact(i as u8)));
            }
            &*Box::leak(facts.into_boxed_slice())
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// With 30 facts more in the vocabulary (far past what trying every
    /// completion could afford), small cases are still exact against the
    /// brute force over the facts the condition reads.
    #[test]
    fn thirty_more_facts_stay_exact(
        (c, a, notes, or) in Just(()).prop_flat_map(|_| {
            let facts = synthetic();
            (cond_of(facts), answers_of(facts), 0u8..3, any::<bool>())
        })
    ) {
        // Answers that contradict each other are refused before any check:
        // drop the consequence of each broken implication.
        let mut a = a;
        while let Some(i) = a.contradiction() {
            a = a.with(i.then_fact(), None);
        }
        let c = with_verify(c, notes, or);
        let read: Vec<Fact> = c.facts().iter().collect();
        prop_assume!(completions_of(&read, &a, notes).len() <= 5_000);
        check_exact(&read, &c, &a, notes)?;
    }
}

/// A condition over all 30 new facts with nothing answered: 2^30 completions
/// and more, which the enumeration gave up on (listing every fact it read),
/// decided exactly. It asks whether any of s0..s28 is yes (or b), s29 either
/// way, so s29 never matters. Nor do s0, s4, s8: each, when yes (b), makes its
/// partner yes (b), which settles it anyway.
#[test]
fn thirty_open_facts_are_decided_without_enumeration() {
    let facts = synthetic();
    let yes = |f: Fact| Cond::Cmp {
        fact: f,
        op: Op::Eq,
        value: 1,
    };
    let rest = Cond::Any(facts[..29].iter().map(|f| yes(*f)).collect());
    assert_eq!(facts[29].key(), "s29");
    let s29 = yes(facts[29]);
    let c = Cond::Any(vec![
        Cond::All(vec![s29.clone(), rest.clone()]),
        Cond::All(vec![Cond::Not(Box::new(s29)), rest]),
    ]);
    let d = decide(&c, &Answers::new());
    assert_eq!(d.tri, Tri::Unknown);
    let expected: Vec<Fact> = (0..29)
        .filter(|i| ![0, 4, 8].contains(i))
        .map(|i| facts[i])
        .collect();
    assert_eq!(d.missing.iter().collect::<Vec<_>>(), expected);
    // Answering all but one: only that one is left to matter.
    let mut a = Answers::new();
    for f in &facts[..28] {
        a = a.with(*f, Some(0));
    }
    let d = decide(&c, &a);
    assert_eq!(d.missing.iter().collect::<Vec<_>>(), vec![facts[28]]);
}

fn service(id: &str, when: Cond, tier: Option<i32>, excludes: Vec<String>) -> Service {
    Service {
        compiled: Default::default(),
        id: id.into(),
        kind: Kind::named("high_age_allowance"),
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
        quote: None,
        en: Default::default(),
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
                gaps: None,
                en: Default::default(),
            }],
            services,
            en: Default::default(),
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
        fact: Fact::named("age"),
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
        let results: Vec<bool> = (0..=130).map(|age| oracle(&c, &Answers::new().with(Fact::named("age"), Some(age)), 0)).collect();
        let expected = if results.iter().all(|r| *r) { Tri::True } else if results.iter().any(|r| *r) { Tri::Unknown } else { Tri::False };
        prop_assert_eq!(d.tri, expected);
    }
}

fn region(code: &str, services: Vec<Service>) -> Region {
    let mut r = rules(services).regions.remove(0);
    r.code = code.to_string();
    r
}

/// Random regions at each level: provinces 11–15, cities 01–03, counties 01–03.
fn region_codes() -> impl Strategy<Value = Vec<String>> {
    prop::collection::btree_set((11u32..16, 0u32..4, 0u32..4), 1..12).prop_map(|set| {
        set.into_iter()
            .map(|(p, c, d)| {
                if c == 0 {
                    format!("{p}0000")
                } else {
                    format!("{p}{c:02}{d:02}")
                }
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// A county sees exactly its own services and those of the regions above it.
    #[test]
    fn a_region_sees_exactly_itself_and_its_ancestors(codes in region_codes(), asked in (11u32..16, 1u32..4, 1u32..4)) {
        let all = Cond::Cmp { fact: Fact::named("age"), op: Op::Ge, value: 0 };
        let set = RuleSet {
            regions: codes.iter().map(|c| region(c, vec![service(&format!("s-{c}"), all.clone(), None, vec![])])).collect(),
        };
        let code = format!("{}{:02}{:02}", asked.0, asked.1, asked.2);
        let expected: Vec<String> = [code.clone(), format!("{}{:02}00", asked.0, asked.1), format!("{}0000", asked.0)]
            .into_iter()
            .filter(|c| codes.contains(c))
            .map(|c| format!("s-{c}"))
            .collect();
        // A code with no rules at or above it is still a region: with no services.
        let plan = Plan::new(&set, &code).unwrap();
        let seen: Vec<String> = plan.services.iter().map(|(_, s)| s.id.clone()).collect();
        prop_assert_eq!(seen, expected);
    }

    /// In force from the first day to the last, inclusive: not before, not after.
    #[test]
    fn dates_in_force_are_inclusive(from in 0i64..20_000, length in 0i64..5_000, open_ended in any::<bool>()) {
        let from = Date::from_days_since_epoch(from).unwrap();
        let until = Date::from_days_since_epoch(from.days_since_epoch() + length).unwrap();
        let mut s = service("s", Cond::Cmp { fact: Fact::named("age"), op: Op::Ge, value: 0 }, None, vec![]);
        s.effective_from = from;
        s.effective_until = if open_ended { None } else { Some(until) };
        let set = rules(vec![s]);
        let plan = Plan::new(&set, "150104").unwrap();
        let a = Answers::new().with(Fact::named("age"), Some(70));
        let status = |d: Date| plan.quick(d, &a)[0].status;
        prop_assert_eq!(status(from.pred()), Status::NotYetInForce);
        prop_assert_eq!(status(from), Status::Eligible);
        prop_assert_eq!(status(until), Status::Eligible);
        let after = status(until.succ());
        prop_assert_eq!(after, if open_ended { Status::Eligible } else { Status::Expired });
    }

    /// Age rules turn on the birthday itself (周岁), 29 February included,
    /// and the promised date is that birthday.
    #[test]
    fn age_thresholds_turn_on_the_birthday(born in -20_000i64..-3_000, threshold in prop::sample::select(vec![60, 65, 70, 80, 90, 100])) {
        let birth = Date::from_days_since_epoch(born).unwrap();
        let birthday = birth.add_years(threshold);
        let mut s = service("s", Cond::Cmp { fact: Fact::named("age"), op: Op::Ge, value: threshold }, None, vec![]);
        s.effective_from = Date::parse("1900-01-01").unwrap();
        let set = rules(vec![s]);
        let plan = Plan::new(&set, "150104").unwrap();
        let mut a = Answers::new();
        a.set_birth_date(Some(birth));
        let day_before = plan.evaluate(birthday.pred(), &a).unwrap();
        prop_assert_eq!(day_before.outcomes[0].status, Status::Ineligible);
        let later = day_before.outcomes[0].later.clone().unwrap();
        prop_assert_eq!((later.age, later.earliest, later.latest), (threshold, birthday, birthday));
        prop_assert_eq!(plan.evaluate(birthday, &a).unwrap().outcomes[0].status, Status::Eligible);
    }
}

#[test]
fn a_29_february_birthday_counts_on_28_february_in_common_years() {
    let birth = Date::parse("1945-02-28").unwrap().succ(); // 1945 has no 29 February
    assert_eq!(birth.to_string(), "1945-03-01");
    let birth = Date::parse("1944-02-29").unwrap();
    for (threshold, turns) in [(80, "2024-02-29"), (81, "2025-02-28")] {
        let mut s = service(
            "s",
            Cond::Cmp {
                fact: Fact::named("age"),
                op: Op::Ge,
                value: threshold,
            },
            None,
            vec![],
        );
        s.effective_from = Date::parse("1900-01-01").unwrap();
        let set = rules(vec![s]);
        let plan = Plan::new(&set, "150104").unwrap();
        let mut a = Answers::new();
        a.set_birth_date(Some(birth));
        let turns = Date::parse(turns).unwrap();
        assert_eq!(
            plan.evaluate(turns.pred(), &a).unwrap().outcomes[0].status,
            Status::Ineligible
        );
        assert_eq!(
            plan.evaluate(turns, &a).unwrap().outcomes[0].status,
            Status::Eligible
        );
    }
}
