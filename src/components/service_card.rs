use yanglao_core::{Outcome, Status};
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
    /// The facts about the person still needed.
    pub missing: Vec<&'static str>,
    /// What the office has to check.
    pub verify: Vec<String>,
    /// Conditions met.
    pub reasons: Vec<String>,
    /// Conditions not met, or why the policy does not apply now.
    pub unmet: Vec<String>,
    /// "2024年7月25日起施行" or "2016年1月1日至2020年12月31日".
    pub in_force: String,
    /// The document, its number and the clause.
    pub source: String,
    pub issuer: String,
    pub expired_note: Option<String>,
    pub office: String,
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
            missing: outcome.missing.iter().map(|f| f.info().zh).collect(),
            verify: outcome.verify.clone(),
            reasons: outcome.reasons.clone(),
            unmet: outcome.unmet.clone(),
            in_force,
            source,
            issuer: document.map(|d| d.issuer.clone()).unwrap_or_default(),
            expired_note: document
                .filter(|_| outcome.status == Status::Expired)
                .and_then(|d| d.expired_note.clone()),
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

#[derive(Properties, PartialEq)]
pub struct ServiceCardProps {
    pub card: Card,
}

/// One service: what it is, what it gives, whether it applies, and where it comes from.
#[function_component]
pub fn ServiceCard(props: &ServiceCardProps) -> Html {
    let card = &props.card;
    let title_id = format!("service-{}", card.id);
    let status_key = card.status.key();
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
                { card.status.zh() }
            </p>
            <p class="card__summary">{ card.summary.clone() }</p>
            <dl class="facts">
                <div class="facts__row">
                    <dt>{ "标准" }</dt>
                    <dd>
                        if let Some(amount) = &card.amount {
                            <strong class="amount">{ amount.clone() }</strong>
                        }
                        if let Some(note) = &card.amount_note {
                            <span class="amount__note">{ note.clone() }</span>
                        }
                    </dd>
                </div>
                if !card.reasons.is_empty() {
                    <div class="facts__row">
                        <dt>{ "符合" }</dt>
                        <dd><ul>{ for card.reasons.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul></dd>
                    </div>
                }
                if !card.unmet.is_empty() {
                    <div class="facts__row">
                        <dt>{ "说明" }</dt>
                        <dd><ul>{ for card.unmet.iter().map(|r| html! { <li>{ r.clone() }</li> }) }</ul></dd>
                    </div>
                }
                if !card.missing.is_empty() {
                    <div class="facts__row">
                        <dt>{ "还要了解" }</dt>
                        <dd>{ card.missing.join("、") }</dd>
                    </div>
                }
                if !card.verify.is_empty() {
                    <div class="facts__row">
                        <dt>{ "需要核实" }</dt>
                        <dd><ul>{ for card.verify.iter().map(|v| html! { <li>{ v.clone() }</li> }) }</ul></dd>
                    </div>
                }
                <div class="facts__row">
                    <dt>{ "有效期" }</dt>
                    <dd>{ card.in_force.clone() }</dd>
                </div>
                if let Some(note) = &card.expired_note {
                    <div class="facts__row">
                        <dt>{ "提示" }</dt>
                        <dd>{ note.clone() }</dd>
                    </div>
                }
                <div class="facts__row">
                    <dt>{ "依据" }</dt>
                    <dd>
                        { card.source.clone() }
                        if !card.issuer.is_empty() {
                            <span class="source__issuer">{ format!("（{}）", card.issuer) }</span>
                        }
                    </dd>
                </div>
                if !card.office.is_empty() {
                    <div class="facts__row">
                        <dt>{ "咨询" }</dt>
                        <dd>{ card.office.clone() }</dd>
                    </div>
                }
            </dl>
        </article>
    }
}
