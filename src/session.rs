//! One person's check: region, who is asking, the questions and the results.
//! The screen is worked out once per state by [`crate::screen::screen`] (the
//! engine runs there), drawn here with one match; the page's address,
//! history, language and remembered display go through one hook
//! ([`crate::effects::use_page_effects`]).

use crate::catalogue::{self, use_pack, PackState};
use crate::components::{
    mixed, DisplayControl, Footer, Header, Question, RegionPicker, Results, Speech, WhoPicker,
};
use crate::effects::{use_page_effects, Page};
use crate::handoff::{self, Link};
use crate::i18n::Lang;
use crate::nav;
use crate::prefs;
use crate::questions::Who;
use crate::screen::{screen, Screen};
use crate::stage::{self, Later};
use crate::start::{self, Mode, Query};
use crate::state::{Action, Display, State};
use std::rc::Rc;
use yanglao_core::pack::province_of;
use yanglao_core::Date;
use yew::prelude::*;

/// The note for a hand-off link that cannot be read.
pub const BAD_LINK_NOTE: &str =
    "这个链接不完整、已损坏或被改动过，没法恢复之前的回答。请重新查询，只需几分钟。";
/// The note for a hand-off link made with earlier rules.
pub const OLD_RULES_NOTE: &str =
    "这个链接是按以前的政策资料生成的。已恢复您的回答，结果按现在的政策重新计算。";
pub const BAD_LINK_NOTE_EN: &str = "This link is incomplete, damaged or has been changed, so the earlier answers cannot be restored. Please check again; it takes a few minutes.";
pub const OLD_RULES_NOTE_EN: &str = "This link was made with earlier policy data. The answers are restored and the results follow the policies in force now.";

/// A person's check as the results show it: the place and the answers the
/// engine decided with (a preview turns it into an example case).
#[derive(Clone, Debug, PartialEq)]
pub struct Finished {
    pub region: String,
    pub answers: yanglao_core::Answers,
}

#[derive(Properties, PartialEq)]
pub struct SessionProps {
    pub date: Date,
    pub region: Option<AttrValue>,
    pub follow_address: bool,
    pub date_pinned: bool,
    pub mode: Mode,
    /// A hand-off link, checked whole; its answers are read with the pack.
    pub restore: Option<Link>,
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
    /// Hears each check the results show (and each change made there).
    #[prop_or_default]
    pub on_results: Callback<Finished>,
}

