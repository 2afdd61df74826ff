//! Tiers, exclusions, dates, inheritance and the next useful question, on a small fixture.

use yanglao_core::questionnaire::ranked;
use yanglao_core::source::load_files;
use yanglao_core::Lang;
use yanglao_core::{evaluate, Answers, Date, Fact, Plan, RawValue, RuleSet, Status};

fn service(id: &str, when: &str, extra: &str) -> String {
    format!(
        r#"
[[services]]
id = "{id}"
kind = "high_age_allowance"
name = "{id}"
summary = "测试"
document = "doc"
clause = "一"
when = "{when}"
{extra}
[services.amount]
yuan_per_month = 50
[services.apply]
where = "乡镇"
steps = ["申请"]
documents = ["身份证"]
reviewer = "县民政局"
office = "县民政局"
[[services.cases]]
date = "2026-11-22"
answers = {{}}
status = "maybe"
[[services.cases]]
date = "2026-11-22"
answers = {{}}
status = "maybe"
[[services.cases]]
date = "2026-11-22"
answers = {{}}
status = "maybe"
"#
    )
}

fn fixture() -> RuleSet {
    let province = format!(
        r#"[region]
code = "410000"
name = "河南省"
short_name = "河南省"
[[documents]]
id = "doc"
title = "省文件"
number = ""
issuer = "省民政厅"
date = "2020-01-01"
effective_from = "2020-01-01"
{}"#,
        service(
            "p-visits",
            "age >= 60 and living in [alone, empty_nest]",
            ""
        )
    );
    let county = format!(
        r#"[region]
code = "410726"
name = "河南省新乡市延津县"
short_name = "延津县"
[[documents]]
id = "doc"
title = "县文件"
number = ""
issuer = "县民政局"
date = "2024-12-31"
effective_from = "2024-12-31"
effective_until = "2027-12-31"
{}{}{}{}{}"#,
        service(
            "band-80",
            "age >= 80 and age < 90 and economic == dibao",
            "tier_group = \"band\"\ntier = 1"
        ),
        service(
            "band-90",
            "age >= 90 and age < 100 and economic == dibao",
            "tier_group = \"band\"\ntier = 2"
        ),
        service("band-100", "age >= 100", "tier_group = \"band\"\ntier = 3"),
        service(
            "nursing",
            "ability >= severe and economic in [dibao, tekun_scattered]",
            "excludes = [\"subsidy\"]"
        ),
        service(
            "subsidy",
            "economic in [dibao, tekun_scattered]",
            "effective_from = \"2027-01-01\""
        ),
    );
    load_files(&[
        ("rules/410000.toml".into(), province),
        ("rules/410726.toml".into(), county),
    ])
    .unwrap_or_else(|e| panic!("{}", e[0]))
}

fn answers(pairs: &[(&str, RawValue)]) -> Answers {
    Answers::from_pairs(pairs.iter().map(|(k, v)| (*k, v.clone()))).unwrap()
}

fn status_of(rules: &RuleSet, date: &str, a: &Answers, id: &str) -> Status {
    let e = evaluate(rules, "410726", Date::parse(date).unwrap(), a).unwrap();
    e.outcomes
        .iter()
        .find(|o| o.service.id == id)
        .unwrap()
        .status
}

#[test]
fn a_county_sees_its_own_services_and_its_provinces() {
    let rules = fixture();
    let e = evaluate(
        &rules,
        "410726",
        Date::parse("2026-11-22").unwrap(),
        &Answers::new(),
    )
    .unwrap();
    let ids: Vec<&str> = e.outcomes.iter().map(|o| o.service.id.as_str()).collect();
    assert_eq!(
        ids,
        ["band-80", "band-90", "band-100", "nursing", "subsidy", "p-visits"]
    );
    // Another county of the province sees only the province's.
    let e = evaluate(
        &rules,
        "410102",
        Date::parse("2026-11-22").unwrap(),
        &Answers::new(),
    )
    .unwrap();
    let ids: Vec<&str> = e.outcomes.iter().map(|o| o.service.id.as_str()).collect();
    assert_eq!(ids, ["p-visits"]);
}

