//! The browser's history, one entry per screen, so Back returns to the
//! previous question and Forward comes back, and a reload keeps the place.
//!
//! On a personal device each entry's address holds the check (the region in
//! the query, the answers in the fragment, exactly as the hand-off link): a
//! reload or a bookmark brings it back, and nothing is ever stored. On a
//! kiosk the address holds only a number: the screens live in memory, so a
//! reload starts afresh, and once the idle reset has dropped them no Back,
//! Forward or history entry can bring the last person's answers back.

use crate::handoff;
use crate::start::{self, Mode, Query};
use crate::state::State;
use wasm_bindgen::JsValue;

/// What each history entry carries besides its address: its position among
/// this page's entries, and (on a kiosk) the session it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    pub index: u32,
    pub session: u32,
}

impl Entry {
    fn to_js(self) -> JsValue {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"yanglao".into(), &f64::from(self.index).into());
        let _ = js_sys::Reflect::set(&o, &"session".into(), &f64::from(self.session).into());
        o.into()
    }

    /// The entry a popstate event (or the current history state) names, if ours.
    pub fn from_js(value: &JsValue) -> Option<Entry> {
        // A page's first entry has no state (null): reading from it would
        // throw, and a thrown error costs a stack trace (several ms at 4×).
        if !value.is_object() {
            return None;
        }
        let get = |k: &str| js_sys::Reflect::get(value, &k.into()).ok()?.as_f64();
        Some(Entry {
            index: get("yanglao")? as u32,
            session: get("session")? as u32,
        })
    }

    /// The entry the page is on now.
    pub fn current() -> Option<Entry> {
        if !cfg!(target_arch = "wasm32") {
            return None;
        }
        let state = web_sys::window()?.history().ok()?.state().ok()?;
        Entry::from_js(&state)
    }
}

/// The address (query and fragment) that holds this state. The place is in
/// the fragment, with the answers, never in the query: a reload sends the
/// server the page's path and settings only. A region that came in the query
/// (a portal's link) stays there as it came.
pub fn address_for(state: &State, mode: Mode, rules: &str, entry: Entry) -> String {
    let mut query = Query::parse(&start::current_search());
    query.lang = state.lang.is_en().then_some(crate::i18n::Lang::En);
    let search = query.with_region(query.region.as_deref());
    let hash = match (mode, state.link_parts()) {
        // A kiosk's address holds only which of its screens this is.
        (Mode::Kiosk, _) if state.region.is_some() => {
            format!("#k{}.{}", entry.session, entry.index)
        }
        (Mode::Kiosk, _) => String::new(),
        (_, None) => match &state.region {
            Some(region) if query.region.as_ref() != Some(region) => {
                format!("#{}", handoff::encode_region(region))
            }
            _ => String::new(),
        },
        (_, Some((region, who))) => format!(
            "#{}",
            handoff::encode(
                rules,
                region,
                who,
                &state.path,
                &state.stored,
                state.stored.birth_date(),
                state.show_results,
            )
        ),
    };
    format!("{search}{hash}")
}

fn full(address: &str) -> Option<String> {
    let window = web_sys::window()?;
    let path = window.location().pathname().ok()?;
    Some(format!("{path}{address}"))
}

/// A new entry for a new screen.
pub fn push(address: &str, entry: Entry) {
    if let (Some(url), Some(history)) = (
        full(address),
        web_sys::window().and_then(|w| w.history().ok()),
    ) {
        let _ = history.push_state_with_url(&entry.to_js(), "", Some(&url));
    }
}

/// The same screen, changed (an answer changed on the results page).
pub fn replace(address: &str, entry: Entry) {
    if let (Some(url), Some(history)) = (
        full(address),
        web_sys::window().and_then(|w| w.history().ok()),
    ) {
        let _ = history.replace_state_with_url(&entry.to_js(), "", Some(&url));
    }
}

/// One step back through the browser's own history (the popstate that
/// follows restores the screen).
pub fn back() {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = history.back();
    }
}

/// The address as it is now (query and fragment).
pub fn current_address() -> String {
    format!("{}{}", start::current_search(), start::current_hash())
}