/// One person's check, from the region to the results. Everything they
/// answer lives here and goes when this component is dropped (the kiosk's
/// reset mounts a fresh one).
#[function_component]
pub fn Session(props: &SessionProps) -> Html {
    let state = use_reducer(|| {
        let mut state = match &props.restore {
            Some(link) => State::pending(link.clone()),
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

    // The region's province pack, loaded on demand (and kept once loaded).
    // (A code of no province, such as 999999, has no pack: the picker says so.)
    let province = state
        .region
        .as_deref()
        .and_then(province_of)
        .filter(|p| crate::regions::PROVINCES.iter().any(|(c, _)| c == p))
        .map(str::to_string);
    let rules = catalogue::use_rules();
    let (pack, retry) = use_pack(province);
    // The screen, worked out once per state (the engine runs here).
    let current = use_memo(
        ((*state).clone(), pack.clone(), props.date),
        |(state, pack, date)| screen(state, pack.as_ref(), *date),
    );
    let key = current.key();

    // A link's answers, read once its pack is here (the pack's vocabulary reads them).
    let late_notices = use_state(Vec::<AttrValue>::new);
    {
        let state = state.clone();
        let late_notices = late_notices.clone();
        let ready = matches!(pack, Some(PackState::Ready(_)));
        let date = props.date;
        let follow = props.follow_address;
        let rules = rules.clone();
        use_effect_with((state.pending.clone(), ready), move |(pending, ready)| {
            if let (Some(link), true) = (pending, ready) {
                match link.read(&rules.fingerprint(), date) {
                    Ok(restored) => {
                        if restored.rules_changed && restored.at_results {
                            late_notices
                                .set(vec![lang.t(OLD_RULES_NOTE, OLD_RULES_NOTE_EN).into()]);
                        }
                        state.dispatch(Action::Restore(Box::new(State::restored(&restored))));
                    }
                    Err(why) => {
                        gloo::console::log!(format!("hand-off link refused: {}", why.0));
                        late_notices.set(vec![lang.t(BAD_LINK_NOTE, BAD_LINK_NOTE_EN).into()]);
                        if follow {
                            start::replace_address(&start::current_search(), "");
                        }
                        state.dispatch(Action::LinkRefused);
                    }
                }
            }
        });
    }

    // Whoever is listening hears each result shown (a preview saves it as a case).
    {
        let finished = match (&*current, &state.region) {
            (Screen::Results(_), Some(region)) => Some(Finished {
                region: region.clone(),
                answers: state.answers(),
            }),
            _ => None,
        };
        let on_results = props.on_results.clone();
        use_effect_with(finished, move |finished| {
            if let Some(f) = finished {
                on_results.emit(f.clone());
            }
        });
    }

    let remember = props.follow_address && props.mode == Mode::Normal;
    let nav_state = use_page_effects(
        &state,
        &key,
        Page {
            follow: props.follow_address,
            mode: props.mode,
            kiosk_region: props.region.as_ref().map(|r| r.to_string()),
            remember,
            on_lang: props.on_lang.clone(),
        },
    );

    // In a portal the region is fixed by the portal's link.
    let fixed_region = props.mode == Mode::Embed && props.region.is_some();
    let send = |make: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_| {
            state.dispatch(make());
            scroll_to_top();
        })
    };
    let on_change_region = (!fixed_region).then(|| send(|| Action::ChangeRegion));
    let on_language = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleLanguage))
    };
    let on_text_size = {
        let state = state.clone();
        Callback::from(move |size: u8| state.dispatch(Action::SetTextSize(size)))
    };
    let on_toggle_contrast = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleContrast))
    };
    // What a screen reader hears when the results appear or change. (Both
    // this and the next are set only when they change: a set to the same
    // value would draw the whole session again, as every screen change did
    // by clearing an `extra_speech` already clear.)
    let announcement = use_state_eq(String::new);
    let on_summary = {
        let announcement = announcement.clone();
        Callback::from(move |text: String| announcement.set(text))
    };
    // What read-aloud says besides the screen: a part the person opened (怎么算的).
    let extra_speech = use_state_eq(|| None::<(String, Vec<String>)>);
    let on_speak = {
        let extra_speech = extra_speech.clone();
        Callback::from(move |said: (String, Vec<String>)| extra_speech.set(Some(said)))
    };
    {
        let extra_speech = extra_speech.clone();
        use_effect_with(key.clone(), move |_| extra_speech.set(None));
    }
    // 上一题: the browser's own Back where the previous screen is one of ours,
    // so the history stays one line; otherwise straight back.
    let on_back = {
        let state = state.clone();
        let nav_state = nav_state.clone();
        let follow = props.follow_address;
        Callback::from(move |_| {
            let mut nav = nav_state.borrow_mut();
            if follow && nav.entry.index > nav.start {
                drop(nav);
                nav::back();
            } else {
                nav.quiet = true;
                drop(nav);
                state.dispatch(Action::Back);
            }
            scroll_to_top();
        })
    };

    let content = match &*current {
        Screen::Loading => html! {
            <p class="notice" role="status" data-loading="">{ lang.t("正在读取这个地方的政策资料……", "Reading the policy data for this place…") }</p>
        },
        Screen::PackFailed(failure) => html! {
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
        Screen::Picker { unknown } => {
            let on_choose = {
                let state = state.clone();
                Callback::from(move |code: AttrValue| {
                    state.dispatch(Action::ChooseRegion(code.to_string()));
                    scroll_to_top();
                })
            };
            html! {
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
            }
        }
        Screen::Who { place } => {
            let on_choose = {
                let state = state.clone();
                Callback::from(move |who: Who| {
                    state.dispatch(Action::ChooseWho(who));
                    scroll_to_top();
                })
            };
            html! {
                <WhoPicker place={AttrValue::from(place.clone())} {on_choose} on_change_region={on_change_region.clone()} />
            }
        }
        Screen::Question(asking) => {
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
                    asking={asking.clone()}
                    today={props.date}
                    {on_answer}
                    {on_birth_date}
                    on_back={on_back.clone()}
                    on_results={send(|| Action::ShowResults)}
                    guard_ms={props.guard_ms}
                />
            }
        }
        Screen::Results(showing) => {
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
                            &rules.fingerprint(),
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
                    showing={showing.clone()}
                    {on_change}
                    {link}
                    on_summary={on_summary.clone()}
                    on_speak={on_speak.clone()}
                    clickable_link={props.mode != Mode::Kiosk}
                    on_continue={send(|| Action::ContinueQuestions)}
                    on_restart={send(|| Action::Restart)}
                    on_change_region={on_change_region.clone()}
                />
            }
        }
    };

    let notices: Vec<AttrValue> = props
        .notices
        .iter()
        .chain(late_notices.iter())
        .cloned()
        .collect();
    // What read-aloud says: the notices, then the screen (or the part opened).
    let speech = {
        let mut words: Vec<String> = notices.iter().map(|n| n.to_string()).collect();
        let (speech_key, said) = match &*extra_speech {
            Some((part, said)) => (format!("{key}|{part}"), said.clone()),
            None => (
                format!("{key}|{}|{}", state.path.len(), *announcement),
                current.speech(lang),
            ),
        };
        words.extend(said);
        Speech {
            key: speech_key.into(),
            words: Rc::new(words),
            lang,
        }
    };
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
                <Later step={stage::HEADER}>
                    <Header
                        display={state.display}
                        {on_text_size}
                        {on_toggle_contrast}
                        {speech}
                        kiosk={props.mode == Mode::Kiosk}
                        on_restart={props.on_kiosk_reset.clone()}
                        {on_language}
                    />
                </Later>
            }
            <main class="main" id="main">
                { for notices.iter().map(|n| html! { <p class="notice" role="status">{ mixed(lang, n) }</p> }) }
                { content }
                <p class="visually-hidden" aria-live="polite" data-announce="">{ (*announcement).clone() }</p>
            </main>
            if !embed {
                <Later step={stage::STEPS}><Footer remembers={remember} /></Later>
            }
            </ContextProvider<Lang>>
        </div>
    }
}

fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
