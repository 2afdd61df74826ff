//! Work that can wait until the screen it belongs to has been painted.

use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Runs `f` once the next frame has been painted: in a task queued from that
/// frame's animation callback, so what the person waits for is on screen
/// first. Where no frame comes (a hidden tab has none) it runs after 150 ms
/// all the same; `f` may then run twice, and must not mind.
pub fn after_paint(f: Rc<dyn Fn()>) {
    let late = f.clone();
    gloo::timers::callback::Timeout::new(150, move || late()).forget();
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, move || f()).forget();
    });
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(frame.unchecked_ref());
    }
}
