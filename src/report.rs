//! The results as a person reads them, worked out from the engine's
//! evaluation: one short line per service (what it is, what they get, where
//! to go), ordered by what matters to them, each with its details; ended
//! policies as one notice; one checklist of what this person needs to bring,
//! each item once. Pure data, tested natively: the components only draw it.

use crate::i18n::{self, Lang};
use yanglao_core::eval::Tri;
use yanglao_core::words::HowDecided;
use yanglao_core::{Answers, Date, Evaluation, Later, Outcome, Status};

/// One document to bring, as this person needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bring {
    pub name: String,
    /// Needed only if a fact not yet answered turns out so ("如有").
    pub if_any: bool,
    /// Not named by the policy: what offices usually ask for.
    pub usual: bool,
}

/// What a line shows about one service, in plain words, from the engine's
/// outcome (the view never reads rule syntax).
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub kind_key: &'static str,
    /// Whose policy it is: "玉泉区", "定西市", "山西省".
    pub scope: String,
    /// Said on the line when the policy is of a level above the place checked:
    /// "山西省的政策，全省通用".
    pub from_above: Option<String>,
    pub summary: String,
    pub status: Status,
    /// What the person gets in a few words ("每月不少于100元", "标准由延津县民政局定").
    pub gets: String,
    /// The figures ("每月100元"), if the source gives any.
    pub amount: Option<String>,
    /// Who sets the amount, or anything else the source says about it.
    pub amount_note: Option<String>,
    /// The facts about the person still needed, each with how to find out
    /// (and the Chinese name for `data-missing`, the same in both languages).
    pub missing: Vec<(&'static str, &'static str, &'static str)>,
    /// What the office has to check.
    pub verify: Vec<String>,
    /// Conditions met.
    pub reasons: Vec<String>,
    /// Conditions not met, or why the policy does not apply now.
    pub unmet: Vec<String>,
    /// When the person will qualify by turning older.
    pub later: Option<String>,
    /// The answer showing they already have it ("已做过能力评估：中度失能").
    pub had: Option<String>,
    /// "2024年7月25日起施行" or "2016年1月1日至2020年12月31日".
    pub in_force: String,
    /// The document, its number and the clause.
    pub source: String,
    pub issuer: String,
    /// Where to apply, the steps, the documents to bring, who reviews.
    pub place: String,
    pub steps: Vec<String>,
    /// The steps are how such applications usually go (the document gives none).
    pub steps_usual: bool,
    pub documents: Vec<Bring>,
    pub reviewer: String,
    pub office: String,
    /// The service kind's rank (money first), for ordering.
    pub rank: u8,
    /// 怎么算的: the condition in words, the answers it read, the reading
    /// and the clause with its own words.
    pub how: HowDecided,
}

/// "满80周岁后可以申请，2034年3月1日起" (exact when the birth date is known),
/// otherwise the window the birthday falls in.
pub fn later_text_in(lang: Lang, later: &Later) -> String {
    if lang.is_en() {
        let when = if later.earliest == later.latest {
            format!("from {}", i18n::date(lang, later.earliest))
        } else {
            format!(
                "from between {} and {} (depending on the birthday)",
                i18n::date(lang, later.earliest),
                i18n::date(lang, later.latest)
            )
        };
        let then = if later.status == Status::Maybe {
            "; other conditions will be checked then"
        } else {
            ""
        };
        return format!("Can apply once {} years old: {when}{then}", later.age);
    }
    let when = if later.earliest == later.latest {
        format!("{}起", later.earliest.zh())
    } else {
        format!(
            "最早{}、最晚{}起（看生日在哪天）",
            later.earliest.zh(),
            later.latest.zh()
        )
    };
    let then = if later.status == Status::Maybe {
        "，届时还要看其他条件"
    } else {
        ""
    };
    format!("满{}周岁后可以申请：{when}{then}", later.age)
}

