use yew::prelude::*;

/// One heading and one button that counts its presses.
#[function_component]
fn App() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        move |_: MouseEvent| count.set(*count + 1)
    };
    html! {
        <main>
            <h1>{ "Hello, Yew" }</h1>
            <button type="button" {onclick}>{ format!("Pressed {} times", *count) }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
