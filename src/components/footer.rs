use yew::prelude::*;

/// What the page does with the person's information (nothing leaves the device).
#[function_component]
pub fn Footer() -> Html {
    html! {
        <footer class="footer">
            <p>{ "查询在您的手机或电脑上完成，不上传、不保存任何信息。" }</p>
            <p>{ "结果仅供参考，以当地民政部门的审核为准。" }</p>
        </footer>
    }
}