impl Card {
    /// The card for one outcome, in a language: the engine's words, and the
    /// service's own texts as the rule file gives them in that language.
    pub fn new(lang: Lang, outcome: &Outcome<'_>, answers: &Answers, checked: &str) -> Card {
        let service = outcome.service;
        let region = outcome.region;
        let texts = service.text(lang);
        let from_above = (region.code != checked).then(|| {
            scope_label(
                lang,
                &region.code,
                &region.short_name,
                region.short_in(lang),
            )
        });
        let document = region.documents.get(service.document);
        let amount_text = service.amount_words(lang);
        let from = i18n::date(lang, service.effective_from);
        let in_force = match (lang, service.effective_until) {
            (Lang::Zh, Some(until)) => format!("{from}至{}", until.zh()),
            (Lang::Zh, None) => format!("{from}起施行"),
            (Lang::En, Some(until)) => format!("{from} to {}", i18n::date(lang, until)),
            (Lang::En, None) => format!("in force from {from}"),
        };
        let source = match document {
            Some(doc) if texts.clause.is_empty() => document_title(lang, doc),
            Some(doc) => format!("{} {}", document_title(lang, doc), texts.clause),
            None => texts.clause.to_string(),
        };
        let mut later = outcome.later.as_ref().map(|l| later_text_in(lang, l));
        if outcome.status == Status::NotYetInForce {
            later = Some(match lang {
                Lang::Zh => format!("这项政策{from}起施行，到时可以申请"),
                Lang::En => format!("This policy takes effect on {from}; apply then"),
            });
        }
        let had = (outcome.status == Status::Eligible)
            .then(|| service.kind.had_words(answers, lang))
            .flatten();
        // Only what this person needs: a 低保证 for 低保 households; what
        // depends on an answer not yet given only where the result is still open.
        let documents = service
            .apply
            .documents
            .iter()
            .zip(&texts.documents)
            .filter_map(|(need, name)| {
                let if_any = match need.needed_by(answers) {
                    Tri::True => false,
                    Tri::Unknown if outcome.status == Status::Maybe => true,
                    _ => return None,
                };
                Some(Bring {
                    name: name.to_string(),
                    if_any,
                    usual: need.usual,
                })
            })
            .collect();
        Card {
            id: service.id.clone(),
            name: texts.name.to_string(),
            kind: i18n::kind(lang, service.kind),
            kind_key: service.kind.key(),
            scope: region.short_in(lang).to_string(),
            from_above,
            summary: texts.summary.to_string(),
            status: outcome.status,
            gets: service.gets(lang),
            amount: (!amount_text.is_empty()).then_some(amount_text),
            amount_note: texts.amount_note.map(str::to_string),
            missing: outcome
                .missing
                .iter()
                .map(|f| (f.short(Lang::Zh), f.short(lang), f.find_out(lang)))
                .collect(),
            verify: outcome.verify_in(lang),
            reasons: outcome.reasons_in(lang),
            unmet: outcome.unmet_in(lang),
            later,
            had,
            in_force,
            source,
            issuer: document
                .map(|d| {
                    lang.t(&d.issuer, d.en.issuer.as_deref().unwrap_or(&d.issuer))
                        .to_string()
                })
                .unwrap_or_default(),
            place: texts.place.to_string(),
            steps: texts.steps.iter().map(|s| s.to_string()).collect(),
            steps_usual: service.apply.steps_usual,
            documents,
            reviewer: texts.reviewer.to_string(),
            office: texts.office.to_string(),
            rank: service.kind.rank(),
            how: outcome.how_decided(lang, answers),
        }
    }

    /// Where to apply, for the one-line summary: the first place the rule
    /// names (the details list every alternative).
    pub fn place_short(&self) -> &str {
        let first = self.place.split(['；', ';']).next().unwrap_or(&self.place);
        first.split("，或").next().unwrap_or(first)
    }

    /// What to find out, in a few words, for a line still to be checked.
    pub fn to_check(&self, lang: Lang) -> String {
        let mut items: Vec<String> = self
            .missing
            .iter()
            .map(|(_, what, _)| what.to_string())
            .collect();
        if !self.verify.is_empty() {
            items.push(lang.t("办理部门认定", "the office's decision").to_string());
        }
        match lang {
            Lang::Zh => format!("还要核实：{}", items.join("、")),
            Lang::En => format!("Still to check: {}", items.join(", ")),
        }
    }
}

/// What a line says under the service's name, in a few words: what the
/// person gets and where to go, or what is still to check, or when.
pub fn second_line(lang: Lang, card: &Card, group: Group) -> Vec<String> {
    match group {
        Group::Claim => vec![
            card.gets.clone(),
            format!("{}{}", lang.t("去：", "Apply at: "), card.place_short()),
        ],
        Group::Check => vec![card.gets.clone(), card.to_check(lang)],
        Group::Later => card.later.iter().cloned().collect(),
        Group::Have => card.had.iter().cloned().collect(),
        Group::Other => vec![card.unmet.join(lang.t("；", "; "))],
    }
}

/// A line as read aloud: its name, then its second line.
pub fn line_words(lang: Lang, card: &Card, group: Group) -> String {
    let mut parts = vec![card.name.clone()];
    parts.extend(second_line(lang, card, group));
    parts.join(lang.t("，", ", "))
}

