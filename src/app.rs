//! The root components: [`App`] reads the page address; [`Checker`] holds one
//! [`Session`] and what the place it runs in needs around it — the kiosk's
//! idle reset, the portal's height messages and colour.

use crate::catalogue::Rules;
use crate::handoff::{self, Link};
use crate::i18n::Lang;
use crate::session::Session;
use crate::stage::{self, Later};
use crate::start::{self, Mode, Query, DEFAULT_IDLE_SECONDS};
use gloo::events::EventListener;
use gloo::timers::callback::Interval;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yanglao_core::Date;
use yew::prelude::*;

/// The start page as it is rendered ahead, at build time (`crates/prerender`),
/// into index.html: a first visit's page (no query, no fragment), with this
/// deployment's rules. The app, started in the browser, takes its place
/// ([`first_visit`], src/main.rs).
#[derive(Clone, PartialEq)]
pub struct Ahead {
    pub date: Date,
    pub rules: Rules,
}

#[derive(Properties, PartialEq, Default)]
pub struct AppProps {
    /// Set only when rendering ahead; in the browser the page's address says.
    #[prop_or_default]
    pub ahead: Option<Ahead>,
}

/// Whether the page's address is a first visit's, the one page rendered
/// ahead: no query, and no fragment but a province opened before the app
/// started (`#p.14`). Only then does the app take over the markup already
/// there; index.html's inline script reads the address by the same rule and
/// hides that markup otherwise.
pub fn first_visit(search: &str, hash: &str) -> bool {
    let search = search.trim_start_matches('?');
    let hash = hash.trim_start_matches('#');
    search.is_empty() && (hash.is_empty() || crate::components::opened_province(hash).is_some())
}

/// The whole page: today's date (or `?date=`), the region, mode and colour
/// from the address, and answers from a hand-off link in the fragment.
#[function_component]
pub fn App(props: &AppProps) -> Html {
    // Rendering ahead happens natively only (crates/prerender); in the
    // browser the address says, and the wasm holds no code for the other way.
    let ahead = props
        .ahead
        .clone()
        .filter(|_| !cfg!(target_arch = "wasm32"));
    let setup = use_memo((), |_| match &ahead {
        Some(ahead) => (Query::default(), ahead.date, Vec::new(), None, None),
        None => from_address(),
    });
    let (query, date, notices, restore, region_from_fragment) = &*setup;
    let mut props = CheckerProps::new(*date);
    props.region = region_from_fragment
        .clone()
        .or_else(|| query.region.clone())
        .map(AttrValue::from);
    props.follow_address = true;
    props.date_pinned = query.date.is_some();
    props.notices = notices.iter().cloned().map(AttrValue::from).collect();
    props.mode = query.mode;
    props.idle_seconds = query.idle_seconds.unwrap_or(DEFAULT_IDLE_SECONDS);
    props.theme = query.theme.clone().map(AttrValue::from);
    props.restore = restore.clone();
    props.lang = query.lang.unwrap_or_default();
    // The rules reach every component through this context.
    let rules = use_memo((), |_| {
        ahead
            .as_ref()
            .map_or_else(Rules::deployed, |a| a.rules.clone())
    });
    html! {
        <ContextProvider<Rules> context={(*rules).clone()}>
            <Checker ..props />
        </ContextProvider<Rules>>
    }
}

type Setup = (Query, Date, Vec<String>, Option<Link>, Option<String>);

