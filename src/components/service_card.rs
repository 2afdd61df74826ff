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
    /// The facts about the person still needed, each with how to find out.
    pub missing: Vec<(&'static str, &'static str)>,
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
        let service = outcome.service;
        let region = outcome.region;
        let document = region.documents.get(service.document);
        let amount_text = service.amount.zh();
        let in_force = match service.effective_until {
            Some(until) => format!("{}至{}", service.effective_from.zh(), until.zh()),
            None => format!("{}起施行", service.effective_from.zh()),
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
        let mut later = outcome.later.as_ref().map(later_text);
        if outcome.status == Status::NotYetInForce {
            later = Some(format!(
                "这项政策{}起施行，到时可以申请",
                service.effective_from.zh()
            ));
        }
        Card {
            id: service.id.clone(),
            name: service.name.clone(),
            kind: service.kind.zh(),
            kind_key: service.kind.key(),
            scope: region.short_name.clone(),
            summary: service.summary.clone(),
            status: outcome.status,
            amount: (!amount_text.is_empty()).then_some(amount_text),
            amount_note: service.amount.note.clone(),
            missing: outcome
                .missing
                .iter()
                .map(|f| (f.info().zh, questions::how_to_find_out(*f)))
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
            documents: service.apply.documents.clone(),
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

/// The status words on a card.
fn status_words(card: &Card) -> String {
    match card.status {
        Status::Ineligible if card.later.is_some() => "以后可以申请".to_string(),
        Status::Ineligible => "暂不符合".to_string(),
        Status::Expired => "已失效".to_string(),
        other => other.zh().to_string(),
    }
}

fn list(items: &[String]) -> Html {
    html! { <ul>{ for items.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul> }
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
    let card = &props.card;
    let title_id = format!("service-{}", card.id);
    let status_key = card.status.key();
    let to_apply = matches!(card.status, Status::Eligible | Status::Maybe);
    let amount = html! {
        <>
            if let Some(amount) = &card.amount {
                <strong class="amount">{ amount.clone() }</strong>
            }
            if let Some(note) = &card.amount_note {
                <span class="amount__note">{ note.clone() }</span>
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
                <span class="card__scope">{ format!("{}政策", card.scope) }</span>
            </p>
            <h3 class="card__title" id={title_id}>{ card.name.clone() }</h3>
            <p class={classes!("status", format!("status--{status_key}"))}>
                <span class="status__mark" aria-hidden="true">{ status_mark(card.status) }</span>
                { status_words(card) }
            </p>
            <p class="card__summary">{ card.summary.clone() }</p>
            <dl class="facts">
                { row("可以得到", amount) }
                if !card.reasons.is_empty() {
                    { row(if card.status == Status::Eligible { "因为" } else { "已符合" }, list(&card.reasons)) }
                }
                if let Some(later) = &card.later {
                    { row("什么时候", html! { <strong>{ later.clone() }</strong> }) }
                }
                if !card.unmet.is_empty() {
                    { row(if card.status == Status::Expired { "说明" } else { "还需要" }, list(&card.unmet)) }
                }
                if !card.missing.is_empty() {
                    { row("还不知道", html! {
                        <ul class="missing">
                            { for card.missing.iter().map(|(what, how)| html! {
                                <li data-missing={*what}>
                                    <strong>{ *what }</strong>{ "：" }{ *how }
                                </li>
                            }) }
                        </ul>
                    }) }
                }
                if !card.verify.is_empty() {
                    { row("需要核实", list(&card.verify)) }
                }
                if to_apply && !card.place.is_empty() {
                    { row("到哪里申请", html! { card.place.clone() }) }
                }
                if to_apply && !card.steps.is_empty() {
                    { row("怎么申请", html! {
                        <ol class="steps">{ for card.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ol>
                    }) }
                }
                if to_apply && !card.documents.is_empty() {
                    { row("带什么", list(&card.documents)) }
                }
                if to_apply && !card.reviewer.is_empty() {
                    { row("谁审核", html! { card.reviewer.clone() }) }
                }
                { row("有效期", html! { card.in_force.clone() }) }
                if let Some(note) = &card.expired_note {
                    { row("提示", html! { note.clone() }) }
                }
                { row("依据", html! {
                    <>
                        { card.source.clone() }
                        if !card.issuer.is_empty() {
                            <span class="source__issuer">{ format!("（{}）", card.issuer) }</span>
                        }
                    </>
                }) }
                if !card.office.is_empty() {
                    { row("咨询", html! { card.office.clone() }) }
                }
            </dl>
        </article>
    }
}

/// A one-line entry of the collapsed "其他服务" list: the name and what it needs.
#[function_component]
pub fn ServiceLine(props: &ServiceCardProps) -> Html {
    let card = &props.card;
    html! {
        <li class="other" data-service={card.id.clone()} data-status={card.status.key()}>
            <strong class="other__name">{ card.name.clone() }</strong>
            <span class="other__scope">{ format!("（{}政策）", card.scope) }</span>
            if !card.unmet.is_empty() {
                <span class="other__needs">{ card.unmet.join("；") }</span>
            }
        </li>
    }
}
