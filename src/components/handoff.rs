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

/// The results on another device: a QR code of the hand-off link, made here
/// in the browser, and the link itself. On paper too.
#[function_component]
pub fn HandOff(props: &HandOffProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let svg = use_memo(props.link.clone(), |link| qr_svg(link));
    html! {
        <section class="handoff" aria-labelledby="handoff-title" data-handoff="">
            <h3 id="handoff-title" class="group__title">{ lang.t("在手机上继续看", "Continue on a phone") }</h3>
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
            <p class="handoff__link">
                if props.clickable {
                    <a href={props.link.clone()} data-handoff-link="">{ props.link.clone() }</a>
                } else {
                    <span data-handoff-link="">{ props.link.clone() }</span>
                }
            </p>
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
