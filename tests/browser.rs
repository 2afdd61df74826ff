//! Browser tests of the checker's flows, in headless Chromium:
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test -p yanglao-app --target wasm32-unknown-unknown`.
//! They wait on conditions (a poll with a deadline), never on a fixed sleep.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Event, EventInit, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yanglao_app::session::{BAD_LINK_NOTE, OLD_RULES_NOTE};
use yanglao_app::start::Query;
use yanglao_app::start::{self, Mode};
use yanglao_app::{rules, App, Checker, CheckerProps};
use yanglao_core::Date;
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
    let mut props = CheckerProps::new(check_date());
    props.region = region.map(|r| AttrValue::from(r.to_string()));
    // These tests click as soon as a question is drawn; the tap guard has its own test.
    props.tap_guard_ms = 0;
    mount_with(props)
}

fn new_host() -> Element {
    let document = gloo::utils::document();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    host
}

fn mount_with(props: CheckerProps) -> Element {
    let host = new_host();
    yew::Renderer::<Checker>::with_root_and_props(host.clone(), props).render();
    host
}

/// Mounts the whole page as it starts from an address (query and fragment).
fn open_page(search: &str, hash: &str) -> Element {
    start::replace_address(search, hash);
    let host = new_host();
    yew::Renderer::<App>::with_root(host.clone()).render();
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

/// A click as a finger or mouse makes it (`detail` 1), unlike `click()`,
/// which is what a key press makes.
fn tap(element: &Element) {
    let init = web_sys::MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_detail(1);
    let event = web_sys::MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    element.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_picker_finds_every_place_by_name_or_step_by_step_and_marks_the_lists() {
    let rules = rules::embedded().unwrap();
    let host = mount(None);
    // Every province, and how many lists each holds.
    wait_for(&host, "[data-province=\"41\"]").await;
    assert_eq!(all(&host, "[data-province]").len(), 34);
    // A build from a partial copy of the rules (YANGLAO_RULES_DIR) may lack some seeds;
    // the real rules folder must have all five.
    let partial = option_env!("YANGLAO_RULES_DIR").is_some();
    for (code, name) in SEEDS {
        if rules.region(code).is_none() && partial {
            continue;
        }
        // Typing part of the name finds the place, marked as having its own list.
        // A wider name first: the list is changed in place from one name to
        // the next, so each must leave nothing of the one before.
        let search = wait_for(&host, "#place-search").await;
        type_into(&search, &name[..3]);
        wait_for(&host, "[data-search-results] li").await;
        type_into(&search, &name[..name.len() - 3]);
        let button = wait_for(
            &host,
            &format!("[data-search-results] [data-region=\"{code}\"]"),
        )
        .await;
        let text = button.text_content().unwrap_or_default();
        // The place by its name; a six-digit code means nothing to an elder.
        assert!(
            text.contains(name) && !text.contains(code) && text.contains("有本地清单"),
            "the result for {code} reads {text:?}"
        );
        // As many places as the count read out, each once, each with one
        // name, marked exactly when it has a list of its own.
        let items = all(&host, "[data-search-results] li");
        let status = host
            .query_selector("section.picker [role=status][aria-live]")
            .unwrap()
            .and_then(|s| s.text_content())
            .unwrap_or_default();
        assert_eq!(status, format!("找到{}个地方", items.len()));
        let mut codes = Vec::new();
        for li in &items {
            let b = li.query_selector("[data-region]").unwrap().unwrap();
            let c = b.get_attribute("data-region").unwrap();
            assert_eq!(
                b.query_selector_all(".region-button__name")
                    .unwrap()
                    .length(),
                1
            );
            let marked = b.query_selector(".region-button__mark").unwrap().is_some();
            assert_eq!(
                marked,
                rules.region(&c).is_some(),
                "the mark of {c} for {name}"
            );
            assert!(!codes.contains(&c), "{c} shown twice for {name}");
            codes.push(c);
        }
    }
    type_into(&wait_for(&host, "#place-search").await, "");
    // Step by step: 河南省 → 新乡市 → 延津县, each marked.
    click(&wait_for(&host, "[data-province=\"41\"]").await);
    wait_text(&host, "[data-open=\"410700\"]", "下辖地方有本地清单").await;
    click(&wait_for(&host, "[data-open=\"410700\"]").await);
    let yanjin = wait_text(
        &host,
        "[data-level=\"county\"] [data-region=\"410726\"]",
        "有本地清单",
    )
    .await;
    // A county with no list of its own is a place too.
    wait_for(&host, "[data-region=\"410724\"]").await;
    click(&yanjin);
    wait_text(&host, "section.who", "河南省新乡市延津县").await;
}

/// Types into a text box as a person would (the page hears an input event).
fn type_into(input: &Element, text: &str) {
    input.dyn_ref::<HtmlInputElement>().unwrap().set_value(text);
    let init = EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

/// Picks an option of a drop-down list (the page hears a change event).
fn select(element: &Element, value: &str) {
    element
        .dyn_ref::<HtmlSelectElement>()
        .unwrap()
        .set_value(value);
    let init = EventInit::new();
    init.set_bubbles(true);
    element
        .dispatch_event(&Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}

/// Waits until `selector` matches an element whose text contains `wanted`.
async fn wait_text(host: &Element, selector: &str, wanted: &str) -> Element {
    let deadline = js_sys::Date::now() + 5000.0;
    loop {
        if let Some(found) = host.query_selector(selector).unwrap() {
            if text(&found).contains(wanted) {
                return found;
            }
        }
        assert!(
            js_sys::Date::now() < deadline,
            "no {selector} saying {wanted:?} within 5 s; the page shows: {}",
            text(host)
        );
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
}

fn text(element: &Element) -> String {
    element.text_content().unwrap_or_default()
}

/// The question on screen (its fact key), once the page shows a question or the results.
async fn current_question(host: &Element) -> Option<String> {
    let shown = wait_for(host, "section.question, section.results").await;
    shown.get_attribute("data-fact")
}

/// Waits until the question for `fact` has gone (the next screen is up).
async fn wait_past(host: &Element, fact: &str) {
    let deadline = js_sys::Date::now() + 5000.0;
    while host
        .query_selector(&format!("section.question[data-fact=\"{fact}\"]"))
        .unwrap()
        .is_some()
    {
        assert!(
            js_sys::Date::now() < deadline,
            "still on the {fact} question: {}",
            text(host)
        );
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Answers one question: the age typed, any other by its button.
async fn answer(host: &Element, fact: &str, value: &str) {
    // A question takes taps once it could have been seen (at once when the guard is 0).
    wait_for(
        host,
        &format!("section.question[data-fact=\"{fact}\"][data-ready]"),
    )
    .await;
    if fact == "age" && value != "unknown" {
        type_into(&wait_for(host, "#age").await, value);
        click(&wait_for(host, "[data-action=\"next\"]").await);
    } else {
        click(&wait_for(host, &format!("[data-answer=\"{value}\"]")).await);
    }
    wait_past(host, fact).await;
}

/// Walks the questionnaire with a person's answers (a fact not in the
/// profile is answered 不知道) until the results show; returns the facts asked.
async fn answer_all(host: &Element, profile: &[(&str, &str)]) -> Vec<String> {
    let mut asked = Vec::new();
    while let Some(fact) = current_question(host).await {
        assert!(!asked.contains(&fact), "{fact} was asked twice: {asked:?}");
        let value = profile
            .iter()
            .find(|(f, _)| *f == fact)
            .map(|(_, v)| *v)
            .unwrap_or("unknown");
        answer(host, &fact, value).await;
        asked.push(fact);
        assert!(asked.len() <= 15, "more questions than facts: {asked:?}");
    }
    asked
}

/// Mounts the checker on a region and says who is answering.
async fn start(region: &str, who: &str) -> Element {
    let host = mount(Some(region));
    click(&wait_for(&host, &format!("[data-who=\"{who}\"]")).await);
    host
}

/// The 玉泉区 person of the issue: 72, living alone, moderately disabled,
/// living where registered, with neither long-term-care insurance nor a
/// care-home subsidy.
const YUQUAN_72: [(&str, &str); 6] = [
    ("age", "72"),
    ("living", "alone"),
    ("ability", "moderate"),
    ("lives_in_region", "yes"),
    ("ltc_insurance", "no"),
    ("institution_subsidy", "no"),
];

#[wasm_bindgen_test]
async fn back_keeps_the_answers_given() {
    let host = start("150104", "self").await;
    let title = text(&wait_for(&host, ".question__title").await);
    assert!(title.starts_with('您'), "self mode says 您: {title}");
    answer(&host, "age", "72").await;
    let second = current_question(&host).await.expect("a second question");
    let choice = all(&host, "section.question [data-answer]")
        .into_iter()
        .find(|b| b.get_attribute("data-answer").as_deref() != Some("unknown"))
        .expect("an answer button");
    let chosen = choice.get_attribute("data-answer").unwrap();
    click(&choice);
    wait_past(&host, &second).await;
    // Back: the second question again, with the answer given marked.
    click(&wait_for(&host, "[data-action=\"back\"]").await);
    wait_for(&host, &format!("section.question[data-fact=\"{second}\"]")).await;
    let marked = wait_for(&host, "section.question [aria-pressed=\"true\"]").await;
    assert_eq!(marked.get_attribute("data-answer"), Some(chosen));
    // Back again: the age, still typed in.
    click(&wait_for(&host, "[data-action=\"back\"]").await);
    let age = wait_for(&host, "#age").await;
    assert_eq!(age.dyn_ref::<HtmlInputElement>().unwrap().value(), "72");
    // And forward again to the same second question.
    click(&wait_for(&host, "[data-action=\"next\"]").await);
    wait_for(&host, &format!("section.question[data-fact=\"{second}\"]")).await;
}

#[wasm_bindgen_test]
async fn the_results_show_the_first_group_at_once_and_the_rest_follows_untouched() {
    let host = start("150104", "family").await;
    answer_all(&host, &YUQUAN_72).await;
    // The page is made in steps (results.rs): whenever it is first seen, its
    // summary and its first group of services are on it.
    let results = wait_for(&host, "section.results").await;
    assert!(results
        .query_selector(".results__summary")
        .unwrap()
        .is_some());
    assert!(
        results
            .query_selector("section.group .line")
            .unwrap()
            .is_some(),
        "no group of services on the first sight of the results: {}",
        results.text_content().unwrap_or_default()
    );
    // The rest comes with no tap: the answers, and the buttons at the end.
    wait_for(&host, "[data-answers] select[data-change]").await;
    wait_for(&host, "[data-action=\"restart\"]").await;
    wait_for(&host, "[data-group=\"eligible\"]").await;
}

#[wasm_bindgen_test]
async fn changing_an_answer_on_the_results_page_updates_the_results() {
    let host = start("150104", "family").await;
    answer_all(&host, &YUQUAN_72).await;
    wait_for(
        &host,
        "[data-group=\"eligible\"] [data-service=\"yuquan-home-care\"]",
    )
    .await;
    // Now the person lives with family: home services no longer follow from living alone.
    select(
        &wait_for(&host, "select[data-change=\"living\"]").await,
        "with_family",
    );
    let deadline = js_sys::Date::now() + 5000.0;
    loop {
        let card = wait_for(&host, "[data-service=\"yuquan-home-care\"]").await;
        if card.get_attribute("data-status").as_deref() != Some("eligible") {
            break;
        }
        assert!(js_sys::Date::now() < deadline, "the results did not change");
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    // Still on the results page, with the answer shown as changed.
    let answers = text(&wait_for(&host, "[data-answers]").await);
    assert!(answers.contains("和子女等家人一起住"), "{answers}");
    // And back to living alone: eligible again.
    select(
        &wait_for(&host, "select[data-change=\"living\"]").await,
        "alone",
    );
    wait_for(
        &host,
        "[data-group=\"eligible\"] [data-service=\"yuquan-home-care\"]",
    )
    .await;
    // The age can be changed too; a bad one gets a message and the results stay.
    let age = wait_for(&host, "input[data-change=\"age\"]").await;
    type_into(&age, "二百");
    click(&wait_for(&host, "[data-action=\"change-age\"]").await);
    wait_text(&host, ".answers .field__error", "看不懂").await;
    wait_for(
        &host,
        "[data-group=\"eligible\"] [data-service=\"yuquan-home-care\"]",
    )
    .await;
}

#[wasm_bindgen_test]
async fn a_bad_age_gets_a_kind_message_and_keeps_what_was_typed() {
    let host = start("150104", "family").await;
    let title = text(&wait_for(&host, ".question__title").await);
    assert!(title.starts_with("老人"), "family mode says 老人: {title}");
    for (typed, expected) in [
        ("七十二", "看不懂"),
        ("-3", "负数"),
        ("0", "不能是 0"),
        ("200", "130"),
        ("", "请填写"),
    ] {
        type_into(&wait_for(&host, "#age").await, typed);
        click(&wait_for(&host, "[data-action=\"next\"]").await);
        wait_text(&host, "#age-error", expected).await;
        let input = wait_for(&host, "#age").await;
        assert_eq!(input.dyn_ref::<HtmlInputElement>().unwrap().value(), typed);
        assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    }
    // A birth date instead: 1950-03-01 is 76 on 2026-11-22.
    click(&wait_for(&host, "[data-action=\"age-mode\"]").await);
    type_into(&wait_for(&host, "#birth-year").await, "1950");
    type_into(&wait_for(&host, "#birth-month").await, "2");
    type_into(&wait_for(&host, "#birth-day").await, "30");
    click(&wait_for(&host, "[data-action=\"next\"]").await);
    wait_text(&host, "#age-error", "没有30日").await;
    type_into(&wait_for(&host, "#birth-day").await, "1");
    type_into(&wait_for(&host, "#birth-month").await, "3");
    click(&wait_for(&host, "[data-action=\"next\"]").await);
    wait_past(&host, "age").await;
    answer_all(&host, &[]).await;
    let answers = text(&wait_for(&host, "[data-answers]").await);
    assert!(
        answers.contains("1950年3月1日") && answers.contains("76周岁"),
        "{answers}"
    );
}

#[wasm_bindgen_test]
async fn an_unknown_region_says_so_and_offers_the_list() {
    let host = mount(Some("999999"));
    let notice = wait_text(&host, ".notice", "999999").await;
    assert!(
        text(&notice).contains("不是一个县（区）、市或省的代码"),
        "{}",
        text(&notice)
    );
    wait_for(&host, "[data-province=\"15\"]").await;
}

#[wasm_bindgen_test]
async fn restart_forgets_the_answers() {
    let host = start("150104", "family").await;
    answer(&host, "age", "72").await;
    click(&wait_for(&host, "[data-action=\"results\"]").await);
    click(&wait_for(&host, "[data-action=\"restart\"]").await);
    click(&wait_for(&host, "[data-who=\"family\"]").await);
    let age = wait_for(&host, "#age").await;
    assert_eq!(age.dyn_ref::<HtmlInputElement>().unwrap().value(), "");
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
    // The language is kept when the address is rewritten.
    let english = Query::parse("?region=150104&lang=en");
    assert_eq!(english.lang, Some(yanglao_app::i18n::Lang::En));
    assert_eq!(
        english.with_region(Some("370881")),
        "?region=370881&lang=en"
    );
    assert_eq!(Query::parse("?lang=xx").lang, None);
}

#[wasm_bindgen_test]
async fn the_text_size_and_contrast_switches_work_and_say_their_state() {
    let host = mount(None);
    wait_for(&host, ".app--text-0").await;
    let standard = wait_for(&host, "[data-text-size=\"0\"]").await;
    assert_eq!(
        standard.get_attribute("aria-pressed").as_deref(),
        Some("true")
    );
    // Three steps (their sizes are measured by tests/e2e/sizes.test.mjs, with the CSS loaded).
    for step in ["1", "2"] {
        click(&wait_for(&host, &format!("[data-text-size=\"{step}\"]")).await);
        wait_for(&host, &format!(".app--text-{step}")).await;
        wait_for(
            &host,
            &format!("[data-text-size=\"{step}\"][aria-pressed=\"true\"]"),
        )
        .await;
        assert_eq!(
            all(&host, "[data-text-size][aria-pressed=\"true\"]").len(),
            1
        );
    }
    click(&wait_for(&host, "[data-text-size=\"0\"]").await);
    wait_for(&host, ".app--text-0").await;
    // High contrast on and off.
    let contrast = wait_for(&host, "[data-action=\"contrast\"]").await;
    assert_eq!(
        contrast.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    click(&contrast);
    wait_for(&host, ".app--contrast").await;
    wait_for(&host, "[data-action=\"contrast\"][aria-pressed=\"true\"]").await;
    click(&wait_for(&host, "[data-action=\"contrast\"]").await);
    wait_for(&host, "[data-action=\"contrast\"][aria-pressed=\"false\"]").await;
    assert!(host.query_selector(".app--contrast").unwrap().is_none());
    // A mounted checker (not the page itself) never writes to storage.
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    assert_eq!(storage.length().unwrap(), 0);
}

#[wasm_bindgen_test]
async fn the_results_are_announced_to_screen_readers() {
    // (What read-aloud says is the screen model's: tested natively.)
    let host = start("150104", "family").await;
    wait_for(&host, "section.question").await;
    answer_all(&host, &YUQUAN_72).await;
    wait_text(&host, "[data-announce]", "查询结果已更新").await;
}

/// The statuses of every card, by service id.
fn statuses(host: &Element) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = all(host, "details[data-service]")
        .iter()
        .map(|c| {
            (
                c.get_attribute("data-service").unwrap(),
                c.get_attribute("data-status").unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

#[wasm_bindgen_test]
async fn a_hand_off_link_restores_the_same_results() {
    let host = start("150104", "family").await;
    answer_all(&host, &YUQUAN_72).await;
    wait_for(&host, "[data-group=\"eligible\"]").await;
    let before = statuses(&host);
    let link = text(&wait_for(&host, "[data-handoff-link]").await);
    wait_for(&host, ".handoff__qr svg").await;
    let (address, fragment) = link
        .split_once('#')
        .expect("the answers are in the fragment");
    let search = &address[address.find('?').unwrap_or(address.len())..];
    assert!(
        !search.contains("72") && !search.contains("alone") && !search.contains("150104"),
        "neither the place nor an answer may be in the part of the link sent to a server: {address}"
    );
    let opened = open_page(search, &format!("#{fragment}"));
    wait_for(&opened, "[data-group=\"eligible\"]").await;
    assert_eq!(statuses(&opened), before);
    let answers = text(&wait_for(&opened, "[data-answers]").await);
    assert!(
        answers.contains("72周岁") && answers.contains("独居"),
        "{answers}"
    );
    start::replace_address("", "");
}

#[wasm_bindgen_test]
async fn a_damaged_or_edited_link_opens_the_start_with_a_note() {
    let good = yanglao_app::handoff::encode(
        rules::fingerprint(),
        "150104",
        yanglao_app::questions::Who::Family,
        &[yanglao_core::Fact::named("age")],
        &{
            let mut a = yanglao_core::Answers::new();
            a.set(yanglao_core::Fact::named("age"), Some(72)).unwrap();
            a
        },
        None,
        true,
    );
    assert!(yanglao_app::handoff::decode(&good, rules::fingerprint(), check_date()).is_ok());
    for bad in [
        good[..good.len() - 4].to_string(), // truncated
        good.replace("age=72", "age=92"),   // edited by hand
        "#hello".to_string(),               // not a link of ours
    ] {
        let host = open_page("?date=2026-11-22", &format!("#{bad}"));
        wait_text(&host, ".notice", BAD_LINK_NOTE).await;
        wait_for(&host, "section.picker").await;
        assert!(host.query_selector("section.results").unwrap().is_none());
        assert_eq!(start::current_hash(), "", "the bad fragment is cleared");
    }
    // A link made with other rules still opens, and says the results are recomputed.
    let old = yanglao_app::handoff::encode(
        "old000",
        "150104",
        yanglao_app::questions::Who::Family,
        &[yanglao_core::Fact::named("age")],
        &{
            let mut a = yanglao_core::Answers::new();
            a.set(yanglao_core::Fact::named("age"), Some(72)).unwrap();
            a
        },
        None,
        true,
    );
    let fields = |link: &str| {
        link.split('.')
            .skip(2)
            .take(4)
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        fields(&old),
        fields(&good),
        "only the rules fingerprint (and the checksum) differ"
    );
    let host = open_page("?date=2026-11-22", &format!("#{old}"));
    wait_text(&host, ".notice", OLD_RULES_NOTE).await;
    wait_for(&host, "section.results").await;
    start::replace_address("", "");
}

#[wasm_bindgen_test]
async fn an_unknown_mode_or_bad_region_in_the_address_gets_a_note() {
    let host = open_page("?mode=shop&region=15x&date=2026-11-22", "");
    let notes = text(&wait_text(&host, "main", "shop").await);
    assert!(
        notes.contains("“shop”不认识") && notes.contains("“15x”不对"),
        "{notes}"
    );
    wait_for(&host, "section.picker").await;
    start::replace_address("", "");
}

#[wasm_bindgen_test]
async fn the_kiosk_resets_after_the_idle_time_and_keeps_nothing() {
    let mut props = CheckerProps::new(check_date());
    props.region = Some("150104".into());
    props.mode = Mode::Kiosk;
    props.idle_seconds = 1;
    props.prompt_seconds = 1;
    let host = mount_with(props);
    wait_for(&host, "[data-mode=\"kiosk\"].app--text-1").await;
    wait_for(&host, "[data-action=\"kiosk-restart\"]").await;
    click(&wait_for(&host, "[data-who=\"family\"]").await);
    answer(&host, "age", "72").await;
    answer(&host, "lives_in_region", "yes").await;
    // Nobody touches it: the question, then the reset.
    wait_text(&host, "[role=\"alertdialog\"]", "还在使用吗").await;
    wait_for(&host, "section.who").await;
    assert!(host
        .query_selector("[role=\"alertdialog\"]")
        .unwrap()
        .is_none());
    let shown = host.inner_html();
    assert!(
        !shown.contains("72"),
        "the last person's age is still in the page: {shown}"
    );
    assert!(!shown.contains("常住"), "an answer is still in the page");
    let window = web_sys::window().unwrap();
    assert_eq!(
        window.local_storage().unwrap().unwrap().length().unwrap(),
        0
    );
    assert_eq!(
        window.session_storage().unwrap().unwrap().length().unwrap(),
        0
    );
    let address = format!("{}{}", start::current_search(), start::current_hash());
    assert!(
        !address.contains("72") && !address.contains("y1."),
        "{address}"
    );
    // The next person starts fresh: the age box is empty.
    click(&wait_for(&host, "[data-who=\"self\"]").await);
    let age = wait_for(&host, "#age").await;
    assert_eq!(age.dyn_ref::<HtmlInputElement>().unwrap().value(), "");
}

#[wasm_bindgen_test]
async fn the_kiosk_keeps_the_answers_when_someone_is_still_there() {
    let mut props = CheckerProps::new(check_date());
    props.region = Some("150104".into());
    props.mode = Mode::Kiosk;
    props.idle_seconds = 1;
    props.prompt_seconds = 30;
    let host = mount_with(props);
    click(&wait_for(&host, "[data-who=\"family\"]").await);
    answer(&host, "age", "72").await;
    click(&wait_for(&host, "[data-action=\"keep-using\"]").await);
    click(&wait_for(&host, "[data-action=\"back\"]").await);
    let age = wait_for(&host, "#age").await;
    assert_eq!(age.dyn_ref::<HtmlInputElement>().unwrap().value(), "72");
    // 重新开始 clears at once.
    click(&wait_for(&host, "[data-action=\"kiosk-restart\"]").await);
    wait_for(&host, "section.who").await;
    assert!(!host.inner_html().contains("72"));
}

#[wasm_bindgen_test]
async fn embedded_in_a_portal_it_has_no_header_and_a_fixed_region() {
    let mut props = CheckerProps::new(check_date());
    props.region = Some("150104".into());
    props.mode = Mode::Embed;
    props.theme = Some("c8102e".into());
    let host = mount_with(props);
    let root = wait_for(&host, "[data-mode=\"embed\"]").await;
    let primary = web_sys::window()
        .unwrap()
        .get_computed_style(&root)
        .unwrap()
        .unwrap()
        .get_property_value("--color-primary")
        .unwrap();
    assert_eq!(primary.trim(), "#c8102e");
    wait_for(&host, "section.who").await;
    assert!(host.query_selector("header").unwrap().is_none());
    assert!(host.query_selector("footer").unwrap().is_none());
    assert!(host
        .query_selector("[data-action=\"change-region\"]")
        .unwrap()
        .is_none());
}

#[wasm_bindgen_test]
async fn the_interface_switches_to_english_and_back_with_the_services_in_english() {
    let host = mount(Some("150104"));
    wait_text(&host, "section.who", "您是在为谁查询").await;
    click(&wait_for(&host, "[data-action=\"language\"]").await);
    wait_text(&host, "section.who", "Who is this check for?").await;
    assert_eq!(
        wait_for(&host, ".app")
            .await
            .get_attribute("lang")
            .as_deref(),
        Some("en")
    );
    click(&wait_for(&host, "[data-who=\"family\"]").await);
    wait_text(&host, ".question__title", "How old is the older person").await;
    wait_text(&host, "[data-answer=\"unknown\"]", "I don't know").await;
    answer_all(&host, &YUQUAN_72).await;
    let eligible = wait_text(&host, "[data-group=\"eligible\"]", "You can apply").await;
    let card = eligible
        .query_selector("[data-service=\"yuquan-home-care\"]")
        .unwrap()
        .unwrap();
    // Its details are made when it is opened.
    card.set_attribute("open", "").unwrap();
    wait_text(
        &host,
        "[data-service=\"yuquan-home-care\"] dl.facts",
        "Because",
    )
    .await;
    let words = text(&card);
    assert!(words.contains("Because"), "{words}");
    // The service's own texts are the rule file's English; Chinese left in
    // them (a proper name beside its English) is marked as such.
    let title = card.query_selector(".line__name").unwrap().unwrap();
    assert!(
        text(&title).starts_with("Government-paid care at home"),
        "{}",
        text(&title)
    );
    for marked in all(&card, "[lang=\"zh-CN\"]") {
        assert!(
            text(&marked).chars().all(|c| !c.is_ascii_alphabetic()),
            "{}",
            text(&marked)
        );
    }
    wait_text(
        &host,
        ".results__summary",
        "Under the policies of 22 November 2026, the older person can apply for",
    )
    .await;
    wait_text(&host, "[data-answers]", "72 years old").await;
    // And back to Chinese, results kept.
    click(&wait_for(&host, "[data-action=\"language\"]").await);
    wait_text(&host, "[data-group=\"eligible\"]", "可以申请").await;
    wait_text(
        &host,
        "[data-service=\"yuquan-home-care\"] .line__name",
        "政府购买居家上门服务",
    )
    .await;
    assert_eq!(
        wait_for(&host, ".app")
            .await
            .get_attribute("lang")
            .as_deref(),
        Some("zh-CN")
    );
}

#[wasm_bindgen_test]
async fn lang_en_in_the_address_starts_in_english() {
    let host = open_page("?lang=en&date=2026-11-22", "");
    wait_text(
        &host,
        "section.picker",
        "Where is the older person's household registered?",
    )
    .await;
    wait_text(&host, "[data-province=\"15\"]", "内蒙古自治区").await;
    type_into(&wait_for(&host, "#place-search").await, "玉泉");
    wait_text(&host, "[data-region=\"150104\"]", "玉泉区").await;
    let root = gloo::utils::document_element();
    assert_eq!(root.get_attribute("lang").as_deref(), Some("en"));
    let switch = wait_for(&host, "[data-action=\"language\"]").await;
    assert_eq!(text(&switch), "中文 (Chinese)");
    let own_name = switch.query_selector("[lang=\"zh-CN\"]").unwrap().unwrap();
    assert_eq!(text(&own_name), "中文");
    // Choosing a region keeps the language in the address, and the place in
    // its fragment, which is never sent to a server.
    click(&wait_for(&host, "[data-region=\"150104\"]").await);
    wait_text(&host, "section.who", "Who is this check for?").await;
    let address = start::current_search();
    assert!(
        address.contains("lang=en") && !address.contains("150104"),
        "{address}"
    );
    assert_eq!(start::current_hash(), "#r.150104");
    // Back to Chinese: the page, the address and the switch follow.
    click(&wait_for(&host, "[data-action=\"language\"]").await);
    wait_text(&host, "section.who", "您是在为谁查询").await;
    assert_eq!(root.get_attribute("lang").as_deref(), Some("zh-CN"));
    assert!(!start::current_search().contains("lang="));
    let switch = wait_for(&host, "[data-action=\"language\"]").await;
    assert_eq!(text(&switch), "English");
    let own_name = switch.query_selector("[lang=\"en\"]").unwrap().unwrap();
    assert_eq!(text(&own_name), "English");
    start::replace_address("", "");
}

#[wasm_bindgen_test]
async fn the_kiosk_asks_in_english_and_the_next_person_starts_in_chinese() {
    let mut props = CheckerProps::new(check_date());
    props.region = Some("150104".into());
    props.mode = Mode::Kiosk;
    props.idle_seconds = 1;
    props.prompt_seconds = 1;
    let host = mount_with(props);
    click(&wait_for(&host, "[data-action=\"language\"]").await);
    wait_text(&host, "[data-action=\"kiosk-restart\"]", "Start again").await;
    click(&wait_for(&host, "[data-who=\"self\"]").await);
    wait_text(&host, ".question__title", "How old are you").await;
    wait_text(&host, "[role=\"alertdialog\"]", "Are you still there?").await;
    // After the reset the kiosk is back in its own language.
    wait_text(&host, "section.who", "您是在为谁查询").await;
    wait_text(&host, "[data-action=\"language\"]", "English").await;
}

#[wasm_bindgen_test]
async fn a_birth_year_alone_is_settled_by_asking_about_the_birthday() {
    let host = start("150104", "family").await;
    click(&wait_for(&host, "[data-action=\"age-mode\"]").await);
    type_into(&wait_for(&host, "#birth-year").await, "1950");
    click(&wait_for(&host, "[data-action=\"next\"]").await);
    // 2026 − 1950: 76 if the birthday has passed this year, else 75.
    wait_text(&host, "[data-birthday=\"passed\"]", "76").await;
    click(&wait_for(&host, "[data-birthday=\"not-yet\"]").await);
    wait_past(&host, "age").await;
    answer_all(&host, &[]).await;
    wait_text(&host, "[data-answers]", "75周岁").await;
}

#[wasm_bindgen_test]
async fn a_double_tap_answers_only_the_question_that_was_seen() {
    let mut props = CheckerProps::new(check_date());
    props.region = Some(AttrValue::from("150104"));
    props.tap_guard_ms = 300;
    let host = mount_with(props);
    click(&wait_for(&host, "[data-who=\"family\"]").await);
    answer(&host, "age", "72").await;
    let second = current_question(&host).await.expect("a second question");
    let ready = format!("section.question[data-fact=\"{second}\"][data-ready]");
    wait_for(&host, &ready).await;
    // Two taps in one place, 20 ms apart: the first answers, the second lands
    // on the next question before anyone could read it and is dropped.
    tap(&wait_for(&host, "[data-answer=\"unknown\"]").await);
    wait_past(&host, &second).await;
    yew::platform::time::sleep(Duration::from_millis(20)).await;
    let third = current_question(&host).await.expect("a third question");
    tap(&wait_for(&host, "[data-answer=\"unknown\"]").await);
    yew::platform::time::sleep(Duration::from_millis(50)).await;
    assert_eq!(
        current_question(&host).await.as_deref(),
        Some(third.as_str()),
        "the stray tap answered {third}"
    );
    assert!(host
        .query_selector(&format!(
            "section.question[data-fact=\"{third}\"][data-ready]"
        ))
        .unwrap()
        .is_none());
    // Once it could be seen, a tap answers it.
    wait_for(
        &host,
        &format!("section.question[data-fact=\"{third}\"][data-ready]"),
    )
    .await;
    click(&wait_for(&host, "[data-answer=\"unknown\"]").await);
    wait_past(&host, &third).await;
}

#[wasm_bindgen_test]
async fn the_browser_back_button_returns_to_the_previous_question_and_forward_comes_back() {
    let host = open_page("?region=150104&date=2026-11-22", "");
    click(&wait_for(&host, "[data-who=\"family\"]").await);
    answer(&host, "age", "72").await;
    let second = current_question(&host).await.expect("a second question");
    answer(&host, &second, "unknown").await;
    let third = current_question(&host).await.expect("a third question");
    // The address holds the place: the answers in the fragment, never the query.
    assert!(
        start::current_hash().contains("age=72"),
        "{}",
        start::current_hash()
    );
    assert!(!start::current_search().contains("72"));
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .back()
        .unwrap();
    wait_for(&host, &format!("section.question[data-fact=\"{second}\"]")).await;
    // The answer given is still shown as chosen.
    wait_for(
        &host,
        "section.question [data-answer=\"unknown\"][aria-pressed=\"true\"]",
    )
    .await;
    web_sys::window()
        .unwrap()
        .history()
        .unwrap()
        .forward()
        .unwrap();
    wait_for(&host, &format!("section.question[data-fact=\"{third}\"]")).await;
    // 上一题 goes back through the same history.
    wait_for(&host, "section.question[data-ready]").await;
    click(&wait_for(&host, "[data-action=\"back\"]").await);
    wait_for(&host, &format!("section.question[data-fact=\"{second}\"]")).await;
    start::replace_address("", "");
}
