//! Rule files that are wrong must fail with the file, the line and what was expected.

use yanglao_core::source::{load_files, RuleError};
use yanglao_core::{evaluate, Answers, Date, Fact, RawValue, Status};

mod common;
use common::GOOD;

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
    assert!(
        errors_of(&bad)[0]
            .message
            .contains("`excludes` names `nope`, which is not a service of this file"),
        "{}",
        errors_of(&bad)[0]
    );
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
    assert_eq!(o.reasons_in(yanglao_core::Lang::Zh)[0], "年满70周岁");
    assert!(o
        .reasons_in(yanglao_core::Lang::Zh)
        .contains(&"独居".to_string()));
    assert!(o
        .reasons_in(yanglao_core::Lang::Zh)
        .contains(&"中度失能".to_string()));
    assert!(o
        .reasons_in(yanglao_core::Lang::Zh)
        .contains(&"第4类：70周岁以上独居".to_string()));
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
        o.reasons_in(yanglao_core::Lang::Zh)
            .contains(&"独居老人".to_string()),
        "{:?}",
        o.reasons_in(yanglao_core::Lang::Zh)
    );
    assert!(
        !o.reasons_in(yanglao_core::Lang::Zh)
            .contains(&"独居".to_string()),
        "{:?}",
        o.reasons_in(yanglao_core::Lang::Zh)
    );

    // Why not, and when it will change: with family at 72, the 90+ category remains.
    let with_family = answers.with(Fact::named("living"), Some(3));
    let e = evaluate(&rules, "150104", date, &with_family).unwrap();
    let o = &e.outcomes[0];
    assert_eq!(o.status, Status::Ineligible);
    assert!(
        o.unmet_in(yanglao_core::Lang::Zh)[0]
            .contains("需符合以下任一条件：第4类：70周岁以上独居；第6类：90周岁以上"),
        "{:?}",
        o.unmet_in(yanglao_core::Lang::Zh)
    );
    let later = o.later.as_ref().expect("qualifies at 90");
    assert_eq!(later.age, 90);
    assert_eq!(later.latest, Date::parse("2044-11-22").unwrap());
    assert_eq!(later.earliest, Date::parse("2043-11-23").unwrap());

    // A county below a region with rules inherits them; a code with none is an error.
    // A real division with no list of its own (and none above) has no services.
    assert!(evaluate(&rules, "150000", date, &answers)
        .unwrap()
        .outcomes
        .is_empty());
    assert!(evaluate(&rules, "15010", date, &answers)
        .unwrap_err()
        .0
        .contains("6-digit"));
}

// ---- Shared terms (rules/terms.toml) ----

/// A small terms file; one term uses another.
const TERMS: &str = r#"[[terms]]
name = "失能"
when = '''
ability >= severe
or (ability in [mild, moderate] and verify("轻度、中度失能是否算失能，由{office}认定"))
'''
by_hand = ["ability >= severe"]
reading = "单说失能：重度、完全失能确定符合，轻度、中度交部门认定"
source = "CONTRACT ability"

[[terms]]
name = "重残"
aliases = ["重度残疾"]
label = "重度残疾（残疾人证一、二级）"
when = "disability_grade in [1, 2]"
by_hand = ["disability_grade in [1, 2]"]
reading = "残疾人证一级、二级"
source = "CONTRACT disability_grade"

[[terms]]
name = "等"
label = "所列以外的其他情形"
when = '''verify("名单有“等”：其他老人能否纳入，由{office}认定")'''
reading = "开放的名单"
source = "rules/README.md"

[[terms]]
name = "困难失能"
when = "economic == dibao and 失能"
reading = "低保且失能"
source = "测试"
"#;

fn with_terms(region: &str) -> Result<yanglao_core::source::Loaded, Vec<RuleError>> {
    yanglao_core::source::load_files_checked(&[
        ("rules/terms.toml".to_string(), TERMS.to_string()),
        ("rules/150104.toml".to_string(), region.to_string()),
    ])
}

