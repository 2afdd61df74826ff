//! What is on the screen, as data: a pure function of the check's state, the
//! region's pack and the date. The engine runs once here per state; the
//! session draws the result with one match, and read-aloud speaks it (never
//! the DOM). Tested natively (tests/screen.rs in this crate's lib tests).

use crate::catalogue::{Failure, Loaded, PackState};
use crate::i18n::{self, Lang};
use crate::questions::Who;
use crate::report::{Group, Report};
use crate::state::State;
use std::rc::Rc;
use yanglao_core::coverage::{coverage, Coverage};
use yanglao_core::words::{self, Input, Prompt};
use yanglao_core::{questionnaire, Answers, Date, Fact, Plan};

/// One screen of the check.
#[derive(Clone, Debug, PartialEq)]
pub enum Screen {
    /// Choose the place; `unknown`: a code that is no real division.
    Picker { unknown: Option<String> },
    /// The region's pack is being read (or a link waits for it).
    Loading,
    /// It could not be read: a message, and 再试一次.
    PackFailed(Failure),
    /// Who is answering.
    Who { place: String },
    /// One question.
    Question(Rc<Asking>),
    /// The results.
    Results(Rc<Showing>),
}

/// A question on its screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Asking {
    pub prompt: Prompt,
    /// This question's number (1 for the first), and at most how many remain, it included.
    pub number: usize,
    pub at_most: usize,
    /// "第2题，最多还有3题".
    pub progress: String,
    /// The answer given before, if it was (None inside = 不知道).
    pub previous: Option<Option<i32>>,
    /// The birth date given before, for a question that takes one.
    pub previous_birth: Option<Date>,
}

/// One answer in the answers list on the results page.
#[derive(Clone, Debug, PartialEq)]
pub struct AnswerRow {
    pub fact: Fact,
    pub short: String,
    /// The answer in words ("独居", "出生日期1944年3月5日（82周岁）").
    pub shown: String,
    pub value: Option<i32>,
    /// For an answer that follows from others: why (it cannot be changed here).
    pub implied: Option<String>,
    /// How it is changed: the question's input.
    pub input: Input,
}

/// The results screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Showing {
    pub code: String,
    /// The place in the language ("Yanjin County, Xinxiang, Henan (河南省新乡市延津县)").
    pub place: String,
    pub who: Who,
    pub date: Date,
    pub report: Report,
    pub coverage: Coverage,
    /// The sentence at the top.
    pub summary: String,
    /// The office to ask, in the language.
    pub ask: String,
    /// How many questions could still be asked.
    pub remaining: usize,
    pub answers: Vec<AnswerRow>,
}

impl Screen {
    /// Which screen this is, for the history: a new key is a new entry.
    pub fn key(&self) -> String {
        match self {
            Screen::Picker { .. } => "picker".into(),
            Screen::Loading | Screen::PackFailed(_) => "loading".into(),
            Screen::Who { .. } => "who".into(),
            Screen::Question(q) => format!("q:{}", q.prompt.fact.key()),
            Screen::Results(_) => "results".into(),
        }
    }

