//! The regions we have rules for, grouped by province for the region picker.

use yanglao_core::RuleSet;

/// Provincial-level divisions by the first two digits of their GB/T 2260 code.
const PROVINCES: [(&str, &str); 34] = [
    ("11", "北京市"),
    ("12", "天津市"),
    ("13", "河北省"),
    ("14", "山西省"),
    ("15", "内蒙古自治区"),
    ("21", "辽宁省"),
    ("22", "吉林省"),
    ("23", "黑龙江省"),
    ("31", "上海市"),
    ("32", "江苏省"),
    ("33", "浙江省"),
    ("34", "安徽省"),
    ("35", "福建省"),
    ("36", "江西省"),
    ("37", "山东省"),
    ("41", "河南省"),
    ("42", "湖北省"),
    ("43", "湖南省"),
    ("44", "广东省"),
    ("45", "广西壮族自治区"),
    ("46", "海南省"),
    ("50", "重庆市"),
    ("51", "四川省"),
    ("52", "贵州省"),
    ("53", "云南省"),
    ("54", "西藏自治区"),
    ("61", "陕西省"),
    ("62", "甘肃省"),
    ("63", "青海省"),
    ("64", "宁夏回族自治区"),
    ("65", "新疆维吾尔自治区"),
    ("71", "台湾省"),
    ("81", "香港特别行政区"),
    ("82", "澳门特别行政区"),
];

/// The name of the province a code belongs to.
pub fn province_name(code: &str) -> &'static str {
    let prefix = code.get(..2).unwrap_or("");
    PROVINCES
        .iter()
        .find(|(p, _)| *p == prefix)
        .map(|(_, name)| *name)
        .unwrap_or("其他地区")
}

/// How far down the administrative tree a code sits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Province,
    City,
    County,
}

pub fn level(code: &str) -> Level {
    if code.ends_with("0000") {
        Level::Province
    } else if code.ends_with("00") {
        Level::City
    } else {
        Level::County
    }
}

/// One region on the picker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    pub code: String,
    pub short_name: String,
    /// The name below the province: "呼和浩特市玉泉区", "定西市（含所辖各县区）".
    pub label: String,
}

/// The regions of one province.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProvinceGroup {
    pub name: &'static str,
    pub regions: Vec<Choice>,
}

/// Every region with rules, by province (in code order), each province's
/// regions in code order.
pub fn grouped(rules: &RuleSet) -> Vec<ProvinceGroup> {
    let mut regions: Vec<&yanglao_core::Region> = rules.regions.iter().collect();
    regions.sort_by(|a, b| a.code.cmp(&b.code));
    let mut groups: Vec<ProvinceGroup> = Vec::new();
    for region in regions {
        let province = province_name(&region.code);
        let below = region.name.strip_prefix(province).unwrap_or(&region.name);
        let label = match level(&region.code) {
            Level::Province => format!("{}（全{}通用）", province, whole_word(province)),
            Level::City => format!("{below}（含所辖各县区）"),
            Level::County => below.to_string(),
        };
        let choice = Choice {
            code: region.code.clone(),
            short_name: region.short_name.clone(),
            label,
        };
        match groups.last_mut() {
            Some(group) if group.name == province => group.regions.push(choice),
            _ => groups.push(ProvinceGroup {
                name: province,
                regions: vec![choice],
            }),
        }
    }
    groups
}

/// 全省 / 全区 / 全市, as the province calls itself.
fn whole_word(province: &str) -> &'static str {
    if province.ends_with("自治区") || province.ends_with("特别行政区") {
        "区"
    } else if province.ends_with('市') {
        "市"
    } else {
        "省"
    }
}
