use crate::i18n::{self, Lang, CHINESE_ONLY};
use crate::questions;
use yanglao_core::{Later, Outcome, Status};
use yew::prelude::*;

/// What a card shows about one service, in plain Chinese, built from the
/// engine's outcome (the view never reads rule syntax).
#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id: String,
    pub name: String,
    pub kind: &'static str,
    pub kind_key: &'static str,
    /// Whose policy it is: "玉泉区", "定西市", "山西省".
    pub scope: String,
    pub summary: String,
    pub status: Status,
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
    /// "2024年7月25日起施行" or "2016年1月1日至2020年12月31日".
    pub in_force: String,
    /// The document, its number and the clause.
    pub source: String,
    pub issuer: String,
    pub expired_note: Option<String>,
    /// Where to apply, the steps, the documents to bring, who reviews.
    pub place: String,
    pub steps: Vec<String>,
    pub documents: Vec<String>,
    pub reviewer: String,
    pub office: String,
}

/// "满80周岁后可以申请，2034年3月1日起" (exact when the birth date is known),
/// otherwise the window the birthday falls in.
pub fn later_text(later: &Later) -> String {
    later_text_in(Lang::Zh, later)
}

/// The same, in a language.
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
    pub fn from_outcome(outcome: &Outcome<'_>) -> Card {
        Card::from_outcome_in(Lang::Zh, outcome)
    }

    /// The card with its own words (dates, later, what is unknown) in a language;
    /// the service's texts from the rules stay as written (Chinese).
    pub fn from_outcome_in(lang: Lang, outcome: &Outcome<'_>) -> Card {
        let service = outcome.service;
        let region = outcome.region;
        let document = region.documents.get(service.document);
        let amount_text = service.amount.zh();
        let from = i18n::date(lang, service.effective_from);
        let in_force = match (lang, service.effective_until) {
            (Lang::Zh, Some(until)) => format!("{from}至{}", until.zh()),
            (Lang::Zh, None) => format!("{from}起施行"),
            (Lang::En, Some(until)) => format!("{from} to {}", i18n::date(lang, until)),
            (Lang::En, None) => format!("in force from {from}"),
        };
        let source = match document {
            Some(doc) => {
                let mut text = format!("《{}》", doc.title);
                if !doc.number.is_empty() {
                    text.push_str(&format!("（{}）", doc.number));
                }
                if !service.clause.is_empty() {
                    text.push_str(&format!(" {}", service.clause));
                }
                text
            }
            None => service.clause.clone(),
        };
        let mut later = outcome.later.as_ref().map(|l| later_text_in(lang, l));
        if outcome.status == Status::NotYetInForce {
            later = Some(match lang {
                Lang::Zh => format!("这项政策{from}起施行，到时可以申请"),
                Lang::En => format!("This policy takes effect on {from}; apply then"),
            });
        }
        Card {
            id: service.id.clone(),
            name: service.name.clone(),
            kind: i18n::kind(lang, service.kind),
            kind_key: service.kind.key(),
            scope: region.short_name.clone(),
            summary: service.summary.clone(),
            status: outcome.status,
            amount: (!amount_text.is_empty()).then_some(amount_text),
            amount_note: service.amount.note.clone(),
            missing: outcome
                .missing
                .iter()
                .map(|f| {
                    let what = match lang {
                        Lang::Zh => f.info().zh,
                        Lang::En => questions::short_name_in(lang, *f),
                    };
                    (f.info().zh, what, questions::how_to_find_out_in(lang, *f))
                })
                .collect(),
            verify: outcome.verify.clone(),
            reasons: outcome.reasons.clone(),
            unmet: outcome.unmet.clone(),
            later,
            in_force,
            source,
            issuer: document.map(|d| d.issuer.clone()).unwrap_or_default(),
            expired_note: document
                .filter(|_| outcome.status == Status::Expired)
                .and_then(|d| d.expired_note.clone()),
            place: service.apply.place.clone(),
            steps: service.apply.steps.clone(),
            documents: service.apply.documents.iter().map(|d| d.name.clone()).collect(),
            reviewer: service.apply.reviewer.clone(),
            office: service.apply.office.clone(),
        }
    }
}

/// The mark beside the status words, so colour is never the only cue
/// (characters every Chinese font has).
fn status_mark(status: Status) -> &'static str {
    match status {
        Status::Eligible => "√",
        Status::Maybe => "？",
        Status::Ineligible => "×",
        Status::Expired => "—",
        Status::NotYetInForce => "…",
    }
}

/// Text from the rule files (Chinese): marked as Chinese inside the English interface.
fn zh_text(lang: Lang, text: &str) -> Html {
    if lang.is_en() {
        html! { <span lang="zh-CN">{ text.to_string() }</span> }
    } else {
        html! { text.to_string() }
    }
}