#[test]
fn age_bands_pay_one_band() {
    // Bands must not overlap (the rules check refuses it); each age falls in one.
    let rules = fixture();
    let a = answers(&[
        ("age", RawValue::Int(92)),
        ("economic", RawValue::Text("dibao".into())),
    ]);
    assert_eq!(
        status_of(&rules, "2026-11-22", &a, "band-90"),
        Status::Eligible
    );
    assert_eq!(
        status_of(&rules, "2026-11-22", &a, "band-80"),
        Status::Ineligible
    );
    assert_eq!(
        status_of(&rules, "2026-11-22", &a, "band-100"),
        Status::Ineligible
    );
    // 92 with the economic status unknown: only the 90 band is open.
    let a = answers(&[("age", RawValue::Int(92))]);
    assert_eq!(
        status_of(&rules, "2026-11-22", &a, "band-80"),
        Status::Ineligible
    );
    assert_eq!(
        status_of(&rules, "2026-11-22", &a, "band-90"),
        Status::Maybe
    );
    assert_eq!(
        status_of(&rules, "2026-11-22", &a, "band-100"),
        Status::Ineligible
    );
}

#[test]
fn dates_decide_in_force_expired_and_not_yet() {
    let rules = fixture();
    let a = answers(&[
        ("economic", RawValue::Text("dibao".into())),
        ("ability", RawValue::Text("intact".into())),
    ]);
    assert_eq!(
        status_of(&rules, "2026-12-31", &a, "subsidy"),
        Status::NotYetInForce
    );
    assert_eq!(
        status_of(&rules, "2027-01-01", &a, "subsidy"),
        Status::Eligible
    );
    assert_eq!(
        status_of(&rules, "2027-12-31", &a, "subsidy"),
        Status::Eligible
    );
    assert_eq!(
        status_of(&rules, "2028-01-01", &a, "subsidy"),
        Status::Expired
    );
    assert_eq!(
        status_of(&rules, "2024-12-30", &a, "band-80"),
        Status::NotYetInForce
    );
}

#[test]
fn an_exclusion_replaces_the_other_service() {
    let rules = fixture();
    let severe = answers(&[
        ("economic", RawValue::Text("dibao".into())),
        ("ability", RawValue::Text("severe".into())),
    ]);
    assert_eq!(
        status_of(&rules, "2027-06-01", &severe, "nursing"),
        Status::Eligible
    );
    assert_eq!(
        status_of(&rules, "2027-06-01", &severe, "subsidy"),
        Status::Ineligible
    );
    let e = evaluate(
        &rules,
        "410726",
        Date::parse("2027-06-01").unwrap(),
        &severe,
    )
    .unwrap();
    let subsidy = e
        .outcomes
        .iter()
        .find(|o| o.service.id == "subsidy")
        .unwrap();
    assert_eq!(subsidy.replaced_by.map(|s| s.id.as_str()), Some("nursing"));
    assert!(
        subsidy
            .unmet_in(Lang::Zh)
            .iter()
            .any(|u| u.contains("不重复享受")),
        "{:?}",
        subsidy.unmet_in(Lang::Zh)
    );
    let unknown = answers(&[("economic", RawValue::Text("dibao".into()))]);
    assert_eq!(
        status_of(&rules, "2027-06-01", &unknown, "subsidy"),
        Status::Maybe
    );
}

#[test]
fn the_next_useful_question_settles_the_most_services() {
    let rules = fixture();
    let date = Date::parse("2026-11-22").unwrap();
    let plan = Plan::new(&rules, "410726").unwrap();
    let next = ranked(&plan.quick(date, &Answers::new()));
    assert_eq!(next[0].0, Fact::named("age"), "{next:?}");
    // Once age 70 is known, the age bands are settled (ineligible) and age is no longer asked.
    let a = answers(&[("age", RawValue::Int(70))]);
    let next: Vec<Fact> = ranked(&plan.quick(date, &a))
        .into_iter()
        .map(|(f, _)| f)
        .collect();
    assert!(!next.contains(&Fact::named("age")));
    assert!(
        next.contains(&Fact::named("living"))
            && next.contains(&Fact::named("economic"))
            && next.contains(&Fact::named("ability"))
    );
    // The 80 band tells a 79-year-old when: by the birth date if known.
    let mut a = answers(&[("economic", RawValue::Text("dibao".into()))]);
    a.set_birth_date(Some(Date::parse("1947-03-05").unwrap()));
    let e = evaluate(&rules, "410726", date, &a).unwrap();
    let band = e
        .outcomes
        .iter()
        .find(|o| o.service.id == "band-80")
        .unwrap();
    assert_eq!(band.status, Status::Ineligible);
    let later = band.later.as_ref().unwrap();
    assert_eq!(
        (later.age, later.earliest, later.status),
        (80, Date::parse("2027-03-05").unwrap(), Status::Eligible)
    );
    // ... but not past the end of the document (2027-12-31): no promise the plan cannot keep.
    let e = evaluate(&rules, "410726", date, &a).unwrap();
    assert!(e
        .outcomes
        .iter()
        .find(|o| o.service.id == "band-90")
        .unwrap()
        .later
        .is_none());
}

