use super::text::mixed;
use super::why::HowDecidedView;
use crate::i18n::Lang;
use crate::report::{second_line, Card, Group};
use yanglao_core::Status;
use yew::prelude::*;

/// The mark beside a line, so colour is never the only cue (characters every
/// Chinese font has; in English the question mark is the ASCII one).
fn mark(lang: Lang, group: Group) -> &'static str {
    match group {
        Group::Claim | Group::Have => "√",
        Group::Check => lang.t("？", "?"),
        Group::Later => "…",
        Group::Other => "×",
    }
}

fn list(lang: Lang, items: &[String]) -> Html {
    html! { <ul>{ for items.iter().map(|r| html! { <li>{ mixed(lang, r) }</li> }) }</ul> }
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
pub struct ResultLineProps {
    pub card: Card,
    pub group: Group,
    /// Hears 怎么算的's words when it is opened (read-aloud).
    #[prop_or_default]
    pub on_speak: Callback<(String, Vec<String>)>,
    /// Make the details now, opened or not (to print them all).
    #[prop_or_default]
    pub expand: bool,
}

/// One service as one short line (what it is, what the person gets, where to
/// go, or what is still to check), opening to its details: why, how to
/// apply, what to bring, the source.
#[function_component]
pub fn ResultLine(props: &ResultLineProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = |zh: &'static str, en: &'static str| lang.t(zh, en);
    let card = &props.card;
    let group = props.group;
    let made = use_state_eq(|| false);
    let title_id = format!("service-{}", card.id);
    let to_apply = matches!(group, Group::Claim | Group::Check | Group::Have);
    // The second line of the summary: the few words a family acts on.
    let classes = ["line__gets", "line__where"];
    let detail = html! {
        <>
            { for second_line(lang, card, group).iter().enumerate().map(|(i, text)| html! {
                <span class={classes[i.min(1)]}>{ mixed(lang, text) }</span>
            }) }
        </>
    };
    // The details, made when the line is first opened (or for printing them
    // all): most of a results page's elements are in them, and the page
    // appears sooner without them.
    let body = || {
        let amount = html! {
            <>
                if let Some(amount) = &card.amount {
                    <strong class="amount">{ mixed(lang, amount) }</strong>
                }
                if let Some(note) = &card.amount_note {
                    <span class="amount__note">{ mixed(lang, note) }</span>
                }
            </>
        };
        // Said once: whether the document names these, or they are what offices usually ask for.
        let usual = card.documents.iter().filter(|d| d.usual).count();
        let listed = card.documents.len() - usual;
        let documents = html! {
            <>
                if usual > 0 && listed == 0 {
                    <p class="hint">{ t("文件没有写要带的材料，下面是一般需要的：", "The document does not say what to bring; these are usually needed:") }</p>
                } else if usual > 0 {
                    <p class="hint">{ t("标“文件要求”的是文件写明的，其余是一般需要的：", "Those marked “required” are named by the document; the rest are usually needed:") }</p>
                }
                <ul>
                    { for card.documents.iter().map(|d| html! {
                        <li>
                            { mixed(lang, &d.name) }
                            if d.if_any { { t("（如有）", " (if any)") } }
                            if !d.usual && usual > 0 { { t("（文件要求）", " (required)") } }
                        </li>
                    }) }
                </ul>
            </>
        };
        html! {
            <>
                <p class="line__summary-text">{ mixed(lang, &card.summary) }</p>
                <dl class="facts">
                    if to_apply {
                        { row(t("可以得到", "What you get"), amount) }
                    }
                    if !card.reasons.is_empty() {
                        { row(if card.status == Status::Eligible { t("因为", "Because") } else { t("已符合", "Already met") }, list(lang, &card.reasons)) }
                    }
                    if let Some(later) = &card.later {
                        { row(t("什么时候", "When"), html! { <strong>{ later.clone() }</strong> }) }
                    }
                    if !card.unmet.is_empty() {
                        { row(t("还需要", "Still needed"), list(lang, &card.unmet)) }
                    }
                    if !card.missing.is_empty() {
                        { row(t("还不知道", "Not known yet"), html! {
                            <ul class="missing">
                                { for card.missing.iter().map(|(key, what, how)| html! {
                                    <li data-missing={*key}>
                                        <strong>{ mixed(lang, what) }</strong>{ t("：", ": ") }{ mixed(lang, how) }
                                    </li>
                                }) }
                            </ul>
                        }) }
                    }
                    if !card.verify.is_empty() {
                        { row(t("需要核实", "To be checked by the office"), list(lang, &card.verify)) }
                    }
                    if to_apply && !card.place.is_empty() {
                        { row(t("到哪里申请", "Where to apply"), mixed(lang, &card.place)) }
                    }
                    if to_apply && !card.steps.is_empty() {
                        { row(t("怎么申请", "How to apply"), html! {
                            <>
                                if card.steps_usual {
                                    <p class="hint">{ t("文件没有写申请步骤，下面是一般做法：", "The document gives no steps; this is how it usually goes:") }</p>
                                }
                                <ol class="steps">{ for card.steps.iter().map(|s| html! { <li>{ mixed(lang, s) }</li> }) }</ol>
                            </>
                        }) }
                    }
                    if to_apply && !card.documents.is_empty() {
                        { row(t("带什么", "What to bring"), documents) }
                    }
                    if to_apply && !card.reviewer.is_empty() {
                        { row(t("谁审核", "Who decides"), mixed(lang, &card.reviewer)) }
                    }
                    { row(t("有效期", "In force"), html! { card.in_force.clone() }) }
                    { row(t("依据", "Source"), html! {
                        <>
                            { mixed(lang, &card.source) }
                            if !card.issuer.is_empty() {
                                <span class="source__issuer">{ mixed(lang, &match lang {
                                    Lang::Zh => format!("（{}）", card.issuer),
                                    Lang::En => format!(" ({})", card.issuer),
                                }) }</span>
                            }
                        </>
                    }) }
                    if !card.office.is_empty() {
                        { row(t("咨询", "Ask"), mixed(lang, &card.office)) }
                    }
                </dl>
                <HowDecidedView id={card.id.clone()} name={card.name.clone()} how={card.how.clone()}
                    on_speak={props.on_speak.clone()} />
            </>
        }
    };
    let ontoggle = {
        let made = made.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            if open {
                made.set(true);
            }
        })
    };
    html! {
        <details class={classes!("line", format!("line--{}", group.key()))}
            data-service={card.id.clone()} data-status={card.status.key()} {ontoggle}>
            <summary class="line__summary" aria-describedby={format!("{title_id}-kind")}>
                <span class="line__mark" aria-hidden="true">{ mark(lang, group) }</span>
                <span class="line__text">
                    <strong class="line__name" id={title_id.clone()}>{ mixed(lang, &card.name) }</strong>
                    if let Some(above) = &card.from_above {
                        <span class="line__above">{ mixed(lang, above) }</span>
                    }
                    { detail }
                </span>
            </summary>
            <div class="line__details">
                <p class="line__kind" id={format!("{title_id}-kind")}>
                    <span class="tag" data-kind={card.kind_key}>{ card.kind }</span>
                    <span class="line__scope">{ mixed(lang, &match lang {
                        Lang::Zh => format!("{}政策", card.scope),
                        Lang::En => format!("{} policy", card.scope),
                    }) }</span>
                </p>
                if *made || props.expand {
                    { body() }
                }
            </div>
        </details>
    }
}