    /// What read-aloud says for this screen, in order.
    pub fn speech(&self, lang: Lang) -> Vec<String> {
        match self {
            Screen::Picker { .. } => vec![lang
                .t(
                    "请选择老人户口所在的地方。可以输入地名查找。",
                    "Please choose the place of household registration. You can type a place name to search.",
                )
                .to_string()],
            Screen::Loading => vec![lang
                .t("正在读取这个地方的政策资料。", "Reading the policy data for this place.")
                .to_string()],
            Screen::PackFailed(f) => vec![f.message(lang)],
            Screen::Who { place } => vec![
                format!("{}{}", lang.t("地区：", "Region: "), place),
                lang.t("您是在为谁查询？", "Who is this check for?").to_string(),
                match lang {
                    Lang::Zh => "可以选：为我自己查询；为家里的老人查询".to_string(),
                    Lang::En => "You can choose: For myself; For an older family member".to_string(),
                },
            ],
            Screen::Question(q) => {
                let mut parts = vec![q.progress.clone(), q.prompt.ask.clone()];
                match &q.prompt.input {
                    Input::Choices(choices) => {
                        let mut words: Vec<String> =
                            choices.iter().map(|c| c.words.clone()).collect();
                        words.push(words::unknown(lang).to_string());
                        parts.push(match lang {
                            Lang::Zh => format!("可以选：{}", words.join("；")),
                            Lang::En => format!("You can choose: {}", words.join("; ")),
                        });
                    }
                    Input::Number { birth_date, .. } => parts.push(match (lang, birth_date) {
                        (Lang::Zh, true) => format!(
                            "请输入{}，或者出生年月；不知道的，可以选“{}”",
                            q.prompt.noun,
                            words::unknown(lang)
                        ),
                        (Lang::Zh, false) => format!(
                            "请输入{}；不知道的，可以选“{}”",
                            q.prompt.noun,
                            words::unknown(lang)
                        ),
                        (Lang::En, true) => format!(
                            "Please type the {}, or the year and month of birth; or choose “{}”",
                            q.prompt.noun,
                            words::unknown(lang)
                        ),
                        (Lang::En, false) => format!(
                            "Please type the {}; or choose “{}”",
                            q.prompt.noun,
                            words::unknown(lang)
                        ),
                    }),
                }
                if !q.prompt.help.is_empty() {
                    parts.push(q.prompt.help.clone());
                }
                parts
            }
            Screen::Results(r) => {
                let mut parts = vec![
                    lang.t("查询结果", "Results").to_string(),
                    r.summary.clone(),
                ];
                for (group, cards) in &r.report.groups {
                    if *group == Group::Other {
                        continue;
                    }
                    parts.push(group_title(lang, *group, cards.len()));
                    for c in cards {
                        parts.push(crate::report::line_words(lang, c, *group));
                    }
                }
                for e in &r.report.ended {
                    parts.push(ended_title(lang, &e.scope));
                    parts.push(format!(
                        "{}{}",
                        lang.t("现在能申请什么，请问：", "To ask what can be claimed now: "),
                        r.ask
                    ));
                }
                parts
            }
        }
    }
}

/// A group's heading with its count: "可以申请（3项）".
pub fn group_title(lang: Lang, group: Group, n: usize) -> String {
    match lang {
        Lang::Zh => format!("{}（{n}项）", group.title(lang)),
        Lang::En => format!("{} ({n})", group.title(lang)),
    }
}

/// The heading of an ended policy's notice.
pub fn ended_title(lang: Lang, scope: &str) -> String {
    match lang {
        Lang::Zh => format!("{scope}的政策已到期"),
        Lang::En => format!("The {scope} policy has ended"),
    }
}

/// The office to ask, in the language: its Chinese name is a proper name.
pub fn office_words(lang: Lang, office: &str) -> String {
    match lang {
        Lang::Zh => office.to_string(),
        Lang::En => format!("the local civil affairs office ({office})"),
    }
}

/// "第2题，最多还有3题".
pub fn progress(lang: Lang, number: usize, at_most: usize) -> String {
    match (lang, at_most <= 1) {
        (Lang::Zh, true) => format!("第{number}题，这是最后一题"),
        (Lang::Zh, false) => format!("第{number}题，最多还有{}题", at_most - 1),
        (Lang::En, true) => format!("Question {number}, the last one"),
        (Lang::En, false) => format!("Question {number}, at most {} more", at_most - 1),
    }
}