fn outcome_for(
    rules: &yanglao_core::RuleSet,
    pairs: &[(&str, RawValue)],
) -> (Status, Vec<String>, Vec<String>) {
    let answers = Answers::from_pairs(pairs.iter().map(|(k, v)| (*k, v.clone()))).unwrap();
    let e = evaluate(
        rules,
        "150104",
        Date::parse("2026-11-22").unwrap(),
        &answers,
    )
    .unwrap();
    let o = &e.outcomes[0];
    (
        o.status,
        o.reasons_in(yanglao_core::Lang::Zh).clone(),
        o.verify.clone(),
    )
}

#[test]
fn a_term_is_written_by_its_name_and_explained_by_its_label() {
    let text = GOOD.replace(
        "and ability >= mild\nand (\"第4类：70周岁以上独居\" (age >= 70 and living == alone) or \"第6类：90周岁以上\" (age >= 90))",
        "and verify(\"本服务自己的核实\")\nand (\"失能老人\" (失能) or 重度残疾 or 等)",
    );
    assert!(text.contains("失能"), "the fixture changed");
    // Its cases no longer hold; only the loading and the results are looked at here.
    let loaded = with_terms(&text).unwrap_or_else(|e| panic!("{}", e[0]));
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
    assert_eq!(loaded.terms.len(), 4);
    let service = &loaded.rules.regions[0].services[0];
    // Notes are numbered within the service: its own first, then each term's.
    assert_eq!(service.when.verify_count(), 3);
    assert_eq!(service.when.verify_note(0), Some("本服务自己的核实"));
    // `{office}` reads as the service's office.
    assert_eq!(
        service.when.verify_note(1),
        Some("轻度、中度失能是否算失能，由区民政局认定")
    );
    assert_eq!(
        service.when.verify_note(2),
        Some("名单有“等”：其他老人能否纳入，由区民政局认定")
    );
    let base = [
        ("age", RawValue::Int(72)),
        ("lives_in_region", RawValue::Bool(true)),
        ("ltc_insurance", RawValue::Bool(false)),
    ];
    let with = |extra: &[(&'static str, RawValue<'static>)]| {
        let mut all = base.to_vec();
        all.extend_from_slice(extra);
        outcome_for(&loaded.rules, &all)
    };
    // Severe: the labelled part holds, said by the outer name once, with the grade.
    let (status, reasons, verify) = with(&[("ability", RawValue::Text("severe".into()))]);
    assert_eq!(status, Status::Maybe, "the service's own note stays open");
    assert!(reasons.contains(&"失能老人".to_string()), "{reasons:?}");
    assert!(reasons.contains(&"重度失能".to_string()), "{reasons:?}");
    assert!(!reasons.contains(&"失能".to_string()), "{reasons:?}");
    assert_eq!(verify, ["本服务自己的核实"]);
    // Moderate, no certificate: 失能 is left to the office, and so is the open list.
    let (status, _, verify) = with(&[
        ("ability", RawValue::Text("moderate".into())),
        ("disability_grade", RawValue::Int(0)),
    ]);
    assert_eq!(status, Status::Maybe);
    assert_eq!(verify.len(), 3, "{verify:?}");
    // A term over one comparison: its label and the person's own answer.
    let (_, reasons, _) = with(&[
        ("ability", RawValue::Text("intact".into())),
        ("disability_grade", RawValue::Int(2)),
    ]);
    assert!(
        reasons.contains(&"重度残疾（残疾人证一、二级）".to_string()),
        "{reasons:?}"
    );
    assert!(reasons.iter().any(|r| r.contains("二级")), "{reasons:?}");
    // A term built on another.
    let nested = GOOD.replace("and ability >= mild", "and 困难失能");
    let loaded = with_terms(&nested).unwrap_or_else(|e| panic!("{}", e[0]));
    let when = &loaded.rules.regions[0].services[0].when;
    assert_eq!(when.verify_count(), 1);
    assert!(when.verify_note(0).unwrap().contains("区民政局"));
}

