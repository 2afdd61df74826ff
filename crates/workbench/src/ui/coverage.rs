//! Clause coverage: paste the policy text, and see each numbered clause
//! with the services that cite it, the clauses cited that the text does not
//! have, and the quotes that are not the text's own words.

use super::Edit;
use crate::clauses;
use std::rc::Rc;
use web_sys::HtmlTextAreaElement;
use yanglao_core::RuleSet;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CoverageProps {
    pub policy: String,
    pub rules: Option<Rc<RuleSet>>,
    pub region: Option<String>,
    pub dispatch: Callback<Edit>,
}

#[function_component]
pub fn CoveragePanel(props: &CoverageProps) -> Html {
    let oninput = props.dispatch.reform(|e: InputEvent| {
        Edit::Policy(e.target_unchecked_into::<HtmlTextAreaElement>().value())
    });
    let region = props
        .rules
        .as_ref()
        .zip(props.region.as_ref())
        .and_then(|(r, code)| r.region(code).cloned());
    let body = match (&region, props.policy.trim().is_empty()) {
        (None, _) => {
            html! { <p>{ "文件能读以后（没有错误，或只差例子），这里列出每一条条款对应的服务。" }</p> }
        }
        (Some(region), true) => html! {
            <>
                <p>{ "把政策文件的原文粘贴到上面，就能看到哪些条款还没有对应的服务。现在各项服务引用的条款：" }</p>
                <ul class="wb-cited">
                    { for region.services.iter().map(|s| html! {
                        <li>{ format!("{}：{}", s.clause, s.name) }</li>
                    }) }
                </ul>
            </>
        },
        (Some(region), false) => {
            let cov = clauses::coverage(&props.policy, region);
            let covered = cov
                .clauses
                .iter()
                .filter(|c| !c.services.is_empty())
                .count();
            html! {
                <>
                    <p role="status" data-covered={covered.to_string()} data-clauses={cov.clauses.len().to_string()}>
                        { format!("原文里找到 {} 条编号的条款，{covered} 条有对应的服务。没有服务的条款，请确认它不是老人可以申请的服务（例如工作要求、保障措施），并在文件的注释里写明原因。", cov.clauses.len()) }
                    </p>
                    if !cov.not_found.is_empty() {
                        <p class="wb-warn">{ "这些服务引用的条款在原文里没有找到（请核对条款编号）：" }
                            { for cov.not_found.iter().map(|(s, c)| html! { <span class="wb-chip">{ format!("{s}：{c}") }</span> }) }
                        </p>
                    }
                    if !cov.quote_not_in_text.is_empty() {
                        <p class="wb-warn">{ "这些服务的 quote 和原文对不上（quote 要照抄原文）：" }
                            { for cov.quote_not_in_text.iter().map(|s| html! { <span class="wb-chip">{ s.clone() }</span> }) }
                        </p>
                    }
                    <table class="wb-table">
                        <thead><tr><th scope="col">{ "条款" }</th><th scope="col">{ "原文开头" }</th><th scope="col">{ "对应的服务" }</th></tr></thead>
                        <tbody>
                            { for cov.clauses.iter().map(|c| html! {
                                <tr class={classes!(c.services.is_empty().then_some("wb-row--none"))}>
                                    <th scope="row">{ c.id.clone() }</th>
                                    <td>{ c.title.clone() }</td>
                                    <td>{ if c.services.is_empty() { "没有".to_string() } else { c.services.join("、") } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </>
            }
        }
    };
    html! {
        <section class="wb-coverage" aria-labelledby="wb-coverage-title">
            <h2 id="wb-coverage-title">{ "条款覆盖" }</h2>
            <label for="wb-policy" class="wb-label">{ "政策文件原文（可选，只用来对照条款，不会保存到规则文件里）" }</label>
            <textarea id="wb-policy" class="wb-text wb-text--policy" spellcheck="false" value={props.policy.clone()} {oninput} />
            { body }
        </section>
    }
}