fn list(lang: Lang, items: &[String]) -> Html {
    let marked = lang.is_en().then_some("zh-CN");
    html! { <ul lang={marked}>{ for items.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul> }
}

fn row(term: &str, body: Html) -> Html {
    html! {
        <div class="facts__row">
            <dt>{ term.to_string() }</dt>
            <dd>{ body }</dd>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct ServiceCardProps {
    pub card: Card,
}

/// One service: what it gives, why (or why not), what is still unknown, how
/// to apply and where the rule comes from.
#[function_component]
pub fn ServiceCard(props: &ServiceCardProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = |zh: &'static str, en: &'static str| lang.t(zh, en);
    let card = &props.card;
    let title_id = format!("service-{}", card.id);
    let status_key = card.status.key();
    let to_apply = matches!(card.status, Status::Eligible | Status::Maybe);
    let amount = html! {
        <>
            if let Some(amount) = &card.amount {
                <strong class="amount">{ zh_text(lang, amount) }</strong>
            }
            if let Some(note) = &card.amount_note {
                <span class="amount__note">{ zh_text(lang, note) }</span>
            }
        </>
    };
    html! {
        <article
            class={classes!("card", format!("card--{status_key}"))}
            data-service={card.id.clone()}
            data-status={status_key}
            aria-labelledby={title_id.clone()}
        >
            <p class="card__kind">
                <span class="tag" data-kind={card.kind_key}>{ card.kind }</span>
                <span class="card__scope">{ match lang {
                    Lang::Zh => format!("{}政策", card.scope),
                    Lang::En => format!("{} policy", i18n::place_en(&card.scope).unwrap_or(&card.scope)),
                } }</span>
            </p>
            <h3 class="card__title" id={title_id}>{ zh_text(lang, &card.name) }</h3>
            if lang.is_en() {
                <p class="card__untranslated">{ CHINESE_ONLY }</p>
            }
            <p class={classes!("status", format!("status--{status_key}"))}>
                <span class="status__mark" aria-hidden="true">{
                    if card.later.is_some() { "…" } else { status_mark(card.status) }
                }</span>
                { i18n::status(lang, card.status, card.later.is_some()) }
            </p>
            <p class="card__summary">{ zh_text(lang, &card.summary) }</p>
            <dl class="facts">
                { row(t("可以得到", "What you get"), amount) }
                if !card.reasons.is_empty() {
                    { row(if card.status == Status::Eligible { t("因为", "Because") } else { t("已符合", "Already met") }, list(lang, &card.reasons)) }
                }
                if let Some(later) = &card.later {
                    { row(t("什么时候", "When"), html! { <strong>{ later.clone() }</strong> }) }
                }
                if !card.unmet.is_empty() {
                    { row(if card.status == Status::Expired { t("说明", "Note") } else { t("还需要", "Still needed") }, list(lang, &card.unmet)) }
                }
                if !card.missing.is_empty() {
                    { row(t("还不知道", "Not known yet"), html! {
                        <ul class="missing">
                            { for card.missing.iter().map(|(key, what, how)| html! {
                                <li data-missing={*key}>
                                    <strong>{ *what }</strong>{ t("：", ": ") }{ *how }
                                </li>
                            }) }
                        </ul>
                    }) }
                }
                if !card.verify.is_empty() {
                    { row(t("需要核实", "To be checked by the office"), list(lang, &card.verify)) }
                }
                if to_apply && !card.place.is_empty() {
                    { row(t("到哪里申请", "Where to apply"), zh_text(lang, &card.place)) }
                }
                if to_apply && !card.steps.is_empty() {
                    { row(t("怎么申请", "How to apply"), html! {
                        <ol class="steps" lang={lang.is_en().then_some("zh-CN")}>{ for card.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ol>
                    }) }
                }
                if to_apply && !card.documents.is_empty() {
                    { row(t("带什么", "What to bring"), list(lang, &card.documents)) }
                }
                if to_apply && !card.reviewer.is_empty() {
                    { row(t("谁审核", "Who decides"), zh_text(lang, &card.reviewer)) }
                }
                { row(t("有效期", "In force"), html! { card.in_force.clone() }) }
                if let Some(note) = &card.expired_note {
                    { row(t("提示", "Note"), zh_text(lang, note)) }
                }
                { row(t("依据", "Source"), html! {
                    <>
                        { zh_text(lang, &card.source) }
                        if !card.issuer.is_empty() {
                            <span class="source__issuer">{ zh_text(lang, &format!("（{}）", card.issuer)) }</span>
                        }
                    </>
                }) }
                if !card.office.is_empty() {
                    { row(t("咨询", "Ask"), zh_text(lang, &card.office)) }
                }
            </dl>
        </article>
    }
}

/// A one-line entry of the collapsed "其他服务" list: the name and what it needs.
#[function_component]
pub fn ServiceLine(props: &ServiceCardProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let card = &props.card;
    html! {
        <li class="other" data-service={card.id.clone()} data-status={card.status.key()}>
            <strong class="other__name">{ zh_text(lang, &card.name) }</strong>
            <span class="other__scope">{ match lang {
                Lang::Zh => format!("（{}政策）", card.scope),
                Lang::En => format!(" ({} policy)", i18n::place_en(&card.scope).unwrap_or(&card.scope)),
            } }</span>
            if !card.unmet.is_empty() {
                <span class="other__needs">{ zh_text(lang, &card.unmet.join("；")) }</span>
            }
        </li>
    }
}
