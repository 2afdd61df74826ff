use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yanglao_app::{components, start};

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

/// The app drawn in the place of the start page rendered ahead: the markup
/// is emptied and the app's own first screen made before the next frame is
/// painted (Yew's scheduler runs in a microtask queued by `render`), so
/// nothing moves on the screen. What the person did meanwhile carries over:
/// a province pressed was a link to `#p.NN`, which the picker opens; a name
/// typed in the search box is typed into the app's, with the focus if it had it.
fn take_over(ahead: Element) {
    if let Some(province) = components::opened_province(&start::current_hash()) {
        components::open_on_start(province);
    }
    let typed = search_box(&ahead).map(|input| {
        let focused = gloo::utils::document().active_element().as_ref() == Some(input.as_ref());
        (input.value(), focused)
    });
    ahead.set_inner_html("");
    yew::Renderer::<yanglao_app::App>::with_root(ahead.clone()).render();
    if let Some((text, focused)) = typed.filter(|(text, focused)| *focused || !text.is_empty()) {
        // Queued after Yew's first render, still before the next frame.
        wasm_bindgen_futures::spawn_local(async move {
            let Some(input) = search_box(&ahead) else {
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
        });
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
