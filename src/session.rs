//! One person's check: region, who is asking, the questions and the results.

use crate::catalogue::{self, use_pack, Failure, Loaded, PackState};
use crate::components::{
    DisplayControl, Footer, Header, Question, RegionPicker, Results, WhoPicker,
};
use crate::handoff::{self, Restored};
use crate::i18n::Lang;
use crate::nav::{self, Entry};
use crate::prefs;
use crate::questions::Who;
use crate::report::Report;
use crate::start::{self, Mode, Query};
use crate::state::{Action, Display, State};
use gloo::events::EventListener;
use std::rc::Rc;
use yanglao_core::coverage::{coverage, Coverage};
use yanglao_core::pack::province_of;
use yanglao_core::{questionnaire, Date, Fact, Plan};
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
    /// How long a new question waits before it takes taps.
    #[prop_or(crate::components::TAP_GUARD_MS)]
    pub guard_ms: u32,
}

/// What is on the screen, worked out once per render with one run of the engine.
enum View {
    Picker {
        unknown: Option<String>,
    },
    /// The region's pack is being read.
    Loading,
    /// It could not be read: a message, and 再试一次.
    PackFailed(Failure),
    Who {
        place: String,
    },
    Question {
        fact: Fact,
        remaining: usize,
        short: String,
    },
    Results {
        place: String,
        report: Rc<Report>,
        coverage: Rc<Coverage>,
        remaining: usize,
        implied: Vec<(Fact, AttrValue)>,
    },
}

impl View {
    /// Which screen this is, for the history: a new key is a new entry.
    fn key(&self) -> String {
        match self {
            View::Picker { .. } => "picker".into(),
            View::Loading | View::PackFailed(_) => "loading".into(),
            View::Who { .. } => "who".into(),
            View::Question { fact, .. } => format!("q:{}", fact.key()),
            View::Results { .. } => "results".into(),
        }
    }
}

