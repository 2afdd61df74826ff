use crate::i18n::Lang;
use crate::state::Display;
use yew::prelude::*;

/// The words of the three text sizes.
const SIZES: [(&str, &str); 3] = [("标准", "Standard"), ("大", "Large"), ("特大", "Largest")];

#[derive(Properties, PartialEq)]
pub struct DisplayControlProps {
    pub display: Display,
    pub on_text_size: Callback<u8>,
    pub on_toggle_contrast: Callback<()>,
    /// The language switch (中文 / English); None hides it.
    #[prop_or_default]
    pub on_language: Option<Callback<()>>,
}

/// The display switches folded into one small button, so the question and
/// its first answer stay on the first screen at any text size: 字号 (three
/// sizes), 高对比度 and the language open below it.
#[function_component]
pub fn DisplayControl(props: &DisplayControlProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let contrast = props.display.contrast;
    let button = use_node_ref();
    // Escape closes the panel and gives focus back to its button.
    let onkeydown = {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && *open {
                open.set(false);
                if let Some(b) = button.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        })
    };
    html! {
        <div class="display" {onkeydown}>
            <button type="button" class="button button--quiet display__toggle" data-action="display" ref={button}
                aria-expanded={open.to_string()} aria-controls="display-panel" onclick={toggle}>
                { lang.t("字号·显示", "Text size · display") }
                <span aria-hidden="true">{ if *open { " ▴" } else { " ▾" } }</span>
            </button>
            <div class="display__panel" id="display-panel" hidden={!*open}>
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
                if let Some(on_language) = &props.on_language {
                    <button
                        type="button"
                        class="button button--quiet header__switch"
                        data-action="language"
                        onclick={on_language.reform(|_: MouseEvent| ())}
                    >
                        // Each language by its own name (the English beside the Chinese one).
                        if lang.is_en() {
                            <span lang="zh-CN">{ "中文" }</span>{ " (Chinese)" }
                        } else {
                            <span lang="en">{ "English" }</span>
                        }
                    </button>
                }
            </div>
        </div>
    }
}