#[test]
fn an_unknown_term_names_its_line_and_the_known_terms() {
    let bad = GOOD.replace("and ability >= mild", "and 失能老人");
    let errors = with_terms(&bad).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let e = &errors[0];
    assert_eq!(e.file, "rules/150104.toml");
    assert_eq!(e.line, line_of(&bad, "失能老人"), "{e}");
    assert!(e.message.contains("unknown term `失能老人`"), "{e}");
    assert!(
        e.message
            .contains("失能, 重残（也写作重度残疾）, 等, 困难失能"),
        "{e}"
    );
    // A term run into the open list's 等 gets a hint.
    let bad = GOOD.replace("and ability >= mild", "and 重残等");
    let e = &with_terms(&bad).unwrap_err()[0];
    assert!(e.message.contains("write `重残 or 等`"), "{e}");
    // Without a terms file no term is known.
    let bad = GOOD.replace("and ability >= mild", "and 失能");
    let e = &errors_of(&bad)[0];
    assert!(e.message.contains("no shared terms are loaded"), "{e}");
}

#[test]
fn a_term_spelled_out_by_hand_is_a_warning_with_its_line() {
    let text = GOOD
        .replace("and ability >= mild", "and ability >= severe")
        .replace(
            "documents = [\"身份证\"]",
            "documents = [\"身份证\", { name = \"残疾人证\", when = \"disability_grade in [1, 2]\" }]",
        );
    let loaded = with_terms(&text).unwrap_or_else(|e| panic!("{}", e[0]));
    let w: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert_eq!(w.len(), 2, "{w:?}");
    assert_eq!(loaded.warnings[0].line, line_of(&text, "ability >= severe"));
    assert!(
        w[0].contains(
            "warning: `ability >= severe` spells out the shared term 失能 by hand: write `失能`"
        ),
        "{w:?}"
    );
    assert_eq!(loaded.warnings[1].line, line_of(&text, "残疾人证"));
    assert!(w[1].contains("document `残疾人证`"), "{w:?}");
    assert!(w[1].contains("write `重残`"), "{w:?}");
    // Warnings do not stop the rules from loading.
    assert!(load_files(&[
        ("rules/terms.toml".to_string(), TERMS.to_string()),
        ("rules/150104.toml".to_string(), text),
    ])
    .is_ok());
}

#[test]
fn a_bad_terms_file_is_refused_with_its_lines() {
    let refused = |terms: &str| {
        yanglao_core::source::load_files(&[
            ("rules/terms.toml".to_string(), terms.to_string()),
            ("rules/150104.toml".to_string(), GOOD.to_string()),
        ])
        .expect_err("a broken terms file is refused")
    };
    let bad = TERMS.replace("name = \"重残\"", "name = \"zhongcan\"");
    let e = &refused(&bad)[0];
    assert_eq!(e.file, "rules/terms.toml");
    assert_eq!(e.line, line_of(&bad, "zhongcan"));
    assert!(e.message.contains("Chinese characters only"), "{e}");

    let bad = TERMS.replace("失能，由{office}认定", "失能，由民政局认定");
    assert_ne!(bad, TERMS);
    assert!(
        refused(&bad)[0]
            .message
            .contains("names who decides with {office}"),
        "{}",
        refused(&bad)[0]
    );

    let bad = TERMS.replace("reading = \"残疾人证一级、二级\"", "readng = \"x\"");
    let e = &refused(&bad)[0];
    assert!(e.message.contains("unknown field `readng`"), "{e}");

    let bad = TERMS.replace("economic == dibao and 失能", "economic == dibao and 失智");
    let e = &refused(&bad)[0];
    assert!(
        e.message.contains("term `困难失能`: unknown term `失智`"),
        "{e}"
    );
    assert_eq!(e.line, line_of(&bad, "失智"));

    let bad = TERMS.replace("aliases = [\"重度残疾\"]", "aliases = [\"失能\"]");
    assert!(refused(&bad)[0].message.contains("already used by `失能`"));

    let bad = TERMS.replace(
        "by_hand = [\"disability_grade in [1, 2]\"]",
        "by_hand = [\"age >= 60 and age < 70\"]",
    );
    assert!(refused(&bad)[0].message.contains("one comparison"));

    let bad = TERMS.to_string();
    let errors = yanglao_core::source::load_files(&[
        ("rules/terms.toml".to_string(), bad.clone()),
        ("other/terms.toml".to_string(), bad),
        ("rules/150104.toml".to_string(), GOOD.to_string()),
    ])
    .unwrap_err();
    assert!(
        errors[0].message.contains("a second terms file"),
        "{}",
        errors[0]
    );
}

