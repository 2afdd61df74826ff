//! Offline use: registers the service worker that scripts/postbuild.py writes
//! for each build (sw.js caches every file of that build). After one visit
//! the checker loads and works with no network.

/// Registers `/sw.js` where the browser allows service workers (https or
/// localhost). A failure changes nothing: the page works online as before.
pub fn register() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    // Browsers without service workers have no `serviceWorker` property.
    let has_sw = js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false);
    if !has_sw || !window.is_secure_context() {
        return;
    }
    let _ = navigator.service_worker().register("/sw.js");
}
