//! Each rule file's clause coverage lives beside it in docs/coverage/<code>.md,
//! and must account for every service that file defines.

use std::path::Path;

#[test]
fn every_service_id_appears_in_its_own_files_coverage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let rules =
        yanglao_core::source::load_dir(&root.join("rules")).unwrap_or_else(|e| panic!("{}", e[0]));
    let index = std::fs::read_to_string(root.join("docs/coverage.md")).unwrap();
    let mut problems = Vec::new();
    for region in &rules.regions {
        let name = format!("docs/coverage/{}.md", region.code);
        let Ok(coverage) = std::fs::read_to_string(root.join(&name)) else {
            problems.push(format!("rules/{}.toml has no {name}", region.code));
            continue;
        };
        // Its own heading names the region, and the index links to it.
        let title = coverage.lines().next().unwrap_or("");
        if !(title.starts_with("# ") && title.contains(&region.code)) {
            problems.push(format!(
                "{name} does not open with a heading naming {}",
                region.code
            ));
        }
        if !index.contains(&format!("(coverage/{}.md)", region.code)) {
            problems.push(format!("docs/coverage.md does not link to {name}"));
        }
        for s in &region.services {
            if !coverage.contains(&format!("`{}`", s.id))
                && !coverage.contains(&format!("| {} |", s.id))
            {
                problems.push(format!("{name} does not account for `{}`", s.id));
            }
        }
    }
    // No coverage file for a region without a rule file.
    for entry in std::fs::read_dir(root.join("docs/coverage")).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let code = file.trim_end_matches(".md");
        if rules.region(code).is_none() {
            problems.push(format!(
                "docs/coverage/{file} has no rule file rules/{code}.toml"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
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

#[test]
fn the_rule_files_spell_out_no_shared_term_by_hand() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let loaded = yanglao_core::source::load_dir_checked(&root.join("rules"))
        .unwrap_or_else(|e| panic!("{}", e[0]));
    assert!(loaded.terms.len() >= 10, "rules/terms.toml is read");
    let warnings: Vec<String> = loaded.warnings.iter().map(|w| w.to_string()).collect();
    assert!(warnings.is_empty(), "{}", warnings.join("\n"));
}
