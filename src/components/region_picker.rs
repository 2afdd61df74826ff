use crate::i18n::{self, Lang};
use crate::regions::{self, Level};
use crate::rules;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RegionPickerProps {
    /// Called with the 6-digit code of the region chosen.
    pub on_choose: Callback<AttrValue>,
    /// The check date: places whose recorded policies have all ended by then are marked.
    pub date: yanglao_core::Date,
}

/// Large buttons for every region we have rules for, grouped by province.
#[function_component]
pub fn RegionPicker(props: &RegionPickerProps) -> Html {
    let lang = use_context::<Lang>().unwrap_or_default();
    let Ok(rules) = rules::embedded() else {
        return html! { <p class="notice notice--error">{ lang.t("政策资料读取失败，请刷新页面再试。", "The policy data could not be read. Please reload the page.") }</p> };
    };
    let groups = regions::grouped(rules);
    html! {
        <section class="picker" aria-labelledby="picker-title">
            <h2 id="picker-title" class="section-title">{ lang.t("老人的户口在哪里？", "Where is the older person's household registered?") }</h2>
            <p class="hint">{ lang.t(
                "请选择户籍所在地（户口本上的地址）。目前可以查询下面这些地方。",
                "Choose the place of household registration (the address in the household register, 户口本). These places can be checked so far.",
            ) }</p>
            { for groups.iter().map(|group| html! {
                <div class="picker__group" key={group.name}>
                    <h3 class="picker__province">{ i18n::place(lang, group.name) }</h3>
                    <ul class="picker__list" role="list">
                        { for group.regions.iter().map(|region| {
                            let code = AttrValue::from(region.code.clone());
                            let ended = rules.region(&region.code).is_some_and(|r| {
                                !r.services.is_empty()
                                    && r.services.iter().all(|s| s.in_force_on(props.date) == yanglao_core::Status::Expired)
                            });
                            let onclick = {
                                let code = code.clone();
                                props.on_choose.reform(move |_: MouseEvent| code.clone())
                            };
                            html! {
                                <li key={region.code.clone()}>
                                    <button
                                        type="button"
                                        class="button region-button"
                                        data-region={code.clone()}
                                        {onclick}
                                    >
                                        <span class="region-button__name">{ label(lang, region) }</span>
                                        if ended {
                                            <span class="region-button__ended">{ lang.t("收录的政策已到期", "Recorded policies have ended") }</span>
                                        }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                </div>
            }) }
        </section>
    }
}

/// A region's label on its button: in English, the English name with the Chinese after it.
fn label(lang: Lang, region: &regions::Choice) -> String {
    if !lang.is_en() {
        return region.label.clone();
    }
    let name = i18n::place_en(&region.short_name).unwrap_or(&region.short_name);
    match regions::level(&region.code) {
        Level::Province => format!("{name}, all of it ({})", region.label),
        Level::City => format!("{name} and its counties ({})", region.label),
        Level::County => format!("{name} ({})", region.label),
    }
}
