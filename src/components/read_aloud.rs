//! 朗读: reads each screen aloud with the browser's own speech synthesis
//! (a Chinese voice), for people who read little or see poorly. Nothing is
//! sent anywhere: the voice is the device's. Where the browser has no
//! Chinese voice, the switch does not appear at all.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::{Element, SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
use yew::prelude::*;

fn synth() -> Option<SpeechSynthesis> {
    let window = web_sys::window()?;
    // Browsers without speech synthesis have no such property.
    js_sys::Reflect::has(&window, &"speechSynthesis".into())
        .ok()?
        .then(|| window.speech_synthesis().ok())
        .flatten()
}

/// A Chinese voice, mainland first.
fn chinese_voice(synth: &SpeechSynthesis) -> Option<SpeechSynthesisVoice> {
    let voices: Vec<SpeechSynthesisVoice> = synth
        .get_voices()
        .iter()
        .filter_map(|v| v.dyn_into::<SpeechSynthesisVoice>().ok())
        .collect();
    let lang = |v: &SpeechSynthesisVoice| v.lang().replace('_', "-").to_ascii_lowercase();
    voices
        .iter()
        .find(|v| lang(v) == "zh-cn")
        .or_else(|| voices.iter().find(|v| lang(v).starts_with("zh")))
        .cloned()
}

fn texts(root: &Element, selector: &str) -> Vec<String> {
    let Ok(list) = root.query_selector_all(selector) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.text_content())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// What to read for the screen shown now: a question with its help and
/// answers, or the results' summary, groups and services.
pub fn screen_text(main: &Element) -> String {
    let mut parts = texts(main, ".notice");
    if let Ok(Some(question)) = main.query_selector("section.question") {
        parts.extend(texts(
            &question,
            ".progress__text, .question__title, .question__help",
        ));
        let answers = texts(&question, "[data-answer], .field__label, .field__error");
        if !answers.is_empty() {
            let english = gloo::utils::document()
                .document_element()
                .and_then(|e| e.get_attribute("lang"))
                .is_some_and(|l| l == "en")
                || main.closest("[lang=\"en\"]").ok().flatten().is_some();
            parts.push(if english {
                format!("You can choose: {}", answers.join("; "))
            } else {
                format!("可以选：{}", answers.join("；"))
            });
        }
    } else if let Ok(Some(results)) = main.query_selector("section.results") {
        parts.extend(texts(&results, ".section-title, .results__summary"));
        // Each group's title, then each line as it reads: name, what they get, where.
        for group in texts(
            &results,
            "[data-group]:not([data-group=\"other\"]) .group__title, [data-group]:not([data-group=\"other\"]) .line__text, .ended > h3, .ended__ask",
        ) {
            parts.push(group);
        }
    } else {
        parts.extend(texts(main, "h2, .hint, button"));
    }
    parts.join("。")
}

#[derive(Properties, PartialEq)]
pub struct ReadAloudProps {
    /// Changes whenever the screen does: while on, each new screen is read.
    pub screen: AttrValue,
}

/// The 朗读 switch and, while speaking, 停止.
#[function_component]
pub fn ReadAloud(props: &ReadAloudProps) -> Html {
    let lang = use_context::<crate::i18n::Lang>().unwrap_or_default();
    let available = use_state(|| synth().and_then(|s| chinese_voice(&s)).is_some());
    let on = use_state(|| false);
    let speaking = use_state(|| false);
    // The current utterance's "end" and "error" listeners.
    let keep = use_mut_ref(Vec::<EventListener>::new);

    // Voices often arrive after the page loads.
    {
        let available = available.clone();
        use_effect_with((), move |_| {
            let listener = synth().map(|s| {
                let again = s.clone();
                EventListener::new(&s, "voiceschanged", move |_| {
                    available.set(chinese_voice(&again).is_some());
                })
            });
            move || {
                drop(listener);
                if let Some(s) = synth() {
                    s.cancel();
                }
            }
        });
    }

    let speak = {
        let speaking = speaking.clone();
        let keep = keep.clone();
        move || {
            let (Some(synth), Some(main)) = (
                synth(),
                gloo::utils::document()
                    .query_selector("main")
                    .ok()
                    .flatten(),
            ) else {
                return;
            };
            let text = screen_text(&main);
            synth.cancel();
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text) else {
                return;
            };
            utterance.set_lang("zh-CN");
            utterance.set_rate(0.9);
            if let Some(voice) = chinese_voice(&synth) {
                // Through Reflect: a refused voice is an error here, not an exception
                // that would stop the app; the browser then picks its own for zh-CN.
                let _ = js_sys::Reflect::set(&utterance, &"voice".into(), &voice);
            }
            // Finished, or refused (no audio device, interrupted): 停止 goes away.
            *keep.borrow_mut() = ["end", "error"]
                .into_iter()
                .map(|event| {
                    let done = speaking.clone();
                    EventListener::new(&utterance, event, move |_| done.set(false))
                })
                .collect();
            speaking.set(true);
            synth.speak(&utterance);
        }
    };

    // While on, read each new screen once it is drawn.
    {
        let on = *on;
        let speak = speak.clone();
        use_effect_with((props.screen.clone(), on), move |_| {
            let timer = on.then(|| Timeout::new(80, speak));
            move || drop(timer)
        });
    }

    if !*available {
        return html! {};
    }
    let toggle = {
        let (on, speaking) = (on.clone(), speaking.clone());
        Callback::from(move |_: MouseEvent| {
            if *on {
                if let Some(s) = synth() {
                    s.cancel();
                }
                speaking.set(false);
            }
            on.set(!*on);
        })
    };
    let stop = {
        let speaking = speaking.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(s) = synth() {
                s.cancel();
            }
            speaking.set(false);
        })
    };
    html! {
        <>
            <button type="button" class="button button--quiet header__switch" data-action="read-aloud"
                aria-pressed={on.to_string()} onclick={toggle}>
                { lang.t("朗读", "Read aloud") }
            </button>
            if *speaking {
                <button type="button" class="button button--quiet header__switch" data-action="stop-reading" onclick={stop}>
                    { lang.t("停止", "Stop") }
                </button>
            }
        </>
    }
}
