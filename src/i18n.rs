//! The interface in simplified Chinese (the default) or English. The
//! language itself, dates and the words of facts, kinds and reasons are the
//! engine's (yanglao_core::words); service texts come from the rule files in
//! both languages. Chinese left in English text (proper names beside their
//! English, anything untranslated) is marked `lang="zh-CN"` by [`mixed`].

use yanglao_core::{Kind, Status};

pub use yanglao_core::words::{date, Lang};

/// A service kind's name, from the vocabulary.
pub fn kind(lang: Lang, k: Kind) -> &'static str {
    match lang {
        Lang::Zh => k.zh(),
        Lang::En => k.en(),
    }
}

/// Whether a character is Chinese (CJK ideographs and their punctuation).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F // CJK punctuation: 、。《》「」
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF // full-width forms: （），：；
        | 0x20000..=0x2FA1F)
}

/// A text for a place that cannot hold markup (an `<option>`, an
/// attribute): in English, Chinese asides in brackets beside their English
/// ("Extreme poverty (特困)") are dropped, so nothing Chinese is left unmarked
/// and a screen reader does not read Chinese with an English voice. Chinese
/// that stands alone is kept: it is all the text has.
pub fn without_asides(lang: Lang, text: &str) -> String {
    if !lang.is_en() || !text.chars().any(is_cjk) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['(', '（']) {
        let after = &rest[open..];
        let inner_start = after.chars().next().map_or(1, char::len_utf8);
        let close = after[inner_start..]
            .find([')', '）'])
            .map(|c| c + inner_start);
        match close {
            Some(close)
                if after[inner_start..close]
                    .chars()
                    .all(|c| is_cjk(c) || c == ' ') =>
            {
                out.push_str(rest[..open].trim_end());
                let end = close + after[close..].chars().next().map_or(1, char::len_utf8);
                rest = &after[end..];
            }
            _ => {
                out.push_str(&rest[..open + inner_start]);
                rest = &after[inner_start..];
            }
        }
    }
    out.push_str(rest);
    if out.chars().any(|c| !c.is_whitespace()) {
        out
    } else {
        text.to_string()
    }
}

/// A text split into runs: (is Chinese, text). Spaces and ASCII punctuation
/// between two Chinese runs stay with them.
pub fn runs(text: &str) -> Vec<(bool, &str)> {
    let mut out: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let cjk = is_cjk(c);
        match current {
            Some(k) if k != cjk => {
                out.push((k, &text[start..i]));
                start = i;
                current = Some(cjk);
            }
            None => current = Some(cjk),
            _ => {}
        }
    }
    if let Some(k) = current {
        out.push((k, &text[start..]));
    }
    out
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
    use yanglao_core::Date;

    #[test]
    fn chinese_asides_drop_where_markup_cannot_go() {
        let en = Lang::En;
        assert_eq!(
            without_asides(en, "Extreme poverty (特困), living at home"),
            "Extreme poverty, living at home"
        );
        assert_eq!(
            without_asides(en, "Minimum living allowance（低保）"),
            "Minimum living allowance"
        );
        assert_eq!(without_asides(en, "Aged 80 (or over)"), "Aged 80 (or over)");
        assert_eq!(without_asides(en, "延津县"), "延津县");
        assert_eq!(without_asides(en, "(特困)"), "(特困)");
        assert_eq!(without_asides(Lang::Zh, "特困（在家）"), "特困（在家）");
    }

    #[test]
    fn every_kind_and_date_has_english() {
        for key in Kind::all_keys() {
            let k = Kind::named(key);
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
