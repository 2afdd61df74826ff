//! How long the engine takes to evaluate every service of a region for one person.
//! Run: `cargo bench -p yanglao-core --features source --bench evaluate`

use std::path::Path;
use yanglao_core::source::load_dir;
use yanglao_core::{Answers, Date, Fact, Plan, RuleSet};

fn main() {
    divan::main();
}

fn rules() -> &'static RuleSet {
    use std::sync::OnceLock;
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        load_dir(&dir).unwrap_or_else(|e| panic!("rules load: {}", e[0]))
    })
}

const REGIONS: &[&str] = &["150104", "410726", "621100", "140000", "370881"];

/// A complete profile: every fact answered (the usual case in batch screening).
fn full_profile() -> Answers {
    let mut a = Answers::new();
    for (fact, value) in [
        (Fact::named("age"), 82),
        (Fact::named("lives_in_region"), 1),
        (Fact::named("economic"), 2),
        (Fact::named("ability"), 2),
        (Fact::named("dementia"), 0),
        (Fact::named("disability_grade"), 0),
        (Fact::named("disability_kind"), 0),
        (Fact::named("living"), 0),
        (Fact::named("fp_family"), 0),
        (Fact::named("fp_special_support"), 0),
        (Fact::named("contributor"), 0),
        (Fact::named("military_priority"), 0),
        (Fact::named("no_supporter"), 0),
        (Fact::named("ltc_insurance"), 0),
        (Fact::named("institution_subsidy"), 0),
    ] {
        a.set(fact, Some(value)).unwrap();
    }
    a
}

fn date() -> Date {
    Date::parse("2026-11-22").unwrap()
}

/// Statuses of every service, complete answers (the batch-screening path).
#[divan::bench(args = REGIONS)]
fn statuses_full_answers(bencher: divan::Bencher, region: &str) {
    let plan = Plan::new(rules(), region).unwrap();
    let answers = full_profile();
    bencher.bench_local(|| plan.quick(divan::black_box(date()), divan::black_box(&answers)));
}

/// Everything the results page shows: statuses, reasons, notes, future dates.
#[divan::bench(args = REGIONS)]
fn explained_full_answers(bencher: divan::Bencher, region: &str) {
    let plan = Plan::new(rules(), region).unwrap();
    let answers = full_profile();
    bencher.bench_local(|| {
        plan.evaluate(divan::black_box(date()), divan::black_box(&answers))
            .unwrap()
    });
}

/// The first screen of the questionnaire: nothing answered, every fact open.
#[divan::bench(args = REGIONS)]
fn explained_no_answers(bencher: divan::Bencher, region: &str) {
    let plan = Plan::new(rules(), region).unwrap();
    let answers = Answers::new();
    bencher.bench_local(|| {
        plan.evaluate(divan::black_box(date()), divan::black_box(&answers))
            .unwrap()
    });
}

/// A date on which most of the region's services are in force (two of the
/// regions' rules have expired by the usual date, and an expired service is
/// not evaluated at all).
fn in_force_date(plan: &Plan) -> Date {
    let starts = plan.services.iter().map(|(_, s)| s.effective_from);
    starts
        .max_by_key(|d| {
            plan.services
                .iter()
                .filter(|(_, s)| s.in_force_on(*d) == yanglao_core::Status::Eligible)
                .count()
        })
        .unwrap_or_else(date)
}

/// Relevance with nothing answered: every service's status and exactly which
/// open facts could still change it (what the questionnaire works out
/// first), on a date its services are in force.
#[divan::bench(args = REGIONS)]
fn relevance_no_answers(bencher: divan::Bencher, region: &str) {
    let plan = Plan::new(rules(), region).unwrap();
    let on = in_force_date(&plan);
    let answers = Answers::new();
    bencher.bench_local(|| plan.quick(divan::black_box(on), divan::black_box(&answers)));
}

/// The same with age answered (the questionnaire's first answer): the
/// diagrams are restricted rather than read as compiled.
#[divan::bench(args = REGIONS)]
fn relevance_age_answered(bencher: divan::Bencher, region: &str) {
    let plan = Plan::new(rules(), region).unwrap();
    let on = in_force_date(&plan);
    let answers = Answers::new().with(Fact::named("age"), Some(72));
    bencher.bench_local(|| plan.quick(divan::black_box(on), divan::black_box(&answers)));
}

/// Building a region's plan (the app builds one per screen).
#[divan::bench(args = REGIONS)]
fn plan(bencher: divan::Bencher, region: &str) {
    bencher.bench_local(|| Plan::new(divan::black_box(rules()), divan::black_box(region)).unwrap());
}
