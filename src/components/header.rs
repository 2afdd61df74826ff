use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub large_text: bool,
    pub on_toggle_large: Callback<()>,
    /// On a kiosk: a 重新开始 button that clears everything, always in view.
    #[prop_or_default]
    pub kiosk: bool,
    #[prop_or_default]
    pub on_restart: Callback<()>,
}

/// The title, the larger-text switch, and on a kiosk the 重新开始 button.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let onclick = props.on_toggle_large.reform(|_: MouseEvent| ());
    html! {
        <header class="header">
            <div class="header__titles">
                <h1 class="header__title">{ "养老服务查询" }</h1>
                <p class="header__tagline">{ "查一查老人能申请哪些基本养老服务" }</p>
            </div>
            <div class="header__tools">
                if props.kiosk {
                    <button
                        type="button"
                        class="button header__restart"
                        data-action="kiosk-restart"
                        onclick={props.on_restart.reform(|_: MouseEvent| ())}
                    >
                        { "重新开始" }
                    </button>
                }
                <button
                    type="button"
                    class="button button--quiet header__switch"
                    aria-pressed={if props.large_text { "true" } else { "false" }}
                    {onclick}
                >
                    { if props.large_text { "标准字" } else { "大字" } }
                </button>
            </div>
        </header>
    }
}
