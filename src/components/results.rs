use super::handoff::HandOff;
use super::service_card::{Card, ServiceCard, ServiceLine};
use super::who::focus;
use crate::i18n::{self, Lang, CHINESE_ONLY};
use crate::questions::{self, Who, UNKNOWN};
use crate::rules;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yanglao_core::{Answers, Date, Fact, Status};
use yew::prelude::*;

/// The groups of the results page, in the order people need them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Eligible,
    Maybe,
    Later,
    Expired,
    Other,
}

impl Group {
    pub fn of(card: &Card) -> Group {
        match card.status {
            Status::Eligible => Group::Eligible,
            Status::Maybe => Group::Maybe,
            Status::NotYetInForce => Group::Later,
            Status::Ineligible if card.later.is_some() => Group::Later,
            Status::Ineligible => Group::Other,
            Status::Expired => Group::Expired,
        }
    }
    fn key(self) -> &'static str {
        match self {
            Group::Eligible => "eligible",
            Group::Maybe => "maybe",
            Group::Later => "later",
            Group::Expired => "expired",
            Group::Other => "other",
        }
    }
    fn title(self, lang: Lang) -> &'static str {
        match self {
            Group::Eligible => lang.t("可以申请", "You can apply"),
            Group::Maybe => lang.t("可能可以，需要核实", "Possibly — needs checking"),
            Group::Later => lang.t("以后可以申请", "Can apply later"),
            Group::Expired => lang.t("已失效的政策", "Expired policies"),
            Group::Other => lang.t("其他服务（暂不符合）", "Other services (not eligible now)"),
        }
    }
    fn intro(self, lang: Lang, who: Who) -> String {
        if lang.is_en() {
            let (s, _) = who.subject_en();
            return match self {
                Group::Eligible => format!("From the answers, {} meet the conditions of these services and can apply.", s.to_lowercase()),
                Group::Maybe => "Something is still unknown, or the office has to decide. Each says what to find out, and how.".to_string(),
                Group::Later => format!("{s}: not yet, but from the date shown."),
                Group::Expired => "These policies have ended; shown for reference. Ask the local civil affairs office about current policy.".to_string(),
                Group::Other => "Each says what it needs. If something changes, change the answer below and look again.".to_string(),
            };
        }
        let s = who.subject();
        match self {
            Group::Eligible => format!("按{s}的回答，这些服务{s}符合条件，可以去申请。"),
            Group::Maybe => {
                "还有情况不清楚，或者要由办理部门认定。每项都写了还要了解什么、怎么了解。"
                    .to_string()
            }
            Group::Later => format!("{s}现在还不符合，到了下面写的时间就可以申请。"),
            Group::Expired => {
                "这些政策的有效期已过，仅供参考；现在的政策请向当地民政部门咨询。".to_string()
            }
            Group::Other => {
                "每项写了需要什么条件。情况有变化时，可以修改上面的回答再看。".to_string()
            }
        }
    }
}

/// One merged checklist: where to go, and what to bring, for every service
/// to apply for (可以申请 and 需要核实), each item once.
pub fn checklist(cards: &[Card]) -> (Vec<(String, Vec<String>)>, Vec<String>) {
    let mut places: Vec<(String, Vec<String>)> = Vec::new();
    let mut documents: Vec<String> = Vec::new();
    for card in cards
        .iter()
        .filter(|c| matches!(c.status, Status::Eligible | Status::Maybe))
    {
        let place = if card.place.is_empty() {
            card.office.clone()
        } else {
            card.place.clone()
        };
        if !place.is_empty() {
            match places.iter_mut().find(|(p, _)| *p == place) {
                Some((_, names)) => names.push(card.name.clone()),
                None => places.push((place, vec![card.name.clone()])),
            }
        }
        for d in &card.documents {
            if !documents.contains(d) {
                documents.push(d.clone());
            }
        }
    }
    (places, documents)
}

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub code: AttrValue,
    pub place: AttrValue,
    pub who: Who,
    pub date: Date,
    /// The answers on the path, which the engine decides with.
    pub answers: Answers,
    /// The questions answered, in order, each with its control on this page.
    pub path: Vec<Fact>,
    /// How many questions could still be asked.
    pub remaining: usize,
    pub on_change: Callback<(Fact, Option<i32>)>,
    pub on_continue: Callback<()>,
    pub on_restart: Callback<()>,
    /// None where the region is fixed (a portal's link).
    pub on_change_region: Option<Callback<()>>,
    /// The hand-off link (answers in its fragment), for the QR code.
    pub link: Option<AttrValue>,
    /// Whether the link may be followed here (not on a kiosk).
    pub clickable_link: bool,
    /// Hears the summary whenever it changes (for the screen-reader announcement).
    #[prop_or_default]
    pub on_summary: Callback<String>,
}

