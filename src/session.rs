//! One person's check: region, who is asking, the questions and the results.

use crate::components::{Footer, Header, Question, RegionPicker, Results, WhoPicker};
use crate::handoff::{self, Restored};
use crate::i18n::Lang;
use crate::prefs;
use crate::rules;
use crate::start::{self, Mode, Query};
use crate::state::{Action, Display, State};
use gloo::events::EventListener;
use yanglao_core::{questionnaire, Date, Plan, RuleSet};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SessionProps {
    pub date: Date,
    pub region: Option<AttrValue>,
    pub follow_address: bool,
    pub date_pinned: bool,
    pub mode: Mode,
    /// Answers brought by a hand-off link.
    pub restore: Option<Restored>,
    /// 重新开始 on a kiosk: a full reset by the shell around the session.
    pub on_kiosk_reset: Callback<()>,
    pub notices: Vec<AttrValue>,
    /// The language to start in.
    #[prop_or_default]
    pub lang: Lang,
    /// Hears the language whenever it changes (the kiosk's idle question follows it).
    #[prop_or_default]
    pub on_lang: Callback<Lang>,
}

/// One person's check, from the region to the results. Everything they
/// answer lives here and goes when this component is dropped (the kiosk's
/// reset mounts a fresh one).
#[function_component]
pub fn Session(props: &SessionProps) -> Html {
    let state = use_reducer(|| {
        let mut state = match &props.restore {
            Some(r) => State::restored(r),
            None => State::new(props.region.as_ref().map(|r| r.to_string())),
        };
        state.display = match props.mode {
            // A kiosk starts large for every person, whatever the last one chose.
            Mode::Kiosk => Display {
                text_size: 1,
                contrast: false,
            },
            // A phone remembers its owner's choice (the page's own preference, never an answer).
            _ if props.follow_address => prefs::load(),
            _ => Display::default(),
        };
        state.lang = props.lang;
        state
    });
    let lang = state.lang;
    // The page's language follows the switch (screen readers, fonts, read-aloud).
    {
        let follow = props.follow_address;
        let on_lang = props.on_lang.clone();
        use_effect_with(lang, move |lang| {
            if follow {
                if let Some(root) = gloo::utils::document().document_element() {
                    let _ = root.set_attribute("lang", lang.code());
                }
            }
            on_lang.emit(*lang);
        });
    }
    let on_language = {
        let state = state.clone();
        let follow = props.follow_address;
        Callback::from(move |_| {
            state.dispatch(Action::ToggleLanguage);
            if follow {
                // Kept in the address, so a reload keeps the language.
                let mut query = Query::parse(&start::current_search());
                query.lang = match state.lang {
                    Lang::Zh => Some(Lang::En),
                    Lang::En => None,
                };
                start::replace_address(
                    &query.with_region(query.region.clone().as_deref()),
                    &start::current_hash(),
                );
            }
        })
    };

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

    // The region goes into the address (a new history entry, so the phone's
    // Back button returns to the region list), keeping the other parameters.
    let record_in_address = {
        let follow = props.follow_address;
        move |region: Option<&str>| {
            if follow {
                let query = Query::parse(&start::current_search());
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
    // In a portal the region is fixed by the portal's link.
    let fixed_region = props.mode == Mode::Embed && props.region.is_some();
    let on_change_region = (!fixed_region).then(|| {
        let state = state.clone();
        Callback::from(move |_| {
            record_in_address(None);
            state.dispatch(Action::ChangeRegion);
            scroll_to_top();
        })
    });
    let remember = props.follow_address && props.mode == Mode::Normal;
    let on_text_size = {
        let state = state.clone();
        Callback::from(move |size: u8| {
            state.dispatch(Action::SetTextSize(size));
            if remember {
                prefs::save(Display {
                    text_size: size,
                    ..state.display
                });
            }
        })
    };
    let on_toggle_contrast = {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::ToggleContrast);
            if remember {
                prefs::save(Display {
                    contrast: !state.display.contrast,
                    ..state.display
                });
            }
        })
    };
    // What a screen reader hears when the results appear or change.
    let announcement = use_state(String::new);
    let on_summary = {
        let announcement = announcement.clone();
        Callback::from(move |text: String| announcement.set(text))
    };
    let step = |action: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(action());
            scroll_to_top();
        })
    };

    // The hand-off link: the answers on the path, in the fragment.
    let fragment = match (&state.region, state.who) {
        (Some(region), Some(who)) if !state.path.is_empty() => Some(handoff::encode(
            rules::fingerprint(),
            region,
            who,
            &state.path,
            &state.stored,
            state.stored.birth_date(),
        )),
        _ => None,
    };
    let at_results = use_mut_ref(|| false);
    // On a personal device the address carries the answers while the results
    // show, so a reload or a bookmark brings them back. Never on a kiosk.
    {
        let fragment = fragment.clone();
        let at_results = at_results.clone();
        let keep = props.mode == Mode::Normal && props.follow_address;
        use_effect(move || {
            if keep {
                let hash = match (*at_results.borrow(), &fragment) {
                    (true, Some(f)) => format!("#{f}"),
                    _ => String::new(),
                };
                if start::current_hash() != hash {
                    start::replace_address(&start::current_search(), &hash);
                }
            }
        });
    }
    *at_results.borrow_mut() = false;

    let content = match rules::embedded() {
        Err(_) => {
            html! { <p class="notice notice--error" role="alert">{ lang.t("政策资料读取失败，请刷新页面再试。", "The policy data could not be read. Please reload the page.") }</p> }
        }
        Ok(rules) => match &state.region {
            None => html! { <RegionPicker {on_choose} /> },
            Some(code) => match Plan::new(rules, code) {
                Err(_) => html! {
                    <>
                        <p class="notice" role="status">
                            { match lang {
                                Lang::Zh => format!("暂时没有地区代码 {code} 的养老服务政策资料。请从下面的地区中选择。"),
                                Lang::En => format!("There is no elderly-care policy data for region code {code} yet. Please choose from the regions below."),
                            } }
                        </p>
                        <RegionPicker {on_choose} />
                    </>
                },
                Ok(plan) => {
                    let (place, short) = place_names(lang, rules, code);
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
                            let (next, remaining) =
                                questionnaire::step(&plan, props.date, &answers, asked);
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
                                    *at_results.borrow_mut() = true;
                                    let link = fragment.as_ref().map(|f| {
                                        let query = Query {
                                            date: props.date_pinned.then_some(props.date),
                                            lang: lang.is_en().then_some(Lang::En),
                                            ..Query::default()
                                        };
                                        AttrValue::from(format!(
                                            "{}{}#{f}",
                                            start::page_base(),
                                            query.with_region(Some(code))
                                        ))
                                    });
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
                                            {link}
                                            on_summary={on_summary.clone()}
                                            clickable_link={props.mode != Mode::Kiosk}
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

    // Which screen shows, for the read-aloud switch.
    let screen_key = AttrValue::from(match (&state.region, state.who) {
        (None, _) => "picker".to_string(),
        (Some(_), None) => "who".to_string(),
        _ => format!("{}|{}", state.path.len(), *announcement),
    });
    let embed = props.mode == Mode::Embed;
    html! {
        <div
            class={classes!(
                "app",
                format!("app--text-{}", state.display.text_size),
                state.display.contrast.then_some("app--contrast"),
                format!("app--{}", props.mode.key())
            )}
            data-mode={props.mode.key()}
            lang={lang.code()}
        >
            <ContextProvider<Lang> context={lang}>
            if !embed {
                <Header
                    display={state.display}
                    {on_text_size}
                    {on_toggle_contrast}
                    screen={screen_key}
                    kiosk={props.mode == Mode::Kiosk}
                    on_restart={props.on_kiosk_reset.clone()}
                    {on_language}
                />
            }
            <main class="main" id="main">
                { for props.notices.iter().map(|n| html! { <p class="notice" role="status">{ n.clone() }</p> }) }
                { content }
                <p class="visually-hidden" aria-live="polite" data-announce="">{ (*announcement).clone() }</p>
            </main>
            if !embed {
                <Footer />
            }
            </ContextProvider<Lang>>
        </div>
    }
}

/// The region's full name and short name; a code below a region we have
/// (a county of 定西市) is named by the nearest region above it.
fn place_names(lang: Lang, rules: &RuleSet, code: &str) -> (String, String) {
    if let Some(region) = rules.region(code) {
        return (region.name.clone(), region.short_name.clone());
    }
    match (
        lang,
        rules.applicable(code).ok().and_then(|r| r.first().copied()),
    ) {
        (Lang::Zh, Some(region)) => (
            format!("{}所辖地区（代码 {code}）", region.name),
            region.short_name.clone(),
        ),
        (Lang::En, Some(region)) => (
            format!(
                "Code {code}, part of {}",
                crate::i18n::place(lang, &region.name)
            ),
            region.short_name.clone(),
        ),
        (Lang::Zh, None) => (format!("地区代码 {code}"), "当地".to_string()),
        (Lang::En, None) => (format!("Region code {code}"), "the area".to_string()),
    }
}

fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
