use super::answers::AnswerList;
use super::handoff::HandOff;
use super::result_line::ResultLine;
use super::text::mixed;
use super::who::focus;
use crate::frame::after_paint;
use crate::i18n::{self, Lang};
use crate::questions::Who;
use crate::report::Group;
use crate::screen::{ended_title, group_title, Showing};
use std::rc::Rc;
use yanglao_core::Fact;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    /// What the page shows, from the screen model (one evaluation).
    pub showing: Rc<Showing>,
    pub on_change: Callback<(Fact, Option<i32>)>,
    pub on_continue: Callback<()>,
    pub on_restart: Callback<()>,
    /// None where the region is fixed (a portal's link).
    pub on_change_region: Option<Callback<()>>,
    /// The hand-off link (answers in its fragment), for the QR code.
    pub link: Option<AttrValue>,
    /// Whether the link may be followed and shared here (not on a kiosk).
    pub clickable_link: bool,
    /// Hears the summary whenever it changes (for the screen-reader announcement).
    #[prop_or_default]
    pub on_summary: Callback<String>,
    /// Hears a part's words when it is opened (read-aloud).
    #[prop_or_default]
    pub on_speak: Callback<(String, Vec<String>)>,
}

/// Scrolls a part of the page into view and moves focus to its heading.
fn go_to(id: &str) {
    let document = gloo::utils::document();
    if let Some(el) = document.get_element_by_id(id) {
        // A folded part (the answers) opens first.
        if el.tag_name().eq_ignore_ascii_case("details") {
            let _ = el.set_attribute("open", "");
        }
        el.scroll_into_view();
        if let Some(h) = el
            .query_selector("h2, h3")
            .ok()
            .flatten()
            .and_then(|h| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(h).ok())
        {
            let _ = h.focus();
        }
    }
}

/// Prints the summary (details closed), or everything with every line opened.
fn print(full: bool) {
    let document = gloo::utils::document();
    let Ok(lines) =
        document.query_selector_all("details.line:not([open]), details.answers:not([open])")
    else {
        return;
    };
    let opened: Vec<web_sys::Element> = if full {
        (0..lines.length())
            .filter_map(|i| lines.item(i))
            .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
            .collect()
    } else {
        Vec::new()
    };
    for el in &opened {
        let _ = el.set_attribute("open", "");
    }
    if let Some(root) = document.document_element() {
        let _ = root.set_attribute("data-print", if full { "full" } else { "summary" });
    }
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
    // window.print() returns once the dialog closes (or at once where printing
    // is not possible): the lines opened for it close again.
    for el in &opened {
        let _ = el.remove_attribute("open");
    }
}