/// Whose policy a list is, with its reach: "山西省的政策，全省通用",
/// "定西市的政策，全市通用", "延津县的政策".
pub fn scope_label(lang: Lang, code: &str, name: &str, shown: &str) -> String {
    let whole = if code.ends_with("0000") {
        Some(
            if name.ends_with("自治区") || name.ends_with("特别行政区") {
                ("全区", "the whole region")
            } else if name.ends_with('市') {
                ("全市", "the whole municipality")
            } else {
                ("全省", "the whole province")
            },
        )
    } else if code.ends_with("00") {
        Some(("全市", "the whole city"))
    } else {
        None
    };
    match (lang, whole) {
        (Lang::Zh, Some((zh, _))) => format!("{name}的政策，{zh}通用"),
        (Lang::Zh, None) => format!("{name}的政策"),
        (Lang::En, Some((_, en))) => format!("{shown} policy, for {en}"),
        (Lang::En, None) => format!("{shown} policy"),
    }
}

/// A document's title with its number: 《title》（number）, or “title” (number).
pub fn document_title(lang: Lang, doc: &yanglao_core::Document) -> String {
    let title = lang.t(&doc.title, doc.en.title.as_deref().unwrap_or(&doc.title));
    match (lang, doc.number.is_empty()) {
        (Lang::Zh, true) => format!("《{title}》"),
        (Lang::Zh, false) => format!("《{title}》（{}）", doc.number),
        (Lang::En, true) => format!("“{title}”"),
        (Lang::En, false) => format!("“{title}” ({})", doc.number),
    }
}

/// The groups of the results page, in the order people need them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// 可以申请: money and services first.
    Claim,
    /// 可能可以，需要核实.
    Check,
    /// 以后可以申请.
    Later,
    /// What they already have (an assessment done): last of the claimable.
    Have,
    /// 暂不符合: collapsed.
    Other,
}

impl Group {
    pub const ALL: [Group; 5] = [
        Group::Claim,
        Group::Check,
        Group::Later,
        Group::Have,
        Group::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Group::Claim => "eligible",
            Group::Check => "maybe",
            Group::Later => "later",
            Group::Have => "have",
            Group::Other => "other",
        }
    }

    pub fn title(self, lang: Lang) -> &'static str {
        match self {
            Group::Claim => lang.t("可以申请", "You can apply"),
            Group::Check => lang.t("可能可以，需要核实", "Possibly — needs checking"),
            Group::Later => lang.t("以后可以申请", "Can apply later"),
            Group::Have => lang.t("已经有的", "Already have"),
            Group::Other => lang.t("其他服务（暂不符合）", "Other services (not eligible now)"),
        }
    }

    fn of(card: &Card) -> Option<Group> {
        Some(match card.status {
            Status::Eligible if card.had.is_some() => Group::Have,
            Status::Eligible => Group::Claim,
            Status::Maybe => Group::Check,
            Status::NotYetInForce => Group::Later,
            Status::Ineligible if card.later.is_some() => Group::Later,
            Status::Ineligible => Group::Other,
            // Ended policies are never a line headed 可以得到: see `Ended`.
            Status::Expired => return None,
        })
    }
}

/// A recorded policy that has ended, with the office to ask about today's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ended {
    /// The region whose policy it was, by its Chinese short name ("定西市"),
    /// for the page's `data-ended`.
    pub key: String,
    /// The same in the language ("Dingxi City").
    pub scope: String,
    pub title: String,
    pub until: Date,
    /// The services it held, by name (shown collapsed, for reference).
    pub services: Vec<String>,
    /// The office to ask about current policy.
    pub ask: String,
}

/// What to bring, for everything the person can claim or should check, each
/// item once (where to go is on each line).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Checklist {
    pub documents: Vec<Bring>,
}

/// A document the results rest on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Basis {
    /// "延津县的政策", "山西省的政策，全省通用".
    pub scope: String,
    /// 《title》（number）, or “title” (number).
    pub title: String,
    /// What its captured text leaves out, if the rule file says.
    pub gaps: Option<String>,
    pub ended: bool,
}

/// The whole results page.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub date: Date,
    /// The documents the results rest on, nearest level first.
    pub basis: Vec<Basis>,
    /// Every service except ended ones, in its group's order.
    pub groups: Vec<(Group, Vec<Card>)>,
    pub ended: Vec<Ended>,
    pub checklist: Checklist,
}

