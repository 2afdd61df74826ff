use crate::i18n::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FooterProps {
    /// This device remembers the display choice (a phone; never a kiosk).
    #[prop_or_default]
    pub remembers: bool,
}

/// What the page does with the person's information: the answers never
/// leave the device, and the one thing a phone keeps is said plainly.
#[function_component]
pub fn Footer(props: &FooterProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <footer class="footer">
            <p>{ if props.remembers {
                lang.t(
                    "查询在您的手机或电脑上完成，回答不上传、不保存。这台设备只记住您选的字号和对比度。",
                    "The check runs on your phone or computer; the answers are never sent or kept. This device remembers only the text size and contrast you chose.",
                )
            } else {
                lang.t("查询在这台设备上完成，回答不上传、不保存。", "The check runs on this device; the answers are never sent or kept.")
            } }</p>
            <p>{ lang.t("结果仅供参考，以当地民政部门的审核为准。", "The results are a guide; the local civil affairs office decides.") }</p>
        </footer>
    }
}
