//! The interface in simplified Chinese (the default) or English. Service
//! texts come from the rule files, which are in Chinese only for now: in
//! English they are shown in Chinese, marked `lang="zh-CN"` with a visible
//! note, never left blank.

use yanglao_core::{Date, Kind, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The page's `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }
    /// `?lang=` value.
    pub fn key(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }
    pub fn from_key(key: &str) -> Option<Lang> {
        match key {
            "zh" | "zh-CN" | "zh-cn" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
    /// The Chinese or English of a fixed text.
    pub fn t(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
    pub fn is_en(self) -> bool {
        self == Lang::En
    }
}

/// The note beside Chinese text shown in the English interface.
pub const CHINESE_ONLY: &str = "(Chinese only: not yet translated)";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A date as people write it: 2026年11月22日 / 22 November 2026.
pub fn date(lang: Lang, d: Date) -> String {
    match lang {
        Lang::Zh => d.zh(),
        Lang::En => format!(
            "{} {} {}",
            d.day(),
            MONTHS[usize::from(d.month().clamp(1, 12)) - 1],
            d.year()
        ),
    }
}

/// A service kind's name.
pub fn kind(lang: Lang, k: Kind) -> &'static str {
    if lang == Lang::Zh {
        return k.zh();
    }
    match k.key() {
        "high_age_allowance" => "High-age allowance",
        "nursing_subsidy" => "Nursing subsidy",
        "service_subsidy" => "Care service subsidy",
        "home_care" => "Government-paid home care",
        "meal_assistance" => "Meal assistance",
        "home_adaptation" => "Home adaptation",
        "visitation" => "Visits and care",
        "health_management" => "Health management",
        "family_doctor" => "Family doctor",
        "scenic_discount" => "Scenic spots and venues",
        "legal_aid" => "Legal aid",
        "public_care_priority" => "Priority care-home admission",
        "tekun_support" => "Support for people in extreme poverty",
        "caregiver_training" => "Family caregiver training",
        "assistive_devices" => "Assistive devices",
        "respite_care" => "Respite care",
        "ability_assessment" => "Ability assessment",
        "smart_devices" => "Smart safety devices",
        "ltc_insurance" => "Long-term care insurance",
        _ => "Other",
    }
}

/// A status in words (cards, the read-aloud).
pub fn status(lang: Lang, s: Status, later: bool) -> &'static str {
    match (s, later) {
        (Status::Ineligible, true) => lang.t("以后可以申请", "Can apply later"),
        (Status::Ineligible, false) => lang.t("暂不符合", "Not eligible now"),
        (Status::Expired, _) => lang.t("已失效", "Expired"),
        (Status::Eligible, _) => lang.t("可以申请", "You can apply"),
        (Status::Maybe, _) => lang.t("可能可以，需要核实", "Possibly — needs checking"),
        (Status::NotYetInForce, _) => lang.t("尚未施行", "Not yet in force"),
    }
}

/// English names of the places we have rules for (and their provinces and cities).
pub fn place_en(zh: &str) -> Option<&'static str> {
    Some(match zh {
        "山西省" => "Shanxi Province",
        "内蒙古自治区" => "Inner Mongolia",
        "山东省" => "Shandong Province",
        "河南省" => "Henan Province",
        "甘肃省" => "Gansu Province",
        "玉泉区" => "Yuquan District",
        "延津县" => "Yanjin County",
        "定西市" => "Dingxi City",
        "曲阜市" => "Qufu City",
        "呼和浩特市玉泉区" => "Yuquan District, Hohhot",
        "新乡市延津县" => "Yanjin County, Xinxiang",
        "济宁市曲阜市" => "Qufu City, Jining",
        "内蒙古自治区呼和浩特市玉泉区" => "Yuquan District, Hohhot, Inner Mongolia",
        "河南省新乡市延津县" => "Yanjin County, Xinxiang, Henan",
        "甘肃省定西市" => "Dingxi City, Gansu",
        "山东省济宁市曲阜市" => "Qufu City, Jining, Shandong",
        _ => return None,
    })
}

/// A place's name in the language: Chinese, or English with the Chinese after it.
pub fn place(lang: Lang, zh: &str) -> String {
    match (lang, place_en(zh)) {
        (Lang::En, Some(en)) => format!("{en} ({zh})"),
        _ => zh.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_date_has_english() {
        for key in Kind::all_keys() {
            let k = Kind::from_key(key).unwrap();
            assert!(!kind(Lang::En, k).is_empty());
            assert!(key == "other" || kind(Lang::En, k) != "Other", "{key}");
        }
        assert_eq!(
            date(Lang::En, Date::new(2026, 11, 22).unwrap()),
            "22 November 2026"
        );
        assert_eq!(
            date(Lang::Zh, Date::new(2026, 3, 1).unwrap()),
            "2026年3月1日"
        );
    }
}
