use crate::regions;
use crate::rules;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RegionPickerProps {
    /// Called with the 6-digit code of the region chosen.
    pub on_choose: Callback<AttrValue>,
}

/// Large buttons for every region we have rules for, grouped by province.
#[function_component]
pub fn RegionPicker(props: &RegionPickerProps) -> Html {
    let Ok(rules) = rules::embedded() else {
        return html! { <p class="notice notice--error">{ "政策资料读取失败，请刷新页面再试。" }</p> };
    };
    let groups = regions::grouped(rules);
    html! {
        <section class="picker" aria-labelledby="picker-title">
            <h2 id="picker-title" class="section-title">{ "老人的户口在哪里？" }</h2>
            <p class="hint">{ "请选择户籍所在地（户口本上的地址）。目前可以查询下面这些地方。" }</p>
            { for groups.iter().map(|group| html! {
                <div class="picker__group" key={group.name}>
                    <h3 class="picker__province">{ group.name }</h3>
                    <ul class="picker__list" role="list">
                        { for group.regions.iter().map(|region| {
                            let code = AttrValue::from(region.code.clone());
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
                                        <span class="region-button__name">{ region.label.clone() }</span>
                                        <span class="region-button__code">{ format!("地区代码 {}", region.code) }</span>
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