#[test]
fn the_questionnaire_asks_only_what_matters_and_never_twice() {
    use yanglao_core::questionnaire::simulate;
    let rules = fixture();
    let plan = Plan::new(&rules, "410726").unwrap();
    let date = Date::parse("2026-11-22").unwrap();
    // A 70-year-old: after age, the age bands are settled; 不知道 for economic is not asked again.
    let profile = answers(&[
        ("age", RawValue::Int(70)),
        ("living", RawValue::Text("alone".into())),
    ]);
    let asked = simulate(&plan, date, &profile);
    assert_eq!(asked[0], Fact::named("age"));
    let mut unique = asked.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), asked.len(), "{asked:?}");
    assert!(
        asked.contains(&Fact::named("economic"))
            && asked.contains(&Fact::named("living"))
            && asked.contains(&Fact::named("ability"))
    );
    assert!(
        !asked.contains(&Fact::named("dementia")),
        "no rule here reads dementia: {asked:?}"
    );
    // Someone who answers everything: at the end nothing is maybe any more.
    let full = answers(&[
        ("age", RawValue::Int(85)),
        ("living", RawValue::Text("with_family".into())),
        ("economic", RawValue::Text("none".into())),
        ("ability", RawValue::Text("intact".into())),
    ]);
    let asked = simulate(&plan, date, &full);
    let mut known = Answers::new();
    for f in &asked {
        known = known.with(*f, full.get(*f));
    }
    assert!(plan
        .quick(date, &known)
        .iter()
        .all(|q| q.status != Status::Maybe));
    // With economic = none, ability no longer matters and is not asked.
    assert!(!asked.contains(&Fact::named("ability")), "{asked:?}");
}

#[test]
fn overlapping_tiers_are_refused_by_the_rules_check() {
    // The fixture's bands overlap on purpose where 100+ has no economic condition:
    // a 100-year-old on 低保 meets band-90 and band-100. Disjoint bands load.
    let rules_text = |band_100: &str| {
        format!(
            r#"[region]
code = "410726"
name = "河南省新乡市延津县"
short_name = "延津县"
[[documents]]
id = "doc"
title = "县文件"
number = ""
issuer = "县民政局"
date = "2024-12-31"
effective_from = "2024-12-31"
{}{}"#,
            service(
                "band-90",
                "age >= 90 and age < 100 and economic == dibao",
                "tier_group = \"band\"\ntier = 1"
            ),
            service("band-100", band_100, "tier_group = \"band\"\ntier = 2"),
        )
    };
    let overlapping = load_files(&[("rules/410726.toml".into(), rules_text("age >= 95"))]);
    let errors = overlapping.expect_err("overlapping bands are refused");
    assert!(
        errors[0]
            .message
            .contains("tiers `band-90` and `band-100` of tier_group `band` overlap"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].to_string().starts_with("rules/410726.toml:"),
        "{}",
        errors[0]
    );
    assert!(load_files(&[("rules/410726.toml".into(), rules_text("age >= 100"))]).is_ok());
}

/// A county and its province, both with a service `high-age-allowance`, a
/// tier group `band` and an exclusion of their own.
fn two_levels_same_ids() -> RuleSet {
    let file = |code: &str, name: &str, age: i32| {
        format!(
            r#"[region]
code = "{code}"
name = "{name}"
short_name = "{name}"
[[documents]]
id = "doc"
title = "{name}文件"
number = ""
issuer = "民政部门"
date = "2020-01-01"
effective_from = "2020-01-01"
{}{}{}{}"#,
            service(
                "high-age-allowance",
                &format!("age >= {age}"),
                "excludes = [\"small\"]"
            ),
            service("small", "age >= 60", ""),
            service(
                "band-1",
                "age >= 60 and age < 70",
                "tier_group = \"band\"\ntier = 1"
            ),
            service("band-2", "age >= 70", "tier_group = \"band\"\ntier = 2"),
        )
    };
    load_files(&[
        ("rules/410000.toml".into(), file("410000", "河南省", 80)),
        ("rules/410726.toml".into(), file("410726", "延津县", 90)),
    ])
    .unwrap_or_else(|e| panic!("{}", e[0]))
}

