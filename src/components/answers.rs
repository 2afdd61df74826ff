use super::text::mixed;
use crate::i18n::Lang;
use crate::questions::{self, Who};
use crate::screen::AnswerRow;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yanglao_core::words::{self, Input, UNKNOWN_KEY};
use yanglao_core::Fact;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnswerListProps {
    pub who: Who,
    /// The answers given (and those that follow from them), as the screen model says them.
    pub rows: Vec<AnswerRow>,
    pub on_change: Callback<(Fact, Option<i32>)>,
}

#[derive(Properties, PartialEq)]
struct NumberChangeProps {
    fact: Fact,
    min: i32,
    max: i32,
    unit: Option<AttrValue>,
    birth_date: bool,
    label_id: AttrValue,
    on_change: Callback<(Fact, Option<i32>)>,
}

/// A typed number changed in place (the age as 周岁: a birth date is changed
/// on the question screen).
#[function_component]
fn NumberChange(props: &NumberChangeProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let text = use_state(String::new);
    let error = use_state(|| None::<String>);
    let input = use_node_ref();
    let fact = props.fact;
    let onsubmit = {
        let (text, error, input) = (text.clone(), error.clone(), input.clone());
        let on_change = props.on_change.clone();
        let (min, max, birth_date, unit) =
            (props.min, props.max, props.birth_date, props.unit.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let typed = input
                .cast::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_else(|| (*text).clone());
            let read = if birth_date {
                questions::parse_age_in(lang, &typed, max)
            } else {
                questions::parse_number_in(lang, &typed, min, max, unit.as_deref())
            };
            match read {
                Ok(v) => {
                    error.set(None);
                    text.set(String::new());
                    on_change.emit((fact, Some(v)));
                }
                Err(m) => error.set(Some(m)),
            }
        })
    };
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            text.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let id = format!("change-{}", fact.key());
    html! {
        <form class="answer__change no-print" novalidate=true {onsubmit}>
            <label for={id.clone()} class="visually-hidden">{ lang.t("改成", "Change to") }</label>
            <input id={id} class="input input--age" type="text" inputmode="numeric"
                data-change={fact.key()} aria-describedby={props.label_id.clone()}
                placeholder={lang.t("新的回答", "new answer")} value={(*text).clone()} {oninput} ref={input}
                aria-invalid={error.is_some().to_string()} />
            <button type="submit" class="button button--secondary button--small" data-action={format!("change-{}", fact.key())}>{ lang.t("修改", "Change") }</button>
            if let Some(m) = &*error {
                <p class="field__error" role="alert">{ m.clone() }</p>
            }
        </form>
    }
}

/// The answers given, each changeable right here; the results above follow at once.
#[function_component]
pub fn AnswerList(props: &AnswerListProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    if props.rows.is_empty() {
        return html! {};
    }
    let row = |r: &AnswerRow| {
        let fact = r.fact;
        let label_id = format!("answer-{}", fact.key());
        if let Some(why) = &r.implied {
            return html! {
                <div class="answer answer--implied" key={fact.key()} data-implied={fact.key()}>
                    <dt>{ mixed(lang, &r.short) }</dt>
                    <dd>
                        <span class="answer__value">{ mixed(lang, &r.shown) }</span>
                        <span class="answer__why">{ mixed(lang, &match lang {
                            Lang::Zh => format!("（不用回答：{why}）"),
                            Lang::En => format!("(no need to answer: {why})"),
                        }) }</span>
                    </dd>
                </div>
            };
        }
        let (control, with_list) = match &r.input {
            Input::Number {
                min,
                max,
                unit,
                birth_date,
            } => (
                html! {
                    <NumberChange {fact} min={*min} max={*max} unit={unit.clone().map(AttrValue::from)}
                        birth_date={*birth_date} label_id={AttrValue::from(label_id.clone())}
                        on_change={props.on_change.clone()} />
                },
                false,
            ),
            Input::Choices(choices) => {
                let onchange = {
                    let on_change = props.on_change.clone();
                    let choices = choices.clone();
                    Callback::from(move |e: Event| {
                        let key = e.target_unchecked_into::<HtmlSelectElement>().value();
                        let value = choices.iter().find(|c| c.key == key).map(|c| c.value);
                        on_change.emit((fact, value));
                    })
                };
                (
                    html! {
                        <select class="select no-print" data-change={fact.key()} aria-labelledby={label_id.clone()} {onchange}>
                            { for choices.iter().map(|c| html! {
                                <option value={c.key.clone()} selected={r.value == Some(c.value)}>{ crate::i18n::without_asides(lang, &c.words) }</option>
                            }) }
                            <option value={UNKNOWN_KEY} selected={r.value.is_none()}>{ words::unknown(lang) }</option>
                        </select>
                    },
                    true,
                )
            }
        };
        html! {
            <div class="answer" key={fact.key()} data-answer-row={fact.key()}>
                <dt id={label_id}>{ mixed(lang, &r.short) }</dt>
                <dd>
                    // With a drop-down list the value shows in it; the text is for paper.
                    <span class={classes!("answer__value", with_list.then_some("print-only"))}>{ mixed(lang, &r.shown) }</span>
                    { control }
                </dd>
            </div>
        }
    };
    let count = props.rows.len();
    html! {
        // Folded (the 修改回答 button at the top opens it): the results come first.
        <details class="answers" id="answers" data-answers="">
            <summary>
                <h3 id="answers-title" class="group__title" tabindex="-1">{ match lang {
                    Lang::Zh => format!("{}的情况（{count}项，点开可以修改）", props.who.subject()),
                    Lang::En => format!("The answers ({count}; open to change them)"),
                } }</h3>
            </summary>
            <dl class="answers__list">
                { for props.rows.iter().map(row) }
            </dl>
        </details>
    }
}
