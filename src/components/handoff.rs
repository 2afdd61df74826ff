use crate::i18n::Lang;
use qrcode::{Color, EcLevel, QrCode};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HandOffProps {
    /// The whole link, answers in its fragment.
    pub link: AttrValue,
    /// A tappable link (not on a kiosk, where it would only reopen itself).
    pub clickable: bool,
}

/// A method of `navigator` (`share`, or `clipboard.writeText`), if the browser has it.
fn navigator_fn(path: &[&str]) -> Option<(wasm_bindgen::JsValue, js_sys::Function)> {
    let mut this: wasm_bindgen::JsValue = web_sys::window()?.navigator().into();
    let (last, parents) = path.split_last()?;
    for p in parents {
        this = js_sys::Reflect::get(&this, &(*p).into()).ok()?;
        if this.is_undefined() || this.is_null() {
            return None;
        }
    }
    let f = js_sys::Reflect::get(&this, &(*last).into()).ok()?;
    wasm_bindgen::JsCast::dyn_into::<js_sys::Function>(f)
        .ok()
        .map(|f| (this, f))
}

/// The results on another device: a QR code of the hand-off link, made here
/// in the browser, the system's share sheet or a copy button where the
/// browser has them, and the link itself. On paper too.
#[function_component]
pub fn HandOff(props: &HandOffProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    // Made just after the results are on screen, so it never holds them up.
    let svg = use_state(|| None::<String>);
    {
        let svg = svg.clone();
        use_effect_with(props.link.clone(), move |link| {
            let link = link.clone();
            let timer = gloo::timers::callback::Timeout::new(0, move || svg.set(qr_svg(&link)));
            move || drop(timer)
        });
    }
    let copied = use_state(|| false);
    let can_share = props.clickable && navigator_fn(&["share"]).is_some();
    let can_copy = props.clickable && navigator_fn(&["clipboard", "writeText"]).is_some();
    let share = {
        let link = props.link.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some((this, f)) = navigator_fn(&["share"]) {
                let data = js_sys::Object::new();
                let _ = js_sys::Reflect::set(&data, &"title".into(), &"养老服务查询结果".into());
                let _ = js_sys::Reflect::set(&data, &"url".into(), &link.as_str().into());
                // The promise is refused when the person closes the sheet: nothing to do.
                if let Ok(p) = f.call1(&this, &data) {
                    if let Ok(p) = wasm_bindgen::JsCast::dyn_into::<js_sys::Promise>(p) {
                        let ignore = wasm_bindgen::closure::Closure::<
                            dyn FnMut(wasm_bindgen::JsValue),
                        >::new(|_| {});
                        let _ = p.catch(&ignore);
                        ignore.forget();
                    }
                }
            }
        })
    };
    let copy = {
        let (link, copied) = (props.link.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some((this, f)) = navigator_fn(&["clipboard", "writeText"]) {
                if f.call1(&this, &link.as_str().into()).is_ok() {
                    copied.set(true);
                }
            }
        })
    };
    html! {
        <section class="handoff" id="handoff" aria-labelledby="handoff-title" data-handoff="">
            <h3 id="handoff-title" class="group__title" tabindex="-1">{ lang.t("发到手机", "Send to a phone") }</h3>
            <p class="hint">
                { lang.t(
                    "用手机扫一扫下面的二维码，就能在手机上打开这份结果。回答只在链接里，不会上传到任何服务器。",
                    "Scan this QR code with a phone to open these results there. The answers are only in the link; they are never sent to a server.",
                ) }
            </p>
            if let Some(svg) = &*svg {
                <div class="handoff__qr" role="img" aria-label={lang.t("这份结果的二维码", "QR code of these results")}>
                    { Html::from_html_unchecked(AttrValue::from(svg.clone())) }
                </div>
            } else {
                <p class="hint">{ lang.t("链接太长，无法生成二维码，请复制下面的链接。", "The link is too long for a QR code; copy the link below.") }</p>
            }
            if can_share || can_copy {
                <p class="handoff__buttons no-print">
                    if can_share {
                        <button type="button" class="button button--secondary" data-action="share" onclick={share}>
                            { lang.t("分享", "Share") }
                        </button>
                    }
                    if can_copy {
                        <button type="button" class="button button--secondary" data-action="copy-link" onclick={copy}>
                            { lang.t("复制链接", "Copy the link") }
                        </button>
                    }
                    if *copied {
                        <span class="handoff__copied" role="status">{ lang.t("已复制", "Copied") }</span>
                    }
                </p>
            }
            <details class="handoff__more">
                <summary>{ lang.t("显示链接", "Show the link") }</summary>
                <p class="handoff__link">
                    if props.clickable {
                        <a href={props.link.clone()} data-handoff-link="">{ props.link.clone() }</a>
                    } else {
                        <span data-handoff-link="">{ props.link.clone() }</span>
                    }
                </p>
            </details>
        </section>
    }
}

/// The QR code as an SVG: one path of dark modules with a quiet zone of 4.
/// Built only from the code's own modules, never from text, so it is safe to
/// insert as markup.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let colors = code.to_colors();
    let size = width + 8;
    let mut path = String::new();
    for (i, color) in colors.iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path d=\"{path}\" fill=\"#000\"/></svg>"
    ))
}
