//! The rules, loaded on demand: one pack per province (its divisions and
//! every list recorded in it), named in the catalogue that the build writes
//! into index.html (scripts/postbuild.py) with each pack's subresource
//! integrity, so the browser refuses a pack whose bytes are not the ones
//! built. Nothing the person answered is in any request: a server learns
//! at most which province was looked at (docs/privacy.md).
//!
//! Loaded packs are kept for the life of the page (they hold no one's
//! answers), and the service worker keeps each pack once loaded, so a region
//! opened once works offline.
//!
//! Built with the `embedded-rules` feature (the tests), the rules are
//! compiled in instead and no catalogue is needed.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use wasm_bindgen::{JsCast, JsValue};
use yanglao_core::pack::{Pack, PackError};
use yanglao_core::regions::RegionIndex;
use yanglao_core::RuleSet;

/// A province's pack, read.
#[derive(Debug)]
pub struct Loaded {
    pub rules: RuleSet,
    /// The province's divisions, for names, the picker and the coverage.
    pub index: RegionIndex,
}

/// Why a pack (or the search index) could not be used. Each is said to the
/// person with what to do; nothing partial is ever shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No network (or the server did not answer).
    Offline,
    /// The server answered, but not with the file (404 and the like).
    Missing(u16),
    /// The bytes are not the ones built: cut short, changed, or unreadable.
    Damaged(String),
    /// The page has no catalogue (a broken deployment).
    NoCatalogue,
}

impl Failure {
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::Lang;
        match (lang, self) {
            (Lang::Zh, Failure::Offline) => "没能读取这个地方的政策资料：现在连不上网络（或网站）。请连上网络后点“再试一次”。（打开过的地方，没有网络也能查。）".into(),
            (Lang::Zh, Failure::Missing(status)) => format!("没能读取这个地方的政策资料（服务器回答 {status}）。请稍后点“再试一次”；一直不行，请告诉网站的管理人员。"),
            (Lang::Zh, Failure::Damaged(_)) => "读到的政策资料不完整或已损坏，没有用它。请点“再试一次”重新读取。".into(),
            (Lang::Zh, Failure::NoCatalogue) => "这个网页缺少政策资料的目录，没法查询。请刷新页面；一直不行，请告诉网站的管理人员。".into(),
            (Lang::En, Failure::Offline) => "The policy data for this place could not be read: the network (or the site) cannot be reached. Connect and press “Try again”. (Places opened before work without a network.)".into(),
            (Lang::En, Failure::Missing(status)) => format!("The policy data for this place could not be read (the server answered {status}). Press “Try again” later; if it keeps failing, tell the site's staff."),
            (Lang::En, Failure::Damaged(_)) => "The policy data read was incomplete or damaged, and was not used. Press “Try again” to read it again.".into(),
            (Lang::En, Failure::NoCatalogue) => "This page lacks its catalogue of policy data, so no check can be made. Reload the page; if it keeps failing, tell the site's staff.".into(),
        }
    }
}

/// One file of the catalogue: its name in the build and its integrity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    pub file: String,
    pub integrity: String,
}

/// What index.html says about the packs of this build.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Province ("41") → its pack, and how many lists it holds.
    pub packs: HashMap<String, (FileRef, u32)>,
    /// Packs written into the page itself (a portal build), base64.
    pub inline: HashMap<String, String>,
    pub regions: Option<FileRef>,
    pub fingerprint: String,
}