/// What the page's address asks for: the query, the date, notes on what in it
/// could not be read, a hand-off link or a place chosen before a reload.
fn from_address() -> Setup {
    let query = Query::parse(&start::current_search());
    let date = query.date.unwrap_or_else(start::today);
    let lang = query.lang.unwrap_or_default();
    let en = lang.is_en();
    let mut notices = Vec::new();
    if let Some(d) = &query.bad_date {
        notices.push(if en {
            format!("The date “{d}” in the address is not a date; today's date is used.")
        } else {
            format!("网址里的日期“{d}”看不懂，已按今天的日期查询。")
        });
    }
    if let Some(r) = &query.bad_region {
        notices.push(if en {
            format!("The region code “{r}” in the address is wrong (it has 6 digits). Please choose a region below.")
        } else {
            format!("网址里的地区代码“{r}”不对（应是6位数字）。请从下面的地区中选择。")
        });
    }
    if let Some(m) = &query.bad_mode {
        notices.push(if en {
            format!("The mode “{m}” in the address is unknown; the page opens normally.")
        } else {
            format!("网址里的模式“{m}”不认识，已按普通方式打开。")
        });
    }
    let hash = start::current_hash();
    let mut restore = None;
    let mut region_from_fragment = None;
    if query.mode == Mode::Kiosk && hash.len() > 1 {
        // A kiosk keeps nothing across a reload: the next person starts afresh.
        start::replace_address(&start::current_search(), "");
    } else if let Some(region) = handoff::decode_region(&hash) {
        // A place chosen on the picker, kept across a reload.
        region_from_fragment = Some(region);
    } else if hash.len() > 1 && crate::components::opened_province(&hash).is_none() {
        // (A province's `#p.NN` is a press on the start page rendered ahead,
        // which the picker opens: no hand-off link, nothing to refuse.)
        // Checked whole now; its answers are read with the region's pack.
        match handoff::peek(&hash) {
            Ok(link) => restore = Some(link),
            Err(why) => {
                gloo::console::log!(format!("hand-off link refused: {}", why.0));
                notices.push(
                    lang.t(
                        crate::session::BAD_LINK_NOTE,
                        crate::session::BAD_LINK_NOTE_EN,
                    )
                    .to_string(),
                );
                // The link's text is of no further use; a reload starts cleanly.
                start::replace_address(&start::current_search(), "");
            }
        }
    }
    (query, date, notices, restore, region_from_fragment)
}

#[derive(Properties, PartialEq, Clone)]
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
    /// Messages to show above everything else.
    #[prop_or_default]
    pub notices: Vec<AttrValue>,
    #[prop_or_default]
    pub mode: Mode,
    /// Kiosk: seconds without input before "还在使用吗？".
    #[prop_or(DEFAULT_IDLE_SECONDS)]
    pub idle_seconds: u32,
    /// Kiosk: seconds the question stays before the reset.
    #[prop_or(10)]
    pub prompt_seconds: u32,
    /// Embed: the portal's colour, 6 hex digits.
    #[prop_or_default]
    pub theme: Option<AttrValue>,
    /// A hand-off link (its answers are read with the region's pack).
    #[prop_or_default]
    pub restore: Option<Link>,
    /// The language to start in (`?lang=en`).
    #[prop_or_default]
    pub lang: Lang,
    /// How long a new question waits before it takes taps (0 in tests that click at once).
    #[prop_or(crate::components::TAP_GUARD_MS)]
    pub tap_guard_ms: u32,
    /// Hears each check the results show (the workbench's preview).
    #[prop_or_default]
    pub on_results: Callback<crate::session::Finished>,
}

impl CheckerProps {
    /// Props for a plain checker on `date`; set the fields wanted after.
    pub fn new(date: Date) -> CheckerProps {
        CheckerProps {
            date,
            region: None,
            follow_address: false,
            date_pinned: false,
            notices: Vec::new(),
            mode: Mode::Normal,
            idle_seconds: DEFAULT_IDLE_SECONDS,
            prompt_seconds: 10,
            theme: None,
            restore: None,
            lang: Lang::Zh,
            tap_guard_ms: crate::components::TAP_GUARD_MS,
            on_results: Callback::noop(),
        }
    }
}

/// The events that count as someone using the kiosk.
const ACTIVITY: [&str; 5] = ["pointerdown", "keydown", "touchstart", "input", "wheel"];

