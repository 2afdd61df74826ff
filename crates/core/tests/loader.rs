//! Rule files that are wrong must fail with the file, the line and what was expected.

use yanglao_core::source::{load_files, RuleError};
use yanglao_core::{evaluate, Answers, Date, Fact, RawValue, Status};

/// A small valid file; tests break one line of it at a time.
const GOOD: &str = r#"[region]
code = "150104"
name = "内蒙古自治区呼和浩特市玉泉区"
short_name = "玉泉区"

[[documents]]
id = "doc"
title = "测试文件"
number = ""
issuer = "玉泉区民政局"
date = "2024-07-25"
effective_from = "2024-07-25"

[[services]]
id = "test-home-care"
kind = "home_care"
name = "上门服务"
summary = "上门服务。"
document = "doc"
clause = "三、(一)"
when = '''
age >= 60 and lives_in_region
and ability >= mild
and ("第4类：70周岁以上独居" (age >= 70 and living == alone) or "第6类：90周岁以上" (age >= 90))
and not ltc_insurance
'''
[services.amount]
note = "按市级清单执行"
[services.apply]
where = "社区"
steps = ["申请"]
documents = ["身份证"]
reviewer = "区民政局"
office = "区民政局"
[[services.cases]]
date = "2026-11-22"
answers = { age = 72, lives_in_region = true, ability = "moderate", living = "alone", ltc_insurance = false }
status = "eligible"
[[services.cases]]
date = "2026-11-22"
answers = { age = 72, lives_in_region = true, ability = "moderate", living = "with_family", ltc_insurance = false }
status = "ineligible"
[[services.cases]]
date = "2026-11-22"
answers = { age = 72, lives_in_region = true, living = "alone", ltc_insurance = false }
status = "maybe"
missing = ["ability"]
"#;

fn load_one(text: &str) -> Result<yanglao_core::RuleSet, Vec<RuleError>> {
    load_files(&[("rules/150104.toml".to_string(), text.to_string())])
}

fn errors_of(text: &str) -> Vec<RuleError> {
    load_one(text).expect_err("the broken file must be refused")
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .expect("needle present")
        + 1
}

#[test]
fn the_good_fixture_loads_and_its_cases_pass() {
    let rules = load_one(GOOD).unwrap();
    let (ran, failures) = yanglao_core::cases::run_all(&rules);
    assert_eq!(ran, 3);
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn a_misspelt_key_names_file_line_and_the_expected_keys() {
    let bad = GOOD.replace("summary = \"上门服务。\"", "sumary = \"上门服务。\"");
    let errors = errors_of(&bad);
    assert_eq!(errors.len(), 1);
    let e = &errors[0];
    assert_eq!(e.file, "rules/150104.toml");
    assert!(e.message.contains("unknown field `sumary`"), "{e}");
    assert!(e.message.contains("summary"), "says what was expected: {e}");
    assert_eq!(e.line, line_of(&bad, "sumary"), "{e}");
    assert!(e
        .to_string()
        .starts_with(&format!("rules/150104.toml:{}: ", e.line)));
}

#[test]
fn an_unknown_fact_names_the_line_inside_the_condition() {
    let bad = GOOD.replace("and ability >= mild", "and abilty >= mild");
    let errors = errors_of(&bad);
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].line, line_of(&bad, "abilty"), "{}", errors[0]);
    assert!(errors[0].message.contains("unknown fact `abilty`"));
    assert!(errors[0]
        .message
        .contains("expected one of: age, lives_in_region"));
}

#[test]
fn an_unknown_value_and_a_wrong_type_are_refused_with_their_lines() {
    let bad = GOOD.replace("living == alone", "living == lonely");
    let e = &errors_of(&bad)[0];
    assert_eq!(e.line, line_of(&bad, "lonely"));
    assert!(e.message.contains("one of alone, empty_nest"), "{e}");

    let bad = GOOD.replace("clause = \"三、(一)\"", "clause = 3");
    let e = &errors_of(&bad)[0];
    assert_eq!(e.line, line_of(&bad, "clause = 3"), "{e}");
    assert!(
        e.message.contains("invalid type") && e.message.contains("string"),
        "{e}"
    );

    let bad = GOOD.replace("answers = { age = 72, lives_in_region = true, ability = \"moderate\", living = \"alone\"", "answers = { age = \"72\", lives_in_region = true, ability = \"moderate\", living = \"alone\"");
    let e = &errors_of(&bad)[0];
    assert_eq!(e.line, line_of(&bad, "age = \"72\""), "{e}");
    assert!(
        e.message
            .contains("age must be a whole number from 0 to 130"),
        "{e}"
    );
}