/// The results, grouped, with the merged checklist, the answers (each
/// changeable in place) and a print button.
#[function_component]
pub fn Results(props: &ResultsProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let t = |zh: &'static str, en: &'static str| lang.t(zh, en);
    let heading = use_node_ref();
    {
        let heading = heading.clone();
        use_effect_with(props.code.clone(), move |_| focus(&heading));
    }
    let evaluation = rules::embedded()
        .map_err(|_| {
            t(
                "政策资料读取失败，请刷新页面再试。",
                "The policy data could not be read. Please reload the page.",
            )
            .to_string()
        })
        .and_then(|rules| {
            yanglao_core::evaluate(rules, &props.code, props.date, &props.answers).map_err(|e| {
                match lang {
                    Lang::Zh => format!("这次查询没能完成（{e}）。请点“重新开始”再试。"),
                    Lang::En => format!(
                        "This check could not be completed ({e}). Please press “Start again”."
                    ),
                }
            })
        });
    let cards: Vec<Card> = match &evaluation {
        Ok(e) => e
            .outcomes
            .iter()
            .map(|o| Card::from_outcome_in(lang, o))
            .collect(),
        Err(_) => Vec::new(),
    };
    let s = props.who.subject();
    let count = |g: Group| cards.iter().filter(|c| Group::of(c) == g).count();
    let (eligible, maybe, later) = (
        count(Group::Eligible),
        count(Group::Maybe),
        count(Group::Later),
    );
    let day = i18n::date(lang, props.date);
    let (_, s_en_in) = props.who.subject_en();
    let summary = match &evaluation {
        Err(message) => message.clone(),
        // Every policy here has ended (曲阜市 after 2020, 定西市 after 2023): say so plainly.
        Ok(_) if !cards.is_empty() && cards.iter().all(|c| c.status == Status::Expired) => match lang {
            Lang::Zh => format!(
                "这里收录的政策到{}都已失效，下面列出仅供参考。现在能申请什么，请向户籍所在地的民政部门咨询。",
                props.date.zh()
            ),
            Lang::En => format!(
                "Every policy recorded here had ended by {day}; they are listed below for reference only. Ask the local civil affairs office what can be claimed now."
            ),
        },
        Ok(_) if lang.is_en() && eligible + maybe + later == 0 => format!(
            "Under the policies of {day}, no service fits {s_en_in} now. Below is what each service needs."
        ),
        Ok(_) if lang.is_en() => {
            let services = |n: usize| if n == 1 { "service" } else { "services" };
            let maybe_text = if eligible == 0 {
                format!("can possibly apply for {maybe} {} (to be checked)", services(maybe))
            } else {
                format!("possibly {maybe} more (to be checked)")
            };
            let parts: Vec<String> = [
                (eligible, format!("can apply for {eligible} {}", services(eligible))),
                (maybe, maybe_text),
                (later, format!("{later} later")),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(_, text)| text)
            .collect();
            let parts = parts.join(", ");
            if eligible + maybe == 0 {
                format!("Under the policies of {day}, no service fits {s_en_in} now; {later} can be applied for later.")
            } else {
                format!("Under the policies of {day}, {s_en_in} {parts}.")
            }
        }
        Ok(_) if eligible + maybe + later == 0 => format!(
            "按{}的政策，{s}现在没有符合条件的服务。下面写了每项服务需要什么条件。",
            props.date.zh()
        ),
        Ok(_) => {
            let parts: Vec<String> = [
                (eligible, format!("{s}可以申请{eligible}项")),
                (maybe, format!("可能可以{maybe}项（需要核实）")),
                (later, format!("以后可以申请{later}项")),
            ]
            .into_iter()
            .filter(|(n, _)| *n > 0)
            .map(|(_, text)| text)
            .collect();
            format!("按{}的政策：{}。", props.date.zh(), parts.join("，"))
        }
    };
    // Every hook comes before any early return (Yew needs the same hooks each render).
    {
        let on_summary = props.on_summary.clone();
        use_effect_with(summary.clone(), move |summary| {
            on_summary.emit(format!(
                "{}{summary}",
                lang.t("查询结果已更新。", "The results are updated. ")
            ));
        });
    }
    if let Err(message) = &evaluation {
        return html! {
            <section class="results">
                <h2 class="section-title" tabindex="-1" ref={heading}>{ t("查询结果", "Results") }</h2>
                <p class="notice notice--error" role="alert">{ message.clone() }</p>
                <button type="button" class="button" data-action="restart"
                    onclick={props.on_restart.reform(|_: MouseEvent| ())}>{ t("重新开始", "Start again") }</button>
            </section>
        };
    }
    let (places, documents) = checklist(&cards);
    let group_html = |g: Group| {
        let in_group: Vec<&Card> = cards.iter().filter(|c| Group::of(c) == g).collect();
        if in_group.is_empty() {
            return html! {};
        }
        let title_id = format!("group-{}", g.key());
        let title = match lang {
            Lang::Zh => format!("{}（{}项）", g.title(lang), in_group.len()),
            Lang::En => format!("{} ({})", g.title(lang), in_group.len()),
        };
        if g == Group::Other {
            return html! {
                <section class={classes!("group", "group--other", "no-print")} data-group={g.key()} aria-labelledby={title_id.clone()}>
                    <details>
                        <summary><h3 class="group__title" id={title_id}>{ title }</h3></summary>
                        <p class="hint">{ g.intro(lang, props.who) }</p>
                        if lang.is_en() {
                            <p class="card__untranslated">{ CHINESE_ONLY }</p>
                        }
                        <ul class="others">
                            { for in_group.into_iter().map(|c| html! { <ServiceLine key={c.id.clone()} card={c.clone()} /> }) }
                        </ul>
                    </details>
                </section>
            };
        }
        html! {
            <section class={classes!("group", format!("group--{}", g.key()))} data-group={g.key()} aria-labelledby={title_id.clone()}>
                <h3 class="group__title" id={title_id}>{ title }</h3>
                <p class="hint">{ g.intro(lang, props.who) }</p>
                { for in_group.into_iter().map(|c| html! { <ServiceCard key={c.id.clone()} card={c.clone()} /> }) }
            </section>
        }
    };
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    html! {
        <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" class="section-title" tabindex="-1" ref={heading}>{ t("查询结果", "Results") }</h2>
            <p class="results__meta">
                { match lang {
                    Lang::Zh => format!("查询日期：{}　地区：{}　{}", props.date.zh(), props.place,
                        if props.who == Who::Family { "为家里的老人查询" } else { "为本人查询" }),
                    Lang::En => format!("Checked on {day} · Region: {} · {}", i18n::place(lang, &props.place),
                        if props.who == Who::Family { "for an older family member" } else { "for myself" }),
                } }
            </p>
            <p class="results__summary">{ summary }</p>
            if props.remaining > 0 {
                <div class="notice no-print">
                    <p>{ match lang {
                        Lang::Zh => format!("还有{}个问题没有回答，回答后“需要核实”的服务可能会变少。", props.remaining),
                        Lang::En => format!("{} question(s) are not answered yet; answering them may settle services marked “needs checking”.", props.remaining),
                    } }</p>
                    <button type="button" class="button" data-action="continue"
                        onclick={props.on_continue.reform(|_: MouseEvent| ())}>{ t("继续回答", "Continue the questions") }</button>
                </div>
            }
            <div class="results__actions no-print">
                <button type="button" class="button" data-action="print" onclick={print}>{ t("打印或保存结果", "Print or save the results") }</button>
                <button type="button" class="button button--secondary" data-action="restart"
                    onclick={props.on_restart.reform(|_: MouseEvent| ())}>{ t("重新开始", "Start again") }</button>
                if let Some(change) = &props.on_change_region {
                    <button type="button" class="button button--quiet" data-action="change-region"
                        onclick={change.reform(|_: MouseEvent| ())}>{ t("换一个地区", "Choose another region") }</button>
                }
            </div>
            { group_html(Group::Eligible) }
            { group_html(Group::Maybe) }
            if !places.is_empty() || !documents.is_empty() {
                <section class="checklist" aria-labelledby="checklist-title">
                    <h3 id="checklist-title" class="group__title">{ t("办事清单", "Checklist") }</h3>
                    <p class="hint">{ t(
                        "上面“可以申请”和“需要核实”的服务，要去的地方和要带的材料，合在一起（重复的只列一次）。",
                        "Where to go and what to bring for the services above (can apply, and needs checking), each listed once.",
                    ) }</p>
                    if lang.is_en() {
                        <p class="card__untranslated">{ CHINESE_ONLY }</p>
                    }
                    <h4>{ t("要去的地方", "Where to go") }</h4>
                    <ul class="checklist__list" lang={lang.is_en().then_some("zh-CN")}>
                        { for places.iter().map(|(place, names)| html! {
                            <li><strong>{ place.clone() }</strong>{ format!("：{}", names.join("、")) }</li>
                        }) }
                    </ul>
                    if !documents.is_empty() {
                        <h4>{ t("要带的材料", "What to bring") }</h4>
                        <ul class="checklist__list" lang={lang.is_en().then_some("zh-CN")}>
                            { for documents.iter().map(|d| html! { <li>{ d.clone() }</li> }) }
                        </ul>
                    }
                </section>
            }
            { group_html(Group::Later) }
            { group_html(Group::Expired) }
            { group_html(Group::Other) }
            if let Some(link) = &props.link {
                <HandOff link={link.clone()} clickable={props.clickable_link} />
            }
            <AnswerList who={props.who} path={props.path.clone()} answers={props.answers.clone()}
                date={props.date} on_change={props.on_change.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct AnswerListProps {
    pub who: Who,
    pub path: Vec<Fact>,
    pub answers: Answers,
    pub date: Date,
    pub on_change: Callback<(Fact, Option<i32>)>,
}

/// The answers given, each changeable right here; the results above follow at once.
#[function_component]
pub fn AnswerList(props: &AnswerListProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let age_text = use_state(String::new);
    let age_error = use_state(|| None::<String>);
    let age_input = use_node_ref();
    if props.path.is_empty() {
        return html! {};
    }
    let row = |fact: Fact| {
        let label_id = format!("answer-{}", fact.key());
        let current = props.answers.get(fact);
        let shown = match (fact, props.answers.birth_date()) {
            (Fact::Age, Some(birth)) if lang.is_en() => format!(
                "born {} ({} years old)",
                i18n::date(lang, birth),
                birth.full_years_on(props.date)
            ),
            (Fact::Age, Some(birth)) => format!(
                "出生日期{}（{}周岁）",
                birth.zh(),
                birth.full_years_on(props.date)
            ),
            _ => questions::answer_label_in(lang, fact, current),
        };
        let control = if fact == Fact::Age {
            let onsubmit = {
                let (age_text, age_error) = (age_text.clone(), age_error.clone());
                let on_change = props.on_change.clone();
                let age_input = age_input.clone();
                Callback::from(move |e: SubmitEvent| {
                    e.prevent_default();
                    let typed = age_input
                        .cast::<HtmlInputElement>()
                        .map(|i| i.value())
                        .unwrap_or_else(|| (*age_text).clone());
                    match questions::parse_age_in(lang, &typed) {
                        Ok(v) => {
                            age_error.set(None);
                            age_text.set(String::new());
                            on_change.emit((Fact::Age, Some(v)));
                        }
                        Err(m) => age_error.set(Some(m)),
                    }
                })
            };
            let oninput = {
                let age_text = age_text.clone();
                Callback::from(move |e: InputEvent| {
                    age_text.set(e.target_unchecked_into::<HtmlInputElement>().value())
                })
            };
            html! {
                <form class="answer__change no-print" novalidate=true {onsubmit}>
                    <label for="change-age" class="visually-hidden">{ lang.t("改成多少周岁", "Change the age to") }</label>
                    <input id="change-age" class="input input--age" type="text" inputmode="numeric"
                        data-change="age" placeholder={lang.t("新年龄", "new age")} value={(*age_text).clone()} {oninput} ref={age_input.clone()}
                        aria-invalid={age_error.is_some().to_string()} />
                    <button type="submit" class="button button--secondary button--small" data-action="change-age">{ lang.t("修改", "Change") }</button>
                    if let Some(m) = &*age_error {
                        <p class="field__error" role="alert">{ m.clone() }</p>
                    }
                </form>
            }
        } else {
            let options = questions::options_in(lang, fact);
            let onchange = {
                let on_change = props.on_change.clone();
                let options = options.clone();
                Callback::from(move |e: Event| {
                    let key = e.target_unchecked_into::<HtmlSelectElement>().value();
                    let value = options.iter().find(|o| o.key == key).and_then(|o| o.value);
                    on_change.emit((fact, value));
                })
            };
            html! {
                <select class="select no-print" data-change={fact.key()} aria-labelledby={label_id.clone()} {onchange}>
                    { for options.iter().map(|o| html! {
                        <option value={o.key.clone()} selected={current == o.value}>{ o.label.clone() }</option>
                    }) }
                    <option value={UNKNOWN} selected={current.is_none()}>{ lang.t("不知道", "I don't know") }</option>
                </select>
            }
        };
        html! {
            <div class="answer" key={fact.key()} data-answer-row={fact.key()}>
                <dt id={label_id}>{ questions::short_name_in(lang, fact) }</dt>
                <dd>
                    // With a drop-down list the value shows in it; the text is for paper.
                    <span class={classes!("answer__value", (fact != Fact::Age).then_some("print-only"))}>{ shown }</span>
                    { control }
                </dd>
            </div>
        }
    };
    html! {
        <section class="answers" data-answers="" aria-labelledby="answers-title">
            <h3 id="answers-title" class="group__title">{ match lang {
                Lang::Zh => format!("{}的情况", props.who.subject()),
                Lang::En => "The answers".to_string(),
            } }<span class="no-print">{ lang.t("（可以在这里修改）", " (change them here)") }</span></h3>
            <dl class="answers__list">{ for props.path.iter().map(|f| row(*f)) }</dl>
        </section>
    }
}