/// The checker, mountable anywhere (the page, tests, a host page's element).
#[function_component]
pub fn Checker(props: &CheckerProps) -> Html {
    // A new generation is a new session: every answer of the last one is dropped.
    let generation = use_state(|| 0u32);
    // Kiosk: seconds left before the reset while "还在使用吗？" shows.
    let prompt = use_state(|| None::<u32>);
    let last_input = use_memo((), |_| Rc::new(Cell::new(now())));
    let restored = use_state(|| props.restore.clone());
    // The session's language, for the idle question shown over it (the
    // session says it on every start: only a change draws this again).
    let lang = use_state_eq(|| props.lang);

    let reset = {
        let generation = generation.clone();
        let prompt = prompt.clone();
        let restored = restored.clone();
        let last_input = last_input.clone();
        let follow = props.follow_address;
        let region = props.region.clone();
        // The next person gets the kiosk's own language, not the last person's choice.
        let start_lang = props.lang;
        Callback::from(move |_: ()| {
            clear_traces(follow, region.as_deref(), start_lang);
            restored.set(None);
            prompt.set(None);
            last_input.set(js_sys::Date::now());
            generation.set(*generation + 1);
        })
    };

    // Kiosk: watch for input; after the idle time ask, then reset.
    {
        let (prompt, reset, last_input) = (prompt.clone(), reset.clone(), last_input.clone());
        let kiosk = props.mode == Mode::Kiosk;
        let (idle, grace) = (props.idle_seconds, props.prompt_seconds);
        use_effect_with((kiosk, idle, grace), move |_| {
            let mut keep: Vec<EventListener> = Vec::new();
            let mut timer = None;
            if kiosk {
                let document = gloo::utils::document();
                for event in ACTIVITY {
                    let (last_input, prompt) = (last_input.clone(), prompt.clone());
                    keep.push(EventListener::new(&document, event, move |_| {
                        last_input.set(js_sys::Date::now());
                        if prompt.is_some() {
                            prompt.set(None);
                        }
                    }));
                }
                let shown = Rc::new(Cell::new(None::<u32>));
                timer = Some(Interval::new(250, move || {
                    let quiet = (js_sys::Date::now() - last_input.get()) / 1000.0;
                    let (idle, grace) = (f64::from(idle), f64::from(grace));
                    let left = if quiet >= idle + grace {
                        reset.emit(());
                        None
                    } else if quiet >= idle {
                        Some((idle + grace - quiet).ceil() as u32)
                    } else {
                        None
                    };
                    if shown.get() != left {
                        shown.set(left);
                        prompt.set(left);
                    }
                }));
            }
            move || {
                drop(keep);
                drop(timer);
            }
        });
    }

    // Embed: tell the host page our height whenever it changes.
    use_effect_with(props.mode, |mode| {
        let timer = (*mode == Mode::Embed).then(|| {
            let last = Cell::new(0.0);
            Interval::new(200, move || {
                let height = document_height();
                if (height - last.get()).abs() >= 1.0 {
                    last.set(height);
                    post_height(height);
                }
            })
        });
        move || drop(timer)
    });

    // The portal's colour, set through the CSS object model: the Content
    // Security Policy forbids style attributes written as text.
    use_effect_with(props.theme.clone(), |theme| {
        let colours = theme.as_deref().and_then(theme_colours);
        let style = gloo::utils::document_element()
            .dyn_into::<web_sys::HtmlElement>()
            .ok()
            .map(|e| e.style());
        if let (Some(style), Some((primary, dark))) = (&style, &colours) {
            let _ = style.set_property("--color-primary", primary);
            let _ = style.set_property("--color-primary-dark", dark);
        }
        move || {
            if let (Some(style), Some(_)) = (style, colours) {
                let _ = style.remove_property("--color-primary");
                let _ = style.remove_property("--color-primary-dark");
            }
        }
    });
    let on_kiosk_reset = reset.clone();
    let keep_using = {
        let (prompt, last_input) = (prompt.clone(), last_input.clone());
        Callback::from(move |_: MouseEvent| {
            last_input.set(js_sys::Date::now());
            prompt.set(None);
        })
    };
    html! {
        <>
            <Later step={stage::SESSION}>
            <Session
                key={*generation}
                date={props.date}
                region={props.region.clone()}
                follow_address={props.follow_address}
                date_pinned={props.date_pinned}
                mode={props.mode}
                restore={(*restored).clone()}
                {on_kiosk_reset}
                notices={if *generation == 0 { props.notices.clone() } else { Vec::new() }}
                lang={props.lang}
                guard_ms={props.tap_guard_ms}
                on_results={props.on_results.clone()}
                on_lang={
                    let lang = lang.clone();
                    Callback::from(move |l| lang.set(l))
                }
            />
            </Later>
            if let Some(left) = *prompt {
                <div class="idle" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
                    <div class="idle__box">
                        <h2 id="idle-title" class="idle__title">{ lang.t("还在使用吗？", "Are you still there?") }</h2>
                        <p id="idle-text" class="idle__text" aria-live="polite">
                            { match *lang {
                                Lang::Zh => format!("{left}秒后将清除所有回答，回到首页。"),
                                Lang::En => format!("In {left} seconds every answer will be cleared and the page will start again."),
                            } }
                        </p>
                        <button type="button" class="button idle__keep" data-action="keep-using" onclick={keep_using}>
                            { lang.t("还在用，继续", "Yes, continue") }
                        </button>
                        <button type="button" class="button button--secondary" data-action="idle-reset"
                            onclick={reset.reform(|_: MouseEvent| ())}>
                            { lang.t("不用了，清除", "No, clear it") }
                        </button>
                    </div>
                </div>
            }
        </>
    }
}

