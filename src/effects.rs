//! The session's effects on the page, in one hook: the address and the
//! browser's history (one entry per screen, see nav.rs), Back and Forward,
//! the page's language, and the display choice a phone remembers (prefs.rs).
//! Nothing else in the session writes outside itself.

use crate::handoff;
use crate::i18n::Lang;
use crate::nav::{self, Entry};
use crate::prefs;
use crate::start::{self, Mode, Query};
use crate::state::{Action, Display, State};
use gloo::events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use yew::prelude::*;

/// This session's place in the history.
pub struct Nav {
    /// The entry shown now.
    pub entry: Entry,
    /// The entry the session started on (上一题 from there goes straight back).
    pub start: u32,
    /// The last screen recorded.
    last_key: Option<String>,
    /// The next screen comes from Back, Forward or 上一题: no new entry.
    pub quiet: bool,
    /// On a kiosk, its screens in memory (the address holds only their number).
    snapshots: Vec<(u32, State)>,
}

/// What the effects need to know.
pub struct Page {
    /// Follow the address (the page itself; not a test's or a host's element).
    pub follow: bool,
    pub mode: Mode,
    /// The kiosk's own region, for a reset.
    pub kiosk_region: Option<String>,
    /// Remember the display choice (a phone, not a kiosk or a portal).
    pub remember: bool,
    pub on_lang: Callback<Lang>,
}

/// Runs the session's effects for the screen `key` of `state`; returns the
/// history position for 上一题.
#[hook]
pub fn use_page_effects(
    state: &UseReducerHandle<State>,
    key: &str,
    page: Page,
) -> Rc<RefCell<Nav>> {
    let Page {
        follow,
        mode,
        kiosk_region,
        remember,
        on_lang,
    } = page;
    // While the app makes its first page out of sight (src/stage.rs) the
    // address and Back wait: its own step draws the session again, and they
    // start then (a step of the take-over shorter by its first history write).
    let live = crate::stage::use_step(crate::stage::HISTORY);
    let nav = use_mut_ref(|| {
        let index = Entry::current().map(|e| e.index).unwrap_or(0);
        let session = if cfg!(target_arch = "wasm32") {
            (js_sys::Math::random() * f64::from(u32::MAX)) as u32
        } else {
            0
        };
        Nav {
            entry: Entry { index, session },
            start: index,
            last_key: None,
            quiet: false,
            snapshots: Vec::new(),
        }
    });

    // The page's language follows the switch (screen readers, fonts, read-aloud).
    use_effect_with(state.lang, move |lang| {
        if follow {
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = root.set_attribute("lang", lang.code());
            }
        }
        on_lang.emit(*lang);
    });

    // The display choice, remembered on a phone once the person changes it.
    {
        let first = use_mut_ref(|| state.display);
        use_effect_with(state.display, move |display: &Display| {
            if remember && *display != *first.borrow() {
                prefs::save(*display);
                *first.borrow_mut() = *display;
            }
        });
    }

    // One history entry per screen.
    let rules = crate::catalogue::use_rules();
    {
        let nav = nav.clone();
        let state = (**state).clone();
        let key = key.to_string();
        use_effect(move || {
            // While a pack is read (or failed to be) the screen is not yet one
            // of the check's: the history waits for the screen it leads to.
            if follow && live && key != "loading" {
                let mut n = nav.borrow_mut();
                let moved = n.last_key.as_ref().is_some_and(|k| *k != key) && !n.quiet;
                if moved {
                    n.entry.index += 1;
                }
                let address = nav::address_for(&state, mode, &rules.fingerprint(), n.entry);
                if moved {
                    nav::push(&address, n.entry);
                } else if address != nav::current_address() || Entry::current() != Some(n.entry) {
                    nav::replace(&address, n.entry);
                }
                if mode == Mode::Kiosk {
                    let index = n.entry.index;
                    n.snapshots.retain(|(i, _)| *i < index);
                    n.snapshots.push((index, state));
                }
                n.last_key = Some(key);
                n.quiet = false;
            }
        });
    }

    // Back and Forward: the check as that entry holds it.
    {
        let state = state.clone();
        let nav = nav.clone();
        use_effect_with(follow && live, move |follow| {
            let listener = follow.then(|| {
                EventListener::new(&gloo::utils::window(), "popstate", move |event| {
                    let event: &web_sys::PopStateEvent = wasm_bindgen::JsCast::unchecked_ref(event);
                    let entry = Entry::from_js(&event.state());
                    let mut n = nav.borrow_mut();
                    let to = if mode == Mode::Kiosk {
                        // Only this session's own screens; anything older is gone.
                        entry
                            .filter(|e| e.session == n.entry.session)
                            .and_then(|e| n.snapshots.iter().find(|(i, _)| *i == e.index))
                            .map(|(_, s)| s.clone())
                            .unwrap_or_else(|| State::new(kiosk_region.clone()))
                    } else {
                        state_from_address()
                    };
                    if let Some(e) =
                        entry.filter(|e| mode != Mode::Kiosk || e.session == n.entry.session)
                    {
                        n.entry.index = e.index;
                    }
                    n.quiet = true;
                    drop(n);
                    state.dispatch(Action::Restore(Box::new(to)));
                })
            });
            move || drop(listener)
        });
    }
    nav
}

/// The check as the address holds it (the browser's Back and Forward, a
/// reload): a link's answers wait for the pack like a new link's.
fn state_from_address() -> State {
    let query = Query::parse(&start::current_search());
    let hash = start::current_hash();
    if let Some(region) = handoff::decode_region(&hash) {
        return State::new(Some(region));
    }
    if hash.len() > 1 {
        if let Ok(link) = handoff::peek(&hash) {
            return State::pending(link);
        }
    }
    State::new(query.region)
}
