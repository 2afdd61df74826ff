use crate::catalogue::{self, use_pack, PackState};
use crate::i18n::Lang;
use crate::regions::PROVINCES;
use std::rc::Rc;
use web_sys::{Element, HtmlInputElement};
use yanglao_core::regions::{Division, RegionIndex};
use yanglao_core::{Date, RuleSet, Status};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RegionPickerProps {
    /// Called with the 6-digit code of the place chosen.
    pub on_choose: Callback<AttrValue>,
    /// The check date: places whose recorded lists have all ended by then are marked.
    pub date: Date,
}

/// What a place's button says beside its name: a list of its own, one that has ended.
fn mark(
    lang: Lang,
    rules: &RuleSet,
    index: &RegionIndex,
    d: &Division<'_>,
    date: Date,
) -> Option<&'static str> {
    if let Some(region) = rules.region(d.code) {
        let ended = !region.services.is_empty()
            && region
                .services
                .iter()
                .all(|s| s.in_force_on(date) == Status::Expired);
        return Some(if ended {
            lang.t("有本地清单（已到期）", "Own list (ended)")
        } else {
            lang.t("有本地清单", "Has its own list")
        });
    }
    let below = index
        .children(d.code)
        .iter()
        .any(|c| rules.region(c.code).is_some());
    below.then(|| {
        lang.t(
            "下辖地方有本地清单",
            "Some places in it have their own list",
        )
    })
}

/// The list of places found, as markup: a keystroke replaces it in one step.
/// Made with Yew's `html!` it took some fifty nodes built, compared and
/// patched one call at a time, two to three times the work of the whole
/// keystroke in a plain page (bench/scale/keystrokes.mjs). The buttons are
/// those of the province grid (`region-button`), and a press is read from
/// their `data-region` by the list's one click handler.
fn results_markup(lang: Lang, index: &RegionIndex, found: &[Division<'_>]) -> String {
    let mut out = String::from(r#"<ul class="picker__list" role="list" data-search-results="">"#);
    let name_lang = if lang.is_en() { r#" lang="zh-CN""# } else { "" };
    for d in found {
        out.push_str(r#"<li><button type="button" class="button region-button" data-region=""#);
        escape_into(&mut out, d.code);
        out.push_str(r#""><span class="region-button__name""#);
        out.push_str(name_lang);
        out.push('>');
        escape_into(&mut out, &index.full_name(d.code));
        out.push_str("</span>");
        if d.listed {
            out.push_str(r#"<span class="region-button__mark">"#);
            escape_into(&mut out, lang.t("有本地清单", "Has its own list"));
            out.push_str("</span>");
        }
        out.push_str("</button></li>");
    }
    out.push_str("</ul>");
    out
}

/// Text for markup: `&`, `<`, `>` and `"` written as entities.
fn escape_into(out: &mut String, text: &str) {
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(ch),
        }
    }
}

#[derive(Properties, PartialEq)]
struct PlaceSearchProps {
    on_choose: Callback<AttrValue>,
    /// Told when the box turns from empty to not empty and back.
    on_typing: Callback<bool>,
}

/// The search box and its results. A component of its own, so that a
/// keystroke re-renders only the box and the few results: the province grid
/// below does not change while a name is typed, and Yew skips it.
#[function_component]
fn PlaceSearch(props: &PlaceSearchProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    // What is typed. The box itself holds it (no `value` is set back on
    // each keystroke: Yew would read the box once more to compare).
    let query = use_state(String::new);
    let search = use_state(|| None::<Result<Rc<RegionIndex>, catalogue::Failure>>);
    let searching = use_state(|| false);
    let rules = catalogue::use_rules();
    let oninput = {
        let (query, search, searching) = (query.clone(), search.clone(), searching.clone());
        let on_typing = props.on_typing.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let (was, now) = (!query.trim().is_empty(), !value.trim().is_empty());
            if was != now {
                on_typing.emit(now);
            }
            query.set(value);
            // The index of every place comes with the first search.
            if search.is_none() && !*searching {
                searching.set(true);
                let (search, searching) = (search.clone(), searching.clone());
                let index = rules.search();
                wasm_bindgen_futures::spawn_local(async move {
                    search.set(Some(index.await));
                    searching.set(false);
                });
            }
        })
    };
    // A press on one of the results (they are plain markup: see results_markup).
    let pick = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |e: MouseEvent| {
            let code = e
                .target_dyn_into::<Element>()
                .and_then(|t| t.closest("[data-region]").ok().flatten())
                .and_then(|b| b.get_attribute("data-region"));
            if let Some(code) = code {
                on_choose.emit(AttrValue::from(code));
            }
        })
    };
    // The search results, or why there are none. When the box is emptied
    // the last results stay in the page, hidden: emptying it only hides
    // them, and the next name typed rewrites them in place rather than
    // building the list again.
    let typed = query.trim().to_string();
    let last = use_mut_ref(String::new);
    if !typed.is_empty() {
        typed.clone_into(&mut last.borrow_mut());
    }
    let shown = last.borrow().clone();
    let mut status = String::new();
    let results = match &*search {
        _ if shown.is_empty() => html! {},
        None => {
            html! { <p class="hint" role="status">{ lang.t("正在准备搜索……", "Getting the search ready…") }</p> }
        }
        Some(Err(f)) => {
            html! { <p class="notice notice--error" role="alert">{ f.message(lang) }</p> }
        }
        Some(Ok(index)) => {
            let found = index.search(&shown, 8);
            if !typed.is_empty() {
                status = match lang {
                    Lang::Zh => format!("找到{}个地方", found.len()),
                    Lang::En => format!("{} place(s) found", found.len()),
                };
            }
            html! {
                <>
                    if found.is_empty() {
                        <p class="hint">{ match lang {
                            Lang::Zh => format!("没有找到“{shown}”。可以只输入名字的一部分，如“延津”；或者在下面一级一级地找。"),
                            Lang::En => format!("Nothing found for “{shown}”. Try part of the name, such as 延津, or look below step by step."),
                        } }</p>
                    }
                    { Html::from_html_unchecked(results_markup(lang, index, &found).into()) }
                </>
            }
        }
    };

    html! {
        <>
            <label class="field picker__search" for="place-search">
                <span class="field__label">{ lang.t("输入县（区）或城市的名字", "Type the name of the county or city") }</span>
                <input id="place-search" class="input" type="search" autocomplete="off"
                    placeholder={lang.t("如：延津", "e.g. 延津")} {oninput} />
            </label>
            // Always in the page, so that a screen reader hears each new count.
            <p class="visually-hidden" role="status" aria-live="polite">{ status }</p>
            <div class="picker__results" hidden={typed.is_empty()} onclick={pick}>{ results }</div>
        </>
    }
}