#[test]
fn ids_and_tier_groups_belong_to_their_file() {
    let rules = two_levels_same_ids();
    let date = Date::parse("2026-11-22").unwrap();
    let outcome = |e: &yanglao_core::Evaluation<'_>, code: &str, id: &str| {
        let found: Vec<_> = e
            .outcomes
            .iter()
            .filter(|o| o.region.code == code && o.service.id == id)
            .collect();
        assert_eq!(found.len(), 1, "{code} {id}");
        (found[0].status, found[0].replaced_by.map(|s| s.id.clone()))
    };
    // 85: the province's allowance (80+) holds and replaces the province's
    // `small`; the county's (90+) does not, so the county's `small` stays.
    let a = answers(&[("age", RawValue::Int(85))]);
    let e = evaluate(&rules, "410726", date, &a).unwrap();
    assert_eq!(e.outcomes.len(), 8, "both regions' four services");
    assert_eq!(
        outcome(&e, "410000", "high-age-allowance").0,
        Status::Eligible
    );
    assert_eq!(
        outcome(&e, "410726", "high-age-allowance").0,
        Status::Ineligible
    );
    assert_eq!(
        outcome(&e, "410000", "small"),
        (Status::Ineligible, Some("high-age-allowance".to_string()))
    );
    assert_eq!(outcome(&e, "410726", "small"), (Status::Eligible, None));
    // Each file's band 2 outranks only its own band 1.
    let a = answers(&[("age", RawValue::Int(75))]);
    let e = evaluate(&rules, "410726", date, &a).unwrap();
    for code in ["410000", "410726"] {
        assert_eq!(outcome(&e, code, "band-2").0, Status::Eligible);
        assert_eq!(
            outcome(&e, code, "band-1"),
            (Status::Ineligible, None),
            "a 75-year-old is outside band 1 of {code}"
        );
    }
    let a = answers(&[("age", RawValue::Int(65))]);
    let e = evaluate(&rules, "410726", date, &a).unwrap();
    for code in ["410000", "410726"] {
        assert_eq!(outcome(&e, code, "band-1").0, Status::Eligible);
    }
    // The contract output keeps the id as written; the region says whose it is.
    assert_eq!(
        rules
            .service_in("410726", "high-age-allowance")
            .unwrap()
            .0
            .code,
        "410726"
    );
    assert_eq!(
        rules
            .service_in("410000", "high-age-allowance")
            .unwrap()
            .0
            .code,
        "410000"
    );
    // Every case of both files runs against its own service.
    let (ran, failures) = yanglao_core::cases::run_all(&rules);
    assert_eq!(ran, 24);
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn an_exclusion_names_a_service_of_its_own_file_and_ids_repeat_only_across_files() {
    let province = format!(
        r#"[region]
code = "410000"
name = "河南省"
short_name = "河南省"
[[documents]]
id = "doc"
title = "省文件"
number = ""
issuer = "省民政厅"
date = "2020-01-01"
effective_from = "2020-01-01"
{}"#,
        service("province-only", "age >= 60", "")
    );
    let county = |extra: &str| {
        format!(
            r#"[region]
code = "410726"
name = "延津县"
short_name = "延津县"
[[documents]]
id = "doc"
title = "县文件"
number = ""
issuer = "县民政局"
date = "2020-01-01"
effective_from = "2020-01-01"
{}{extra}"#,
            service("county", "age >= 60", "excludes = [\"province-only\"]")
        )
    };
    let errors = load_files(&[
        ("rules/410000.toml".into(), province.clone()),
        ("rules/410726.toml".into(), county("")),
    ])
    .expect_err("a county cannot replace a province's service by id");
    assert!(errors[0].to_string().starts_with("rules/410726.toml:"));
    assert!(
        errors[0].message.contains("not a service of this file"),
        "{}",
        errors[0]
    );
    // Twice the same id in one file is still an error.
    let twice = format!(
        "{}{}",
        county("").replace("excludes = [\"province-only\"]", ""),
        service("county", "age >= 70", "")
    );
    let errors = load_files(&[("rules/410726.toml".into(), twice)]).unwrap_err();
    assert!(
        errors[0]
            .message
            .contains("duplicate service id `county` in this file"),
        "{}",
        errors[0]
    );
    // Two files for one region are refused.
    let errors = load_files(&[
        (
            "rules/410726.toml".into(),
            county("").replace("excludes = [\"province-only\"]", ""),
        ),
        (
            "rules/410726-copy.toml".into(),
            county("").replace("excludes = [\"province-only\"]", ""),
        ),
    ])
    .unwrap_err();
    assert!(
        errors[0].message.contains("already has a rule file"),
        "{}",
        errors[0]
    );
}
