//! The root components: [`App`] reads the page address and shows [`Checker`].

use crate::components::{Footer, Header, Question, RegionPicker, Results, WhoPicker};
use crate::rules;
use crate::start::{self, Query};
use crate::state::{Action, State};
use gloo::events::EventListener;
use yanglao_core::{questionnaire, Date, Plan, RuleSet};
use yew::prelude::*;

/// The whole page: today's date (or `?date=`) and `?region=` from the address,
/// and the address kept in step with the region chosen.
#[function_component]
pub fn App() -> Html {
    let query = use_memo((), |_| Query::parse(&start::current_search()));
    let date = query.date.unwrap_or_else(start::today);
    let notice = query
        .bad_date
        .as_ref()
        .map(|d| AttrValue::from(format!("网址里的日期“{d}”看不懂，已按今天的日期查询。")));
    html! {
        <Checker
            {date}
            region={query.region.clone().map(AttrValue::from)}
            follow_address=true
            date_pinned={query.date.is_some()}
            {notice}
        />
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckerProps {
    /// The day the check is made for ("today").
    pub date: Date,
    /// A region chosen in advance.
    #[prop_or_default]
    pub region: Option<AttrValue>,
    /// Record the chosen region in the page address and follow Back/Forward.
    #[prop_or_default]
    pub follow_address: bool,
    /// The date came from the address: keep it there.
    #[prop_or_default]
    pub date_pinned: bool,
    /// A message to show above everything else.
    #[prop_or_default]
    pub notice: Option<AttrValue>,
}

/// The checker itself, mountable anywhere (tests, a host page's element).
#[function_component]
pub fn Checker(props: &CheckerProps) -> Html {
    let state = use_reducer(|| State::new(props.region.as_ref().map(|r| r.to_string())));

    // Back and Forward move between the region list and a region.
    {
        let state = state.clone();
        use_effect_with(props.follow_address, move |follow| {
            let listener = follow.then(|| {
                EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                    let query = Query::parse(&start::current_search());
                    state.dispatch(Action::FromAddress(query.region));
                })
            });
            move || drop(listener)
        });
    }

    let record_in_address = {
        let follow = props.follow_address;
        let pinned = props.date_pinned.then_some(props.date);
        move |region: Option<&str>| {
            if follow {
                let query = Query {
                    date: pinned,
                    ..Query::default()
                };
                start::push_search(&query.with_region(region));
            }
        }
    };
    let on_choose = {
        let state = state.clone();
        let record = record_in_address;
        Callback::from(move |code: AttrValue| {
            record(Some(&code));
            state.dispatch(Action::ChooseRegion(code.to_string()));
            scroll_to_top();
        })
    };
    let on_change_region = {
        let state = state.clone();
        Callback::from(move |_| {
            record_in_address(None);
            state.dispatch(Action::ChangeRegion);
            scroll_to_top();
        })
    };
    let on_toggle_large = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleLargeText))
    };
    let step = |action: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(action());
            scroll_to_top();
        })
    };

    let content = match rules::embedded() {
        Err(_) => {
            html! { <p class="notice notice--error" role="alert">{ "政策资料读取失败，请刷新页面再试。" }</p> }
        }
        Ok(rules) => match &state.region {
            None => html! { <RegionPicker {on_choose} /> },
            Some(code) => match Plan::new(rules, code) {
                Err(_) => html! {
                    <>
                        <p class="notice" role="status">
                            { format!("暂时没有地区代码 {code} 的养老服务政策资料。请从下面的地区中选择。") }
                        </p>
                        <RegionPicker {on_choose} />
                    </>
                },
                Ok(plan) => {
                    let (place, short) = place_names(rules, code);
                    match state.who {
                        None => html! {
                            <WhoPicker
                                place={AttrValue::from(place)}
                                on_choose={
                                    let state = state.clone();
                                    Callback::from(move |who| {
                                        state.dispatch(Action::ChooseWho(who));
                                        scroll_to_top();
                                    })
                                }
                                {on_change_region}
                            />
                        },
                        Some(who) => {
                            let answers = state.answers();
                            let asked = state.asked();
                            let next =
                                questionnaire::next_question(&plan, props.date, &answers, asked);
                            let remaining = questionnaire::at_most_remaining(
                                &plan, props.date, &answers, asked,
                            );
                            match next.filter(|_| !state.show_results) {
                                Some(fact) => {
                                    let on_answer = {
                                        let state = state.clone();
                                        Callback::from(move |(fact, value)| {
                                            state.dispatch(Action::Answer(fact, value));
                                            scroll_to_top();
                                        })
                                    };
                                    let on_birth_date = {
                                        let state = state.clone();
                                        Callback::from(move |date| {
                                            state.dispatch(Action::AnswerBirthDate(date));
                                            scroll_to_top();
                                        })
                                    };
                                    html! {
                                        <Question
                                            key={fact.key()}
                                            {fact}
                                            {who}
                                            place={AttrValue::from(short)}
                                            number={state.path.len() + 1}
                                            at_most={remaining}
                                            previous={state.answered.contains(fact).then(|| state.stored.get(fact))}
                                            previous_birth={state.stored.birth_date()}
                                            today={props.date}
                                            {on_answer}
                                            {on_birth_date}
                                            on_back={step(|| Action::Back)}
                                            on_results={step(|| Action::ShowResults)}
                                        />
                                    }
                                }
                                None => {
                                    let on_change = {
                                        let state = state.clone();
                                        Callback::from(move |(fact, value)| {
                                            state.dispatch(Action::Answer(fact, value));
                                            state.dispatch(Action::ShowResults);
                                        })
                                    };
                                    html! {
                                        <Results
                                            code={AttrValue::from(code.clone())}
                                            place={AttrValue::from(place)}
                                            {who}
                                            date={props.date}
                                            {answers}
                                            path={state.path.clone()}
                                            remaining={if next.is_some() { remaining } else { 0 }}
                                            {on_change}
                                            on_continue={step(|| Action::ContinueQuestions)}
                                            on_restart={step(|| Action::Restart)}
                                            {on_change_region}
                                        />
                                    }
                                }
                            }
                        }
                    }
                }
            },
        },
    };

    html! {
        <div class={classes!("app", state.large_text.then_some("app--large"))}>
            <Header large_text={state.large_text} on_toggle_large={on_toggle_large} />
            <main class="main">
                if let Some(notice) = &props.notice {
                    <p class="notice" role="status">{ notice.clone() }</p>
                }
                { content }
            </main>
            <Footer />
        </div>
    }
}

/// The region's full name and short name; a code below a region we have
/// (a county of 定西市) is named by the nearest region above it.
fn place_names(rules: &RuleSet, code: &str) -> (String, String) {
    if let Some(region) = rules.region(code) {
        return (region.name.clone(), region.short_name.clone());
    }
    match rules.applicable(code).ok().and_then(|r| r.first().copied()) {
        Some(region) => (
            format!("{}所辖地区（代码 {code}）", region.name),
            region.short_name.clone(),
        ),
        None => (format!("地区代码 {code}"), "当地".to_string()),
    }
}

fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
