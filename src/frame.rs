//! Work that can wait until the screen it belongs to has been painted.

use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Runs `f` once, when the next frame has been painted: in a task queued
/// from that frame's animation callback, so what the person waits for is on
/// screen first. Where no frame comes (a hidden tab has none) it runs after
/// 150 ms all the same, and never a second time.
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
    let late = run.clone();
    gloo::timers::callback::Timeout::new(150, late).forget();
    let frame = wasm_bindgen::closure::Closure::once_into_js(move || {
        gloo::timers::callback::Timeout::new(0, run).forget();
    });
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(frame.unchecked_ref());
    }
}