#[test]
fn unreachable_services_bad_dates_and_missing_notes_are_errors() {
    let bad = GOOD.replace(
        "age >= 60 and lives_in_region",
        "age >= 60 and age < 50 and lives_in_region",
    );
    assert!(errors_of(&bad)[0].message.contains("unreachable"));

    let bad = GOOD.replace(
        "effective_from = \"2024-07-25\"",
        "effective_from = \"2024-02-30\"",
    );
    let e = &errors_of(&bad)[0];
    assert!(e.message.contains("not a real date"), "{e}");
    assert_eq!(e.line, line_of(&bad, "2024-02-30"));

    let bad = GOOD.replace("note = \"按市级清单执行\"", "");
    assert!(errors_of(&bad)[0].message.contains("needs a `note`"));

    let bad = GOOD.replace("kind = \"home_care\"", "kind = \"homecare\"");
    assert!(errors_of(&bad)[0]
        .message
        .contains("unknown kind `homecare`"));

    let bad = GOOD.replace("status = \"ineligible\"", "status = \"no\"");
    assert!(errors_of(&bad)[0].message.contains("unknown status `no`"));
}

#[test]
fn a_failing_case_is_reported_with_its_line() {
    let bad = GOOD.replace("status = \"ineligible\"", "status = \"eligible\"");
    let rules = load_one(&bad).unwrap();
    let (_, failures) = yanglao_core::cases::run_all(&rules);
    assert_eq!(failures.len(), 1);
    assert!(failures[0].at.starts_with("rules/150104.toml:"));
    assert!(
        failures[0]
            .message
            .contains("expected eligible, got ineligible"),
        "{}",
        failures[0]
    );
}

#[test]
fn exclusions_must_name_real_services_and_not_loop() {
    let bad = GOOD.replace(
        "clause = \"三、(一)\"",
        "clause = \"三、(一)\"\nexcludes = [\"nope\"]",
    );
    assert!(errors_of(&bad)[0]
        .message
        .contains("unknown service id `nope`"));
    let bad = GOOD.replace(
        "clause = \"三、(一)\"",
        "clause = \"三、(一)\"\nexcludes = [\"test-home-care\"]",
    );
    assert!(errors_of(&bad)[0].message.contains("cannot exclude itself"));
}

#[test]
fn reasons_come_from_the_condition_tree() {
    let rules = load_one(GOOD).unwrap();
    let date = Date::parse("2026-11-22").unwrap();
    let answers = Answers::from_pairs([
        ("age", RawValue::Int(72)),
        ("lives_in_region", RawValue::Bool(true)),
        ("ability", RawValue::Text("moderate".into())),
        ("living", RawValue::Text("alone".into())),
        ("ltc_insurance", RawValue::Bool(false)),
    ])
    .unwrap();
    let e = evaluate(&rules, "150104", date, &answers).unwrap();
    let o = &e.outcomes[0];
    assert_eq!(o.status, Status::Eligible);
    assert_eq!(o.reasons[0], "年满70周岁");
    assert!(o.reasons.contains(&"独居".to_string()));
    assert!(o.reasons.contains(&"中度失能".to_string()));
    assert!(o.reasons.contains(&"第4类：70周岁以上独居".to_string()));
    // A name for a single test replaces it: "独居老人", not "独居老人" and "独居".
    let single = load_one(&GOOD.replace(
        "\"第4类：70周岁以上独居\" (age >= 70 and living == alone)",
        "age >= 70 and \"独居老人\" (living == alone)",
    ))
    .unwrap();
    let o = &evaluate(&single, "150104", date, &answers)
        .unwrap()
        .outcomes[0];
    assert!(
        o.reasons.contains(&"独居老人".to_string()),
        "{:?}",
        o.reasons
    );
    assert!(!o.reasons.contains(&"独居".to_string()), "{:?}", o.reasons);

    // Why not, and when it will change: with family at 72, the 90+ category remains.
    let with_family = answers.with(Fact::Living, Some(3));
    let e = evaluate(&rules, "150104", date, &with_family).unwrap();
    let o = &e.outcomes[0];
    assert_eq!(o.status, Status::Ineligible);
    assert!(
        o.unmet[0].contains("需符合以下任一条件：第4类：70周岁以上独居；第6类：90周岁以上"),
        "{:?}",
        o.unmet
    );
    let later = o.later.as_ref().expect("qualifies at 90");
    assert_eq!(later.age, 90);
    assert_eq!(later.latest, Date::parse("2044-11-22").unwrap());
    assert_eq!(later.earliest, Date::parse("2043-11-23").unwrap());

    // A county below a region with rules inherits them; a code with none is an error.
    assert!(evaluate(&rules, "150000", date, &answers).is_err());
    assert!(evaluate(&rules, "15010", date, &answers)
        .unwrap_err()
        .0
        .contains("6-digit"));
}
