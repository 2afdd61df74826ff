use crate::i18n::{self, Lang};
use crate::questions::Who;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct WhoPickerProps {
    /// The region chosen, as people say it ("呼和浩特市玉泉区").
    pub place: AttrValue,
    pub on_choose: Callback<Who>,
    /// None where the region is fixed (a portal's link).
    pub on_change_region: Option<Callback<()>>,
}

/// "Who are you checking for?": the questions then say 您 or 老人.
#[function_component]
pub fn WhoPicker(props: &WhoPickerProps) -> Html {
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with((), move |_| focus(&heading));
    }
    let lang = use_context::<Lang>().unwrap_or_default();
    let choose = |who: Who| props.on_choose.reform(move |_: MouseEvent| who);
    html! {
        <section class="who" aria-labelledby="who-title">
            <p class="place">
                <span>{ format!("{}{}", lang.t("地区：", "Region: "), i18n::place(lang, &props.place)) }</span>
                if let Some(change) = &props.on_change_region {
                    <button type="button" class="button button--quiet button--small" data-action="change-region"
                        onclick={change.reform(|_: MouseEvent| ())}>
                        { lang.t("换一个地区", "Choose another region") }
                    </button>
                }
            </p>
            <h2 id="who-title" class="section-title" tabindex="-1" ref={heading}>{ lang.t("您是在为谁查询？", "Who is this check for?") }</h2>
            <p class="hint">{ lang.t(
                "接下来会问几个简单的问题，每页一个。不清楚的可以选“不知道”。回答只留在这台设备上，不会上传。",
                "A few simple questions follow, one per page. If unsure, choose “I don't know”. The answers stay on this device and are never sent anywhere.",
            ) }</p>
            <ul class="choices" role="list">
                <li>
                    <button type="button" class="button choice" data-who="self" onclick={choose(Who::Myself)}>
                        { lang.t("为我自己查询", "For myself") }
                    </button>
                </li>
                <li>
                    <button type="button" class="button choice" data-who="family" onclick={choose(Who::Family)}>
                        { lang.t("为家里的老人查询", "For an older family member") }
                    </button>
                </li>
            </ul>
        </section>
    }
}

/// Moves keyboard and screen-reader focus to a new screen's heading.
pub fn focus(node: &NodeRef) {
    if let Some(h) = node.cast::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}
