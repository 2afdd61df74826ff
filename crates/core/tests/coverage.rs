//! docs/coverage.md must account for every service the rule files define.

use std::path::Path;

#[test]
fn every_service_id_appears_in_the_coverage_table() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let rules =
        yanglao_core::source::load_dir(&root.join("rules")).unwrap_or_else(|e| panic!("{}", e[0]));
    let coverage = std::fs::read_to_string(root.join("docs/coverage.md")).unwrap();
    let missing: Vec<&str> = rules
        .regions
        .iter()
        .flat_map(|r| r.services.iter())
        .map(|s| s.id.as_str())
        .filter(|id| !coverage.contains(id))
        .collect();
    assert!(
        missing.is_empty(),
        "services not accounted for in docs/coverage.md: {missing:?}"
    );
    for region in &rules.regions {
        assert!(
            coverage.contains(&format!("<a id=\"{}\"></a>", region.code)),
            "no section for {}",
            region.code
        );
    }
}

#[test]
fn the_rule_files_pass_their_own_cases() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let rules =
        yanglao_core::source::load_dir(&root.join("rules")).unwrap_or_else(|e| panic!("{}", e[0]));
    let (ran, failures) = yanglao_core::cases::run_all(&rules);
    assert!(
        ran >= 3 * rules
            .regions
            .iter()
            .map(|r| r.services.len())
            .sum::<usize>()
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures
            .iter()
            .map(|f| f.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
}
