//! 朗读: reads each screen aloud with the browser's own speech synthesis
//! (a Chinese voice), for people who read little or see poorly. Nothing is
//! sent anywhere: the voice is the device's. Where the browser has no
//! Chinese voice, the switch does not appear at all.

use crate::i18n::Lang;
use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{SpeechSynthesis, SpeechSynthesisUtterance, SpeechSynthesisVoice};
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

/// What to read: the screen's words from the screen model (never scraped
/// from the page), with a key that changes whenever they do.
#[derive(Clone, Debug, PartialEq)]
pub struct Speech {
    pub key: AttrValue,
    pub words: Rc<Vec<String>>,
    pub lang: Lang,
}

impl Default for Speech {
    fn default() -> Speech {
        Speech {
            key: AttrValue::default(),
            words: Rc::new(Vec::new()),
            lang: Lang::Zh,
        }
    }
}

impl Speech {
    /// The words as one text, sentence by sentence.
    pub fn text(&self) -> String {
        let stop = self.lang.t("。", ". ");
        let mut text = String::new();
        for w in self
            .words
            .iter()
            .map(|w| w.trim())
            .filter(|w| !w.is_empty())
        {
            text.push_str(w);
            // A sentence ends once: "多少周岁？" needs no "。" after it.
            if !w.ends_with(['。', '？', '！', '.', '?', '!', '：', ':']) {
                text.push_str(stop);
            } else if self.lang.is_en() {
                text.push(' ');
            }
        }
        text.trim_end().to_string()
    }
}

#[derive(Properties, PartialEq)]
pub struct ReadAloudProps {
    /// What the screen says; while on, each new one is read.
    pub speech: Speech,
}

/// The 朗读 switch and, while speaking, 停止.
#[function_component]
pub fn ReadAloud(props: &ReadAloudProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    // Found once mounted, in the browser: the start page is also rendered
    // natively, ahead (crates/prerender), where there is no speech synthesis.
    let available = use_state(|| false);
    let on = use_state(|| false);
    let speaking = use_state(|| false);
    // The current utterance's "end" and "error" listeners.
    let keep = use_mut_ref(Vec::<EventListener>::new);

    // Voices often arrive after the page loads.
    {
        let available = available.clone();
        use_effect_with((), move |_| {
            if synth().and_then(|s| chinese_voice(&s)).is_some() {
                available.set(true);
            }
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
        let speech = props.speech.clone();
        move || {
            let Some(synth) = synth() else {
                return;
            };
            let text = speech.text();
            synth.cancel();
            let Ok(utterance) = SpeechSynthesisUtterance::new_with_text(&text) else {
                return;
            };
            utterance.set_lang(speech.lang.code());
            utterance.set_rate(0.9);
            if let Some(voice) = chinese_voice(&synth).filter(|_| !speech.lang.is_en()) {
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
        use_effect_with((props.speech.key.clone(), on), move |_| {
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
