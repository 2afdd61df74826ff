//! The root components: [`App`] reads the page address and shows [`Checker`].

use crate::components::{Footer, Header, RegionPicker, ServiceList};
use crate::start::{self, Query};
use crate::state::{Action, State};
use gloo::events::EventListener;
use yanglao_core::Date;
use yew::prelude::*;

/// The whole page: today's date (or `?date=`) and `?region=` from the address,
/// and the address kept in step with the region chosen.
#[function_component]
pub fn App() -> Html {
    let query = use_memo((), |_| Query::parse(&start::current_search()));
    let date = query.date.unwrap_or_else(start::today);
    let notice = query
        .bad_date
        .as_ref()
        .map(|d| AttrValue::from(format!("网址里的日期“{d}”看不懂，已按今天的日期查询。")));
    html! {
        <Checker
            {date}
            region={query.region.clone().map(AttrValue::from)}
            follow_address=true
            date_pinned={query.date.is_some()}
            {notice}
        />
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckerProps {
    /// The day the check is made for ("today").
    pub date: Date,
    /// A region chosen in advance.
    #[prop_or_default]
    pub region: Option<AttrValue>,
    /// Record the chosen region in the page address and follow Back/Forward.
    #[prop_or_default]
    pub follow_address: bool,
    /// The date came from the address: keep it there.
    #[prop_or_default]
    pub date_pinned: bool,
    /// A message to show above everything else.
    #[prop_or_default]
    pub notice: Option<AttrValue>,
}

/// The checker itself, mountable anywhere (tests, a host page's element).
#[function_component]
pub fn Checker(props: &CheckerProps) -> Html {
    let state = use_reducer(|| State {
        region: props.region.as_ref().map(|r| r.to_string()),
        large_text: false,
    });

    // Back and Forward move between the region list and a region.
    {
        let state = state.clone();
        use_effect_with(props.follow_address, move |follow| {
            let listener = follow.then(|| {
                EventListener::new(&gloo::utils::window(), "popstate", move |_| {
                    let query = Query::parse(&start::current_search());
                    state.dispatch(Action::FromAddress(query.region));
                })
            });
            move || drop(listener)
        });
    }

    let record_in_address = {
        let follow = props.follow_address;
        let pinned = props.date_pinned.then_some(props.date);
        move |region: Option<&str>| {
            if follow {
                let query = Query {
                    date: pinned,
                    ..Query::default()
                };
                start::push_search(&query.with_region(region));
            }
        }
    };
    let on_choose = {
        let state = state.clone();
        Callback::from(move |code: AttrValue| {
            record_in_address(Some(&code));
            state.dispatch(Action::ChooseRegion(code.to_string()));
            scroll_to_top();
        })
    };
    let on_change_region = {
        let state = state.clone();
        Callback::from(move |_| {
            record_in_address(None);
            state.dispatch(Action::ChangeRegion);
            scroll_to_top();
        })
    };
    let on_toggle_large = {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::ToggleLargeText))
    };

    html! {
        <div class={classes!("app", state.large_text.then_some("app--large"))}>
            <Header large_text={state.large_text} on_toggle_large={on_toggle_large} />
            <main class="main">
                if let Some(notice) = &props.notice {
                    <p class="notice" role="status">{ notice.clone() }</p>
                }
                {
                    match &state.region {
                        Some(code) => html! {
                            <ServiceList
                                code={AttrValue::from(code.clone())}
                                date={props.date}
                                {on_change_region}
                            />
                        },
                        None => html! { <RegionPicker {on_choose} /> },
                    }
                }
            </main>
            <Footer />
        </div>
    }
}

fn scroll_to_top() {
    if let Some(window) = web_sys::window() {
        window.scroll_to_with_x_and_y(0.0, 0.0);
    }
}
