//! Which codes `--region` takes: every real division of GB/T 2260 (the region
//! index of yanglao-core), whether or not it has rules of its own
//! (shared/CONTRACT.md, Regions).

use yanglao_core::regions::RegionIndex;

/// Where the list of codes is kept, for messages.
pub const REGIONS_FILE: &str = "crates/core/data/regions.tsv";

/// `Ok` for a real division, else one line saying what is wrong and what to do:
/// `unknown region 999999: not a county, city or province code of GB/T 2260; …`.
pub fn validate(index: &RegionIndex, code: &str) -> Result<(), String> {
    if index.contains(code) {
        return Ok(());
    }
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!(
            "unknown region \"{code}\": a region is a 6-digit county, city or province code of GB/T 2260 \
             (the 户籍所在地), such as 140105 小店区 or 140000 山西省; see {REGIONS_FILE}"
        ));
    }
    // The nearest real division above it, to say where the code went wrong.
    let within = [format!("{}00", &code[..4]), format!("{}0000", &code[..2])]
        .into_iter()
        .find(|c| index.get(c).is_some_and(|d| !d.pseudo))
        .map(|c| format!(" ({} has no {code})", index.full_name(&c)))
        .unwrap_or_default();
    Err(format!(
        "unknown region {code}: not a county, city or province code of GB/T 2260{within}; \
         see {REGIONS_FILE} or use a code such as 140105"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_divisions_pass_and_others_say_why() {
        let index = RegionIndex::builtin();
        for code in [
            "110105", "140105", "140000", "621102", "410726", "110100", "419001",
        ] {
            assert_eq!(validate(index, code), Ok(()), "{code}");
        }
        let err = validate(index, "999999").unwrap_err();
        assert!(
            err.starts_with("unknown region 999999: not a county, city or province code"),
            "{err}"
        );
        assert!(!err.contains(" has no "), "{err}");
        let err = validate(index, "110199").unwrap_err();
        assert!(err.contains("(北京市 has no 110199)"), "{err}");
        let err = validate(index, "140199").unwrap_err();
        assert!(err.contains("(山西省太原市 has no 140199)"), "{err}");
        for bad in ["15010", "15010x", "", "1501040"] {
            let err = validate(index, bad).unwrap_err();
            assert!(err.contains("6-digit"), "{err}");
            assert!(!err.contains('\n'), "{err}");
        }
    }
}
