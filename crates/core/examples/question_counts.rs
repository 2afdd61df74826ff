//! How many questions the adaptive questionnaire asks, per region, for a set
//! of typical profiles (issue: "well below the number of facts").
//! Run: `cargo run -p yanglao-core --features source --example question_counts`

use std::path::Path;
use yanglao_core::questionnaire::simulate;
use yanglao_core::source::load_dir;
use yanglao_core::{Answers, Date, Plan, RawValue};

/// Typical people (as community staff describe them), with some answers unknown (不知道).
pub fn typical_profiles() -> Vec<(&'static str, Answers)> {
    let t = |s: &'static str| RawValue::Text(s.into());
    let b = RawValue::Bool;
    let i = RawValue::Int;
    let people: Vec<(&str, Vec<(&str, RawValue)>)> = vec![
        (
            "61岁，身体好，与子女同住",
            vec![
                ("age", i(61)),
                ("lives_in_region", b(true)),
                ("economic", t("none")),
                ("ability", t("intact")),
                ("living", t("with_family")),
                ("dementia", b(false)),
            ],
        ),
        (
            "72岁独居，中度失能",
            vec![
                ("age", i(72)),
                ("lives_in_region", b(true)),
                ("economic", t("none")),
                ("ability", t("moderate")),
                ("living", t("alone")),
                ("dementia", b(false)),
                ("ltc_insurance", b(false)),
                ("institution_subsidy", b(false)),
            ],
        ),
        (
            "85岁低保，重度失能",
            vec![
                ("age", i(85)),
                ("lives_in_region", b(true)),
                ("economic", t("dibao")),
                ("ability", t("severe")),
                ("living", t("with_family")),
                ("dementia", b(false)),
                ("disability_grade", i(0)),
                ("ltc_insurance", b(false)),
                ("institution_subsidy", b(false)),
            ],
        ),
        (
            "92岁空巢，轻度失能，能力未评估",
            vec![
                ("age", i(92)),
                ("lives_in_region", b(true)),
                ("economic", t("none")),
                ("living", t("empty_nest")),
            ],
        ),
        (
            "67岁特困分散供养",
            vec![
                ("age", i(67)),
                ("lives_in_region", b(true)),
                ("economic", t("tekun_scattered")),
                ("ability", t("mild")),
                ("living", t("alone")),
                ("no_supporter", b(true)),
            ],
        ),
        (
            "78岁失独，低保边缘",
            vec![
                ("age", i(78)),
                ("lives_in_region", b(true)),
                ("economic", t("dibao_edge")),
                ("ability", t("intact")),
                ("living", t("empty_nest")),
                ("fp_family", t("bereaved")),
                ("fp_special_support", b(true)),
            ],
        ),
        (
            "81岁留守，经济情况不清楚",
            vec![
                ("age", i(81)),
                ("lives_in_region", b(true)),
                ("living", t("left_behind")),
                ("ability", t("mild")),
            ],
        ),
        (
            "70岁劳模，二级残疾",
            vec![
                ("age", i(70)),
                ("lives_in_region", b(true)),
                ("economic", t("none")),
                ("ability", t("moderate")),
                ("living", t("with_family")),
                ("contributor", b(true)),
                ("disability_grade", i(2)),
                ("disability_kind", t("physical")),
            ],
        ),
        (
            "100岁，人户分离",
            vec![
                ("age", i(100)),
                ("lives_in_region", b(false)),
                ("economic", t("none")),
                ("ability", t("total")),
                ("living", t("with_family")),
            ],
        ),
        ("什么都不知道的家属", vec![]),
    ];
    people
        .into_iter()
        .map(|(name, pairs)| {
            (
                name,
                Answers::from_pairs(pairs).expect("typical profiles are valid"),
            )
        })
        .collect()
}

fn main() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let rules = load_dir(&dir).unwrap_or_else(|e| panic!("{}", e[0]));
    let date = Date::parse("2026-11-22").unwrap();
    let profiles = typical_profiles();
    println!(
        "Questions asked on {date}, {} typical profiles, out of {} facts:",
        profiles.len(),
        yanglao_core::Fact::all().count()
    );
    println!("| region | services | median | max | facts its rules read |");
    println!("|---|---|---|---|---|");
    for region in &rules.regions {
        let plan = Plan::new(&rules, &region.code).unwrap();
        if std::env::var_os("SHOW").is_some() {
            for (name, p) in &profiles {
                let asked: Vec<&str> = simulate(&plan, date, p).iter().map(|f| f.key()).collect();
                eprintln!("{} {name}: {}", region.code, asked.join(" "));
            }
        }
        let mut counts: Vec<usize> = profiles
            .iter()
            .map(|(_, p)| simulate(&plan, date, p).len())
            .collect();
        counts.sort_unstable();
        let median = if counts.len().is_multiple_of(2) {
            (counts[counts.len() / 2 - 1] + counts[counts.len() / 2]) as f64 / 2.0
        } else {
            counts[counts.len() / 2] as f64
        };
        let read = plan
            .services
            .iter()
            .fold(yanglao_core::FactSet::EMPTY, |acc, (_, s)| {
                acc.union(s.when.facts())
            });
        println!(
            "| {} {} | {} | {} | {} | {} |",
            region.code,
            region.short_name,
            plan.services.len(),
            median,
            counts.last().unwrap(),
            read.len()
        );
    }
}
