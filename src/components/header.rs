use super::display::DisplayControl;
use super::read_aloud::{ReadAloud, Speech};
use crate::i18n::Lang;
use crate::state::Display;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub display: Display,
    pub on_text_size: Callback<u8>,
    pub on_toggle_contrast: Callback<()>,
    /// What the screen says (the read-aloud switch reads each new one).
    #[prop_or_default]
    pub speech: Speech,
    /// On a kiosk: a 重新开始 button that clears everything, always in view.
    #[prop_or_default]
    pub kiosk: bool,
    #[prop_or_default]
    pub on_restart: Callback<()>,
    /// The language switch (中文 / English).
    #[prop_or_default]
    pub on_language: Callback<()>,
}

/// The title and one compact row of tools: the display switches folded into
/// one button, 朗读, and on a kiosk 重新开始.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <header class="header">
            <div class="header__titles">
                <h1 class="header__title">{ lang.t("养老服务查询", "Elderly-care services check") }</h1>
                <p class="header__tagline">{ lang.t("查一查老人能申请哪些基本养老服务", "Which basic elderly-care services can an older person claim?") }</p>
            </div>
            <div class="header__tools">
                if props.kiosk {
                    <button
                        type="button"
                        class="button header__restart"
                        data-action="kiosk-restart"
                        onclick={props.on_restart.reform(|_: MouseEvent| ())}
                    >
                        { lang.t("重新开始", "Start again") }
                    </button>
                }
                <ReadAloud speech={props.speech.clone()} />
                <DisplayControl display={props.display} on_text_size={props.on_text_size.clone()}
                    on_toggle_contrast={props.on_toggle_contrast.clone()} on_language={Some(props.on_language.clone())} />
            </div>
        </header>
    }
}
