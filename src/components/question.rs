use super::who::focus;
use crate::i18n::Lang;
use crate::questions::{self, Who, UNKNOWN};
use web_sys::HtmlInputElement;
use yanglao_core::{Date, Fact};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QuestionProps {
    pub fact: Fact,
    pub who: Who,
    /// The region's short name ("玉泉区"), for 户口所在地 questions.
    pub place: AttrValue,
    /// This question's number (1 for the first).
    pub number: usize,
    /// At most how many questions remain, this one included.
    pub at_most: usize,
    /// The answer given before, if the question was answered (None inside = 不知道).
    pub previous: Option<Option<i32>>,
    /// The birth date given before, for the age question.
    pub previous_birth: Option<Date>,
    /// Today, for checking a birth date.
    pub today: Date,
    pub on_answer: Callback<(Fact, Option<i32>)>,
    pub on_birth_date: Callback<Date>,
    pub on_back: Callback<()>,
    pub on_results: Callback<()>,
}

/// One question on its own screen: large answer buttons, always 不知道, 上一题,
/// and how far along the person is.
#[function_component]
pub fn Question(props: &QuestionProps) -> Html {
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.fact, move |_| focus(&heading));
    }
    let lang = use_context::<Lang>().unwrap_or_default();
    let fact = props.fact;
    let title = questions::question_in(lang, fact, props.who, &props.place);
    let done = props.number.saturating_sub(1);
    let total = done + props.at_most.max(1);
    let progress_text = match (lang, props.at_most <= 1) {
        (Lang::Zh, true) => format!("第{}题，这是最后一题", props.number),
        (Lang::Zh, false) => format!("第{}题，最多还有{}题", props.number, props.at_most - 1),
        (Lang::En, true) => format!("Question {}, the last one", props.number),
        (Lang::En, false) => format!(
            "Question {}, at most {} more",
            props.number,
            props.at_most - 1
        ),
    };
    let body = if fact == Fact::Age {
        html! {
            <AgeForm
                previous={props.previous.flatten()}
                previous_birth={props.previous_birth}
                today={props.today}
                on_answer={props.on_answer.clone()}
                on_birth_date={props.on_birth_date.clone()}
            />
        }
    } else {
        let options = questions::options_in(lang, fact);
        html! {
            <ul class="choices" role="list">
                { for options.into_iter().map(|o| {
                    let selected = props.previous == Some(o.value);
                    let value = o.value;
                    let onclick = props.on_answer.reform(move |_: MouseEvent| (fact, value));
                    html! {
                        <li key={o.key.clone()}>
                            <button type="button"
                                class={classes!("button", "choice", selected.then_some("choice--selected"))}
                                aria-pressed={selected.to_string()}
                                data-answer={o.key.clone()}
                                {onclick}>
                                { o.label }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        }
    };
    let unknown_selected = props.previous == Some(None);
    let on_unknown = props.on_answer.reform(move |_: MouseEvent| (fact, None));
    html! {
        <section class="question" data-fact={fact.key()} aria-labelledby="question-title">
            <div class="progress">
                <p class="progress__text">{ progress_text.clone() }</p>
                <progress class="progress__bar" max={total.to_string()} value={done.to_string()}
                    aria-label={progress_text}></progress>
            </div>
            <h2 id="question-title" class="question__title" tabindex="-1" ref={heading}>{ title }</h2>
            <p class="question__help" id="question-help">{ questions::help_in(lang, fact) }</p>
            { body }
            <p class="unknown">
                <button type="button"
                    class={classes!("button", "button--secondary", "choice", unknown_selected.then_some("choice--selected"))}
                    aria-pressed={unknown_selected.to_string()}
                    data-answer={UNKNOWN}
                    onclick={on_unknown}>
                    { questions::unknown_label(lang) }
                </button>
            </p>
            <div class="question__nav">
                <button type="button" class="button button--quiet" data-action="back"
                    onclick={props.on_back.reform(|_: MouseEvent| ())}>
                    { lang.t("‹ 上一题", "‹ Back") }
                </button>
                if props.number > 1 {
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
pub struct AgeFormProps {
    pub previous: Option<i32>,
    pub previous_birth: Option<Date>,
    pub today: Date,
    pub on_answer: Callback<(Fact, Option<i32>)>,
    pub on_birth_date: Callback<Date>,
}

/// The age, typed as 周岁 or as a birth date, checked kindly: a mistake gets a
/// message saying what to type, and what was typed stays in the box.
#[function_component]
pub fn AgeForm(props: &AgeFormProps) -> Html {
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

    // Only the birth year known: the age is one of two, and whether this
    // year's birthday has passed settles it (asked with two buttons).
    let year_only = use_state(|| None::<i32>);
    let onsubmit = {
        let refs = refs.clone();
        let year_only = year_only.clone();
        let (by_birth, age, birth, error) =
            (by_birth.clone(), age.clone(), birth.clone(), error.clone());
        let on_answer = props.on_answer.clone();
        let on_birth_date = props.on_birth_date.clone();
        let today = props.today;
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let read = |i: usize, fallback: &str| {
                refs[i]
                    .cast::<HtmlInputElement>()
                    .map(|input| input.value())
                    .unwrap_or_else(|| fallback.to_string())
            };
            if *by_birth {
                let (y, m, d) = (read(1, &birth[0]), read(2, &birth[1]), read(3, &birth[2]));
                if m.trim().is_empty() && d.trim().is_empty() {
                    // The year alone: checked as a date on 1 January, then the birthday question.
                    match questions::parse_birth_date_in(lang, &y, "1", "1", today) {
                        Ok(date) => {
                            error.set(None);
                            year_only.set(Some(date.year()));
                        }
                        Err(message) => error.set(Some(message)),
                    }
                    return;
                }
                year_only.set(None);
                match questions::parse_birth_date_in(lang, &y, &m, &d, today) {
                    Ok(date) => {
                        error.set(None);
                        on_birth_date.emit(date);
                    }
                    Err(message) => error.set(Some(message)),
                }
            } else {
                match questions::parse_age_in(lang, &read(0, &age)) {
                    Ok(years) => {
                        error.set(None);
                        on_answer.emit((Fact::Age, Some(years)));
                    }
                    Err(message) => error.set(Some(message)),
                }
            }
        })
    };
    let toggle = {
        let (by_birth, error) = (by_birth.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            error.set(None);
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
    html! {
        <form class="age-form" novalidate=true {onsubmit}>
            if *by_birth {
                <fieldset class="birth">
                    <legend>{ lang.t("出生日期", "Date of birth") }</legend>
                    { field("birth-year", lang.t("年", "year"), 0, "input--year") }
                    { field("birth-month", lang.t("月", "month"), 1, "input--short") }
                    { field("birth-day", lang.t("日", "day"), 2, "input--short") }
                </fieldset>
            } else {
                <label class="field" for="age">
                    <span class="field__label">{ lang.t("年龄（周岁）", "Age (full years)") }</span>
                    <span class="field__row">
                        <input id="age" class="input input--age" type="text" inputmode="numeric"
                            autocomplete="off" value={(*age).clone()} ref={refs[0].clone()}
                            oninput={
                                let age = age.clone();
                                Callback::from(move |e: InputEvent| age.set(e.target_unchecked_into::<HtmlInputElement>().value()))
                            }
                            aria-invalid={invalid.clone()} aria-describedby={described} />
                        <span>{ lang.t("周岁", "years") }</span>
                    </span>
                </label>
            }
            if let (true, Some(year)) = (*by_birth, *year_only) {
                <div class="year-only" role="group" aria-labelledby="year-only-title">
                    <p id="year-only-title" class="field__label">
                        { lang.t("只填了出生年份。今年的生日过了吗？", "Only the year of birth is given. Has this year's birthday passed?") }
                    </p>
                    { for [(true, props.today.year() - year), (false, props.today.year() - year - 1)]
                        .into_iter()
                        .filter(|(_, years)| *years >= 1 && *years <= 130)
                        .map(|(passed, years)| {
                            let on_answer = props.on_answer.clone();
                            let onclick = Callback::from(move |_: MouseEvent| on_answer.emit((Fact::Age, Some(years))));
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
            <button type="button" class="button button--quiet button--small" data-action="age-mode" onclick={toggle}>
                { if *by_birth {
                    lang.t("改填年龄", "Give the age instead")
                } else {
                    lang.t("记不清周岁？改填出生日期", "Not sure of the age? Give the date of birth")
                } }
            </button>
        </form>
    }
}
