fn main() {
    yew::Renderer::<yanglao_app::App>::new().render();
}
