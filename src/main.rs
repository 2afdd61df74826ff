use wasm_bindgen::JsCast;

fn main() {
    yanglao_app::offline::register();
    // The plain-HTML "正在打开" in index.html has done its job.
    if let Some(loading) = gloo::utils::document().get_element_by_id("loading") {
        loading.remove();
    }
    // A host page can give the checker an element of its own to live in;
    // otherwise it takes the page's body.
    let root = gloo::utils::document()
        .get_element_by_id("yanglao-root")
        .and_then(|e| e.dyn_into::<web_sys::Element>().ok());
    match root {
        Some(root) => yew::Renderer::<yanglao_app::App>::with_root(root).render(),
        None => yew::Renderer::<yanglao_app::App>::new().render(),
    };
}
