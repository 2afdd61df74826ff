use super::text::mixed;
use super::who::focus;
use crate::i18n::Lang;
use crate::questions;
use crate::screen::Asking;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yanglao_core::words::{self, Input, UNKNOWN_KEY};
use yanglao_core::{Date, Fact};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    /// The question as the screen model puts it.
    pub asking: Rc<Asking>,
    /// Today, for checking a birth date.
    pub today: Date,
    pub on_answer: Callback<(Fact, Option<i32>)>,
    pub on_birth_date: Callback<Date>,
    pub on_back: Callback<()>,
    pub on_results: Callback<()>,
    /// How long after it appears the question starts taking taps, so a
    /// double tap on the last answer never answers this one unseen.
    #[prop_or(TAP_GUARD_MS)]
    pub guard_ms: u32,
}

/// A double tap comes 100–300 ms apart; nobody reads a new question that fast.
pub const TAP_GUARD_MS: u32 = 350;

/// True once `ms` have passed since the question `id` appeared (at once for
/// 0). A new question is not ready in the very render that shows it: what is
/// remembered is which question became ready, not a flag to reset.
#[hook]
fn use_ready_after(id: (usize, Fact), ms: u32) -> bool {
    let ready_for = use_state(|| (ms == 0).then_some(id));
    {
        let ready_for = ready_for.clone();
        use_effect_with((id, ms), move |&(id, ms)| {
            if ms == 0 {
                ready_for.set(Some(id));
            }
            let timer = (ms > 0)
                .then(|| gloo::timers::callback::Timeout::new(ms, move || ready_for.set(Some(id))));
            move || drop(timer)
        });
    }
    ms == 0 || *ready_for == Some(id)
}