/// Where the person's household is registered: a search box (typing 延津 or
/// 玉泉 finds the place), or province → city → county. Places with a list of
/// their own are marked. Every button is large and reachable by keyboard.
#[function_component]
pub fn RegionPicker(props: &RegionPickerProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    // Only a change re-renders: not every keystroke. The callback is made once,
    // so the search box's props stay equal.
    let typing = use_state_eq(|| false);
    let on_typing = {
        let set = typing.setter();
        use_callback((), move |t: bool, _| set.set(t))
    };
    html! {
        <section class="picker" aria-labelledby="picker-title">
            <h2 id="picker-title" class="section-title">{ lang.t("老人的户口在哪里？", "Where is the older person's household registered?") }</h2>
            <p class="hint">{ lang.t(
                "请选择户籍所在地（户口本上的地址）。可以输入地名搜索，也可以一级一级地选。",
                "Choose the place of household registration (the address in the household register, 户口本): search by name, or choose step by step.",
            ) }</p>
            <PlaceSearch on_choose={props.on_choose.clone()} {on_typing} />
            // While a name is typed the results stand alone: the step-by-step
            // lists step aside (kept, and back as the box is emptied), so a
            // keystroke lays out and paints only the few results. They are a
            // component of their own, with equal props: turning to typing
            // and back changes this one attribute, and Yew skips the lists.
            <div class="picker__steps" hidden={*typing}>
                <Steps on_choose={props.on_choose.clone()} date={props.date} />
            </div>
        </section>
    }
}

