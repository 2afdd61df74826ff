//! 怎么算的 / How this was decided: for one service, the condition in plain
//! words (from the rule itself), the answers it read, how an unclear text
//! was read, and the document, number and clause with the clause's own words
//! quoted. Everything comes from the engine ([`HowDecided`]); read-aloud
//! speaks the same words when it is opened.

use super::text::mixed;
use crate::i18n::Lang;
use yanglao_core::words::HowDecided;
use yew::prelude::*;

/// What read-aloud says for a 怎么算的 part, in order.
pub fn how_words(lang: Lang, name: &str, how: &HowDecided) -> Vec<String> {
    let mut words = vec![
        match lang {
            Lang::Zh => format!("{name}：怎么算的"),
            Lang::En => format!("{name}: how this was decided"),
        },
        format!("{}{}", lang.t("条件：", "The condition: "), how.condition),
    ];
    if !how.answers.is_empty() {
        let said: Vec<String> = how
            .answers
            .iter()
            .map(|(short, value)| format!("{short}{}{value}", lang.t("：", ": ")))
            .collect();
        words.push(format!(
            "{}{}",
            lang.t("用到的回答：", "The answers it used: "),
            said.join(lang.t("；", "; "))
        ));
    }
    if let Some(reading) = &how.reading {
        words.push(format!(
            "{}{reading}",
            lang.t("文件怎么理解：", "How the text is read: ")
        ));
    }
    words.push(format!(
        "{}{} {}",
        lang.t("依据：", "Source: "),
        how.document,
        how.clause
    ));
    if let Some(quote) = &how.quote {
        words.push(format!("{}{quote}", lang.t("原文：", "The text: ")));
    }
    words
}

#[derive(Properties, PartialEq)]
pub struct HowDecidedProps {
    /// The service's id.
    pub id: AttrValue,
    /// The service's name, for read-aloud.
    pub name: AttrValue,
    pub how: HowDecided,
    /// Hears the part's words when it is opened (read-aloud).
    #[prop_or_default]
    pub on_speak: Callback<(String, Vec<String>)>,
}

fn row(term: &str, body: Html) -> Html {
    html! {
        <div class="facts__row">
            <dt>{ term.to_string() }</dt>
            <dd>{ body }</dd>
        </div>
    }
}

/// 怎么算的, folded inside a service's details.
#[function_component]
pub fn HowDecidedView(props: &HowDecidedProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = |zh: &'static str, en: &'static str| lang.t(zh, en);
    let how = &props.how;
    let ontoggle = {
        let on_speak = props.on_speak.clone();
        let words = how_words(lang, &props.name, how);
        let id = props.id.to_string();
        Callback::from(move |e: Event| {
            let open = e
                .target_dyn_into::<web_sys::HtmlDetailsElement>()
                .is_some_and(|d| d.open());
            if open {
                on_speak.emit((format!("how:{id}"), words.clone()));
            }
        })
    };
    let title_id = format!("how-{}", props.id);
    html! {
        <details class="how" data-how={props.id.clone()} {ontoggle}>
            <summary class="how__summary">
                <span id={title_id.clone()}>{ t("怎么算的", "How this was decided") }</span>
            </summary>
            <dl class="facts how__facts" aria-labelledby={title_id}>
                { row(t("条件", "The condition"), html! { <p class="how__condition">{ mixed(lang, &how.condition) }</p> }) }
                if !how.answers.is_empty() {
                    { row(t("用到的回答", "The answers it used"), html! {
                        <ul class="how__answers">
                            { for how.answers.iter().map(|(short, value)| html! {
                                <li>{ mixed(lang, short) }{ t("：", ": ") }{ mixed(lang, value) }</li>
                            }) }
                        </ul>
                    }) }
                }
                if let Some(reading) = &how.reading {
                    { row(t("文件怎么理解", "How the text is read"), html! { <p class="how__reading">{ mixed(lang, reading) }</p> }) }
                }
                { row(t("依据", "Source"), html! {
                    <p class="how__source">
                        { mixed(lang, &how.document) }
                        if !how.number.is_empty() {
                            { " " }<span lang="zh-CN">{ format!("（{}）", how.number) }</span>
                        }
                        if !how.clause.is_empty() {
                            { " " }{ mixed(lang, &how.clause) }
                        }
                        if !how.issuer.is_empty() {
                            <span class="source__issuer">{ " — " }{ mixed(lang, &how.issuer) }</span>
                        }
                    </p>
                }) }
                if let Some(quote) = &how.quote {
                    { row(t("原文", "The text itself"), html! {
                        <blockquote class="how__quote" lang="zh-CN">{ quote.clone() }</blockquote>
                    }) }
                }
            </dl>
        </details>
    }
}
