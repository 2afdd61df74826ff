//! Work that can wait until the screen it belongs to has been painted.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Runs `f` once, when the next frame has been painted, so what the person
/// waits for is on screen first: two tasks after that frame's animation
/// callback (the first queued from it). The second hop lets whatever else
/// was queued from the same frame go first: a tap, or a page's own "painted"
/// mark (bench/speed's step timing takes a task queued from a frame callback
/// as the moment that frame was painted; work of ours queued ahead of it would
/// be counted as waiting for the screen, though the screen was already shown).
/// Where no frame comes (a hidden tab has none) it runs after 150 ms all the
/// same, and never a second time.
pub fn after_paint(f: impl FnOnce() + 'static) {
    // One copy of the machinery below for every caller, not one per closure.
    after_paint_boxed(Box::new(f));
}

fn after_paint_boxed(f: Box<dyn FnOnce()>) {
    let f = Rc::new(Cell::new(Some(f)));
    let run = move || {
        if let Some(f) = f.take() {
            f();
        }
    };
    timeout(150, Box::new(run.clone()));
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        timeout(0, Box::new(move || timeout(0, Box::new(run))));
    });
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(frame.unchecked_ref());
    }
}

/// One timer type for all three (each closure type given to a timer is a
/// copy of its machinery in the wasm).
fn timeout(ms: u32, f: Box<dyn FnOnce()>) {
    gloo::timers::callback::Timeout::new(ms, f).forget();
}
