use crate::catalogue::{self, use_pack, PackState};
use crate::i18n::Lang;
use crate::regions::PROVINCES;
use crate::stage::{self, Later};
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

/// The province a fragment such as `#p.14` opens: the province grid's links
/// go there, so a province pressed before the app has started is opened
/// once it has (see [`open_on_start`]).
pub fn opened_province(fragment: &str) -> Option<&str> {
    let code = fragment.trim_start_matches('#').strip_prefix("p.")?;
    PROVINCES.iter().any(|(c, _)| *c == code).then_some(code)
}

thread_local! {
    static OPEN_ON_START: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The province to open once the picker is on the page: one pressed in the
/// page rendered ahead, before the app started (main.rs reads the fragment
/// before anything can rewrite it) or while it made its start page (a click
/// main.rs heard). Taken once.
pub fn open_on_start(province: &str) {
    OPEN_ON_START.with(|o| *o.borrow_mut() = Some(province.to_string()));
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

/// One place found, as its button in the results shows it.
#[derive(Clone, Debug, PartialEq)]
struct Found {
    code: String,
    name: String,
    listed: bool,
}

/// What to change in the results on the page so that they show `new` where
/// they show `old`: the items whose code, name or mark differ (by position),
/// how many of the old items stay, and the new ones added after them.
///
/// A keystroke used to replace the whole list with new markup (and before
/// that, some fifty Yew nodes): every item parsed, styled and laid out
/// afresh. Most keystrokes change a few names in place, and the browser
/// then restyles nothing and lays out only the new text.
#[derive(Debug, Default, PartialEq)]
struct Patch {
    code: Vec<usize>,
    name: Vec<usize>,
    mark: Vec<usize>,
    keep: usize,
    add: std::ops::Range<usize>,
}

fn patch(old: &[Found], new: &[Found]) -> Patch {
    let keep = old.len().min(new.len());
    let mut p = Patch {
        keep,
        add: keep..new.len(),
        ..Patch::default()
    };
    for (i, (o, n)) in old.iter().zip(new).enumerate() {
        if o.code != n.code {
            p.code.push(i);
        }
        if o.name != n.name {
            p.name.push(i);
        }
        if o.listed != n.listed {
            p.mark.push(i);
        }
    }
    p
}

/// The mark of a place with a list of its own, as markup.
fn mark_markup(out: &mut String, lang: Lang) {
    out.push_str(r#"<span class="region-button__mark">"#);
    escape_into(out, lang.t("有本地清单", "Has its own list"));
    out.push_str("</span>");
}

/// Places found, as markup: one item each, the buttons those of the province
/// grid (`region-button`). A press is read from their `data-region` by the
/// list's one click handler.
fn items_markup(lang: Lang, found: &[Found]) -> String {
    let mut out = String::new();
    let name_lang = if lang.is_en() { r#" lang="zh-CN""# } else { "" };
    for f in found {
        out.push_str(r#"<li><button type="button" class="button region-button" data-region=""#);
        escape_into(&mut out, &f.code);
        out.push_str(r#""><span class="region-button__name""#);
        out.push_str(name_lang);
        out.push('>');
        escape_into(&mut out, &f.name);
        out.push_str("</span>");
        if f.listed {
            mark_markup(&mut out, lang);
        }
        out.push_str("</button></li>");
    }
    out
}

/// What the results list on the page shows now.
#[derive(Default)]
struct Drawn {
    lang: Lang,
    items: Vec<Found>,
    /// What was searched for to find them.
    query: String,
}

/// Makes the list `ul` show `want`, changing only what differs from what it shows.
fn draw(ul: &Element, drawn: &mut Drawn, lang: Lang, want: &[Found]) {
    // A list made afresh (or in the other language) is filled from nothing.
    if drawn.lang != lang || ul.child_element_count() as usize != drawn.items.len() {
        ul.set_inner_html("");
        drawn.items.clear();
        drawn.lang = lang;
    }
    let p = patch(&drawn.items, want);
    let mut li = ul.first_element_child();
    let mut i = 0;
    while let Some(item) = li {
        if i >= p.keep {
            break;
        }
        let next = item.next_element_sibling();
        if let Some(button) = item.first_element_child() {
            if p.code.binary_search(&i).is_ok() {
                let _ = button.set_attribute("data-region", &want[i].code);
            }
            if p.name.binary_search(&i).is_ok() {
                if let Some(name) = button.first_element_child() {
                    name.set_text_content(Some(&want[i].name));
                }
            }
            if p.mark.binary_search(&i).is_ok() {
                if want[i].listed {
                    let mut m = String::new();
                    mark_markup(&mut m, lang);
                    let _ = button.insert_adjacent_html("beforeend", &m);
                } else if let Some(mark) = button.last_element_child() {
                    mark.remove();
                }
            }
        }
        li = next;
        i += 1;
    }
    while ul.child_element_count() as usize > p.keep {
        match ul.last_element_child() {
            Some(last) => last.remove(),
            None => break,
        }
    }
    if !p.add.is_empty() {
        let _ = ul.insert_adjacent_html("beforeend", &items_markup(lang, &want[p.add.clone()]));
    }
    drawn.items = want.to_vec();
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

/// What the search box's surroundings show, apart from the places found
/// (which `draw` puts in the list) and their count (read out by the status
/// line): Yew renders the search again only when this changes, not on every
/// keystroke. Typing 延 then 延津 changes only the places, and the keystroke
/// is the search and a few changed names, with no render.
#[derive(Clone, Debug, Default, PartialEq)]
struct View {
    /// Something is typed: the results are shown.
    typed: bool,
    /// The search found nothing for this (the text typed).
    nothing_for: Option<String>,
}

/// What the box holds, kept between keystrokes without a render.
#[derive(Default)]
struct Typed {
    /// What is typed now, trimmed.
    now: String,
    /// The last thing typed that was not empty: what the results show. When
    /// the box is emptied the last results stay in the page, hidden, and the
    /// next name typed changes them in place.
    shown: String,
}

/// The places found for what was typed, drawn into the list (when it is in
/// the page), and their count put in the status line; returns what the rest
/// of the search should show.
fn show_found(
    index: Option<&RegionIndex>,
    typed: &Typed,
    lang: Lang,
    list: &NodeRef,
    status: &NodeRef,
    drawn: &mut Drawn,
) -> View {
    let ul = list.cast::<Element>();
    // The list already shows these places (the box was emptied, or a
    // render followed the keystroke): no second search.
    let current = ul.as_ref().is_some_and(|ul| {
        drawn.lang == lang
            && drawn.query == typed.shown
            && ul.child_element_count() as usize == drawn.items.len()
    });
    let want: Vec<Found> = match index {
        Some(_) if current => drawn.items.clone(),
        Some(index) if !typed.shown.is_empty() => index
            .search(&typed.shown, 8)
            .iter()
            .map(|d| Found {
                code: d.code.to_string(),
                name: index.full_name(d.code),
                listed: d.listed,
            })
            .collect(),
        _ => Vec::new(),
    };
    if let Some(ul) = ul {
        draw(&ul, drawn, lang, &want);
        typed.shown.clone_into(&mut drawn.query);
    }
    let count = match lang {
        _ if typed.now.is_empty() || index.is_none() => String::new(),
        Lang::Zh => format!("找到{}个地方", want.len()),
        Lang::En => format!("{} place(s) found", want.len()),
    };
    if let Some(p) = status.cast::<Element>() {
        if p.text_content().unwrap_or_default() != count {
            p.set_text_content(Some(&count));
        }
    }
    View {
        typed: !typed.now.is_empty(),
        nothing_for: (index.is_some() && want.is_empty() && !typed.shown.is_empty())
            .then(|| typed.shown.clone()),
    }
}

/// The search box and its results. A component of its own, so that what
/// renders here never touches the province grid below. A keystroke itself
/// renders nothing (see `View`): it searches, and changes the list in place.
#[function_component]
fn PlaceSearch(props: &PlaceSearchProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let typed = use_mut_ref(Typed::default);
    let view = use_state_eq(View::default);
    let search = use_state(|| None::<Result<Rc<RegionIndex>, catalogue::Failure>>);
    let searching = use_state(|| false);
    let rules = catalogue::use_rules();
    let (list, status) = (use_node_ref(), use_node_ref());
    let drawn = use_mut_ref(Drawn::default);
    let index = match &*search {
        Some(Ok(index)) => Some(index.clone()),
        _ => None,
    };
    // The index of every place comes with the first search (and again after
    // a failure, when 再试一次 is pressed).
    let fetch = {
        let (search, searching) = (search.clone(), searching.clone());
        Callback::from(move |_: ()| {
            if !*searching {
                searching.set(true);
                let (search, searching) = (search.clone(), searching.clone());
                // After a failure: past the browser's cache, which may hold
                // the failed answer.
                let index = rules.search(search.is_some());
                wasm_bindgen_futures::spawn_local(async move {
                    search.set(Some(index.await));
                    searching.set(false);
                });
            }
        })
    };
    // What is typed, searched and shown on each keystroke (also one typed in
    // the page rendered ahead, before the app started: src/main.rs).
    let oninput = {
        let (typed, view, drawn) = (typed.clone(), view.clone(), drawn.clone());
        let (list, status, index) = (list.clone(), status.clone(), index.clone());
        let (fetch, unasked) = (fetch.clone(), search.is_none());
        let on_typing = props.on_typing.clone();
        Callback::from(move |e: InputEvent| {
            let value = e.target_unchecked_into::<HtmlInputElement>().value();
            let now = value.trim();
            let was = !typed.borrow().now.is_empty();
            {
                let mut t = typed.borrow_mut();
                now.clone_into(&mut t.now);
                if !now.is_empty() {
                    now.clone_into(&mut t.shown);
                }
            }
            let typing = !now.is_empty();
            if was != typing {
                on_typing.emit(typing);
            }
            if unasked {
                fetch.emit(());
            }
            view.set(show_found(
                index.as_deref(),
                &typed.borrow(),
                lang,
                &list,
                &status,
                &mut drawn.borrow_mut(),
            ));
        })
    };
    // After a render (the index arrived, the language changed, the list was
    // made): the places and the count for what is typed.
    {
        let (typed, view, drawn) = (typed.clone(), view.clone(), drawn.clone());
        let (list, status, index) = (list.clone(), status.clone(), index.clone());
        use_effect(move || {
            view.set(show_found(
                index.as_deref(),
                &typed.borrow(),
                lang,
                &list,
                &status,
                &mut drawn.borrow_mut(),
            ));
        });
    }
    // A press on one of the results (they are plain markup: see items_markup).
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
    let message = match (&*search, &view.nothing_for) {
        _ if !view.typed => html! {},
        (None, _) => {
            html! { <p class="hint" role="status">{ lang.t("正在准备搜索……", "Getting the search ready…") }</p> }
        }
        (Some(Err(f)), _) => html! {
            <div class="notice notice--error" role="alert" data-search-failed="">
                <p>{ f.message(lang) }</p>
                <button type="button" class="button" data-action="retry"
                    disabled={*searching} onclick={fetch.reform(|_: MouseEvent| ())}>{ lang.t("再试一次", "Try again") }</button>
            </div>
        },
        (Some(Ok(_)), Some(shown)) => html! {
            <p class="hint">{ match lang {
                Lang::Zh => format!("没有找到“{shown}”。可以只输入名字的一部分，如“延津”；或者在下面一级一级地找。"),
                Lang::En => format!("Nothing found for “{shown}”. Try part of the name, such as 延津, or look below step by step."),
            } }</p>
        },
        (Some(Ok(_)), None) => html! {},
    };

    html! {
        <>
            <label class="field picker__search" for="place-search">
                <span class="field__label">{ lang.t("输入县（区）或城市的名字", "Type the name of the county or city") }</span>
                <input id="place-search" class="input" type="search" autocomplete="off"
                    placeholder={lang.t("如：延津", "e.g. 延津")} {oninput} />
            </label>
            // Always in the page, so that a screen reader hears each new
            // count. Its text is set by `show_found`, not by Yew.
            <p class="visually-hidden" role="status" aria-live="polite" ref={status}></p>
            <div class="picker__results" hidden={!view.typed} onclick={pick}>
                { message }
                // The list itself is drawn by `draw`: Yew makes the empty
                // list and never touches its items.
                if index.is_some() {
                    <ul class="picker__list" role="list" data-search-results="" ref={list}></ul>
                }
            </div>
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
            <Later step={stage::SEARCH}><PlaceSearch on_choose={props.on_choose.clone()} {on_typing} /></Later>
            // While a name is typed the results stand alone: the step-by-step
            // lists step aside (kept, and back as the box is emptied), so a
            // keystroke lays out and paints only the few results. They are a
            // component of their own, with equal props: turning to typing
            // and back changes this one attribute, and Yew skips the lists.
            <div class="picker__steps" hidden={*typing}>
                <Later step={stage::STEPS}><Steps on_choose={props.on_choose.clone()} date={props.date} /></Later>
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
    // A province pressed before the app started (its link's fragment).
    {
        let path = path.clone();
        use_effect_with((), move |_| {
            if let Some(province) = OPEN_ON_START.with(|o| o.borrow_mut().take()) {
                path.set(vec![format!("{province}0000")]);
            }
        });
    }
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
            // Links, so that a province works before the app has started
            // (the page rendered ahead): the fragment says which to open.
            <ul class="picker__grid" role="list" data-level="province">
                { for PROVINCES.iter().map(|(code, name)| {
                    let full = format!("{code}0000");
                    let lists = rules.lists_in(code).unwrap_or(0);
                    let onclick = open(&full).reform(|e: MouseEvent| {
                        e.prevent_default();
                        e
                    });
                    html! {
                        <li key={*code}>
                            <a class="button region-button" href={format!("#p.{code}")} data-province={*code} {onclick}>
                                <span class="region-button__name" lang={lang.is_en().then_some("zh-CN")}>{ *name }</span>
                                if lists > 0 {
                                    <span class="region-button__mark">{ match lang {
                                        Lang::Zh => format!("收录{lists}份清单"),
                                        Lang::En => format!("{lists} list(s) recorded"),
                                    } }</span>
                                }
                            </a>
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

    fn found(code: &str, name: &str, listed: bool) -> Found {
        Found {
            code: code.into(),
            name: name.into(),
            listed,
        }
    }

    #[test]
    fn each_place_found_is_one_button_with_its_code_and_full_name() {
        let index = RegionIndex::builtin();
        let mut places: Vec<Found> = index
            .search("延津", 8)
            .iter()
            .map(|d| found(d.code, &index.full_name(d.code), d.listed))
            .collect();
        // The place with a list of its own is marked; the others are not.
        places.push(found("150104", "内蒙古自治区呼和浩特市<玉泉区>", true));
        assert!(!places.is_empty());
        let html = items_markup(Lang::Zh, &places);
        assert!(html.starts_with("<li>") && html.ends_with("</li>"));
        assert_eq!(html.matches("<button ").count(), places.len());
        for f in &places {
            assert!(html.contains(&format!(r#"data-region="{}""#, f.code)));
            let mut name = String::new();
            escape_into(&mut name, &f.name);
            assert!(html.contains(&name));
        }
        assert_eq!(
            html.matches("有本地清单").count(),
            places.iter().filter(|f| f.listed).count()
        );
        // Names are text, never markup.
        assert!(html.contains("呼和浩特市&lt;玉泉区&gt;"));
        // In English the Chinese names say which language they are in.
        let en = items_markup(Lang::En, &places);
        assert_eq!(en.matches(r#"lang="zh-CN""#).count(), places.len());
        assert!(!html.contains("lang="));
    }

    #[test]
    fn a_keystroke_changes_only_what_differs() {
        let a = found("410726", "河南省新乡市延津县", true);
        let b = found("150104", "内蒙古自治区呼和浩特市玉泉区", true);
        let c = found("110105", "北京市朝阳区", false);
        let same_name = found("999999", "北京市朝阳区", true);
        // Nothing shown yet: everything is added.
        assert_eq!(
            patch(&[], &[a.clone(), b.clone()]),
            Patch {
                add: 0..2,
                ..Patch::default()
            }
        );
        // The same places: nothing at all.
        assert_eq!(
            patch(&[a.clone(), b.clone()], &[a.clone(), b.clone()]),
            Patch {
                keep: 2,
                add: 2..2,
                ..Patch::default()
            }
        );
        // Fewer places: the first rewritten where it differs, the rest removed.
        assert_eq!(
            patch(&[a.clone(), b.clone(), c.clone()], std::slice::from_ref(&b)),
            Patch {
                code: vec![0],
                name: vec![0],
                keep: 1,
                add: 1..1,
                ..Patch::default()
            }
        );
        // Only what differs: here the code and the mark, not the name.
        assert_eq!(
            patch(std::slice::from_ref(&c), &[same_name.clone(), a.clone()]),
            Patch {
                code: vec![0],
                mark: vec![0],
                keep: 1,
                add: 1..2,
                ..Patch::default()
            }
        );
        // Applying each patch to a copy gives the wanted list, whatever the order.
        let all = [a, b, c, same_name];
        for i in 0..all.len() {
            for j in 0..all.len() {
                let (old, new) = (&all[..i], &all[j..]);
                let p = patch(old, new);
                let mut shown: Vec<Found> = old[..p.keep].to_vec();
                for &k in &p.code {
                    shown[k].code = new[k].code.clone();
                }
                for &k in &p.name {
                    shown[k].name = new[k].name.clone();
                }
                for &k in &p.mark {
                    shown[k].listed = new[k].listed;
                }
                shown.extend_from_slice(&new[p.add.clone()]);
                assert_eq!(shown, new, "from {old:?} to {new:?}");
            }
        }
    }
}
