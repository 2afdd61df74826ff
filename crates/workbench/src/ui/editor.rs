//! The files: what to do with them (new, open, download, clear), one tab
//! each, and the text of the one open, typed or pasted into a plain
//! textarea (keyboard, screen readers and the browser's own undo all work).

use super::Edit;
use crate::check::{self, FileText};
use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Where to put the cursor: a problem the person chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Jump {
    pub file: usize,
    pub line: usize,
    pub column: usize,
    /// Choosing the same problem twice jumps twice.
    pub seq: u32,
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub file: FileText,
    pub passes: bool,
    pub errors: usize,
    pub dispatch: Callback<Edit>,
}

/// Reads the files chosen in a file input (as UTF-8; anything else turns
/// into replacement characters and is then reported, never a crash).
fn open_files(input: HtmlInputElement, dispatch: Callback<Edit>) {
    let Some(list) = input.files() else {
        return;
    };
    let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
    input.set_value("");
    wasm_bindgen_futures::spawn_local(async move {
        let mut opened = Vec::new();
        for f in files {
            let text = wasm_bindgen_futures::JsFuture::from(f.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            opened.push(FileText {
                name: f.name(),
                text,
            });
        }
        if !opened.is_empty() {
            dispatch.emit(Edit::Open(opened));
        }
    });
}

/// Offers the text as a file to save (a link to the bytes in memory; nothing is sent).
fn download(name: &str, text: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Ok(a) = document.create_element("a") {
        let a: web_sys::HtmlAnchorElement = a.unchecked_into();
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // The browser has the bytes once the click is handled.
    let later = url.clone();
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&later);
    })
    .forget();
}

#[function_component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let name = check::file_name(&props.file);
    let on_new = props.dispatch.reform(|_: MouseEvent| Edit::New);
    let on_open = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |e: Event| open_files(e.target_unchecked_into(), dispatch.clone()))
    };
    let on_download = {
        let (name, text) = (name.clone(), props.file.text.clone());
        Callback::from(move |_: MouseEvent| download(&name, &text))
    };
    let on_clear = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let sure = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(
                        "清除草稿：这里打开和写的所有文件都会从页面和这台设备上删掉。没下载的内容找不回来。确定吗？",
                    )
                    .ok()
                })
                .unwrap_or(false);
            if sure {
                dispatch.emit(Edit::Clear);
            }
        })
    };
    html! {
        <div class="wb-toolbar" role="group" aria-label="文件">
            <button type="button" class="wb-button" data-action="new" onclick={on_new}>{ "新建" }</button>
            <input id="wb-open" class="wb-file-input" type="file" accept=".toml,text/plain" multiple=true onchange={on_open} />
            <label class="wb-button" for="wb-open">{ "打开文件…" }</label>
            <button type="button" class="wb-button wb-button--main" data-action="download" onclick={on_download}>
                { format!("下载 {name}") }
            </button>
            <button type="button" class="wb-button wb-button--quiet" data-action="clear" onclick={on_clear}>{ "清除草稿" }</button>
            if !props.passes {
                <p class="wb-hint">{ format!("还有 {} 处要改：现在下载的文件，rules check 还不会通过。", props.errors.max(1)) }</p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TabsProps {
    pub files: Vec<FileText>,
    pub active: usize,
    pub dispatch: Callback<Edit>,
}

#[function_component]
pub fn Tabs(props: &TabsProps) -> Html {
    if props.files.len() < 2 {
        return html! {};
    }
    html! {
        <ul class="wb-tabs" aria-label="打开的文件">
            { for props.files.iter().enumerate().map(|(i, f)| {
                let current = i == props.active;
                html! {
                    <li class={classes!("wb-tab", current.then_some("wb-tab--current"))}>
                        <button type="button" class="wb-tab__name" aria-current={current.then_some("true")}
                            onclick={props.dispatch.reform(move |_: MouseEvent| Edit::Select(i))}>{ check::file_name(f) }</button>
                        <button type="button" class="wb-tab__close" aria-label={format!("关闭 {}", f.name)}
                            onclick={props.dispatch.reform(move |_: MouseEvent| Edit::Close(i))}>{ "×" }</button>
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub file: FileText,
    pub index: usize,
    pub jump: Option<Jump>,
    pub dispatch: Callback<Edit>,
}

/// The offset in UTF-16 units (what a textarea counts) of a line and column.
fn utf16_offset(text: &str, line: usize, column: usize) -> (u32, u32) {
    let mut offset = 0u32;
    for (n, l) in text.split('\n').enumerate() {
        let len: u32 = l.encode_utf16().count() as u32;
        if n + 1 == line {
            let col: u32 = l
                .chars()
                .take(column.saturating_sub(1))
                .map(|c| c.len_utf16() as u32)
                .sum();
            return (offset + col, offset + len);
        }
        offset += len + 1;
    }
    (offset, offset)
}

#[function_component]
pub fn Editor(props: &EditorProps) -> Html {
    let area = use_node_ref();
    {
        let area = area.clone();
        let text = props.file.text.clone();
        let index = props.index;
        use_effect_with(props.jump.clone(), move |jump| {
            if let (Some(j), Some(el)) = (jump, area.cast::<HtmlTextAreaElement>()) {
                if j.file == index && j.line > 0 {
                    let (at, end) = utf16_offset(&text, j.line, j.column.max(1));
                    let _ = el.focus();
                    let _ = el.set_selection_range(at, end);
                    // Bring the line into view: lines are one height.
                    let lines = text.split('\n').count().max(1) as f64;
                    let top = f64::from(el.scroll_height()) * (j.line as f64 - 1.0) / lines;
                    el.set_scroll_top((top - f64::from(el.client_height()) / 3.0).max(0.0) as i32);
                }
            }
        });
    }
    let oninput = props.dispatch.reform(|e: InputEvent| {
        Edit::Text(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let lines = props.file.text.split('\n').count();
    html! {
        <section class="wb-editor" aria-labelledby="wb-editor-title">
            <h2 id="wb-editor-title">{ format!("文件内容：{}", check::file_name(&props.file)) }</h2>
            <label for="wb-text" class="wb-label">{ format!("可以直接在这里写，或把文件内容粘贴进来（共 {lines} 行）。") }</label>
            <textarea
                id="wb-text"
                ref={area}
                class="wb-text"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                wrap="off"
                aria-describedby="wb-summary"
                value={props.file.text.clone()}
                {oninput}
            />
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::utf16_offset;

    #[test]
    fn offsets_count_as_a_textarea_does() {
        let text = "ab\n延津𝄞x\nz";
        assert_eq!(utf16_offset(text, 1, 1), (0, 2));
        // 延 and 津 are one unit each, 𝄞 two: the line is 5 units long.
        assert_eq!(utf16_offset(text, 2, 3), (5, 8));
        assert_eq!(utf16_offset(text, 2, 4), (7, 8));
        assert_eq!(utf16_offset(text, 3, 1), (9, 10));
        assert_eq!(utf16_offset(text, 9, 1), (11, 11));
    }
}