fn get(v: &JsValue, key: &str) -> JsValue {
    // Not an object (a field left out): nothing, without the thrown error.
    if !v.is_object() {
        return JsValue::UNDEFINED;
    }
    js_sys::Reflect::get(v, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

fn string(v: &JsValue, key: &str) -> Option<String> {
    get(v, key).as_string()
}

fn file_ref(v: &JsValue) -> Option<FileRef> {
    Some(FileRef {
        file: string(v, "file")?,
        integrity: string(v, "integrity")?,
    })
}

/// Reads the catalogue from the page (None where there is none: the tests).
fn read_manifest() -> Option<Manifest> {
    let text = gloo::utils::document()
        .get_element_by_id("yanglao-catalogue")?
        .text_content()?;
    let json = js_sys::JSON::parse(&text).ok()?;
    let mut m = Manifest {
        fingerprint: string(&json, "fingerprint").unwrap_or_default(),
        regions: file_ref(&get(&json, "regions")),
        ..Manifest::default()
    };
    let packs = get(&json, "packs");
    for key in js_sys::Object::keys(packs.unchecked_ref::<js_sys::Object>()).iter() {
        let Some(province) = key.as_string() else {
            continue;
        };
        let entry = get(&packs, &province);
        if let Some(f) = file_ref(&entry) {
            let lists = get(&entry, "lists").as_f64().unwrap_or(0.0) as u32;
            m.packs.insert(province, (f, lists));
        }
    }
    let inline = get(&json, "inline");
    if inline.is_object() {
        for key in js_sys::Object::keys(inline.unchecked_ref::<js_sys::Object>()).iter() {
            if let Some(province) = key.as_string() {
                if let Some(b64) = string(&inline, &province) {
                    m.inline.insert(province, b64);
                }
            }
        }
    }
    Some(m)
}

thread_local! {
    static MANIFEST: Option<Rc<Manifest>> = read_manifest().map(Rc::new);
    static LOADED: RefCell<HashMap<String, Rc<Loaded>>> = RefCell::new(HashMap::new());
    static SEARCH: RefCell<Option<Rc<RegionIndex>>> = const { RefCell::new(None) };
}

pub fn manifest() -> Option<Rc<Manifest>> {
    MANIFEST.with(|m| m.clone())
}

/// A short mark of the rules this page runs, carried by hand-off links.
pub fn fingerprint() -> String {
    #[cfg(feature = "embedded-rules")]
    if manifest().is_none() {
        return crate::rules::fingerprint().to_string();
    }
    manifest()
        .map(|m| m.fingerprint.clone())
        .unwrap_or_default()
}

/// How many lists a province's pack holds, if the catalogue says.
pub fn lists_in(province: &str) -> Option<u32> {
    #[cfg(feature = "embedded-rules")]
    if manifest().is_none() {
        return crate::rules::embedded().ok().map(|r| {
            r.regions
                .iter()
                .filter(|x| x.code.starts_with(province))
                .count() as u32
        });
    }
    manifest()?.packs.get(province).map(|(_, n)| *n)
}

/// A province's pack, if it has been loaded on this page.
pub fn loaded(province: &str) -> Option<Rc<Loaded>> {
    LOADED.with(|l| l.borrow().get(province).cloned())
}

fn read(bytes: &[u8], province: &str) -> Result<Rc<Loaded>, Failure> {
    let pack = Pack::from_bytes(bytes, province).map_err(|PackError(e)| Failure::Damaged(e))?;
    // Its vocabulary reads the answers and words the questions (the same in every pack).
    pack.install();
    let index = pack.index().map_err(|PackError(e)| Failure::Damaged(e))?;
    let loaded = Rc::new(Loaded {
        rules: pack.rules,
        index,
    });
    LOADED.with(|l| l.borrow_mut().insert(province.to_string(), loaded.clone()));
    Ok(loaded)
}

/// Fetches a file of the build with its integrity; the browser refuses
/// bytes that are not the ones built.
/// `fresh` (a retry after a failure) goes past the browser's own cache, which
/// may hold the failed answer.
async fn fetch(file: &FileRef, fresh: bool) -> Result<Vec<u8>, Failure> {
    let window = web_sys::window().ok_or(Failure::Offline)?;
    let init = web_sys::RequestInit::new();
    init.set_integrity(&file.integrity);
    if fresh {
        init.set_cache(web_sys::RequestCache::Reload);
    }
    let url = format!("/{}", file.file.trim_start_matches('/'));
    let response =
        match wasm_bindgen_futures::JsFuture::from(window.fetch_with_str_and_init(&url, &init))
            .await
        {
            Ok(r) => r,
            // No network, no server, a missing file or bytes that are not the
            // ones built: all reject. Asking once more without the integrity
            // (only after a failure) tells them apart.
            Err(_) if !window.navigator().on_line() => return Err(Failure::Offline),
            Err(_) => {
                let plain = web_sys::RequestInit::new();
                plain.set_cache(web_sys::RequestCache::NoStore);
                let again = wasm_bindgen_futures::JsFuture::from(
                    window.fetch_with_str_and_init(&url, &plain),
                )
                .await;
                return Err(
                    match again
                        .ok()
                        .and_then(|r| r.dyn_into::<web_sys::Response>().ok())
                    {
                        None => Failure::Offline,
                        Some(r) if !r.ok() => Failure::Missing(r.status()),
                        Some(_) => {
                            Failure::Damaged("the browser refused the file (its integrity)".into())
                        }
                    },
                );
            }
        };
    let response: web_sys::Response = response.dyn_into().map_err(|_| Failure::Offline)?;
    if !response.ok() {
        return Err(Failure::Missing(response.status()));
    }
    let buffer = response
        .array_buffer()
        .map_err(|_| Failure::Damaged("no body".into()))?;
    let buffer = wasm_bindgen_futures::JsFuture::from(buffer)
        .await
        .map_err(|_| Failure::Damaged("the download was cut short".into()))?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// A province's pack: from memory, the page itself, or the server (past the
/// browser's cache when `fresh`).
pub async fn load(province: &str, fresh: bool) -> Result<Rc<Loaded>, Failure> {
    if let Some(l) = loaded(province) {
        return Ok(l);
    }
    #[cfg(feature = "embedded-rules")]
    if manifest().is_none() {
        let rules = crate::rules::embedded().map_err(|e| Failure::Damaged(e.to_string()))?;
        let pack = Pack::build(province, yanglao_core::regions::BUILTIN_TSV, rules);
        return read(&pack.to_bytes(), province);
    }
    let manifest = manifest().ok_or(Failure::NoCatalogue)?;
    if let Some(b64) = manifest.inline.get(province) {
        let bytes = web_sys::window()
            .and_then(|w| w.atob(b64).ok())
            .map(|s| s.chars().map(|c| c as u32 as u8).collect::<Vec<u8>>())
            .ok_or_else(|| Failure::Damaged("the pack in the page is not base64".into()))?;
        return read(&bytes, province);
    }
    let (file, _) = manifest.packs.get(province).ok_or(Failure::Missing(404))?;
    let bytes = fetch(file, fresh).await?;
    read(&bytes, province)
}

/// Every division, for the picker's search (fetched on the first search;
/// `fresh`, a retry after a failure, goes past the browser's cache).
pub async fn search_index(fresh: bool) -> Result<Rc<RegionIndex>, Failure> {
    if let Some(i) = SEARCH.with(|s| s.borrow().clone()) {
        return Ok(i);
    }
    #[cfg(feature = "embedded-rules")]
    if manifest().is_none() {
        let rules = crate::rules::embedded().map_err(|e| Failure::Damaged(e.to_string()))?;
        let text = yanglao_core::regions::with_lists(yanglao_core::regions::BUILTIN_TSV, |c| {
            rules.region(c).is_some()
        });
        let index = Rc::new(RegionIndex::parse(&text).map_err(Failure::Damaged)?);
        SEARCH.with(|s| *s.borrow_mut() = Some(index.clone()));
        return Ok(index);
    }
    let manifest = manifest().ok_or(Failure::NoCatalogue)?;
    let file = manifest.regions.as_ref().ok_or(Failure::NoCatalogue)?;
    let bytes = fetch(file, fresh).await?;
    let text = String::from_utf8(bytes).map_err(|_| Failure::Damaged("not text".into()))?;
    let index = Rc::new(RegionIndex::parse(&text).map_err(Failure::Damaged)?);
    SEARCH.with(|s| *s.borrow_mut() = Some(index.clone()));
    Ok(index)
}

/// The state of a pack for a component: loading, ready, or failed.
#[derive(Clone, Debug)]
pub enum PackState {
    Loading,
    Ready(Rc<Loaded>),
    Failed(Failure),
}

impl PartialEq for PackState {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (PackState::Loading, PackState::Loading) => true,
            (PackState::Ready(a), PackState::Ready(b)) => Rc::ptr_eq(a, b),
            (PackState::Failed(a), PackState::Failed(b)) => a == b,
            _ => false,
        }
    }
}

/// Where the rules come from. Components reach them only through the
/// [`Rules`] context; the app provides the deployed catalogue ([`Deployed`]),
/// and a preview or a test can provide another.
pub trait Source {
    /// A province's pack, if it is already in memory.
    fn loaded(&self, province: &str) -> Option<Rc<Loaded>>;
    /// Fetches and reads a province's pack (`fresh`: past any cache).
    fn load(
        &self,
        province: String,
        fresh: bool,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Rc<Loaded>, Failure>>>>;
    /// How many lists a province's pack holds, if known before loading it.
    fn lists_in(&self, province: &str) -> Option<u32>;
    /// A fingerprint of the rules, carried by hand-off links.
    fn fingerprint(&self) -> String;
    /// Every division, with those that have a list marked: the picker's
    /// search (`fresh`: past any cache).
    fn search(
        &self,
        fresh: bool,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Rc<RegionIndex>, Failure>>>>;
}

/// The packs of this deployment, as index.html lists them.
pub struct Deployed;

impl Source for Deployed {
    fn loaded(&self, province: &str) -> Option<Rc<Loaded>> {
        loaded(province)
    }
    fn load(
        &self,
        province: String,
        fresh: bool,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Rc<Loaded>, Failure>>>> {
        Box::pin(async move { load(&province, fresh).await })
    }
    fn lists_in(&self, province: &str) -> Option<u32> {
        lists_in(province)
    }
    fn fingerprint(&self) -> String {
        fingerprint()
    }
    fn search(
        &self,
        fresh: bool,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Rc<RegionIndex>, Failure>>>>
    {
        Box::pin(search_index(fresh))
    }
}

/// The rules, as a Yew context.
#[derive(Clone)]
pub struct Rules(pub Rc<dyn Source>);

impl Rules {
    pub fn deployed() -> Rules {
        Rules(Rc::new(Deployed))
    }
}

impl PartialEq for Rules {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::ops::Deref for Rules {
    type Target = dyn Source;
    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

/// The rules of the context (the deployed catalogue when none is provided).
#[yew::hook]
pub fn use_rules() -> Rules {
    yew::use_context::<Rules>().unwrap_or_else(Rules::deployed)
}

/// A province's pack for a component, loaded when first asked for, with a
/// callback to try again after a failure.
#[yew::hook]
pub fn use_pack(province: Option<String>) -> (Option<PackState>, yew::Callback<()>) {
    use yew::prelude::*;
    let rules = use_rules();
    let attempt = use_state(|| 0u32);
    let state = use_state(|| None::<(String, PackState)>);
    {
        let state = state.clone();
        let rules = rules.clone();
        use_effect_with((province.clone(), *attempt), move |(province, attempt)| {
            let fresh = *attempt > 0;
            if let Some(p) = province.clone() {
                match rules.loaded(&p) {
                    Some(l) => state.set(Some((p, PackState::Ready(l)))),
                    None => {
                        state.set(Some((p.clone(), PackState::Loading)));
                        let loading = rules.load(p.clone(), fresh);
                        wasm_bindgen_futures::spawn_local(async move {
                            let result = loading.await;
                            state.set(Some((
                                p,
                                match result {
                                    Ok(l) => PackState::Ready(l),
                                    Err(e) => PackState::Failed(e),
                                },
                            )));
                        });
                    }
                }
            }
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_| attempt.set(*attempt + 1))
    };
    // What is shown is for the province asked now (a state for an earlier one
    // counts as loading), or at once when the pack is already in memory.
    let shown = province.map(|p| match (&*state, rules.loaded(&p)) {
        (_, Some(l)) => PackState::Ready(l),
        (Some((q, s)), None) if *q == p => s.clone(),
        _ => PackState::Loading,
    });
    (shown, retry)
}