/// Province → city → county, one level at a time.
#[function_component]
fn Steps(props: &RegionPickerProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    // The drill-down: the province, then the city, chosen so far.
    let path = use_state(Vec::<String>::new);
    let province = path.first().map(|p| p[..2].to_string());
    let rules = catalogue::use_rules();
    let (pack, retry) = use_pack(province);
    let choose = |code: &str| {
        let code = AttrValue::from(code.to_string());
        props.on_choose.reform(move |_: MouseEvent| code.clone())
    };
    let open = |code: &str| {
        let (path, code) = (path.clone(), code.to_string());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*path).clone();
            next.push(code.clone());
            path.set(next);
        })
    };
    let up = {
        let path = path.clone();
        Callback::from(move |_: MouseEvent| {
            let mut next = (*path).clone();
            next.pop();
            path.set(next);
        })
    };

    // The drill-down: provinces, then a province's cities, then a city's counties.
    let list = match (path.len(), pack) {
        (0, _) => html! {
            <ul class="picker__grid" role="list" data-level="province">
                { for PROVINCES.iter().map(|(code, name)| {
                    let full = format!("{code}0000");
                    let lists = rules.lists_in(code).unwrap_or(0);
                    html! {
                        <li key={*code}>
                            <button type="button" class="button region-button" data-province={*code} onclick={open(&full)}>
                                <span class="region-button__name" lang={lang.is_en().then_some("zh-CN")}>{ *name }</span>
                                if lists > 0 {
                                    <span class="region-button__mark">{ match lang {
                                        Lang::Zh => format!("收录{lists}份清单"),
                                        Lang::En => format!("{lists} list(s) recorded"),
                                    } }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        },
        (_, Some(PackState::Loading) | None) => {
            html! { <p class="notice" role="status" data-loading="">{ lang.t("正在读取这个省的地名和政策……", "Reading this province's places and policies…") }</p> }
        }
        (_, Some(PackState::Failed(f))) => html! {
            <div class="notice notice--error" role="alert" data-pack-failed="">
                <p>{ f.message(lang) }</p>
                <button type="button" class="button" data-action="retry" onclick={retry.reform(|_: MouseEvent| ())}>{ lang.t("再试一次", "Try again") }</button>
            </div>
        },
        (_, Some(PackState::Ready(loaded))) => {
            let here = path.last().cloned().unwrap_or_default();
            let index = &loaded.index;
            let rules = &loaded.rules;
            let children = index.children(&here);
            let name = index.full_name(&here);
            html! {
                <>
                    <p class="picker__here">
                        <strong lang={lang.is_en().then_some("zh-CN")}>{ name.clone() }</strong>
                    </p>
                    // The level itself can be chosen too (only the city is known, or it has no counties).
                    <p>
                        <button type="button" class="button button--secondary region-button" data-region={here.clone()} onclick={choose(&here)}>
                            <span class="region-button__name">{ match lang {
                                Lang::Zh => if children.is_empty() { format!("就是{name}") } else { format!("只知道是{name}，不清楚哪个区县") },
                                Lang::En => if children.is_empty() { format!("This place: {name}") } else { format!("Somewhere in {name}, not sure which county") },
                            } }</span>
                            if let Some(d) = index.get(&here) {
                                if let Some(m) = mark(lang, rules, index, &d, props.date).filter(|_| rules.region(&here).is_some()) {
                                    <span class="region-button__mark">{ m }</span>
                                }
                            }
                        </button>
                    </p>
                    <ul class="picker__grid" role="list" data-level={if path.len() == 1 { "city" } else { "county" }}>
                        { for children.iter().map(|d| {
                            let has_children = !index.children(d.code).is_empty();
                            let onclick = if has_children { open(d.code) } else { choose(d.code) };
                            html! {
                                <li key={d.code.to_string()}>
                                    <button type="button" class="button region-button"
                                        data-region={(!has_children).then(|| d.code.to_string())}
                                        data-open={has_children.then(|| d.code.to_string())}
                                        {onclick}>
                                        <span class="region-button__name" lang={lang.is_en().then_some("zh-CN")}>{ d.name }</span>
                                        if let Some(m) = mark(lang, rules, index, d, props.date) {
                                            <span class="region-button__mark">{ m }</span>
                                        }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </>
            }
        }
    };
    html! {
        <>
            if !path.is_empty() {
                <p>
                    <button type="button" class="button button--quiet" data-action="picker-up" onclick={up}>
                        { lang.t("‹ 返回上一级", "‹ Back up a level") }
                    </button>
                </p>
            }
            <h3 class="picker__province">{ if path.is_empty() {
                lang.t("或者选择省份", "Or choose the province")
            } else {
                lang.t("选择下一级", "Choose below")
            } }</h3>
            { list }
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_markup() {
        let mut out = String::new();
        escape_into(&mut out, r#"a<b>&"c""#);
        assert_eq!(out, "a&lt;b&gt;&amp;&quot;c&quot;");
    }

    #[test]
    fn each_place_found_is_one_button_with_its_code_and_full_name() {
        let index = RegionIndex::builtin();
        let found = index.search("延津", 8);
        assert!(!found.is_empty());
        let html = results_markup(Lang::Zh, index, &found);
        assert!(html.starts_with("<ul ") && html.ends_with("</ul>"));
        assert_eq!(html.matches("<button ").count(), found.len());
        for d in &found {
            assert!(html.contains(&format!(r#"data-region="{}""#, d.code)));
            assert!(html.contains(&index.full_name(d.code)));
        }
        // In English the Chinese names say which language they are in.
        let en = results_markup(Lang::En, index, &found);
        assert_eq!(en.matches(r#"lang="zh-CN""#).count(), found.len());
        assert!(!html.contains("lang="));
    }
}
