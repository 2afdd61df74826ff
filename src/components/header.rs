use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub large_text: bool,
    pub on_toggle_large: Callback<()>,
}

/// The title and the larger-text switch.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let onclick = props.on_toggle_large.reform(|_: MouseEvent| ());
    html! {
        <header class="header">
            <div class="header__titles">
                <h1 class="header__title">{ "养老服务查询" }</h1>
                <p class="header__tagline">{ "查一查老人能申请哪些基本养老服务" }</p>
            </div>
            <button
                type="button"
                class="button button--quiet header__switch"
                aria-pressed={if props.large_text { "true" } else { "false" }}
                {onclick}
            >
                { if props.large_text { "标准字" } else { "大字" } }
            </button>
        </header>
    }
}