fn view(state: &State, pack: Option<PackState>, date: Date, lang: Lang) -> View {
    let Some(code) = &state.region else {
        return View::Picker { unknown: None };
    };
    let unknown = || View::Picker {
        unknown: Some(code.clone()),
    };
    let loaded = match pack {
        // Not six digits: there is no province to load.
        None => return unknown(),
        Some(PackState::Loading) => return View::Loading,
        Some(PackState::Failed(f)) => return View::PackFailed(f),
        Some(PackState::Ready(l)) => l,
    };
    let Loaded { rules, index } = &*loaded;
    // A code that is no real division (999999, 110199): the picker, with a note.
    let (Some(own), Some(coverage)) = (index.get(code), coverage(index, rules, code)) else {
        return unknown();
    };
    let place = index.full_name(code);
    if state.who.is_none() {
        return View::Who { place };
    }
    let Ok(plan) = Plan::new(rules, code) else {
        return unknown();
    };
    let answers = state.answers();
    let (next, remaining, quick) = questionnaire::screen(&plan, date, &answers, state.asked());
    match next.filter(|_| !state.show_results) {
        Some(fact) => View::Question {
            fact,
            remaining,
            short: own.name.to_string(),
        },
        None => match plan.evaluate_with(date, &answers, quick) {
            Ok(evaluation) => View::Results {
                place,
                report: Rc::new(Report::new(lang, &evaluation, &coverage.ask)),
                coverage: Rc::new(coverage),
                remaining: if next.is_some() { remaining } else { 0 },
                implied: evaluation
                    .implied
                    .iter()
                    .map(|(f, i)| (*f, AttrValue::from(lang.t(i.because_zh, i.because_en))))
                    .collect(),
            },
            // The answers contradict each other (links are checked before
            // this): the questions start afresh.
            Err(_) => View::Who { place },
        },
    }
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

    // The region's province pack, loaded on demand (and kept once loaded).
    // (A code of no province, such as 999999, has no pack: the picker says so.)
    let province = state
        .region
        .as_deref()
        .and_then(province_of)
        .filter(|p| crate::regions::PROVINCES.iter().any(|(c, _)| c == p))
        .map(str::to_string);
    let (pack, retry) = use_pack(province);
    let current = view(&state, pack, props.date, lang);
    let key = current.key();

    // ---- The history: one entry per screen (see nav.rs) ----
    let follow = props.follow_address;
    let mode = props.mode;
    // This session's place in the history, and on a kiosk its screens in memory.
    let nav_state = use_mut_ref(|| {
        let index = Entry::current().map(|e| e.index).unwrap_or(0);
        let session = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
        (
            Entry { index, session },
            index,
            None::<String>,
            false,
            Vec::<(u32, State)>::new(),
        )
    });
    {
        let nav_state = nav_state.clone();
        let state = (*state).clone();
        let key = key.clone();
        use_effect(move || {
            // While a pack is read (or failed to be) the screen is not yet one
            // of the check's: the history waits for the screen it leads to.
            if follow && key != "loading" {
                let mut nav = nav_state.borrow_mut();
                let (entry, _, last_key, quiet, snapshots) = &mut *nav;
                let moved = last_key.as_ref().is_some_and(|k| *k != key) && !*quiet;
                if moved {
                    entry.index += 1;
                }
                let address = nav::address_for(&state, mode, &catalogue::fingerprint(), *entry);
                if moved {
                    nav::push(&address, *entry);
                } else if address != nav::current_address() || Entry::current() != Some(*entry) {
                    nav::replace(&address, *entry);
                }
                if mode == Mode::Kiosk {
                    snapshots.retain(|(i, _)| *i < entry.index);
                    snapshots.push((entry.index, state));
                }
                *last_key = Some(key);
                *quiet = false;
            }
        });
    }
    // Back and Forward: the check as that entry holds it.
    {
        let state = state.clone();
        let nav_state = nav_state.clone();
        let date = props.date;
        let kiosk_region = props.region.as_ref().map(|r| r.to_string());
        use_effect_with(follow, move |follow| {
            let listener = follow.then(|| {
                EventListener::new(&gloo::utils::window(), "popstate", move |event| {
                    let event: &web_sys::PopStateEvent = wasm_bindgen::JsCast::unchecked_ref(event);
                    let entry = Entry::from_js(&event.state());
                    let mut nav = nav_state.borrow_mut();
                    let (ours, _, _, quiet, snapshots) = &mut *nav;
                    let to = if mode == Mode::Kiosk {
                        // Only this session's own screens; anything older is gone.
                        entry
                            .filter(|e| e.session == ours.session)
                            .and_then(|e| snapshots.iter().find(|(i, _)| *i == e.index))
                            .map(|(_, s)| s.clone())
                            .unwrap_or_else(|| State::new(kiosk_region.clone()))
                    } else {
                        state_from_address(date)
                    };
                    if let Some(e) =
                        entry.filter(|e| mode != Mode::Kiosk || e.session == ours.session)
                    {
                        ours.index = e.index;
                    }
                    *quiet = true;
                    drop(nav);
                    state.dispatch(Action::Restore(Box::new(to)));
                })
            });
            move || drop(listener)
        });
    }

    // In a portal the region is fixed by the portal's link.
    let fixed_region = props.mode == Mode::Embed && props.region.is_some();
    let on_choose = {
        let state = state.clone();
        Callback::from(move |code: AttrValue| {
            state.dispatch(Action::ChooseRegion(code.to_string()));
            scroll_to_top();
        })
    };
    let on_change_region = (!fixed_region).then(|| {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(Action::ChangeRegion);
            scroll_to_top();
        })
    });
    let on_language = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleLanguage))
    };
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
    // 上一题: the browser's own Back where the previous screen is one of ours,
    // so the history stays one line; otherwise straight back.
    let on_back = {
        let state = state.clone();
        let nav_state = nav_state.clone();
        Callback::from(move |_| {
            let mut nav = nav_state.borrow_mut();
            let (entry, start_index, _, quiet, _) = &mut *nav;
            if follow && entry.index > *start_index {
                drop(nav);
                nav::back();
            } else {
                *quiet = true;
                drop(nav);
                state.dispatch(Action::Back);
            }
            scroll_to_top();
        })
    };

    let content = match &current {
        View::Loading => html! {
            <p class="notice" role="status" data-loading="">{ lang.t("正在读取这个地方的政策资料……", "Reading the policy data for this place…") }</p>
        },
        View::PackFailed(failure) => html! {
            <div class="notice notice--error" role="alert" data-pack-failed="">
                <p>{ failure.message(lang) }</p>
                <button type="button" class="button" data-action="retry" onclick={retry.reform(|_: MouseEvent| ())}>
                    { lang.t("再试一次", "Try again") }
                </button>
                if let Some(change) = &on_change_region {
                    <button type="button" class="button button--quiet" data-action="change-region"
                        onclick={change.reform(|_: MouseEvent| ())}>{ lang.t("换一个地区", "Choose another region") }</button>
                }
            </div>
        },
        View::Picker { unknown } => html! {
            <>
                if let Some(code) = unknown {
                    <p class="notice" role="status">
                        { match lang {
                            Lang::Zh => format!("“{code}”不是一个县（区）、市或省的代码。请在下面找到老人户口所在的地方。"),
                            Lang::En => format!("“{code}” is not the code of a county, city or province. Please find the place of household registration below."),
                        } }
                    </p>
                }
                <RegionPicker {on_choose} date={props.date} />
            </>
        },
        View::Who { place } => html! {
            <WhoPicker
                place={AttrValue::from(place.clone())}
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
        View::Question {
            fact,
            remaining,
            short,
        } => {
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
            let fact = *fact;
            html! {
                <Question
                    key={format!("{}-{}", state.path.len(), fact.key())}
                    {fact}
                    who={state.who.unwrap_or(Who::Family)}
                    place={AttrValue::from(short.clone())}
                    number={state.path.len() + 1}
                    at_most={*remaining}
                    previous={state.answered.contains(fact).then(|| state.stored.get(fact))}
                    previous_birth={state.stored.birth_date()}
                    today={props.date}
                    {on_answer}
                    {on_birth_date}
                    {on_back}
                    on_results={step(|| Action::ShowResults)}
                    guard_ms={props.guard_ms}
                />
            }
        }
        View::Results {
            place,
            report,
            coverage,
            remaining,
            implied,
        } => {
            let code = state.region.clone().unwrap_or_default();
            let link =
                state
                    .link_parts()
                    .filter(|_| !state.path.is_empty())
                    .map(|(region, who)| {
                        let query = Query {
                            date: props.date_pinned.then_some(props.date),
                            lang: lang.is_en().then_some(Lang::En),
                            ..Query::default()
                        };
                        let fragment = handoff::encode(
                            &catalogue::fingerprint(),
                            region,
                            who,
                            &state.path,
                            &state.stored,
                            state.stored.birth_date(),
                            true,
                        );
                        // The place is in the fragment, with the answers: opening
                        // the link sends the server nothing about the person.
                        AttrValue::from(format!(
                            "{}{}#{fragment}",
                            start::page_base(),
                            query.with_region(None)
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
                    code={AttrValue::from(code)}
                    place={AttrValue::from(place.clone())}
                    who={state.who.unwrap_or(Who::Family)}
                    date={props.date}
                    report={report.clone()}
                    coverage={coverage.clone()}
                    answers={state.answers()}
                    path={state.path.clone()}
                    implied={implied.clone()}
                    remaining={*remaining}
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
    };

    // Which screen shows, for the read-aloud switch.
    let screen_key = AttrValue::from(format!("{key}|{}|{}", state.path.len(), *announcement));
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
            if embed {
                // A portal gives the page its own header: the display switches stay, compact.
                <div class="embed-tools">
                    <DisplayControl display={state.display} {on_text_size} {on_toggle_contrast} on_language={Some(on_language)} />
                </div>
            } else {
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
                <Footer remembers={remember} />
            }
            </ContextProvider<Lang>>
        </div>
    }
}

/// The check as the address holds it (the browser's Back and Forward, a reload).
fn state_from_address(date: Date) -> State {
    let query = Query::parse(&start::current_search());
    let hash = start::current_hash();
    if let Some(region) = handoff::decode_region(&hash) {
        return State::new(Some(region));
    }
    if hash.len() > 1 {
        if let Ok(link) = handoff::decode(&hash, &catalogue::fingerprint(), date) {
            return State::restored(&link);
        }
    }
    State::new(query.region)
}

fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
