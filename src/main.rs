use gloo::events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yanglao_app::{components, stage, start};

fn main() {
    yanglao_app::offline::register();
    let document = gloo::utils::document();
    // The plain-HTML "正在打开" and "网络有点慢" in index.html have done their job.
    for id in ["loading", "loading-slow"] {
        if let Some(e) = document.get_element_by_id(id) {
            e.remove();
        }
    }
    // index.html holds the start page rendered ahead (crates/prerender: the
    // app's own components), in #yanglao-ahead. On a first visit the app
    // takes its place (`when_painted`, `take_over`). Any other address (a
    // region, a mode, a hand-off link) has its own page, drawn there; that
    // markup was hidden by the page's inline script.
    let Some(ahead) = document.get_element_by_id("yanglao-ahead") else {
        // A page without it: an element of the host page's own, or the body.
        match document.get_element_by_id("yanglao-root") {
            Some(root) => yew::Renderer::<yanglao_app::App>::with_root(root).render(),
            None => yew::Renderer::<yanglao_app::App>::new().render(),
        };
        return;
    };
    let first = ahead.has_attribute("data-rendered")
        && yanglao_app::app::first_visit(&start::current_search(), &start::current_hash());
    if first {
        when_painted(ahead, 0);
    } else {
        let _ = ahead.remove_attribute("hidden");
        ahead.set_inner_html("");
        yew::Renderer::<yanglao_app::App>::with_root(ahead).render();
    }
}

/// Takes the start page rendered ahead over once the browser has shown it
/// (its first contentful paint is recorded): where the wasm arrives before
/// that, the page's largest text stays the one painted first, and the app
/// waits a frame or a few (at most 10). On a slow network, the usual case,
/// it was shown long ago and the app takes over at once.
fn when_painted(ahead: Element, tries: u32) {
    let painted = web_sys::window()
        .and_then(|w| w.performance())
        .is_some_and(|p| p.get_entries_by_name("first-contentful-paint").length() > 0);
    if painted || tries >= 10 {
        // A task of its own, apart from the wasm's start: two shorter tasks
        // block a tap less than one long one.
        gloo::timers::callback::Timeout::new(0, move || take_over(ahead)).forget();
    } else {
        yanglao_app::frame::after_paint(move || when_painted(ahead, tries + 1));
    }
}

/// The app drawn in the place of the start page rendered ahead. It is made
/// out of sight, in an element of its own not yet on the page, in steps
/// (`stage`): Yew started first, then one part per task (`TASKS`), while
/// the start page rendered ahead stays on the screen and its links and
/// search box keep working. Then one task puts it in that page's place,
/// before the next frame is painted, so nothing moves on the screen.
fn take_over(ahead: Element) {
    let Ok(app) = gloo::utils::document().create_element("div") else {
        return;
    };
    // A province pressed before the app started (a link to `#p.NN`), read
    // before anything can rewrite the address.
    let before = components::opened_province(&start::current_hash()).map(str::to_string);
    // One pressed from now on, heard as it is pressed: the app's own first
    // steps write the address, so its fragment cannot be relied on.
    let pressed = Rc::new(RefCell::new(None::<String>));
    let listener = {
        let pressed = pressed.clone();
        EventListener::new(&ahead, "click", move |event| {
            let link = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .and_then(|e| e.closest("a[data-province]").ok().flatten());
            if let Some(province) = link.and_then(|a| a.get_attribute("data-province")) {
                *pressed.borrow_mut() = Some(province);
            }
        })
    };
    stage::begin();
    // The first task only starts Yew, with everything of the app waiting.
    let root = stage::LaterProps {
        step: stage::APP,
        children: yew::html! { <yanglao_app::App /> },
    };
    yew::Renderer::<stage::Later>::with_root_and_props(app.clone(), root).render();
    let carry = Carry {
        ahead,
        app,
        before,
        pressed,
        opened: None,
        _listener: listener,
    };
    next(carry, 0);
}

/// The take-over's tasks after the first, in order.
enum Task {
    /// The parts of this step are drawn.
    Reach(u8),
    /// The catalogue in the page is read (once, kept): the session's history
    /// and the grid's marks need it, and their tasks are long enough without it.
    ReadCatalogue,
    /// The province pressed so far is handed to the grid, which opens it as
    /// it is made (one pressed after this is pressed in it at the swap).
    OpenPressed,
    /// The app's start page takes the place of the one rendered ahead.
    Swap,
}

const TASKS: [Task; 9] = [
    Task::Reach(stage::APP),
    Task::ReadCatalogue,
    Task::Reach(stage::SESSION),
    Task::Reach(stage::HISTORY),
    Task::Reach(stage::HEADER),
    Task::Reach(stage::SEARCH),
    Task::OpenPressed,
    Task::Reach(stage::STEPS),
    Task::Swap,
];

/// What the take-over carries from task to task.
struct Carry {
    ahead: Element,
    app: Element,
    /// The province of the address when the take-over began.
    before: Option<String>,
    /// The province last pressed on the start page rendered ahead since then.
    pressed: Rc<RefCell<Option<String>>>,
    /// The province the app's grid opened as it was made.
    opened: Option<String>,
    _listener: EventListener,
}

/// Runs task `i` in a task of its own, then the next.
fn next(mut carry: Carry, i: usize) {
    gloo::timers::callback::Timeout::new(0, move || {
        match TASKS.get(i) {
            Some(Task::Reach(step)) => stage::reach(*step),
            Some(Task::ReadCatalogue) => {
                yanglao_app::catalogue::manifest();
            }
            Some(Task::OpenPressed) => {
                carry.opened = carry.pressed.borrow().clone().or(carry.before.take());
                if let Some(province) = &carry.opened {
                    components::open_on_start(province);
                }
            }
            Some(Task::Swap) => return swap(carry),
            None => return,
        }
        next(carry, i + 1);
    })
    .forget();
}

/// The app's start page in the place of the one rendered ahead. What the
/// person did there meanwhile carries over: a province pressed after the
/// grid was made is pressed in the app's (where it still shows the
/// provinces); a name typed in the search box is typed into the app's, with
/// the focus if it had it.
fn swap(carry: Carry) {
    let Carry {
        ahead,
        app,
        pressed,
        opened,
        ..
    } = carry;
    let typed = search_box(&ahead).map(|input| {
        let focused = gloo::utils::document().active_element().as_ref() == Some(input.as_ref());
        (input.value(), focused)
    });
    if ahead.replace_with_with_node_1(&app).is_err() {
        return;
    }
    let late = pressed
        .borrow()
        .clone()
        .filter(|p| Some(p) != opened.as_ref());
    if let Some(province) = late {
        if let Some(link) = app
            .query_selector(&format!("a[data-province=\"{province}\"]"))
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
        {
            link.click();
        }
    }
    if let Some((text, focused)) = typed.filter(|(text, focused)| *focused || !text.is_empty()) {
        let Some(input) = search_box(&app) else {
            return;
        };
        if !text.is_empty() {
            input.set_value(&text);
            // What a keystroke does (it bubbles: Yew listens at the root).
            let init = web_sys::EventInit::new();
            init.set_bubbles(true);
            if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
                let _ = input.dispatch_event(&event);
            }
        }
        if focused {
            let _ = input.focus();
        }
    }
}

fn search_box(within: &Element) -> Option<HtmlInputElement> {
    within
        .query_selector("#place-search")
        .ok()
        .flatten()?
        .dyn_into::<HtmlInputElement>()
        .ok()
}