#[test]
fn terms_keep_the_depth_and_note_limits() {
    use yanglao_core::expr::{MAX_DEPTH, MAX_NOTES};
    // A term nested almost to the limit (its label and group add two) is
    // fine alone, refused inside more brackets.
    let deep = format!("{}(age >= 60)", "not ".repeat(MAX_DEPTH - 4));
    let terms = format!(
        "{TERMS}\n[[terms]]\nname = \"深\"\nwhen = \"{deep}\"\nreading = \"r\"\nsource = \"s\"\n"
    );
    let load = |region: String| {
        yanglao_core::source::load_files(&[
            ("rules/terms.toml".to_string(), terms.clone()),
            ("rules/150104.toml".to_string(), region),
        ])
    };
    assert!(load(GOOD.replace("and ability >= mild", "and 深")).is_ok());
    let wrapped = format!("{}深{}", "(".repeat(10), ")".repeat(10));
    let errors = load(GOOD.replace("and ability >= mild", &format!("and {wrapped}"))).unwrap_err();
    assert!(errors[0].message.contains("levels deep"), "{}", errors[0]);
    // Notes: a term's notes count towards the service's limit.
    let many = vec!["等"; MAX_NOTES + 1].join(" or ");
    let errors = load(GOOD.replace("and ability >= mild", &format!("and ({many})"))).unwrap_err();
    assert!(
        errors[0].message.contains("too many verify notes"),
        "{}",
        errors[0]
    );
}

#[test]
fn more_than_six_notes_from_terms_are_decided_exactly() {
    // Past six notes the engine leaves its fast path; the answer must not change.
    let parts = ["(失能 or 等)"; 7].join(" and ");
    let text = GOOD.replace("and ability >= mild", &format!("and {parts}"));
    let loaded = with_terms(&text).unwrap_or_else(|e| panic!("{}", e[0]));
    let when = &loaded.rules.regions[0].services[0].when;
    assert_eq!(when.verify_count(), 14);
    for (ability, expected, notes) in [
        ("severe", Status::Eligible, 0),
        ("moderate", Status::Maybe, 2),
        ("intact", Status::Maybe, 1),
    ] {
        let (status, _, verify) = outcome_for(
            &loaded.rules,
            &[
                ("age", RawValue::Int(72)),
                ("lives_in_region", RawValue::Bool(true)),
                ("ltc_insurance", RawValue::Bool(false)),
                ("living", RawValue::Text("alone".into())),
                ("ability", RawValue::Text(ability.into())),
            ],
        );
        assert_eq!(status, expected, "{ability}");
        assert_eq!(verify.len(), notes, "{ability}: {verify:?}");
    }
}

mod random_conditions_with_terms {
    use proptest::prelude::*;
    use yanglao_core::expr::{parse_with, tree_depth, MAX_DEPTH};
    use yanglao_core::Answers;

    fn terms() -> &'static yanglao_core::expr::Terms {
        static TERMS: std::sync::OnceLock<yanglao_core::expr::Terms> = std::sync::OnceLock::new();
        TERMS.get_or_init(|| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
            yanglao_core::source::load_dir_checked(&dir)
                .expect("the project's rules load")
                .terms
        })
    }

    const PIECES: [&str; 22] = [
        "失能",
        "等",
        "经济困难",
        "高龄",
        "重残",
        "特困人员",
        "失能或半失能",
        "未知词",
        "age >= 60",
        "ability == mild",
        "dementia",
        " and ",
        " or ",
        "not ",
        "(",
        ")",
        "（",
        "）",
        "\"标签\" (",
        "verify(\"核\")",
        "计划生育特殊家庭等",
        "，",
    ];

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        /// Whatever is written, parsing never panics, and what parses stays
        /// within the depth limit and evaluates and explains.
        #[test]
        fn parse_evaluate_and_explain_never_panic(picks in prop::collection::vec(0usize..PIECES.len(), 0..60)) {
            let text: String = picks.iter().map(|i| PIECES[*i]).collect();
            if let Ok(p) = parse_with(&text, terms(), "县民政局") {
                prop_assert!(tree_depth(&p.cond) <= 2 * MAX_DEPTH);
                prop_assert!(p.cond.verify_count() <= yanglao_core::expr::MAX_NOTES);
                let _ = yanglao_core::eval::decide(&p.cond, &Answers::new());
                let _ = yanglao_core::eval::describe(&p.cond);
            }
        }
    }
}

