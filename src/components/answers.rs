use crate::i18n::{self, Lang};
use crate::questions::{self, Who, UNKNOWN};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yanglao_core::{Answers, Date, Fact};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnswerListProps {
    pub who: Who,
    pub path: Vec<Fact>,
    pub answers: Answers,
    /// Answers that follow from others, with why: shown, not changeable.
    #[prop_or_default]
    pub implied: Vec<(Fact, AttrValue)>,
    pub date: Date,
    pub on_change: Callback<(Fact, Option<i32>)>,
}

/// The answers given, each changeable right here; the results above follow at once.
#[function_component]
pub fn AnswerList(props: &AnswerListProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let age_text = use_state(String::new);
    let age_error = use_state(|| None::<String>);
    let age_input = use_node_ref();
    if props.path.is_empty() {
        return html! {};
    }
    let row = |fact: Fact| {
        let label_id = format!("answer-{}", fact.key());
        let current = props.answers.get(fact);
        let shown = match (fact, props.answers.birth_date()) {
            (Fact::Age, Some(birth)) if lang.is_en() => format!(
                "born {} ({} years old)",
                i18n::date(lang, birth),
                birth.full_years_on(props.date)
            ),
            (Fact::Age, Some(birth)) => format!(
                "出生日期{}（{}周岁）",
                birth.zh(),
                birth.full_years_on(props.date)
            ),
            _ => questions::answer_label_in(lang, fact, current),
        };
        let control = if fact == Fact::Age {
            let onsubmit = {
                let (age_text, age_error) = (age_text.clone(), age_error.clone());
                let on_change = props.on_change.clone();
                let age_input = age_input.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let typed = age_input
                        .cast::<HtmlInputElement>()
                        .map(|i| i.value())
                        .unwrap_or_else(|| (*age_text).clone());
                    match questions::parse_age_in(lang, &typed) {
                        Ok(v) => {
                            age_error.set(None);
                            age_text.set(String::new());
                            on_change.emit((Fact::Age, Some(v)));
                        }
                        Err(m) => age_error.set(Some(m)),
                    }
                })
            };
            let oninput = {
                let age_text = age_text.clone();
                Callback::from(move |e: InputEvent| {
                    age_text.set(e.target_unchecked_into::<HtmlInputElement>().value())
                })
            };
            html! {
                <form class="answer__change no-print" novalidate=true {onsubmit}>
                    <label for="change-age" class="visually-hidden">{ lang.t("改成多少周岁", "Change the age to") }</label>
                    <input id="change-age" class="input input--age" type="text" inputmode="numeric"
                        data-change="age" placeholder={lang.t("新年龄", "new age")} value={(*age_text).clone()} {oninput} ref={age_input.clone()}
                        aria-invalid={age_error.is_some().to_string()} />
                    <button type="submit" class="button button--secondary button--small" data-action="change-age">{ lang.t("修改", "Change") }</button>
                    if let Some(m) = &*age_error {
                        <p class="field__error" role="alert">{ m.clone() }</p>
                    }
                </form>
            }
        } else {
            let options = questions::options_in(lang, fact);
            let onchange = {
                let on_change = props.on_change.clone();
                let options = options.clone();
                Callback::from(move |e: Event| {
                    let key = e.target_unchecked_into::<HtmlSelectElement>().value();
                    let value = options.iter().find(|o| o.key == key).and_then(|o| o.value);
                    on_change.emit((fact, value));
                })
            };
            html! {
                <select class="select no-print" data-change={fact.key()} aria-labelledby={label_id.clone()} {onchange}>
                    { for options.iter().map(|o| html! {
                        <option value={o.key.clone()} selected={current == o.value}>{ o.label.clone() }</option>
                    }) }
                    <option value={UNKNOWN} selected={current.is_none()}>{ lang.t("不知道", "I don't know") }</option>
                </select>
            }
        };
        html! {
            <div class="answer" key={fact.key()} data-answer-row={fact.key()}>
                <dt id={label_id}>{ questions::short_name_in(lang, fact) }</dt>
                <dd>
                    // With a drop-down list the value shows in it; the text is for paper.
                    <span class={classes!("answer__value", (fact != Fact::Age).then_some("print-only"))}>{ shown }</span>
                    { control }
                </dd>
            </div>
        }
    };
    let implied_row = |(fact, why): &(Fact, AttrValue)| {
        let value = questions::answer_label_in(lang, *fact, props.answers.get(*fact));
        html! {
            <div class="answer answer--implied" key={fact.key()} data-implied={fact.key()}>
                <dt>{ questions::short_name_in(lang, *fact) }</dt>
                <dd>
                    <span class="answer__value">{ value }</span>
                    <span class="answer__why">{ match lang {
                        Lang::Zh => format!("（不用回答：{why}）"),
                        Lang::En => format!("(no need to answer: {why})"),
                    } }</span>
                </dd>
            </div>
        }
    };
    html! {
        // Folded (the 修改回答 button at the top opens it): the results come first.
        <details class="answers" id="answers" data-answers="">
            <summary>
                <h3 id="answers-title" class="group__title" tabindex="-1">{ match lang {
                    Lang::Zh => format!("{}的情况（{}项，点开可以修改）", props.who.subject(), props.path.len() + props.implied.len()),
                    Lang::En => format!("The answers ({}; open to change them)", props.path.len() + props.implied.len()),
                } }</h3>
            </summary>
            <dl class="answers__list">
                { for props.path.iter().map(|f| row(*f)) }
                { for props.implied.iter().map(implied_row) }
            </dl>
        </details>
    }
}
