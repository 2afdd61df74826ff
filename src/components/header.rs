use super::read_aloud::ReadAloud;
use crate::i18n::Lang;
use crate::state::Display;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub display: Display,
    pub on_text_size: Callback<u8>,
    pub on_toggle_contrast: Callback<()>,
    /// Changes with each screen (the read-aloud switch reads the new one).
    #[prop_or_default]
    pub screen: AttrValue,
    /// On a kiosk: a 重新开始 button that clears everything, always in view.
    #[prop_or_default]
    pub kiosk: bool,
    #[prop_or_default]
    pub on_restart: Callback<()>,
    /// The language switch (中文 / English).
    #[prop_or_default]
    pub on_language: Callback<()>,
}

/// The words of the three text sizes.
const SIZES: [(&str, &str); 3] = [("标准", "Standard"), ("大", "Large"), ("特大", "Largest")];

/// The title, the display switches (text size, contrast, read aloud), and on
/// a kiosk the 重新开始 button.
#[function_component]
pub fn Header(props: &HeaderProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let contrast = props.display.contrast;
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
                <div class="text-size" role="group" aria-labelledby="text-size-label">
                    <span class="text-size__label" id="text-size-label">{ lang.t("字号", "Text") }</span>
                    { for SIZES.iter().enumerate().map(|(i, (zh, en))| {
                        let size = i as u8;
                        let pressed = props.display.text_size == size;
                        html! {
                            <button type="button"
                                class={classes!("button", "button--quiet", "text-size__button", pressed.then_some("text-size__button--on"))}
                                data-text-size={size.to_string()}
                                aria-pressed={pressed.to_string()}
                                onclick={props.on_text_size.reform(move |_: MouseEvent| size)}>
                                { lang.t(zh, en) }
                            </button>
                        }
                    }) }
                </div>
                <button
                    type="button"
                    class={classes!("button", "button--quiet", "header__switch", contrast.then_some("header__switch--on"))}
                    data-action="contrast"
                    aria-pressed={contrast.to_string()}
                    onclick={props.on_toggle_contrast.reform(|_: MouseEvent| ())}
                >
                    { lang.t("高对比度", "High contrast") }
                </button>
                <button
                    type="button"
                    class="button button--quiet header__switch"
                    data-action="language"
                    lang={if lang.is_en() { "zh-CN" } else { "en" }}
                    onclick={props.on_language.reform(|_: MouseEvent| ())}
                >
                    { if lang.is_en() { "中文" } else { "English" } }
                </button>
                <ReadAloud screen={props.screen.clone()} />
            </div>
        </header>
    }
}
