//! Rule files read at run time (`--rules DIR`): what the build embeds, for an
//! office that writes its own files and runs them without rebuilding.
//! Besides the loader's own checks, a file's region code must be a real
//! division of GB/T 2260.

use std::path::Path;
use yanglao_core::regions::RegionIndex;
use yanglao_core::source::{self, Loaded, RuleError};

/// Loads every `*.toml` file in `dir` (yanglao_core::source), and refuses a
/// region code that is not a real division. Every error found, `file:line: …`.
pub fn load_dir(dir: &Path, index: &RegionIndex) -> Result<Loaded, Vec<RuleError>> {
    let loaded = source::load_dir_checked(dir);
    let unknown = unknown_region_codes(&read_region_files(dir), index);
    match loaded {
        Ok(loaded) if unknown.is_empty() => Ok(loaded),
        Ok(_) => Err(unknown),
        Err(mut errors) => {
            errors.extend(unknown);
            Err(errors)
        }
    }
}

/// The region files of `dir` named as the loader names them ("rules/150104.toml");
/// what cannot be read is left to the loader to report.
fn read_region_files(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    paths
        .into_iter()
        .filter_map(|path| {
            let shown = format!(
                "{folder}/{}",
                path.file_name()?.to_string_lossy().into_owned()
            );
            let text = std::fs::read_to_string(&path).ok()?;
            Some((shown, text))
        })
        .filter(|(shown, _)| source::is_region_file(shown))
        .collect()
}

/// A region file whose `[region] code` is six digits but not a division of
/// GB/T 2260: the check of yanglao-core, the same the workbench runs.
pub use yanglao_core::source::unknown_region_codes;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_that_is_no_division_is_refused_with_its_line() {
        let files = vec![
            (
                "r/999999.toml".to_string(),
                "# a comment\n[region]\ncode = \"999999\"\nname = \"x\"\n".to_string(),
            ),
            (
                "r/110105.toml".to_string(),
                "[region]\ncode = \"110105\"\n".to_string(),
            ),
            // Not six digits, or not TOML: the loader says so, not this check.
            (
                "r/a.toml".to_string(),
                "[region]\ncode = \"1501\"\n".to_string(),
            ),
            ("r/b.toml".to_string(), "[region\n".to_string()),
            ("r/c.toml".to_string(), "[region]\ncode = 5\n".to_string()),
        ];
        let errors = unknown_region_codes(&files, RegionIndex::builtin());
        assert_eq!(errors.len(), 1, "{errors:?}");
        let shown = errors[0].to_string();
        assert!(
            shown.starts_with("r/999999.toml:3: region code: unknown region 999999"),
            "{shown}"
        );
    }
}
