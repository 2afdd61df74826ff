//! Text in the person's language. In English, every Chinese run left in a
//! text (a proper name beside its English, anything not yet translated) is
//! marked `lang="zh-CN"`, so screen readers and fonts treat it as Chinese.

use crate::i18n::{runs, Lang};
use yew::prelude::*;

/// A text as the page shows it in `lang`.
pub fn mixed(lang: Lang, text: &str) -> Html {
    if !lang.is_en() || !text.chars().any(crate::i18n::is_cjk) {
        return html! { text.to_string() };
    }
    // One element, so that in a flex or grid container (a choice button) the
    // runs stay one line of text instead of becoming items side by side.
    html! {
        <span class="mixed">
            { for runs(text).into_iter().map(|(cjk, part)| if cjk {
                html! { <span lang="zh-CN">{ part.to_string() }</span> }
            } else {
                html! { part.to_string() }
            }) }
        </span>
    }
}
