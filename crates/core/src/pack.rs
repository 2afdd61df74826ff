//! A rule pack: what the app loads for one province, on demand — the
//! province's divisions (their codes and names, for the picker and the
//! place names) and every list recorded anywhere in it (the province's own,
//! its cities' and its counties'). One pack per province, so a server that
//! serves it learns the province and nothing finer (docs/privacy.md).

use crate::model::RuleSet;
use crate::regions::RegionIndex;
use crate::vocab::Vocabulary;
use serde::{Deserialize, Serialize};

/// The first two digits of a division code: the province it belongs to.
pub fn province_of(code: &str) -> Option<&str> {
    (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then(|| &code[..2])
}

/// One province's pack.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Pack {
    /// "41".
    pub province: String,
    /// The province's lines of the region index (`code<TAB>name[<TAB>flag]`).
    pub divisions: String,
    /// The lists recorded in the province, in the browser's form.
    pub rules: RuleSet,
    /// The answers vocabulary the rules use (the same in every pack): the
    /// questions, their words, the service kinds. Install it before reading
    /// answers or showing a question ([`Pack::install`]).
    pub vocabulary: Vocabulary,
}

/// Why a pack could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PackError(pub String);

impl Pack {
    /// The pack for `province` from the whole index and rule set.
    pub fn build(province: &str, index_text: &str, rules: &RuleSet) -> Pack {
        let divisions: String = index_text
            .lines()
            .filter(|l| !l.starts_with('#') && l.get(..2) == Some(province))
            .flat_map(|l| [l, "\n"])
            .collect();
        let rules = RuleSet {
            regions: rules
                .regions
                .iter()
                .filter(|r| province_of(&r.code) == Some(province))
                .cloned()
                .collect(),
        };
        Pack {
            province: province.to_string(),
            divisions,
            rules: rules.for_browser(),
            vocabulary: crate::vocab::current().clone(),
        }
    }

    /// Makes the pack's vocabulary the current one.
    pub fn install(&self) -> &'static Vocabulary {
        crate::vocab::install(self.vocabulary.clone())
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("packs always serialise")
    }

    /// Reads a pack, refusing one that is damaged, cut short or for another province.
    pub fn from_bytes(bytes: &[u8], province: &str) -> Result<Pack, PackError> {
        let pack: Pack = postcard::from_bytes(bytes)
            .map_err(|e| PackError(format!("the pack is damaged or incomplete ({e:?})")))?;
        if pack.province != province {
            return Err(PackError(format!(
                "the pack is for province {}, not {province}",
                pack.province
            )));
        }
        Ok(pack)
    }

    /// The province's divisions as an index.
    pub fn index(&self) -> Result<RegionIndex, PackError> {
        RegionIndex::parse(&self.divisions)
            .map_err(|e| PackError(format!("the pack's divisions: {e}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::regions::BUILTIN_TSV;

    #[test]
    fn a_pack_holds_its_province_only_and_reads_back() {
        let pack = Pack::build("41", BUILTIN_TSV, &RuleSet::default());
        let bytes = pack.to_bytes();
        let back = Pack::from_bytes(&bytes, "41").unwrap();
        assert_eq!(back, pack);
        let index = back.index().unwrap();
        assert_eq!(index.full_name("410726"), "河南省新乡市延津县");
        assert!(index.get("140105").is_none());
        assert!(Pack::from_bytes(&bytes, "14").is_err());
        assert!(Pack::from_bytes(&bytes[..bytes.len() / 2], "41").is_err());
        assert_eq!(province_of("410726"), Some("41"));
        assert_eq!(province_of("15010"), None);
    }
}