impl Report {
    /// `ask` names the office to ask when a place's recorded policy has ended.
    pub fn new(lang: Lang, evaluation: &Evaluation<'_>, ask: &str) -> Report {
        let cards: Vec<Card> = evaluation
            .outcomes
            .iter()
            .map(|o| Card::new(lang, o, &evaluation.answers, &evaluation.region))
            .collect();
        let mut basis: Vec<Basis> = Vec::new();
        for o in &evaluation.outcomes {
            let Some(doc) = o.region.documents.get(o.service.document) else {
                continue;
            };
            let title = document_title(lang, doc);
            if basis.iter().any(|b| b.title == title) {
                continue;
            }
            basis.push(Basis {
                scope: scope_label(
                    lang,
                    &o.region.code,
                    &o.region.short_name,
                    o.region.short_in(lang),
                ),
                title,
                gaps: doc
                    .gaps
                    .as_ref()
                    .map(|zh| lang.t(zh, doc.en.gaps.as_deref().unwrap_or(zh)).to_string()),
                ended: doc.effective_until.is_some_and(|u| u < evaluation.date),
            });
        }
        let mut groups: Vec<(Group, Vec<Card>)> =
            Group::ALL.iter().map(|g| (*g, Vec::new())).collect();
        for card in &cards {
            if let Some(g) = Group::of(card) {
                if let Some((_, list)) = groups.iter_mut().find(|(k, _)| *k == g) {
                    list.push(card.clone());
                }
            }
        }
        // Money and services first, assessments and discounts after; the
        // rule files' order within a kind (a stable sort).
        for (_, list) in &mut groups {
            yanglao_core::order::by_key(list, |c| u32::from(c.rank));
        }
        groups.retain(|(_, list)| !list.is_empty());

        let mut ended: Vec<Ended> = Vec::new();
        for o in evaluation
            .outcomes
            .iter()
            .filter(|o| o.status == Status::Expired)
        {
            let title = o
                .region
                .documents
                .get(o.service.document)
                .map(|d| document_title(lang, d))
                .unwrap_or_default();
            let until = o.service.effective_until.unwrap_or(evaluation.date);
            let name = o.service.text(lang).name.to_string();
            match ended
                .iter_mut()
                .find(|e| e.key == o.region.short_name && e.title == title)
            {
                Some(e) => e.services.push(name),
                None => ended.push(Ended {
                    key: o.region.short_name.clone(),
                    scope: o.region.short_in(lang).to_string(),
                    title,
                    until,
                    services: vec![name],
                    ask: ask.to_string(),
                }),
            }
        }

        let mut checklist = Checklist::default();
        for (g, list) in &groups {
            if !matches!(g, Group::Claim | Group::Check) {
                continue;
            }
            for card in list {
                for d in &card.documents {
                    match checklist.documents.iter_mut().find(|b| b.name == d.name) {
                        // Needed for sure by one service: needed for sure.
                        Some(b) => {
                            b.if_any &= d.if_any;
                            b.usual &= d.usual;
                        }
                        None => checklist.documents.push(d.clone()),
                    }
                }
            }
        }
        // What is needed for sure first, then what is needed only if so.
        yanglao_core::order::by_key(&mut checklist.documents, |b| u32::from(b.if_any));
        Report {
            date: evaluation.date,
            basis,
            groups,
            ended,
            checklist,
        }
    }

    pub fn group(&self, g: Group) -> &[Card] {
        self.groups
            .iter()
            .find(|(k, _)| *k == g)
            .map(|(_, l)| l.as_slice())
            .unwrap_or(&[])
    }

    pub fn count(&self, g: Group) -> usize {
        self.group(g).len()
    }

    /// Whether every service of the place has ended (曲阜市 after 2020, 定西市 after 2023).
    pub fn all_ended(&self) -> bool {
        self.groups.is_empty() && !self.ended.is_empty()
    }

