//! Which codes `--region` takes: every real division of GB/T 2260 (the region
//! index of yanglao-core), whether or not it has rules of its own
//! (shared/CONTRACT.md, Regions).

pub use yanglao_core::regions::{validate, REGIONS_FILE};

#[cfg(test)]
mod tests {
    use super::*;
    use yanglao_core::regions::RegionIndex;

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