/// 怎么算的 spells every condition out; a name whose words already begin
/// with it is said once, never nested ("特困人员（特困人员（分散供养）…）").
#[test]
fn spelled_out_conditions_never_nest_a_name_in_itself() {
    use yanglao_core::model::Cond;
    use yanglao_core::words::{Lang, Say};
    fn walk<'c>(c: &'c Cond, out: &mut Vec<&'c Cond>) {
        match c {
            Cond::All(items) | Cond::Any(items) => items.iter().for_each(|i| walk(i, out)),
            Cond::Not(inner) => walk(inner, out),
            Cond::Label { inner, .. } => {
                out.push(c);
                walk(inner, out);
            }
            _ => {}
        }
    }
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    let loaded = yanglao_core::source::load_dir_checked(&dir).expect("the project's rules load");
    let mut seen = 0;
    for region in &loaded.rules.regions {
        for service in &region.services {
            let mut labels = Vec::new();
            walk(&service.when, &mut labels);
            for lang in [Lang::Zh, Lang::En] {
                let say = Say::new(lang, service);
                for label in &labels {
                    let words = say.spell_out(label);
                    let open = if lang == Lang::Zh { "（" } else { " (" };
                    if let Some((name, rest)) = words.split_once(open) {
                        assert!(
                            !rest.starts_with(name),
                            "{} {}: {words}",
                            region.code,
                            service.id
                        );
                    }
                    seen += 1;
                }
            }
        }
    }
    assert!(seen >= 50, "{seen}");
}

#[test]
fn a_draft_without_enough_cases_is_read_but_not_finished() {
    use yanglao_core::regions::RegionIndex;
    use yanglao_core::source::{load_files_draft, load_files_for_check};
    // GOOD without its example cases.
    let draft = &GOOD[..GOOD.find("[[services.cases]]").unwrap()];
    let files = vec![("rules/150104.toml".to_string(), draft.to_string())];
    let errors =
        load_files_for_check(&files, RegionIndex::builtin()).expect_err("rules check refuses it");
    assert_eq!(errors.len(), 1, "{errors:?}");
    let d = load_files_draft(&files, RegionIndex::builtin()).expect("a draft reads it");
    assert_eq!(
        d.unfinished, errors,
        "the same words, line and column as rules check"
    );
    assert!(
        d.unfinished[0].zh.contains("例子"),
        "{}",
        d.unfinished[0].zh
    );
    let service = &d.loaded.rules.region("150104").unwrap().services[0];
    assert_eq!(service.id, "test-home-care");
    assert!(service.cases.is_empty());
    // Any other error still stops it, and the unfinished service is said too.
    let broken = draft.replace("age >= 60", "agee >= 60");
    let files = vec![("rules/150104.toml".to_string(), broken)];
    let errors =
        load_files_draft(&files, RegionIndex::builtin()).expect_err("an error is an error");
    assert_eq!(errors.len(), 2, "{errors:?}");
    // A finished file reads the same either way.
    let files = vec![("rules/150104.toml".to_string(), GOOD.to_string())];
    let d = load_files_draft(&files, RegionIndex::builtin()).unwrap();
    assert!(d.unfinished.is_empty());
    assert_eq!(
        d.loaded.rules,
        load_files_for_check(&files, RegionIndex::builtin())
            .unwrap()
            .rules
    );
}