/// The screen for this state, pack and date.
pub fn screen(state: &State, pack: Option<&PackState>, date: Date) -> Screen {
    let lang = state.lang;
    let Some(code) = &state.region else {
        return Screen::Picker { unknown: None };
    };
    let unknown = || Screen::Picker {
        unknown: Some(code.clone()),
    };
    let loaded: &Loaded = match pack {
        // Not six digits: there is no province to load.
        None => return unknown(),
        Some(PackState::Loading) => return Screen::Loading,
        Some(PackState::Failed(f)) => return Screen::PackFailed(f.clone()),
        Some(PackState::Ready(l)) => l,
    };
    // A link's answers are read once the pack (its vocabulary) is here.
    if state.pending.is_some() {
        return Screen::Loading;
    }
    let Loaded { rules, index } = loaded;
    // A code that is no real division (999999, 110199): the picker, with a note.
    let (Some(own), Some(coverage)) = (index.get(code), coverage(index, rules, code)) else {
        return unknown();
    };
    let place_zh = index.full_name(code);
    let place = i18n::place(lang, &place_zh);
    let Some(who) = state.who else {
        return Screen::Who { place };
    };
    let Ok(plan) = Plan::new(rules, code) else {
        return unknown();
    };
    let answers = state.answers();
    let (next, remaining, quick) = questionnaire::screen(&plan, date, &answers, state.asked());
    if let Some(fact) = next.filter(|_| !state.show_results) {
        let short = match lang {
            Lang::Zh => own.name.to_string(),
            Lang::En => i18n::place_en(own.name)
                .map(str::to_string)
                .unwrap_or_else(|| own.name.to_string()),
        };
        let number = state.path.len() + 1;
        return Screen::Question(Rc::new(Asking {
            prompt: words::prompt(fact, lang, who.family(), &short),
            number,
            at_most: remaining,
            progress: progress(lang, number, remaining),
            previous: state
                .answered
                .contains(fact)
                .then(|| state.stored.get(fact)),
            previous_birth: fact.is_birth().then(|| state.stored.birth_date()).flatten(),
        }));
    }
    let Ok(evaluation) = plan.evaluate_with(date, &answers, quick) else {
        // The answers contradict each other (links are checked before this):
        // the questions start afresh.
        return Screen::Who { place };
    };
    let ask = office_words(lang, &coverage.ask);
    let report = Report::new(lang, &evaluation, &ask);
    let summary = if report.basis.is_empty() {
        // A place with no list recorded at any level: said plainly, with whom to ask.
        match lang {
            Lang::Zh => format!(
                "这里还没有收录{place}的基本养老服务清单，上级的也没有收录，所以查不出能申请什么。请向{ask}咨询。"
            ),
            Lang::En => format!(
                "No basic elderly-care list is recorded here yet for {place}, nor for the levels above it, so nothing can be checked. Please ask {ask}."
            ),
        }
    } else {
        let (_, subject_en) = who.subject_en();
        report.summary(lang, who.subject(), subject_en)
    };
    let mut rows: Vec<AnswerRow> = state
        .path
        .iter()
        .map(|&fact| answer_row(lang, fact, &answers, date, None))
        .collect();
    for (fact, why) in &evaluation.implied {
        let because = lang.t(&why.because_zh, &why.because_en).to_string();
        rows.push(answer_row(
            lang,
            *fact,
            &evaluation.answers,
            date,
            Some(because),
        ));
    }
    Screen::Results(Rc::new(Showing {
        code: code.clone(),
        place,
        who,
        date,
        report,
        coverage,
        summary,
        ask,
        remaining: if next.is_some() { remaining } else { 0 },
        answers: rows,
    }))
}

fn answer_row(
    lang: Lang,
    fact: Fact,
    answers: &Answers,
    date: Date,
    implied: Option<String>,
) -> AnswerRow {
    let value = answers.get(fact);
    let shown = match answers.birth_date().filter(|_| fact.is_birth()) {
        Some(birth) => {
            let years = birth.full_years_on(date);
            match lang {
                Lang::Zh => format!("出生日期{}（{}）", birth.zh(), fact.said(years, lang)),
                Lang::En => format!(
                    "born {} ({})",
                    i18n::date(lang, birth),
                    fact.said(years, lang)
                ),
            }
        }
        None => fact.answer(value, lang),
    };
    AnswerRow {
        fact,
        short: fact.short(lang).to_string(),
        shown,
        value,
        implied,
        input: words::prompt(fact, lang, true, "").input,
    }
}

