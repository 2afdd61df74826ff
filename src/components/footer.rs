use crate::i18n::Lang;
use yew::prelude::*;

/// What the page does with the person's information (nothing leaves the device).
#[function_component]
pub fn Footer() -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    html! {
        <footer class="footer">
            <p>{ lang.t("查询在您的手机或电脑上完成，不上传、不保存任何信息。", "The check runs on your phone or computer; nothing is sent or kept.") }</p>
            <p>{ lang.t("结果仅供参考，以当地民政部门的审核为准。", "The results are a guide; the local civil affairs office decides.") }</p>
        </footer>
    }
}
