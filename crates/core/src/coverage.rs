//! Which lists a check rests on: for a place, the levels above and at it
//! (province, prefecture, county), which of them have a list recorded in the
//! rules, and the office to ask where the person's own place has none
//! (shared/CONTRACT.md, the `coverage` object).

use crate::model::RuleSet;
use crate::regions::{Level, RegionIndex};

/// One level of a place's chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CoverageLevel {
    pub code: String,
    pub name: String,
    pub level: Level,
    /// A list of this level's own is recorded in the rules.
    pub has_rules: bool,
}

/// What a check of one place is based on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Coverage {
    /// The place itself (the code checked) has a list of its own.
    pub own_list: bool,
    /// From the province down to the place.
    pub levels: Vec<CoverageLevel>,
    /// The office of the person's own place, to ask about what is not
    /// recorded: its 民政局 (a province's 民政厅).
    pub ask: String,
}

impl Coverage {
    /// The levels with no list recorded.
    pub fn missing(&self) -> impl Iterator<Item = &CoverageLevel> {
        self.levels.iter().filter(|l| !l.has_rules)
    }
}

/// The civil-affairs office of a division: 延津县民政局, 定西市民政局,
/// 山西省民政厅, 北京市民政局.
pub fn civil_affairs_office(name: &str, level: Level) -> String {
    match level {
        Level::Province if !name.ends_with('市') => format!("{name}民政厅"),
        _ => format!("{name}民政局"),
    }
}

/// The coverage of `code`, or None when it is not a real division.
pub fn coverage(index: &RegionIndex, rules: &RuleSet, code: &str) -> Option<Coverage> {
    index.get(code)?;
    let levels: Vec<CoverageLevel> = index
        .chain(code)
        .into_iter()
        .map(|d| CoverageLevel {
            code: d.code.to_string(),
            name: d.name.to_string(),
            level: d.level,
            has_rules: rules.region(d.code).is_some(),
        })
        .collect();
    let own = levels.last()?;
    Some(Coverage {
        own_list: rules.region(code).is_some() || own.has_rules,
        ask: civil_affairs_office(&own.name, own.level),
        levels,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Region;

    fn rules(codes: &[&str]) -> RuleSet {
        RuleSet {
            regions: codes
                .iter()
                .map(|c| Region {
                    code: c.to_string(),
                    name: String::new(),
                    short_name: String::new(),
                    documents: vec![],
                    services: vec![],
                    en: Default::default(),
                })
                .collect(),
        }
    }

    #[test]
    fn a_county_without_a_list_names_its_own_office() {
        let index = RegionIndex::builtin();
        let c = coverage(index, &rules(&["140000"]), "140105").unwrap();
        assert!(!c.own_list);
        let shown: Vec<(&str, &str, bool)> = c
            .levels
            .iter()
            .map(|l| (l.code.as_str(), l.name.as_str(), l.has_rules))
            .collect();
        assert_eq!(
            shown,
            [
                ("140000", "山西省", true),
                ("140100", "太原市", false),
                ("140105", "小店区", false)
            ]
        );
        assert_eq!(c.ask, "小店区民政局");
        let beijing = coverage(index, &rules(&[]), "110105").unwrap();
        assert_eq!(
            beijing.levels.len(),
            2,
            "no 市辖区 level: {:?}",
            beijing.levels
        );
        assert_eq!(beijing.ask, "朝阳区民政局");
        assert_eq!(
            coverage(index, &rules(&[]), "140000").unwrap().ask,
            "山西省民政厅"
        );
        assert_eq!(
            coverage(index, &rules(&[]), "110000").unwrap().ask,
            "北京市民政局"
        );
        assert!(coverage(index, &rules(&[]), "999999").is_none());
        assert!(
            coverage(index, &rules(&["410726"]), "410726")
                .unwrap()
                .own_list
        );
    }
}