// The rules are compiled in for the tests only (`--features embedded-rules`).
#[cfg(all(test, feature = "embedded-rules"))]
mod tests {
    use super::*;
    use crate::state::Action;
    use yanglao_core::pack::Pack;
    use yanglao_core::regions::BUILTIN_TSV;
    use yanglao_core::{Fact, RuleSet};
    use yew::Reducible;

    fn date() -> Date {
        Date::parse("2026-11-22").unwrap()
    }

    /// The pack of a province, as the app reads it.
    fn pack_of(rules: &RuleSet, province: &str) -> PackState {
        let pack = Pack::build(province, BUILTIN_TSV, rules);
        let pack = Pack::from_bytes(&pack.to_bytes(), province).unwrap();
        let index = pack.index().unwrap();
        PackState::Ready(Rc::new(Loaded {
            rules: pack.rules,
            index,
        }))
    }

    fn real_pack(code: &str) -> PackState {
        let rules = crate::rules::embedded().unwrap();
        pack_of(rules, &code[..2])
    }

    /// Walks the questions as the person would: each question the screen
    /// model asks is answered from `profile` by its value key (absent: 不知道),
    /// until the results. Returns the questions asked and the results.
    fn walk(
        code: &str,
        who: Who,
        lang: Lang,
        pack: &PackState,
        profile: &[(&str, &str)],
    ) -> (Vec<String>, Rc<Showing>) {
        let mut state = Rc::new(State::new(Some(code.into())));
        if lang == Lang::En {
            state = state.reduce(Action::ToggleLanguage);
        }
        match screen(&state, Some(pack), date()) {
            Screen::Who { .. } => {}
            other => panic!("{code}: expected who, got {other:?}"),
        }
        state = state.reduce(Action::ChooseWho(who));
        let mut asked = Vec::new();
        for _ in 0..40 {
            match screen(&state, Some(pack), date()) {
                Screen::Question(q) => {
                    let fact = q.prompt.fact;
                    asked.push(fact.key().to_string());
                    assert!(!q.prompt.ask.is_empty() && !q.progress.is_empty());
                    let given = profile
                        .iter()
                        .find(|(k, _)| *k == fact.key())
                        .map(|(_, v)| *v);
                    let value = given.map(|v| match &q.prompt.input {
                        Input::Choices(choices) => {
                            choices
                                .iter()
                                .find(|c| c.key == v)
                                .unwrap_or_else(|| panic!("{} has no choice {v}", fact.key()))
                                .value
                        }
                        Input::Number { .. } => v.parse().unwrap(),
                    });
                    state = state.reduce(Action::Answer(fact, value));
                }
                Screen::Results(r) => return (asked, r),
                other => panic!("{code}: unexpected {other:?}"),
            }
        }
        panic!("{code}: more than 40 questions")
    }

