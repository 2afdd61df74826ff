//! The take-over of the start page made in steps (issue 15's total blocking
//! time). On a first visit the app draws its own start page out of sight
//! while the page rendered ahead stays on the screen (src/main.rs), one part
//! per task: the browser can handle a tap or paint a frame between two parts,
//! and no single task runs long (much of each is the browser compiling the
//! wasm functions the part calls for the first time). A part waits inside a
//! [`Later`] until its step is reached; everywhere else (every later page,
//! the tests, rendering ahead) no step is pending and everything is drawn at once.

use std::cell::{Cell, RefCell};
use yew::prelude::*;

/// The page (its address read) and the checker's shell around the session.
pub const APP: u8 = 1;
/// The person's check: its state, the screen worked out, the page's effects.
pub const SESSION: u8 = 2;
/// The session's history: the page's address, Back and Forward.
pub const HISTORY: u8 = 3;
/// The header, with the display and read-aloud switches.
pub const HEADER: u8 = 4;
/// The picker's search box.
pub const SEARCH: u8 = 5;
/// The picker's province grid and the footer: the last part.
pub const STEPS: u8 = 6;
/// The last step there is.
pub const LAST: u8 = STEPS;

thread_local! {
    /// The step reached; `u8::MAX` when nothing is being drawn in steps.
    static REACHED: Cell<u8> = const { Cell::new(u8::MAX) };
    /// The parts waiting, by the step they wait for.
    static WAITING: RefCell<Vec<(u8, Callback<()>)>> = const { RefCell::new(Vec::new()) };
}

/// From now on, a part waits for its step (the first render after this draws
/// only what needs no step).
pub fn begin() {
    REACHED.with(|r| r.set(0));
}

/// Reaches `step`: the parts waiting for it (or an earlier one) are drawn, in
/// Yew's next run. Reaching [`LAST`] ends the steps.
pub fn reach(step: u8) {
    let step = if step >= LAST { u8::MAX } else { step };
    REACHED.with(|r| r.set(step));
    let due: Vec<Callback<()>> = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        let (due, wait): (Vec<_>, Vec<_>) = w.drain(..).partition(|(s, _)| *s <= step);
        *w = wait;
        due.into_iter().map(|(_, c)| c).collect()
    });
    for wake in due {
        wake.emit(());
    }
}

/// Whether the part of `step` is to be drawn now; if not, it is drawn again
/// when the step is reached.
#[hook]
pub fn use_step(step: u8) -> bool {
    let redraw = use_force_update();
    let reached = REACHED.with(Cell::get) >= step;
    // Registered once, on the first render that has to wait.
    let waiting = use_mut_ref(|| false);
    if !reached && !*waiting.borrow() {
        *waiting.borrow_mut() = true;
        WAITING.with(|w| {
            w.borrow_mut()
                .push((step, Callback::from(move |_| redraw.force_update())))
        });
    }
    reached
}

#[derive(Properties, PartialEq)]
pub struct LaterProps {
    /// The step this part waits for.
    pub step: u8,
    pub children: Html,
}

/// Its children, once `step` is reached (at once where nothing is drawn in steps).
#[function_component]
pub fn Later(props: &LaterProps) -> Html {
    if use_step(props.step) {
        props.children.clone()
    } else {
        Html::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_wake_their_parts_in_order_and_end_at_the_last() {
        assert_eq!(REACHED.with(Cell::get), u8::MAX, "nothing waits by default");
        begin();
        let woken = std::rc::Rc::new(RefCell::new(Vec::new()));
        for step in [STEPS, HEADER, SEARCH] {
            let woken = woken.clone();
            WAITING.with(|w| {
                w.borrow_mut()
                    .push((step, Callback::from(move |_| woken.borrow_mut().push(step))))
            });
        }
        reach(HEADER);
        assert_eq!(*woken.borrow(), vec![HEADER]);
        reach(SEARCH);
        assert_eq!(*woken.borrow(), vec![HEADER, SEARCH]);
        reach(LAST);
        assert_eq!(*woken.borrow(), vec![HEADER, SEARCH, STEPS]);
        assert_eq!(
            REACHED.with(Cell::get),
            u8::MAX,
            "the last step ends the steps"
        );
        assert!(WAITING.with(|w| w.borrow().is_empty()));
    }
}
