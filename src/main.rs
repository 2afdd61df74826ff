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
    // app's own components), in #yanglao-ahead. On a first visit the app is
    // rendered beside it and takes its place before the next frame is
    // painted, carrying over what the person did meanwhile (see `take_over`);
    // any other address (a region, a mode, a hand-off link) gets its own
    // page, and that markup, already hidden by the page's inline script, goes.
    let ahead = document.get_element_by_id("yanglao-ahead");
    let (search, hash) = (start::current_search(), start::current_hash());
    match ahead {
        Some(ahead)
            if ahead.has_attribute("data-rendered")
                && yanglao_app::app::first_visit(&search, &hash) =>
        {
            if let Some(province) = components::opened_province(&hash) {
                components::open_on_start(province);
            }
            take_over(&document, ahead);
        }
        Some(ahead) => {
            ahead.set_inner_html("");
            let _ = ahead.remove_attribute("hidden");
            yew::Renderer::<yanglao_app::App>::with_root(ahead).render();
        }
        // A page without it: an element of the host page's own, or the body.
        None => match document.get_element_by_id("yanglao-root") {
            Some(root) => {
                yew::Renderer::<yanglao_app::App>::with_root(root).render();
            }
            None => {
                yew::Renderer::<yanglao_app::App>::new().render();
            }
        },
    }
}

/// The app takes the place of the start page rendered ahead, in one go: it is
/// rendered into an element of its own just before that markup, and once Yew
/// has made the whole first screen (its scheduler runs in the microtask queued
/// by `render`; the one queued after it runs next, still before any frame is
/// painted) the markup goes. The two are the same components' output, so
/// nothing moves on the screen. A name typed in the search box meanwhile, and
/// where the focus was, carry over; a province pressed was a link to `#p.NN`,
/// which the picker opens ([`components::open_on_start`]).
fn take_over(document: &web_sys::Document, ahead: Element) {
    let Some(parent) = ahead.parent_node() else {
        return;
    };
    let Ok(root) = document.create_element("div") else {
        yew::Renderer::<yanglao_app::App>::with_root(ahead).render();
        return;
    };
    if parent.insert_before(&root, Some(&ahead)).is_err() {
        yew::Renderer::<yanglao_app::App>::with_root(ahead).render();
        return;
    }
    yew::Renderer::<yanglao_app::App>::with_root(root.clone()).render();
    wasm_bindgen_futures::spawn_local(async move {
        let typed = search_box(&ahead).map(|i| i.value()).unwrap_or_default();
        // The element with the focus, found again by its id or its data-province.
        let focused = document_active(&ahead);
        ahead.remove();
        if !typed.is_empty() {
            if let Some(input) = search_box(&root) {
                input.set_value(&typed);
                // What a keystroke does: the picker searches it.
                // (It bubbles: Yew listens at the root.)
                let init = web_sys::EventInit::new();
                init.set_bubbles(true);
                if let Ok(event) = web_sys::Event::new_with_event_init_dict("input", &init) {
                    let _ = input.dispatch_event(&event);
                }
            }
        }
        if let Some(selector) = focused {
            if let Some(e) = root
                .query_selector(&selector)
                .ok()
                .flatten()
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = e.focus();
            }
        }
    });
}

fn search_box(within: &Element) -> Option<HtmlInputElement> {
    within
        .query_selector("#place-search")
        .ok()
        .flatten()?
        .dyn_into::<HtmlInputElement>()
        .ok()
}

/// A selector for the element inside `within` that has the focus, if any.
fn document_active(within: &Element) -> Option<String> {
    let active = gloo::utils::document().active_element()?;
    if !within.contains(Some(&active)) {
        return None;
    }
    if let Some(province) = active.get_attribute("data-province") {
        return Some(format!("[data-province=\"{province}\"]"));
    }
    let id = active.id();
    (!id.is_empty()).then(|| format!("#{id}"))
}
