//! The draft, kept on this device only (the browser's localStorage), so a
//! reload mid-edit loses nothing. Never on a kiosk (`?mode=kiosk`): a shared
//! screen keeps nothing. The person can clear it at any time.

use crate::check::FileText;
use wasm_bindgen::JsValue;

const KEY: &str = "yanglao-workbench-draft";

/// What is kept.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Draft {
    pub files: Vec<FileText>,
    pub active: usize,
    /// The policy text pasted for the clause coverage.
    pub policy: String,
}

/// Why the draft could not be kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotKept {
    /// A kiosk: nothing is kept, by design.
    Kiosk,
    /// The browser refused (storage off, or the draft is over its limit, about 5 MB).
    Refused,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether this page is a kiosk (a shared screen).
/// (`?mode=kiosk`, read as the checker reads its address.)
pub fn is_kiosk() -> bool {
    use yanglao_app::start::{current_search, Mode, Query};
    Query::parse(&current_search()).mode == Mode::Kiosk
}

fn get(v: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// The draft kept from an earlier visit, if any.
pub fn load() -> Option<Draft> {
    if is_kiosk() {
        return None;
    }
    let text = storage()?.get_item(KEY).ok()??;
    let json = js_sys::JSON::parse(&text).ok()?;
    let files = js_sys::Array::from(&get(&json, "files"));
    let files: Vec<FileText> = files
        .iter()
        .filter_map(|f| {
            Some(FileText {
                name: get(&f, "name").as_string()?,
                text: get(&f, "text").as_string()?,
            })
        })
        .collect();
    if files.is_empty() {
        return None;
    }
    Some(Draft {
        active: (get(&json, "active").as_f64().unwrap_or(0.0) as usize).min(files.len() - 1),
        policy: get(&json, "policy").as_string().unwrap_or_default(),
        files,
    })
}

/// Keeps the draft (replacing the one kept before).
pub fn save(draft: &Draft) -> Result<(), NotKept> {
    if is_kiosk() {
        return Err(NotKept::Kiosk);
    }
    let storage = storage().ok_or(NotKept::Refused)?;
    let files = js_sys::Array::new();
    for f in &draft.files {
        let o = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&o, &"name".into(), &f.name.as_str().into());
        let _ = js_sys::Reflect::set(&o, &"text".into(), &f.text.as_str().into());
        files.push(&o);
    }
    let o = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&o, &"files".into(), &files);
    let _ = js_sys::Reflect::set(&o, &"active".into(), &(draft.active as f64).into());
    let _ = js_sys::Reflect::set(&o, &"policy".into(), &draft.policy.as_str().into());
    let text = js_sys::JSON::stringify(&o)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or(NotKept::Refused)?;
    storage.set_item(KEY, &text).map_err(|_| {
        // Over the limit: drop the old copy rather than keep a stale one.
        let _ = storage.remove_item(KEY);
        NotKept::Refused
    })
}

/// Forgets the draft kept on this device.
pub fn clear() {
    if let Some(s) = storage() {
        let _ = s.remove_item(KEY);
    }
}