    fn card<'a>(r: &'a Showing, id: &str) -> (&'a crate::report::Card, Group) {
        r.report
            .groups
            .iter()
            .find_map(|(g, cards)| cards.iter().find(|c| c.id == id).map(|c| (c, *g)))
            .unwrap_or_else(|| panic!("no {id} on the results"))
    }

    const YUQUAN_72: [(&str, &str); 6] = [
        ("age", "72"),
        ("lives_in_region", "yes"),
        ("living", "alone"),
        ("ability", "moderate"),
        ("ltc_insurance", "no"),
        ("institution_subsidy", "no"),
    ];

    #[test]
    fn a_yuquan_72_year_old_living_alone_can_apply_for_home_care_and_hears_why() {
        let pack = real_pack("150104");
        let (asked, r) = walk("150104", Who::Family, Lang::Zh, &pack, &YUQUAN_72);
        assert_eq!(asked[0], "age", "age first");
        let (home, group) = card(&r, "yuquan-home-care");
        assert_eq!(group, Group::Claim);
        assert!(
            home.reasons.contains(&"年满70周岁".to_string()),
            "{:?}",
            home.reasons
        );
        assert!(
            home.reasons.contains(&"独居".to_string()),
            "{:?}",
            home.reasons
        );
        assert!(r.summary.contains("可以申请"), "{}", r.summary);
        // What read-aloud says is the model's own words.
        let said = Screen::Results(r.clone()).speech(Lang::Zh).join("。");
        assert!(
            said.contains("可以申请") && said.contains("政府购买居家上门服务"),
            "{said}"
        );
    }

    #[test]
    fn a_question_says_its_words_choices_and_help_aloud() {
        let pack = real_pack("150104");
        let state =
            Rc::new(State::new(Some("150104".into()))).reduce(Action::ChooseWho(Who::Family));
        let Screen::Question(q) = screen(&state, Some(&pack), date()) else {
            panic!("a question first")
        };
        assert_eq!(q.prompt.fact.key(), "age");
        assert!(matches!(
            q.prompt.input,
            Input::Number {
                min: 0,
                max: 130,
                birth_date: true,
                ..
            }
        ));
        let said = Screen::Question(q).speech(Lang::Zh).join("。");
        assert!(
            said.contains("老人今年多少周岁") && said.contains("周岁"),
            "{said}"
        );
        let state = state.reduce(Action::Answer(Fact::named("age"), Some(72)));
        let Screen::Question(q) = screen(&state, Some(&pack), date()) else {
            panic!("a second question")
        };
        let said = Screen::Question(q.clone()).speech(Lang::Zh).join("。");
        assert!(said.contains("可以选") && said.contains("不知道"), "{said}");
        assert_eq!(q.number, 2);
        assert!(q.progress.starts_with("第2题"), "{}", q.progress);
    }

    #[test]
    fn an_unknown_answer_leaves_a_service_to_check_naming_what_is_missing() {
        let pack = real_pack("150104");
        let profile: Vec<(&str, &str)> = YUQUAN_72
            .iter()
            .filter(|(k, _)| *k != "ability")
            .copied()
            .collect();
        let (_, r) = walk("150104", Who::Family, Lang::Zh, &pack, &profile);
        let (home, group) = card(&r, "yuquan-home-care");
        assert_eq!(group, Group::Check);
        assert!(
            home.missing
                .iter()
                .any(|(key, _, how)| *key == "能力评估结果" && !how.is_empty()),
            "{:?}",
            home.missing
        );
        assert!(home.to_check(Lang::Zh).contains("能力评估结果"));
    }

    #[test]
    fn an_ended_policy_is_one_notice_with_its_end_and_the_office() {
        let pack = real_pack("621102");
        let (_, r) = walk("621102", Who::Myself, Lang::Zh, &pack, &[("age", "80")]);
        assert!(r.report.groups.is_empty(), "no line is headed 可以申请");
        assert_eq!(r.report.ended.len(), 1);
        assert_eq!(r.report.ended[0].key, "定西市");
        assert!(r.ask.contains("安定区"), "{}", r.ask);
        assert!(r.summary.contains("到期"), "{}", r.summary);
    }

    #[test]
    fn each_place_sees_its_own_list_or_is_told_there_is_none() {
        // 北京市朝阳区: no list at any level; nothing to ask, and the office to ask.
        let (asked, r) = walk("110105", Who::Family, Lang::Zh, &real_pack("110105"), &[]);
        assert!(asked.is_empty(), "nothing to ask: {asked:?}");
        assert!(r.report.basis.is_empty());
        assert!(
            r.summary.contains("还没有收录北京市朝阳区") && r.summary.contains("朝阳区民政局"),
            "{}",
            r.summary
        );
        // 太原市小店区: 山西省's list, labelled, and the levels with none named.
        let (_, r) = walk(
            "140105",
            Who::Family,
            Lang::Zh,
            &real_pack("140105"),
            &[("age", "70"), ("lives_in_region", "yes")],
        );
        let claim = r.report.group(Group::Claim);
        assert!(!claim.is_empty());
        assert!(
            claim
                .iter()
                .all(|c| c.from_above.as_deref() == Some("山西省的政策，全省通用")),
            "{claim:?}"
        );
        let missing: Vec<&str> = r.coverage.missing().map(|l| l.name.as_str()).collect();
        assert_eq!(missing, ["太原市", "小店区"]);
        assert!(r.ask.contains("小店区民政局"), "{}", r.ask);
        // 定西市安定区: 定西市's list, ended, as today; the county's own office named.
        let (_, r) = walk("621102", Who::Family, Lang::Zh, &real_pack("621102"), &[]);
        assert_eq!(r.report.ended[0].until, Date::parse("2023-12-31").unwrap());
        assert!(r.ask.contains("安定区民政局"), "{}", r.ask);
        // 延津县: its own list, what the captured text leaves out, and the levels above with none.
        let (_, r) = walk(
            "410726",
            Who::Family,
            Lang::Zh,
            &real_pack("410726"),
            &[
                ("age", "82"),
                ("economic", "dibao"),
                ("ability", "moderate"),
                ("living", "alone"),
            ],
        );
        assert!(r.report.basis.iter().any(|b| b
            .gaps
            .as_deref()
            .is_some_and(|g| g.contains("延津县基本养老服务清单"))));
        let missing: Vec<&str> = r.coverage.missing().map(|l| l.name.as_str()).collect();
        assert_eq!(missing, ["河南省", "新乡市"]);
    }

    #[test]
    fn an_answer_that_follows_from_another_is_not_asked_and_is_shown_with_why() {
        let pack = real_pack("150104");
        let (asked, r) = walk(
            "150104",
            Who::Family,
            Lang::Zh,
            &pack,
            &[
                ("age", "80"),
                ("economic", "tekun_scattered"),
                ("lives_in_region", "yes"),
            ],
        );
        assert!(!asked.contains(&"no_supporter".to_string()), "{asked:?}");
        let row = r.answers.iter().find(|a| a.fact.key() == "no_supporter");
        if let Some(row) = row {
            assert!(
                row.implied.as_deref().is_some_and(|w| w.contains("特困")),
                "{row:?}"
            );
        }
    }

    /// Chinese characters outside parentheses: in English text, Chinese may
    /// only stand beside its English, as a proper name in brackets.
    fn bare_chinese(text: &str) -> Option<String> {
        let mut depth = 0i32;
        for c in text.chars() {
            match c {
                '(' | '（' | '《' | '“' => depth += 1,
                ')' | '）' | '》' | '”' => depth -= 1,
                c if crate::i18n::is_cjk(c) && depth <= 0 => return Some(text.to_string()),
                _ => {}
            }
        }
        None
    }

    #[test]
    fn in_english_every_region_explains_itself_in_english() {
        let profiles: [(&str, &[(&str, &str)]); 5] = [
            ("150104", &YUQUAN_72),
            (
                "410726",
                &[
                    ("age", "82"),
                    ("economic", "dibao"),
                    ("ability", "moderate"),
                    ("living", "alone"),
                ],
            ),
            (
                "140105",
                &[("age", "85"), ("economic", "none"), ("ability", "severe")],
            ),
            ("370881", &[("age", "91"), ("economic", "dibao")]),
            ("621102", &[("age", "75")]),
        ];
        for (code, profile) in profiles {
            let pack = real_pack(code);
            let (_, r) = walk(code, Who::Family, Lang::En, &pack, profile);
            let mut texts: Vec<String> = vec![r.summary.clone()];
            for (_, cards) in &r.report.groups {
                for c in cards {
                    texts.extend([
                        c.name.clone(),
                        c.summary.clone(),
                        c.gets.clone(),
                        c.place.clone(),
                        c.in_force.clone(),
                    ]);
                    texts.extend(c.reasons.iter().cloned());
                    texts.extend(c.unmet.iter().cloned());
                    texts.extend(c.verify.iter().cloned());
                    texts.extend(c.steps.iter().cloned());
                    texts.extend(c.documents.iter().map(|d| d.name.clone()));
                    texts.extend(c.later.iter().cloned());
                    texts.extend(c.had.iter().cloned());
                    texts.extend(c.amount.iter().cloned());
                    texts.extend(c.amount_note.iter().cloned());
                    texts.push(c.how.condition.clone());
                    texts.extend(c.how.reading.iter().cloned());
                    texts.push(c.how.clause.clone());
                    texts.extend(
                        c.how
                            .answers
                            .iter()
                            .flat_map(|(a, b)| [a.clone(), b.clone()]),
                    );
                    texts.extend(
                        c.missing
                            .iter()
                            .flat_map(|(_, a, b)| [a.to_string(), b.to_string()]),
                    );
                }
            }
            for row in &r.answers {
                texts.extend([row.short.clone(), row.shown.clone()]);
            }
            let bad: Vec<String> = texts.iter().filter_map(|t| bare_chinese(t)).collect();
            assert!(
                bad.is_empty(),
                "{code}: Chinese standing alone in English text: {bad:#?}"
            );
        }
    }

    #[test]
    fn every_service_shows_its_clause_its_own_words_and_its_reading() {
        let rules = crate::rules::embedded().unwrap();
        let mut seen = 0;
        for region in &rules.regions {
            let pack = pack_of(rules, &region.code[..2]);
            let PackState::Ready(loaded) = &pack else {
                unreachable!()
            };
            let plan = Plan::new(&loaded.rules, &region.code).unwrap();
            let e = plan.evaluate(date(), &Answers::new()).unwrap();
            for lang in [Lang::Zh, Lang::En] {
                for o in e.outcomes.iter().filter(|o| o.region.code == region.code) {
                    let how = o.how_decided(lang, &e.answers);
                    let s = o.service;
                    assert_eq!(how.quote.as_deref(), s.quote.as_deref(), "{}", s.id);
                    assert!(
                        how.quote.as_deref().is_some_and(|q| !q.is_empty()),
                        "{} has its clause's words",
                        s.id
                    );
                    assert_eq!(how.reading.is_some(), s.reading.is_some(), "{}", s.id);
                    assert!(
                        !how.clause.is_empty()
                            && !how.condition.is_empty()
                            && !how.document.is_empty(),
                        "{}",
                        s.id
                    );
                    if lang == Lang::Zh {
                        assert_eq!(how.clause, s.clause, "{}", s.id);
                        assert_eq!(how.reading.as_deref(), s.reading.as_deref(), "{}", s.id);
                        seen += 1;
                    } else {
                        assert_eq!(how.clause, s.en.clause.clone().unwrap(), "{}", s.id);
                        assert!(
                            bare_chinese(&how.condition).is_none(),
                            "{}: {}",
                            s.id,
                            how.condition
                        );
                    }
                }
            }
        }
        assert_eq!(
            seen,
            rules
                .regions
                .iter()
                .map(|r| r.services.len())
                .sum::<usize>()
        );
        assert!(seen >= 56, "{seen} services");
    }

    /// A new fact, added to a copy of the vocabulary, and a rule that uses it:
    /// asked, answered and explained with no change to the app.
    #[test]
    fn a_new_fact_in_the_vocabulary_is_asked_answered_and_explained() {
        // The contract's vocabulary stays everyone else's: the fixture is this thread's.
        crate::rules::vocabulary();
        let vocabulary = format!(
            "{}\n{}",
            include_str!("../rules/vocabulary.toml"),
            r#"
[[facts]]
key = "community_volunteer"
type = "bool"
[facts.zh]
ask_self = "您是{place}登记的社区志愿者吗？"
ask_family = "老人是{place}登记的社区志愿者吗？"
help = "在社区（村）登记、参加志愿服务的老人。"
find_out = "问社区（村）居委会"
short = "社区志愿者"
noun = "是否登记为社区志愿者"
choices = { yes = "是", no = "不是" }
said = { yes = "登记的社区志愿者", no = "不是登记的社区志愿者" }
[facts.en]
ask_self = "Are you a registered community volunteer in {place}?"
ask_family = "Is the older person a registered community volunteer in {place}?"
help = "Older people registered with the community (village) who volunteer."
find_out = "ask the community (village) committee"
short = "Community volunteer"
noun = "whether a registered community volunteer"
choices = { yes = "Yes", no = "No" }
said = { yes = "a registered community volunteer", no = "not a registered community volunteer" }
"#
        );
        // The implications are last in the file: the new fact goes before them.
        let vocabulary = {
            let (facts, rest) = vocabulary.split_once("\n[[kinds]]").unwrap();
            let (rest, new_fact) = rest
                .split_once("\n[[facts]]\nkey = \"community_volunteer\"")
                .unwrap();
            format!("{facts}\n[[facts]]\nkey = \"community_volunteer\"{new_fact}\n[[kinds]]{rest}")
        };
        let rule = r#"
[region]
code = "410724"
name = "河南省新乡市获嘉县"
short_name = "获嘉县"

[[documents]]
id = "huojia-test"
title = "获嘉县社区志愿者关爱办法（测试）"
number = ""
issuer = "获嘉县民政局"
date = "2026-01-01"
effective_from = "2026-01-01"

[[services]]
id = "huojia-volunteer-visits"
kind = "visitation"
name = "志愿者老人关爱走访"
summary = "登记的社区志愿者老人，每月有人上门走访。"
document = "huojia-test"
clause = "第一条"
quote = "年满60周岁的社区志愿者老人，每月上门走访一次。"
when = "age >= 60 and community_volunteer"

[services.amount]
visits_per_month = 1

[services.apply]
where = "社区（村）居委会"
steps = ["向社区（村）居委会申请"]
documents = ["身份证"]
reviewer = "获嘉县民政局"
office = "获嘉县民政局"

[[services.cases]]
date = "2026-11-22"
answers = { age = 70, community_volunteer = true }
status = "eligible"

[[services.cases]]
date = "2026-11-22"
answers = { age = 70, community_volunteer = false }
status = "ineligible"

[[services.cases]]
date = "2026-11-22"
answers = { age = 70 }
status = "maybe"
missing = ["community_volunteer"]
"#;
        let files = vec![
            ("rules/vocabulary.toml".to_string(), vocabulary),
            (
                "rules/terms.toml".to_string(),
                include_str!("../rules/terms.toml").to_string(),
            ),
            ("rules/410724.toml".to_string(), rule.to_string()),
        ];
        let rules = yanglao_core::source::load_files(&files).unwrap_or_else(|e| panic!("{e:?}"));
        let volunteer = Fact::named("community_volunteer");
        let pack = pack_of(&rules, "41");
        let (asked, r) = walk(
            "410724",
            Who::Family,
            Lang::Zh,
            &pack,
            &[("age", "70"), ("community_volunteer", "yes")],
        );
        assert_eq!(asked, ["age", "community_volunteer"]);
        let (visits, group) = card(&r, "huojia-volunteer-visits");
        assert_eq!(group, Group::Claim);
        assert!(
            visits.reasons.contains(&"登记的社区志愿者".to_string()),
            "{:?}",
            visits.reasons
        );
        assert!(visits
            .how
            .answers
            .contains(&("社区志愿者".to_string(), "登记的社区志愿者".to_string())));
        assert!(r
            .answers
            .iter()
            .any(|a| a.fact == volunteer && a.shown == "是"));
        // Asked in the words the vocabulary gives, and explained the same way in English.
        let state = Rc::new(State::new(Some("410724".into())))
            .reduce(Action::ChooseWho(Who::Family))
            .reduce(Action::Answer(Fact::named("age"), Some(70)));
        let Screen::Question(q) = screen(&state, Some(&pack), date()) else {
            panic!("the new question")
        };
        assert_eq!(q.prompt.ask, "老人是获嘉县登记的社区志愿者吗？");
        let (_, r) = walk(
            "410724",
            Who::Family,
            Lang::En,
            &pack,
            &[("age", "70"), ("community_volunteer", "no")],
        );
        let (visits, group) = card(&r, "huojia-volunteer-visits");
        assert_eq!(group, Group::Other);
        assert!(
            visits
                .unmet
                .iter()
                .any(|u| u.contains("a registered community volunteer")
                    && u.contains("not a registered community volunteer")),
            "{:?}",
            visits.unmet
        );
    }
}