/// One question on its own screen: large answer buttons, always 不知道, 上一题,
/// and how far along the person is.
///
/// One component for every question in turn (it is not keyed by the
/// question): the next question changes the texts and attributes of the
/// same elements instead of making the screen anew, which takes less than
/// half the time on a slow phone. What belongs to one question (its tap
/// guard, the focus on its heading, a typed number) goes by `id`.
#[function_component]
pub fn Question(props: &QuestionProps) -> Html {
    let asking = &props.asking;
    let fact = asking.prompt.fact;
    let id = (asking.number, fact);
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(id, move |_| {
            // The heading may still have focus from the question before (a
            // tap that focuses nothing, as in Safari): it is left and taken
            // again, so a screen reader reads the new question.
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let focused = h
                    .owner_document()
                    .and_then(|d| d.active_element())
                    .is_some_and(|a| a == *h);
                if focused {
                    let _ = h.blur();
                }
            }
            focus(&heading)
        });
    }
    let lang = use_context::<Lang>().unwrap_or_default();
    let ready = use_ready_after(id, props.guard_ms);
    // A tap before the question could be seen is dropped, not taken for an
    // answer. Keys are never dropped: a key press activates the focused
    // button, and focus is on the new question's heading, not on an answer
    // (a click from a key has `detail` 0).
    let answer_with = |value: Option<i32>| {
        let on_answer = props.on_answer.clone();
        Callback::from(move |e: MouseEvent| {
            if ready || e.detail() == 0 {
                on_answer.emit((fact, value));
            }
        })
    };
    let done = asking.number.saturating_sub(1);
    let total = done + asking.at_most.max(1);
    let body = match &asking.prompt.input {
        Input::Number {
            min,
            max,
            unit,
            birth_date,
        } => html! {
            <NumberForm
                // A typed number belongs to its question.
                key={format!("{}-{}", asking.number, fact.key())}
                {fact}
                min={*min}
                max={*max}
                unit={unit.clone().map(AttrValue::from)}
                noun={AttrValue::from(asking.prompt.noun.clone())}
                birth_date={*birth_date}
                previous={asking.previous.flatten()}
                previous_birth={asking.previous_birth}
                today={props.today}
                // A typed number needs typing: no stray tap can send it. Its
                // birthday buttons, which appear under a tap, have their own guard.
                on_answer={props.on_answer.clone()}
                on_birth_date={props.on_birth_date.clone()}
                guard_ms={props.guard_ms}
            />
        },
        Input::Choices(choices) => html! {
            <ul class="choices" role="list">
                { for choices.iter().map(|c| {
                    let selected = asking.previous == Some(Some(c.value));
                    let onclick = answer_with(Some(c.value));
                    html! {
                        <li key={c.key.clone()}>
                            <button type="button"
                                class={classes!("button", "choice", selected.then_some("choice--selected"))}
                                aria-pressed={selected.to_string()}
                                data-answer={c.key.clone()}
                                {onclick}>
                                { mixed(lang, &c.words) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    let unknown_selected = asking.previous == Some(None);
    let on_unknown = answer_with(None);
    html! {
        <section class="question" data-fact={fact.key()} data-ready={ready.then_some("")} aria-labelledby="question-title">
            <div class="progress">
                <p class="progress__text">{ asking.progress.clone() }</p>
                <progress class="progress__bar" max={total.to_string()} value={done.to_string()}
                    aria-label={asking.progress.clone()}></progress>
            </div>
            <h2 id="question-title" class="question__title" tabindex="-1" ref={heading}>{ mixed(lang, &asking.prompt.ask) }</h2>
            // The answers come right under the question, so the first one is on
            // the first screen at any text size; the help on the terms follows them.
            { body }
            <p class="question__help" id="question-help">{ mixed(lang, &asking.prompt.help) }</p>
            <p class="unknown">
                <button type="button"
                    class={classes!("button", "button--secondary", "choice", unknown_selected.then_some("choice--selected"))}
                    aria-pressed={unknown_selected.to_string()}
                    data-answer={UNKNOWN_KEY}
                    onclick={on_unknown}>
                    { words::unknown(lang) }
                </button>
            </p>
            <div class="question__nav">
                <button type="button" class="button button--quiet" data-action="back"
                    onclick={props.on_back.reform(|_: MouseEvent| ())}>
                    { lang.t("‹ 上一题", "‹ Back") }
                </button>
                if asking.number > 1 {
                    <button type="button" class="button button--quiet" data-action="results"
                        onclick={props.on_results.reform(|_: MouseEvent| ())}>
                        { lang.t("不答了，直接看结果", "Skip the rest: see the results") }
                    </button>
                }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct NumberFormProps {
    /// The fact the number answers.
    pub fact: Fact,
    /// The vocabulary's limits, and the unit beside the box.
    pub min: i32,
    pub max: i32,
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// What the number is ("年龄（周岁）").
    pub noun: AttrValue,
    /// A birth date may be given instead (the age on any day follows).
    #[prop_or_default]
    pub birth_date: bool,
    pub previous: Option<i32>,
    pub previous_birth: Option<Date>,
    pub today: Date,
    pub on_answer: Callback<(Fact, Option<i32>)>,
    pub on_birth_date: Callback<Date>,
    #[prop_or(TAP_GUARD_MS)]
    pub guard_ms: u32,
}

/// A typed number, checked kindly against the vocabulary's limits: a mistake
/// gets a message saying what to type, and what was typed stays in the box.
/// For the age (`birth_date`) a birth date may be typed instead ("1944年3月" in
/// the same box, or year, month and day in three). Only what is still needed
/// is asked: born in March and it is December, the age is known; born this
/// month or only the year given, "今年的生日过了吗？".
#[function_component]
pub fn NumberForm(props: &NumberFormProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let by_birth = use_state(|| props.previous_birth.is_some());
    let age = use_state(|| props.previous.map(|a| a.to_string()).unwrap_or_default());
    // One state per box: a keystroke in one never overwrites another.
    let birth_part = |i: usize| {
        props.previous_birth.map(|b| match i {
            0 => b.year().to_string(),
            1 => b.month().to_string(),
            _ => b.day().to_string(),
        })
    };
    let birth = [
        use_state(|| birth_part(0).unwrap_or_default()),
        use_state(|| birth_part(1).unwrap_or_default()),
        use_state(|| birth_part(2).unwrap_or_default()),
    ];
    let error = use_state(|| None::<String>);
    // The submit reads what is in the boxes now: a state snapshot could be one keystroke old.
    let refs = use_memo((), |_| {
        [
            NodeRef::default(),
            NodeRef::default(),
            NodeRef::default(),
            NodeRef::default(),
        ]
    });

    // The birth year is known and whether this year's birthday has passed
    // settles the age: asked with two buttons, which take taps only once seen.
    let ask_birthday = use_state(|| None::<(i32, f64)>);
    let onsubmit = {
        let refs = refs.clone();
        let ask_birthday = ask_birthday.clone();
        let (by_birth, age, birth, error) =
            (by_birth.clone(), age.clone(), birth.clone(), error.clone());
        let on_answer = props.on_answer.clone();
        let on_birth_date = props.on_birth_date.clone();
        let today = props.today;
        let (fact, min, max, birth_date) = (props.fact, props.min, props.max, props.birth_date);
        let unit = props.unit.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = |i: usize, fallback: &str| {
                refs[i]
                    .cast::<HtmlInputElement>()
                    .map(|input| input.value())
                    .unwrap_or_else(|| fallback.to_string())
            };
            if !birth_date {
                match questions::parse_number_in(lang, &read(0, &age), min, max, unit.as_deref()) {
                    Ok(n) => {
                        error.set(None);
                        on_answer.emit((fact, Some(n)));
                    }
                    Err(message) => error.set(Some(message)),
                }
                return;
            }
            let input = if *by_birth {
                let (y, m, d) = (read(1, &birth[0]), read(2, &birth[1]), read(3, &birth[2]));
                questions::parse_birth_parts_in(lang, &y, &m, &d, today, max)
            } else {
                questions::parse_age_input_in(lang, &read(0, &age), today, max)
            };
            match input.map(|i| i.settle(today)) {
                Ok(questions::AgeAnswer::Years(years)) => {
                    error.set(None);
                    ask_birthday.set(None);
                    on_answer.emit((fact, Some(years)));
                }
                Ok(questions::AgeAnswer::Born(date)) => {
                    error.set(None);
                    ask_birthday.set(None);
                    on_birth_date.emit(date);
                }
                Ok(questions::AgeAnswer::AskBirthday(year)) => {
                    error.set(None);
                    ask_birthday.set(Some((year, js_sys::Date::now())));
                }
                Err(message) => {
                    ask_birthday.set(None);
                    error.set(Some(message));
                }
            }
        })
    };
    let toggle = {
        let (by_birth, error, ask_birthday) =
            (by_birth.clone(), error.clone(), ask_birthday.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            ask_birthday.set(None);
            by_birth.set(!*by_birth);
        })
    };
    let invalid = error.is_some().to_string();
    let described = if error.is_some() {
        "age-error question-help"
    } else {
        "question-help"
    };
    let field = |id: &'static str, label: &'static str, index: usize, size: &'static str| {
        let current = (*birth[index]).clone();
        let node = refs[index + 1].clone();
        let part = birth[index].clone();
        let oninput = Callback::from(move |e: InputEvent| {
            part.set(e.target_unchecked_into::<HtmlInputElement>().value());
        });
        html! {
            <label class="field field--part" for={id}>
                <input id={id} class={classes!("input", size)} type="text" inputmode="numeric"
                    autocomplete="off" value={current} {oninput} ref={node}
                    aria-invalid={invalid.clone()} aria-describedby={described} />
                <span>{ label }</span>
            </label>
        }
    };
    let guard = f64::from(props.guard_ms);
    // The box is named by the fact ("age"), its label by the vocabulary's noun.
    let input_id = props.fact.key().to_string();
    let noun = props.noun.as_str();
    let label = match (lang, props.birth_date) {
        (Lang::Zh, true) => format!("{noun}，或出生年月"),
        (Lang::Zh, false) => noun.to_string(),
        (Lang::En, true) => format!("{}, or year and month of birth", capitalised(noun)),
        (Lang::En, false) => capitalised(noun),
    };
    let placeholder = match (lang, props.birth_date) {
        (Lang::Zh, true) => "如 82 或 1944年3月".to_string(),
        (Lang::En, true) => "e.g. 82 or 1944-03".to_string(),
        (_, false) => format!("{}–{}", props.min, props.max),
    };
    html! {
        <form class="age-form" novalidate=true {onsubmit}>
            if *by_birth {
                <fieldset class="birth">
                    <legend>{ lang.t("出生日期（记不清日子可以只填年、月）", "Date of birth (the day may be left out)") }</legend>
                    { field("birth-year", lang.t("年", "year"), 0, "input--year") }
                    { field("birth-month", lang.t("月", "month"), 1, "input--short") }
                    { field("birth-day", lang.t("日", "day"), 2, "input--short") }
                </fieldset>
            } else {
                <label class="field" for={input_id.clone()}>
                    <span class="field__label">{ label }</span>
                    <span class="field__row">
                        <input id={input_id.clone()} class="input input--age" type="text" inputmode="numeric"
                            autocomplete="off" value={(*age).clone()} ref={refs[0].clone()}
                            placeholder={placeholder}
                            oninput={
                                let age = age.clone();
                                Callback::from(move |e: InputEvent| age.set(e.target_unchecked_into::<HtmlInputElement>().value()))
                            }
                            aria-invalid={invalid.clone()} aria-describedby={described} />
                        if let Some(unit) = props.unit.as_ref().filter(|_| !props.birth_date) {
                            <span class="field__unit">{ unit.clone() }</span>
                        }
                    </span>
                </label>
            }
            if let Some((year, shown_at)) = *ask_birthday {
                <div class="year-only" role="group" aria-labelledby="year-only-title">
                    <p id="year-only-title" class="field__label">
                        { match lang {
                            Lang::Zh => format!("{year}年出生。今年的生日过了吗？"),
                            Lang::En => format!("Born in {year}. Has this year's birthday passed?"),
                        } }
                    </p>
                    { for [(true, props.today.year() - year), (false, props.today.year() - year - 1)]
                        .into_iter()
                        .filter(|(_, years)| *years >= props.min.max(1) && *years <= props.max)
                        .map(|(passed, years)| {
                            let on_answer = props.on_answer.clone();
                            let fact = props.fact;
                            let onclick = Callback::from(move |e: MouseEvent| {
                                // A double tap on 下一题 must not land here unseen.
                                if e.detail() == 0 || js_sys::Date::now() - shown_at >= guard {
                                    on_answer.emit((fact, Some(years)));
                                }
                            });
                            let words = match (lang, passed) {
                                (Lang::Zh, true) => format!("过了（现在{years}周岁）"),
                                (Lang::Zh, false) => format!("还没过（现在{years}周岁）"),
                                (Lang::En, true) => format!("Yes (now {years})"),
                                (Lang::En, false) => format!("Not yet (now {years})"),
                            };
                            html! {
                                <button type="button" class="button choice" data-birthday={if passed { "passed" } else { "not-yet" }} {onclick}>
                                    { words }
                                </button>
                            }
                        }) }
                </div>
            }
            if let Some(message) = &*error {
                <p id="age-error" class="field__error" role="alert">{ message.clone() }</p>
            }
            <button type="submit" class="button button--primary next" data-action="next">{ lang.t("下一题 ›", "Next ›") }</button>
            if props.birth_date {
                <button type="button" class="button button--quiet button--small" data-action="age-mode" onclick={toggle}>
                    { if *by_birth {
                        lang.t("改填年龄", "Give the age instead")
                    } else {
                        lang.t("分开填出生年、月、日", "Give the date of birth in three boxes")
                    } }
                </button>
            }
        </form>
    }
}

/// "Age (full years)" from "age (full years)".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
