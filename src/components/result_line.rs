use crate::i18n::{self, Lang};
use crate::report::{Card, Group};
use yanglao_core::Status;
use yew::prelude::*;

/// The mark beside a line, so colour is never the only cue (characters every
/// Chinese font has).
fn mark(group: Group) -> &'static str {
    match group {
        Group::Claim | Group::Have => "√",
        Group::Check => "？",
        Group::Later => "…",
        Group::Other => "×",
    }
}

/// Text from the rule files (Chinese): marked as Chinese inside the English interface.
pub fn zh_text(lang: Lang, text: &str) -> Html {
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
pub struct ResultLineProps {
    pub card: Card,
    pub group: Group,
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
    let title_id = format!("service-{}", card.id);
    let to_apply = matches!(group, Group::Claim | Group::Check | Group::Have);
    // The second line of the summary: the few words a family acts on.
    let detail = match group {
        Group::Claim => html! {
            <>
                <span class="line__gets">{ zh_text(lang, &card.gets) }</span>
                <span class="line__where">{ t("去：", "Apply at: ") }{ zh_text(lang, card.place_short()) }</span>
            </>
        },
        Group::Check => html! {
            <>
                <span class="line__gets">{ zh_text(lang, &card.gets) }</span>
                <span class="line__where">{ card.to_check(lang) }</span>
            </>
        },
        Group::Later => {
            html! { <span class="line__gets">{ card.later.clone().unwrap_or_default() }</span> }
        }
        Group::Have => {
            html! { <span class="line__gets">{ card.had.clone().unwrap_or_default() }</span> }
        }
        Group::Other => {
            html! { <span class="line__gets">{ zh_text(lang, &card.unmet.join("；")) }</span> }
        }
    };
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
            <ul lang={lang.is_en().then_some("zh-CN")}>
                { for card.documents.iter().map(|d| html! {
                    <li>
                        { d.name.clone() }
                        if d.if_any { { "（如有）" } }
                        if !d.usual && usual > 0 { { "（文件要求）" } }
                    </li>
                }) }
            </ul>
        </>
    };
    html! {
        <details class={classes!("line", format!("line--{}", group.key()))}
            data-service={card.id.clone()} data-status={card.status.key()}>
            <summary class="line__summary" aria-describedby={format!("{title_id}-kind")}>
                <span class="line__mark" aria-hidden="true">{ mark(group) }</span>
                <span class="line__text">
                    <strong class="line__name" id={title_id.clone()}>{ zh_text(lang, &card.name) }</strong>
                    if let Some(above) = &card.from_above {
                        <span class="line__above">{ above.clone() }</span>
                    }
                    { detail }
                </span>
            </summary>
            <div class="line__details">
                <p class="line__kind" id={format!("{title_id}-kind")}>
                    <span class="tag" data-kind={card.kind_key}>{ card.kind }</span>
                    <span class="line__scope">{ match lang {
                        Lang::Zh => format!("{}政策", card.scope),
                        Lang::En => format!("{} policy", i18n::place_en(&card.scope).unwrap_or(&card.scope)),
                    } }</span>
                </p>
                <p class="line__summary-text">{ zh_text(lang, &card.summary) }</p>
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
                            <>
                                if card.steps_usual {
                                    <p class="hint">{ t("文件没有写申请步骤，下面是一般做法：", "The document gives no steps; this is how it usually goes:") }</p>
                                }
                                <ol class="steps" lang={lang.is_en().then_some("zh-CN")}>{ for card.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ol>
                            </>
                        }) }
                    }
                    if to_apply && !card.documents.is_empty() {
                        { row(t("带什么", "What to bring"), documents) }
                    }
                    if to_apply && !card.reviewer.is_empty() {
                        { row(t("谁审核", "Who decides"), zh_text(lang, &card.reviewer)) }
                    }
                    { row(t("有效期", "In force"), html! { card.in_force.clone() }) }
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
            </div>
        </details>
    }
}
