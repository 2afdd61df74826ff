use super::{Card, ServiceCard};
use crate::rules;
use yanglao_core::{Answers, Date, Status};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ServiceListProps {
    /// The 6-digit code of the region chosen.
    pub code: AttrValue,
    pub date: Date,
    pub on_change_region: Callback<()>,
}

/// The order cards come in: what the person can claim first, expired last.
fn rank(status: Status) -> u8 {
    match status {
        Status::Eligible => 0,
        Status::Maybe => 1,
        Status::NotYetInForce => 2,
        Status::Ineligible => 3,
        Status::Expired => 4,
    }
}

/// What the list holds, in a sentence or two.
fn intro(date: Date, current: usize, expired: usize) -> String {
    let day = date.zh();
    let mut text = if current == 0 {
        format!("按{day}的政策，这里没有正在施行的基本养老服务资料")
    } else {
        format!("按{day}的政策，这里有{current}项基本养老服务")
    };
    if expired > 0 {
        text.push_str(&format!(
            "；另有{expired}项已失效的旧政策列在后面，仅供参考"
        ));
    }
    text.push('。');
    if current > 0 {
        text.push_str(
            "还没有回答老人的情况，所以多数显示为“可能可以，需要核实”，并列出还要了解什么。",
        );
    }
    text
}

/// Every service of the region and of the regions above it, as the engine
/// sees them before any question is answered.
#[function_component]
pub fn ServiceList(props: &ServiceListProps) -> Html {
    let heading = use_node_ref();
    // Screen readers and keyboards start at the new heading, not at the old button.
    {
        let heading = heading.clone();
        use_effect_with(props.code.clone(), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
        });
    }
    let change = {
        let cb = props.on_change_region.reform(|_: MouseEvent| ());
        html! {
            <button type="button" class="button button--secondary change-region" onclick={cb}>
                { "换一个地区" }
            </button>
        }
    };
    let code = props.code.as_str();
    let evaluation = rules::embedded()
        .map_err(|_| "政策资料读取失败，请刷新页面再试。".to_string())
        .and_then(|rules| {
            yanglao_core::evaluate(rules, code, props.date, &Answers::new())
                .map(|e| (rules, e))
                .map_err(|_| {
                    format!("暂时没有地区代码 {code} 的养老服务政策资料。请选择列表中的地区。")
                })
        });
    let (rules, evaluation) = match evaluation {
        Ok(found) => found,
        Err(message) => {
            return html! {
                <section class="services">
                    <h2 class="section-title" tabindex="-1" ref={heading}>{ "没有找到这个地区" }</h2>
                    <p class="notice">{ message }</p>
                    { change }
                </section>
            };
        }
    };
    let place = match rules.region(code) {
        Some(region) => region.name.clone(),
        None => match evaluation.outcomes.first() {
            Some(o) => format!("{}所辖地区（代码 {code}）", o.region.name),
            None => format!("地区代码 {code}"),
        },
    };
    let mut cards: Vec<Card> = evaluation.outcomes.iter().map(Card::from_outcome).collect();
    cards.sort_by_key(|c| rank(c.status));
    let expired = cards.iter().filter(|c| c.status == Status::Expired).count();
    let current = cards.len() - expired;
    html! {
        <section class="services" aria-labelledby="services-title">
            <div class="services__place">
                <h2 id="services-title" class="section-title" tabindex="-1" ref={heading}>{ place }</h2>
                { change }
            </div>
            <p class="hint">{ intro(props.date, current, expired) }</p>
            <div class="services__cards">
                { for cards.into_iter().map(|card| {
                    let key = card.id.clone();
                    html! { <ServiceCard {key} {card} /> }
                }) }
            </div>
        </section>
    }
}