/// The clock, in milliseconds (none where the page is rendered ahead).
fn now() -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Date::now()
    } else {
        0.0
    }
}

/// After a kiosk session: nothing of it in the address or in storage.
fn clear_traces(follow_address: bool, region: Option<&str>, lang: Lang) {
    if follow_address {
        start::replace_address(&kiosk_search(region, lang), "");
    }
    if let Some(window) = web_sys::window() {
        if let Ok(Some(s)) = window.local_storage() {
            let _ = s.clear();
        }
        if let Ok(Some(s)) = window.session_storage() {
            let _ = s.clear();
        }
    }
}

/// The kiosk's own address parameters (mode, idle time, a fixed region or
/// date set up by the centre, its starting language), without whatever a
/// session added.
fn kiosk_search(region: Option<&str>, lang: Lang) -> String {
    let query = Query::parse(&start::current_search());
    let base = Query {
        mode: query.mode,
        idle_seconds: query.idle_seconds,
        date: query.date,
        theme: query.theme.clone(),
        lang: lang.is_en().then_some(Lang::En),
        ..Query::default()
    };
    base.with_region(region)
}

/// The height the content needs: the body's own box, not the document's
/// scroll height, which never falls below the iframe's current height (the
/// iframe could then grow but never shrink back).
fn document_height() -> f64 {
    gloo::utils::document()
        .body()
        .map(|b| f64::from(b.offset_height()))
        .unwrap_or(0.0)
}

/// `{type: "yanglao:height", height}` to the host page. Only the height is
/// sent, never anything the person answered, so any origin may hear it.
fn post_height(height: f64) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Ok(Some(parent)) = window.parent() else {
        return;
    };
    let message = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&message, &"type".into(), &"yanglao:height".into());
    let _ = js_sys::Reflect::set(&message, &"height".into(), &height.into());
    let _ = parent.post_message(&message, "*");
}

/// `x` to the power `y`: in the browser by its own `Math.pow` (Rust's `powf`
/// brings 1.3 KB of libm into the wasm for this one use).
fn pow(x: f64, y: f64) -> f64 {
    if cfg!(target_arch = "wasm32") {
        js_sys::Math::pow(x, y)
    } else {
        x.powf(y)
    }
}

/// The portal's colour and a darker shade for hover, if it is dark enough
/// for white text on it (WCAG AA, 4.5:1); otherwise our own colour stays.
pub fn theme_colours(hex: &str) -> Option<(String, String)> {
    if hex.len() != 6 {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(hex.get(i..i + 2)?, 16).ok();
    let (r, g, b) = (channel(0)?, channel(2)?, channel(4)?);
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            pow((c + 0.055) / 1.055, 2.4)
        }
    };
    let luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    if 1.05 / (luminance + 0.05) < 4.5 {
        return None;
    }
    let dark = |c: u8| (f64::from(c) * 0.75) as u8;
    Some((
        format!("#{hex}"),
        format!("#{:02x}{:02x}{:02x}", dark(r), dark(g), dark(b)),
    ))
}

#[cfg(test)]
mod tests {
    use super::{first_visit, theme_colours};

    #[test]
    fn only_a_first_visit_is_the_start_page_rendered_ahead() {
        assert!(first_visit("", ""));
        assert!(first_visit("?", "#"));
        // A province pressed in the page rendered ahead, before the app started.
        assert!(first_visit("", "#p.14"));
        assert!(first_visit("", "#p.65"));
        // Anything else is a page of its own.
        assert!(!first_visit("", "#p.99")); // no such province
        assert!(!first_visit("", "#p.1"));
        assert!(!first_visit("?region=140105", ""));
        assert!(!first_visit("?mode=kiosk", ""));
        assert!(!first_visit("?lang=en", ""));
        assert!(!first_visit("", "#r.410726"));
        assert!(!first_visit("", "#v1.abc"));
    }

    #[test]
    fn a_portal_colour_is_used_only_if_white_text_reads_on_it() {
        assert!(theme_colours("0b4f9c").is_some());
        assert!(theme_colours("c8102e").is_some()); // a government red
        assert!(theme_colours("ffd700").is_none()); // gold: white text would not read
        assert!(theme_colours("zzzzzz").is_none());
    }
}
