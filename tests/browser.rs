//! Browser tests of the first screen, in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p yanglao-app --target wasm32-unknown-unknown`.
//! They wait on conditions (a poll with a deadline), never on a fixed sleep.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};
use yanglao_app::start::Query;
use yanglao_app::{rules, Checker, CheckerProps};
use yanglao_core::{Date, Status};
use yew::AttrValue;

wasm_bindgen_test_configure!(run_in_browser);

/// The seed regions of shared/CONTRACT.md.
const SEEDS: [(&str, &str); 5] = [
    ("150104", "玉泉区"),
    ("410726", "延津县"),
    ("621100", "定西市"),
    ("140000", "山西省"),
    ("370881", "曲阜市"),
];

/// Every test checks as of this day, never the real one.
fn check_date() -> Date {
    Date::parse("2026-11-22").unwrap()
}

/// Mounts the checker into a fresh element of its own.
fn mount(region: Option<&str>) -> Element {
    let document = gloo::utils::document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let props = CheckerProps {
        date: check_date(),
        region: region.map(|r| AttrValue::from(r.to_string())),
        follow_address: false,
        date_pinned: false,
        notice: None,
    };
    yew::Renderer::<Checker>::with_root_and_props(host.clone(), props).render();
    host
}

/// Waits until `selector` matches inside `host`, failing after five seconds.
async fn wait_for(host: &Element, selector: &str) -> Element {
    let deadline = js_sys::Date::now() + 5000.0;
    loop {
        if let Some(found) = host.query_selector(selector).unwrap() {
            return found;
        }
        assert!(
            js_sys::Date::now() < deadline,
            "nothing matched {selector} within 5 s; the page shows: {}",
            host.text_content().unwrap_or_default()
        );
        // Yields to the browser so Yew can render; the loop ends as soon as it has.
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
}

fn all(host: &Element, selector: &str) -> Vec<Element> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<Element>().ok())
        .collect()
}

fn click(element: &Element) {
    element.dyn_ref::<HtmlElement>().unwrap().click();
}

#[wasm_bindgen_test]
async fn region_list_shows_every_region_with_rules() {
    let rules = rules::embedded().unwrap();
    let host = mount(None);
    wait_for(&host, "[data-region]").await;
    let shown: Vec<String> = all(&host, "[data-region]")
        .iter()
        .filter_map(|b| b.get_attribute("data-region"))
        .collect();
    for region in &rules.regions {
        assert!(
            shown.contains(&region.code),
            "{} is not on the list: {shown:?}",
            region.code
        );
    }
    // A build from a partial copy of the rules (YANGLAO_RULES_DIR) may lack some seeds;
    // the real rules folder must have all five.
    let partial = option_env!("YANGLAO_RULES_DIR").is_some();
    for (code, name) in SEEDS {
        if rules.region(code).is_none() && partial {
            continue;
        }
        let button = host
            .query_selector(&format!("[data-region=\"{code}\"]"))
            .unwrap()
            .unwrap_or_else(|| panic!("seed region {code} {name} is not on the list: {shown:?}"));
        let text = button.text_content().unwrap_or_default();
        assert!(
            text.contains(name) && text.contains(code),
            "button for {code} reads {text:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn choosing_yuquan_shows_its_home_care_service() {
    let host = mount(None);
    let button = wait_for(&host, "[data-region=\"150104\"]").await;
    click(&button);
    let card = wait_for(&host, "[data-service=\"yuquan-home-care\"]").await;
    let text = card.text_content().unwrap_or_default();
    assert!(
        text.contains("政府购买居家上门服务"),
        "the card reads {text:?}"
    );
    assert!(
        text.contains("玉泉区"),
        "the card does not say whose policy it is: {text:?}"
    );
    // With nothing answered yet, the engine cannot say yes or no.
    assert_eq!(card.get_attribute("data-status").as_deref(), Some("maybe"));
    assert!(text.contains(Status::Maybe.zh()), "the card reads {text:?}");
    // Back to the list.
    click(&wait_for(&host, ".change-region").await);
    wait_for(&host, "[data-region=\"150104\"]").await;
}

#[wasm_bindgen_test]
async fn an_expired_policy_shows_as_expired_with_its_end_date() {
    let rules = rules::embedded().unwrap();
    let date = check_date();
    let (region, service) = rules
        .regions
        .iter()
        .flat_map(|r| r.services.iter().map(move |s| (r, s)))
        .find(|(_, s)| s.effective_until.is_some_and(|until| until < date))
        .expect("the rules hold at least one policy that ended before 2026-11-22 (曲阜 2020, 定西 2023)");
    let host = mount(Some(&region.code));
    let card = wait_for(&host, &format!("[data-service=\"{}\"]", service.id)).await;
    assert_eq!(
        card.get_attribute("data-status").as_deref(),
        Some("expired")
    );
    let text = card.text_content().unwrap_or_default();
    let until = service.effective_until.unwrap().zh();
    assert!(text.contains("已失效"), "the card reads {text:?}");
    assert!(
        text.contains(&until),
        "the card does not give the end date {until}: {text:?}"
    );
    // Expired policies come after the ones in force.
    let statuses: Vec<String> = all(&host, "[data-service]")
        .iter()
        .filter_map(|c| c.get_attribute("data-status"))
        .collect();
    let first_expired = statuses.iter().position(|s| s == "expired").unwrap();
    assert!(
        statuses[first_expired..].iter().all(|s| s == "expired"),
        "order: {statuses:?}"
    );
}

#[wasm_bindgen_test]
async fn an_unknown_region_says_so_and_offers_the_list() {
    let host = mount(Some("999999"));
    let heading = wait_for(&host, ".section-title").await;
    assert_eq!(heading.text_content().as_deref(), Some("没有找到这个地区"));
    click(&wait_for(&host, ".change-region").await);
    wait_for(&host, "[data-region]").await;
}

#[wasm_bindgen_test]
fn the_address_carries_region_and_date() {
    let q = Query::parse("?region=150104&date=2026-11-22&x=1");
    assert_eq!(q.region.as_deref(), Some("150104"));
    assert_eq!(q.date, Some(check_date()));
    assert_eq!(
        q.with_region(Some("370881")),
        "?region=370881&date=2026-11-22"
    );
    let bad = Query::parse("?region=15010&date=2026-02-30");
    assert_eq!(bad.region, None);
    assert_eq!(bad.date, None);
    assert_eq!(bad.bad_date.as_deref(), Some("2026-02-30"));
    assert_eq!(Query::default().with_region(None), "");
}

#[wasm_bindgen_test]
async fn the_large_text_switch_works_and_says_its_state() {
    let host = mount(None);
    let switch = wait_for(&host, ".header__switch").await;
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    click(&switch);
    wait_for(&host, ".app--large").await;
    let switch = wait_for(&host, ".header__switch[aria-pressed=\"true\"]").await;
    click(&switch);
    wait_for(&host, ".header__switch[aria-pressed=\"false\"]").await;
    assert!(host.query_selector(".app--large").unwrap().is_none());
}