    /// The one-sentence summary at the top.
    pub fn summary(&self, lang: Lang, subject_zh: &str, subject_en: &str) -> String {
        let day = i18n::date(lang, self.date);
        let (claim, check, later) = (
            self.count(Group::Claim),
            self.count(Group::Check),
            self.count(Group::Later),
        );
        if self.all_ended() {
            return match lang {
                Lang::Zh => format!("这里收录的政策到{day}都已到期，现在能申请什么，请向下面写的部门咨询。"),
                Lang::En => format!("Every policy recorded here had ended by {day}. Ask the office named below what can be claimed now."),
            };
        }
        if lang.is_en() {
            let services = |n: usize| if n == 1 { "service" } else { "services" };
            let parts: Vec<String> = [
                (claim, format!("can apply for {claim} {}", services(claim))),
                (check, format!("possibly {check} more (to be checked)")),
                (later, format!("{later} later")),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(_, t)| t)
            .collect();
            return if parts.is_empty() {
                format!("Under the policies of {day}, no service fits {subject_en} now. Below is what each needs.")
            } else {
                format!(
                    "Under the policies of {day}, {subject_en} {}.",
                    parts.join(", ")
                )
            };
        }
        let parts: Vec<String> = [
            (claim, format!("{subject_zh}可以申请{claim}项")),
            (check, format!("可能可以{check}项（需要核实）")),
            (later, format!("以后可以申请{later}项")),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(_, t)| t)
        .collect();
        if parts.is_empty() {
            format!(
                "按{day}的政策，{subject_zh}现在没有符合条件的服务。下面写了每项服务需要什么条件。"
            )
        } else {
            format!("按{day}的政策：{}。", parts.join("，"))
        }
    }
}

// The rules are compiled in for the tests only (`--features embedded-rules`).
#[cfg(all(test, feature = "embedded-rules"))]
mod tests {
    use super::*;
    use yanglao_core::RawValue;

    fn report(region: &str, date: &str, pairs: &[(&str, RawValue)]) -> Report {
        let rules = crate::rules::embedded().unwrap();
        let answers = Answers::from_pairs(pairs.iter().map(|(k, v)| (*k, v.clone()))).unwrap();
        let e =
            yanglao_core::evaluate(rules, region, Date::parse(date).unwrap(), &answers).unwrap();
        Report::new(Lang::Zh, &e, "当地民政局")
    }

    fn text(v: &str) -> RawValue<'static> {
        RawValue::Text(v.to_string().into())
    }

    /// The 延津 daughter's mother: 82, 低保, 中度失能, lives alone; the rest 不知道.
    fn yanjin_mother() -> Report {
        report(
            "410726",
            "2026-12-01",
            &[
                ("age", RawValue::Int(82)),
                ("economic", text("dibao")),
                ("ability", text("moderate")),
                ("living", text("alone")),
            ],
        )
    }

    #[test]
    fn money_and_services_come_first_and_the_assessment_she_had_last() {
        let r = yanjin_mother();
        let claim = r.group(Group::Claim);
        assert!(
            !claim.iter().any(|c| c.kind_key == "ability_assessment"),
            "she has had it"
        );
        let have = r.group(Group::Have);
        assert_eq!(have.len(), 1);
        assert!(have[0].had.as_deref().unwrap().contains("中度失能"));
        let ranks: Vec<u8> = claim.iter().map(|c| c.rank).collect();
        let mut sorted = ranks.clone();
        sorted.sort();
        assert_eq!(ranks, sorted, "ordered by what matters");
        for c in claim {
            assert!(
                !c.gets.is_empty() && !c.place.is_empty(),
                "{} says what and where",
                c.id
            );
        }
        let adaptation = claim
            .iter()
            .find(|c| c.id == "yanjin-home-adaptation")
            .unwrap();
        assert_eq!(adaptation.gets, "标准由延津县民政局定");
    }

    #[test]
    fn the_checklist_holds_only_what_she_needs_each_once() {
        let r = yanjin_mother();
        let names: Vec<&str> = r
            .checklist
            .documents
            .iter()
            .map(|d| d.name.as_str())
            .collect();
        for once in ["身份证", "户口簿", "低保证", "老年人能力评估结果"] {
            assert_eq!(
                names.iter().filter(|n| **n == once).count(),
                1,
                "{once} once in {names:?}"
            );
        }
        for not_hers in [
            "特困人员救助供养证",
            "计划生育特殊家庭证明（如独生子女死亡证明）",
            "低保边缘家庭证明",
        ] {
            assert!(
                !names.contains(&not_hers),
                "{not_hers} is not hers: {names:?}"
            );
        }
        // What depends on an answer she left open is marked "if any", never listed as certain.
        if let Some(d) = r.checklist.documents.iter().find(|d| d.name == "残疾人证") {
            assert!(d.if_any);
        }
    }

    #[test]
    fn ended_policies_are_one_notice_never_a_line() {
        let r = report("621100", "2026-12-01", &[("age", RawValue::Int(80))]);
        assert!(r.all_ended());
        assert!(r.groups.is_empty());
        assert_eq!(r.ended.len(), 1);
        assert_eq!(r.ended[0].services.len(), 10);
        assert_eq!(r.ended[0].until, Date::parse("2023-12-31").unwrap());
        assert!(r
            .summary(Lang::Zh, "老人", "the older person")
            .contains("到期"));
    }
}
