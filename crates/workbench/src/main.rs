fn main() {
    if let Some(loading) = gloo::utils::document().get_element_by_id("loading") {
        loading.remove();
    }
    yew::Renderer::<yanglao_workbench::ui::Workbench>::new().render();
}