/// The results: a summary line per service first (what, how much, where),
/// each opening to its details; the actions a family needs within reach at
/// the top; then ended policies, the checklist, the rest, the hand-off and
/// the answers.
#[function_component]
pub fn Results(props: &ResultsProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = |zh: &'static str, en: &'static str| lang.t(zh, en);
    let heading = use_node_ref();
    let showing = &props.showing;
    {
        let heading = heading.clone();
        use_effect_with(showing.code.clone(), move |_| focus(&heading));
    }
    let report = &showing.report;
    let coverage = &showing.coverage;
    let summary = showing.summary.clone();
    {
        let on_summary = props.on_summary.clone();
        use_effect_with(summary.clone(), move |summary| {
            on_summary.emit(format!(
                "{}{summary}",
                lang.t("查询结果已更新。", "The results are updated. ")
            ));
        });
    }
    // 打印全部详情: every line's details are made first, then printed (an effect
    // runs once they are on the page).
    let print_full = use_state(|| 0u32);
    {
        use_effect_with(*print_full, |n| {
            if *n > 0 {
                print(true);
            }
        });
    }
    let expand = *print_full > 0;
    // The page is made in three steps, so that the answer the person waits
    // for is painted at once: the top and the first group of services; after
    // that frame, the other groups, the documents and the checklist; after
    // the next, the rest, the hand-off and the answers. (山西省's page is
    // some 330 elements; made in one go the last answer took 170–250 ms to
    // show on a 4× slower CPU.) Changing an answer on the page later
    // re-renders it whole: the steps are only for its first showing.
    // Each step is asked for once, after the last one was made, so none is
    // ever taken back.
    let step = use_state_eq(|| 0u8);
    {
        let step = step.clone();
        use_effect_with(*step, move |now| {
            if *now < 2 {
                let next = *now + 1;
                after_paint(move || step.set(next));
            }
        });
    }
    let made = if expand { 2 } else { *step };
    let day = i18n::date(lang, showing.date);
    let group_html = |g: Group| {
        let cards = report.group(g);
        if cards.is_empty() {
            return html! {};
        }
        let title_id = format!("group-{}", g.key());
        let title = group_title(lang, g, cards.len());
        let lines = html! {
            <div class="lines">
                { for cards.iter().map(|c| html! { <ResultLine key={c.id.clone()} card={c.clone()} group={g} on_speak={props.on_speak.clone()} {expand} /> }) }
            </div>
        };
        if g == Group::Other {
            return html! {
                <section class={classes!("group", "group--other", "no-print")} data-group={g.key()} aria-labelledby={title_id.clone()}>
                    <details class="group__fold">
                        <summary><h3 class="group__title" id={title_id}>{ title }</h3></summary>
                        <p class="hint">{ t("每项写了需要什么条件。情况有变化时，可以在下面修改回答再看。",
                            "Each says what it needs. If something changes, change the answers below and look again.") }</p>
                        { lines }
                    </details>
                </section>
            };
        }
        html! {
            <section class={classes!("group", format!("group--{}", g.key()))} data-group={g.key()} aria-labelledby={title_id.clone()}>
                <h3 class="group__title" id={title_id}>{ title }</h3>
                { lines }
            </section>
        }
    };
    // The first step shows the groups up to the first with services in it.
    let order = [Group::Claim, Group::Check, Group::Later, Group::Have];
    let first = order
        .iter()
        .position(|g| !report.group(*g).is_empty())
        .map_or(order.len(), |i| i + 1);
    let (first_groups, later_groups) = order.split_at(first);
    let missing: Vec<&str> = coverage.missing().map(|l| l.name.as_str()).collect();
    // What the check rests on: the levels with no list (and whom to ask)
    // said plainly; the documents, and what their captured text leaves out,
    // one tap away.
    let basis = html! {
        <section class="basis" data-coverage="" aria-label={t("这次查了哪些政策", "What this check covered")}>
            if !missing.is_empty() {
                <p class="basis__missing" data-missing-levels={missing.join(",")}>
                    { mixed(lang, &match lang {
                        Lang::Zh => format!(
                            "没有收录{}的清单：那里可能还有这里没有查到的服务（比如高龄津贴），请向{}咨询。",
                            missing.join("、"), showing.ask
                        ),
                        Lang::En => format!(
                            "No list is recorded for {}: there may be services this check could not see (such as a high-age allowance). Ask {}.",
                            missing.iter().map(|m| i18n::place(lang, m)).collect::<Vec<_>>().join(", "),
                            showing.ask
                        ),
                    }) }
                </p>
            }
            if !report.basis.is_empty() {
                <details class="basis__documents">
                    <summary>{ match lang {
                        Lang::Zh => format!("依据的文件（{}份）", report.basis.len()),
                        Lang::En => format!("The documents ({})", report.basis.len()),
                    } }</summary>
                    <ul>
                        { for report.basis.iter().map(|b| html! {
                            <li>
                                { mixed(lang, &format!("{}{}{}", b.scope, t("：", ": "), b.title)) }
                                if b.ended { { t("（已到期）", " (ended)") } }
                                if let Some(gaps) = &b.gaps {
                                    <span class="basis__gaps">{ mixed(lang, gaps) }</span>
                                }
                            </li>
                        }) }
                    </ul>
                </details>
            }
        </section>
    };
    let checklist = &report.checklist;
    let all_usual = checklist.documents.iter().all(|d| d.usual);
    let on_restart = props.on_restart.reform(|_: MouseEvent| ());
    html! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="section-title" tabindex="-1" ref={heading}>{ t("查询结果", "Results") }</h2>
            <p class="results__meta">
                { mixed(lang, &match lang {
                    Lang::Zh => format!("{day} · {} · {}", showing.place,
                        if showing.who == Who::Family { "为家里的老人查询" } else { "为本人查询" }),
                    Lang::En => format!("{day} · {} · {}", showing.place,
                        if showing.who == Who::Family { "for an older family member" } else { "for myself" }),
                }) }
            </p>
            <p class="results__summary">{ mixed(lang, &summary) }</p>
            <nav class="results__actions no-print" aria-label={t("结果的操作", "What to do with the results")}>
                <button type="button" class="button" data-action="print" onclick={Callback::from(|_: MouseEvent| print(false))}>{ t("打印", "Print") }</button>
                if props.link.is_some() {
                    <button type="button" class="button button--secondary" data-action="to-phone"
                        onclick={Callback::from(|_: MouseEvent| go_to("handoff"))}>{ t("发到手机", "Send to a phone") }</button>
                }
                <button type="button" class="button button--secondary" data-action="to-answers"
                    onclick={Callback::from(|_: MouseEvent| go_to("answers"))}>{ t("修改回答", "Change answers") }</button>
            </nav>
            if showing.remaining > 0 {
                <div class="notice no-print">
                    <p>{ match lang {
                        Lang::Zh => format!("还有{}个问题没有回答，回答后“需要核实”的服务可能会变少。", showing.remaining),
                        Lang::En => format!("{} question(s) are not answered yet; answering them may settle services marked “needs checking”.", showing.remaining),
                    } }</p>
                    <button type="button" class="button" data-action="continue"
                        onclick={props.on_continue.reform(|_: MouseEvent| ())}>{ t("继续回答", "Continue the questions") }</button>
                </div>
            }
            { for first_groups.iter().copied().map(group_html) }
            if made >= 1 {
                { for later_groups.iter().copied().map(group_html) }
                { basis }
                { for report.ended.iter().map(|e| html! {
                    <section class="ended" data-ended={e.key.clone()} aria-labelledby={format!("ended-{}", e.key)}>
                        <h3 class="group__title" id={format!("ended-{}", e.key)}>{ mixed(lang, &ended_title(lang, &e.scope)) }</h3>
                        <p>{ mixed(lang, &match lang {
                            Lang::Zh => format!("{}{}已到期，下面这{}项服务不一定还在办。", e.title, e.until.zh(), e.services.len()),
                            Lang::En => format!("{} ended on {}; the {} services below may no longer be offered.", e.title, i18n::date(lang, e.until), e.services.len()),
                        }) }</p>
                        <p class="ended__ask"><strong>{ t("现在能申请什么，请问：", "To ask what can be claimed now: ") }</strong>{ mixed(lang, &e.ask) }</p>
                        <details class="ended__list no-print">
                            <summary>{ t("看看到期前有哪些服务", "See what it offered") }</summary>
                            <ul>{ for e.services.iter().map(|s| html! { <li>{ mixed(lang, s) }</li> }) }</ul>
                        </details>
                    </section>
                }) }
                if !checklist.documents.is_empty() {
                    <section class="checklist" aria-labelledby="checklist-title">
                        <h3 id="checklist-title" class="group__title">{ t("办事要带的材料", "What to bring") }</h3>
                        if all_usual {
                            <p class="hint">{ t("文件大多没有写要带什么，下面是一般需要的，以窗口要求为准。",
                                "The documents mostly do not say what to bring: these are usually needed; the office decides.") }</p>
                        }
                        <ul class="checklist__list" data-checklist="documents">
                            { for checklist.documents.iter().map(|d| html! {
                                <li>{ mixed(lang, &d.name) }if d.if_any { { t("（如有）", " (if any)") } }</li>
                            }) }
                        </ul>
                    </section>
                }
            }
            if made >= 2 {
                { group_html(Group::Other) }
                if let Some(link) = &props.link {
                    <HandOff link={link.clone()} clickable={props.clickable_link} />
                }
                <AnswerList who={showing.who} rows={showing.answers.clone()} on_change={props.on_change.clone()} />
                <div class="results__end no-print">
                    <button type="button" class="button button--secondary" data-action="print-full"
                        onclick={let p = print_full.clone(); Callback::from(move |_: MouseEvent| p.set(*p + 1))}>{ t("打印全部详情", "Print every detail") }</button>
                    <button type="button" class="button button--secondary" data-action="restart" onclick={on_restart}>{ t("重新开始", "Start again") }</button>
                    if let Some(change) = &props.on_change_region {
                        <button type="button" class="button button--quiet" data-action="change-region"
                            onclick={change.reform(|_: MouseEvent| ())}>{ t("换一个地区", "Choose another region") }</button>
                    }
                    if let Some(level) = showing.coverage.levels.iter().rev().find(|l| l.has_rules && props.clickable_link) {
                        <a class="button button--quiet" data-action="full-list" hreflang="zh-CN" href={format!("list/{}.html", level.code)}>{ t("本地区全部服务清单", "All services listed for this region") }</a>
                    }
                </div>
            }
        </section>
    }
}
