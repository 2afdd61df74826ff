//! The preview: the checker itself (yanglao_app::Checker, the same
//! components a person sees) running the edited rules, for the place of one
//! of the files, on a date the person can change. A result the person
//! judges right becomes example cases, one per service of that file.

use super::Edit;
use crate::case;
use crate::preview::Edited;
use std::rc::Rc;
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yanglao_app::catalogue::Rules;
use yanglao_app::session::Finished;
use yanglao_app::{Checker, CheckerProps};
use yanglao_core::{Date, RuleSet};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TryItProps {
    pub rules: Option<Rc<RuleSet>>,
    /// Changes with every check of the files: the preview starts afresh.
    pub version: u32,
    /// (region code, file name) of every open file with a region.
    pub regions: Vec<(String, String)>,
    /// The region of the file being edited.
    pub active: Option<String>,
    pub dispatch: Callback<Edit>,
}

#[function_component]
pub fn TryIt(props: &TryItProps) -> Html {
    let date = use_state(yanglao_app::start::today);
    let chosen = use_state(|| None::<String>);
    let finished = use_state(|| None::<Finished>);
    let note = use_state(String::new);
    let region = (*chosen)
        .clone()
        .filter(|c| props.regions.iter().any(|(r, _)| r == c))
        .or_else(|| props.active.clone())
        .or_else(|| props.regions.first().map(|(r, _)| r.clone()))
        .filter(|r| {
            props
                .rules
                .as_ref()
                .is_some_and(|rules| rules.region(r).is_some())
        });
    {
        let finished = finished.clone();
        use_effect_with((props.version, region.clone(), *date), move |_| {
            finished.set(None)
        });
    }
    let source = {
        let rules = props.rules.clone();
        use_memo(props.version, move |v| {
            rules.map(|r| Rules(Rc::new(Edited::new(r, *v))))
        })
    };
    let on_region = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            chosen.set(Some(e.target_unchecked_into::<HtmlSelectElement>().value()))
        })
    };
    let on_date = {
        let date = date.clone();
        Callback::from(move |e: Event| {
            if let Ok(d) = Date::parse(&e.target_unchecked_into::<HtmlInputElement>().value()) {
                date.set(d);
            }
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            note.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    let on_results = {
        let finished = finished.clone();
        Callback::from(move |f: Finished| finished.set(Some(f)))
    };
    let saved_error = use_state(|| None::<String>);
    let on_save = {
        let (finished, note, saved_error) = (finished.clone(), note.clone(), saved_error.clone());
        let (rules, region, date) = (props.rules.clone(), region.clone(), *date);
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            let (Some(f), Some(rules), Some(region)) = (&*finished, &rules, &region) else {
                return;
            };
            match case::cases_for(rules, region, &f.region, date, &f.answers, &note) {
                Ok(cases) if cases.is_empty() => {
                    saved_error.set(Some("这个地区的文件里没有服务，没有可存的例子。".into()))
                }
                Ok(cases) => {
                    saved_error.set(None);
                    note.set(String::new());
                    dispatch.emit(Edit::AddCases {
                        region: region.clone(),
                        cases,
                    });
                }
                Err(why) => saved_error.set(Some(why)),
            }
        })
    };
    let body = match (&*source, &region) {
        (None, _) => html! {
            <p class="wb-hint" data-preview-off="">{ "文件还有错误，改好以后就能在这里预览（只差例子也可以预览）。" }</p>
        },
        (Some(_), None) => html! {
            <p class="wb-hint" data-preview-off="">{ "文件里还没有能预览的地区：请先写好 [region] 的 code。" }</p>
        },
        (Some(rules), Some(code)) => {
            let mut checker = CheckerProps::new(*date);
            checker.region = Some(AttrValue::from(code.clone()));
            checker.on_results = on_results;
            html! {
                <>
                    <div class="wb-preview-frame" data-preview={code.clone()}>
                        <ContextProvider<Rules> context={rules.clone()}>
                            <Checker key={format!("{}-{code}-{}", props.version, *date)} ..checker />
                        </ContextProvider<Rules>>
                    </div>
                    if finished.is_some() {
                        <div class="wb-save" data-can-save="">
                            <p>{ "预览到了结果。如果每一项都对，就把这位老人存为例子：文件里这个地区的每项服务各存一个，写明回答和结果。" }</p>
                            <label for="wb-note" class="wb-label">{ "例子说明（可选，例如“82岁低保老人”）" }</label>
                            <input id="wb-note" class="wb-input" type="text" value={(*note).clone()} oninput={on_note} />
                            <button type="button" class="wb-button wb-button--main" data-action="save-case" onclick={on_save}>
                                { "这个结果对，存为例子" }
                            </button>
                        </div>
                    }
                    if let Some(why) = &*saved_error {
                        <p class="wb-warn" role="alert">{ why.clone() }</p>
                    }
                </>
            }
        }
    };
    html! {
        <section class="wb-try" aria-labelledby="wb-try-title">
            <h2 id="wb-try-title">{ "预览：老人看到的问题和结果" }</h2>
            <div class="wb-try__controls">
                if props.regions.len() > 1 {
                    <label class="wb-label" for="wb-region">{ "地区" }</label>
                    <select id="wb-region" class="wb-input" onchange={on_region}>
                        { for props.regions.iter().map(|(code, name)| html! {
                            <option value={code.clone()} selected={region.as_deref() == Some(code.as_str())}>{ format!("{code}（{name}）") }</option>
                        }) }
                    </select>
                }
                <label class="wb-label" for="wb-date">{ "按哪一天查（例子也记这一天）" }</label>
                <input id="wb-date" class="wb-input" type="date" value={date.to_string()} onchange={on_date} />
            </div>
            <p class="wb-hint">{ "预览只用这里打开的文件，加上共用的用语和回答项；上级地区的清单，也打开它的文件才会算进来。" }</p>
            { body }
        </section>
    }
}
