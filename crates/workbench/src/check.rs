//! Checking the files being edited, exactly as `yanglao rules check` does:
//! the same loader (yanglao_core::source), the same region-code check, the
//! same example cases (yanglao_core::cases). The shared files (the answers
//! vocabulary and the policy terms) are this build's own, unless the person
//! opened their own copy of one.

use std::rc::Rc;
use yanglao_core::regions::RegionIndex;
use yanglao_core::source::{self, RuleError};
use yanglao_core::RuleSet;

/// The shared files every region file is read with, as `rules/` holds them.
pub const SHARED: [(&str, &str); 2] = [
    (
        "rules/vocabulary.toml",
        include_str!("../../../rules/vocabulary.toml"),
    ),
    (
        "rules/terms.toml",
        include_str!("../../../rules/terms.toml"),
    ),
];

/// A file bigger than this is not read: a county's list is a few dozen KB,
/// and reading megabytes would hold up the page. The text is kept as it is.
pub const MAX_FILE_BYTES: usize = 1 << 20;

/// One file being edited.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileText {
    /// The name it was opened or will be downloaded as ("410727.toml").
    pub name: String,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    /// `rules check` refuses the file.
    Error,
    /// An example case whose result is not what the file says.
    Case,
    /// Advice: `rules check` accepts the file.
    Warning,
}

/// One thing said about the files, at a place in one of them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// The file's name as the tabs show it ([`file_name`]).
    pub file: String,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based, in characters; 0 when not known.
    pub column: usize,
    /// Plain Chinese.
    pub text: String,
    pub severity: Severity,
}

/// What checking the files found.
#[derive(Clone, Debug, Default)]
pub struct Checked {
    pub problems: Vec<Problem>,
    /// The rules as the preview runs them, when the files could be read.
    /// (Too few example cases does not stop the preview: cases are made there.)
    pub rules: Option<Rc<RuleSet>>,
    pub cases_ran: usize,
    /// `yanglao rules check` would accept these files as they are.
    pub passes: bool,
}

/// Two checks are the same when they say the same about the same rules
/// (the rules compared by identity: each check reads them afresh).
impl PartialEq for Checked {
    fn eq(&self, other: &Self) -> bool {
        self.problems == other.problems
            && self.cases_ran == other.cases_ran
            && self.passes == other.passes
            && match (&self.rules, &other.rules) {
                (Some(a), Some(b)) => Rc::ptr_eq(a, b),
                (None, None) => true,
                _ => false,
            }
    }
}

impl Checked {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }
    pub fn count(&self, severity: Severity) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == severity)
            .count()
    }
}

/// The name a file is read under: the loader wants a region file named by
/// its code, so a file whose `[region]` gives a code is read as `CODE.toml`
/// (and downloaded so), whatever it was called when opened.
pub fn file_name(file: &FileText) -> String {
    match region_code(&file.text) {
        Some(code) => format!("{code}.toml"),
        None => file.name.clone(),
    }
}

/// The six-digit `code` of a file's `[region]` table, read leniently (the
/// file may not parse yet).
pub fn region_code(text: &str) -> Option<String> {
    let mut in_region = false;
    for line in text.lines().take(400) {
        let line = line.trim();
        if line.starts_with('[') {
            in_region = line == "[region]";
            continue;
        }
        if !in_region {
            continue;
        }
        let Some(rest) = line.strip_prefix("code") else {
            continue;
        };
        let value = rest.trim_start().strip_prefix('=')?.trim();
        let value = value.split('#').next()?.trim().trim_matches('"');
        if value.len() == 6 && value.bytes().all(|b| b.is_ascii_digit()) {
            return Some(value.to_string());
        }
        return None;
    }
    None
}

/// The files as the loader takes them: (shown name, text), shared files first.
fn loader_input(files: &[FileText]) -> Vec<(String, String)> {
    let mut input: Vec<(String, String)> = SHARED
        .iter()
        // A person's own copy of a shared file replaces this build's.
        .filter(|(shared, _)| {
            !files
                .iter()
                .any(|f| shown_file(&f.name) == shown_file(shared))
        })
        .map(|(n, t)| (n.to_string(), t.to_string()))
        .collect();
    for f in files {
        input.push((format!("rules/{}", file_name(f)), f.text.clone()));
    }
    input
}

/// The last part of a path.
fn shown_file(name: &str) -> &str {
    name.rsplit('/').next().unwrap_or(name)
}

fn problem(e: &RuleError, severity: Severity) -> Problem {
    // The loader names files "rules/CODE.toml", as the tabs and the download do.
    let file = shown_file(&e.file).to_string();
    Problem {
        file,
        line: e.line,
        column: e.column,
        text: e.zh.clone(),
        severity,
    }
}

/// Checks the files: what `yanglao rules check` would say, in plain Chinese,
/// and the rules for the preview.
pub fn check(files: &[FileText]) -> Checked {
    let mut checked = Checked::default();
    for f in files {
        if f.text.len() > MAX_FILE_BYTES {
            checked.problems.push(Problem {
                file: file_name(f),
                line: 0,
                column: 0,
                text: format!(
                    "这个文件有 {:.1} MB，太大了，没有检查（一个地方的清单通常不到 0.1 MB）。请看看是不是粘贴错了内容；文字都还在，没有丢。",
                    f.text.len() as f64 / 1_048_576.0
                ),
                severity: Severity::Error,
            });
        }
    }
    if !checked.problems.is_empty() {
        return checked;
    }
    if files
        .iter()
        .all(|f| !source::is_region_file(&f.name) || f.text.trim().is_empty())
    {
        checked.problems.push(Problem {
            file: files.first().map(file_name).unwrap_or_default(),
            line: 0,
            column: 0,
            text: "还没有内容。可以点“新建”从样板开始写，或者打开、粘贴一个规则文件。".into(),
            severity: Severity::Error,
        });
        return checked;
    }
    let input = loader_input(files);
    let index = RegionIndex::builtin();
    match source::load_files_draft(&input, index) {
        Err(errors) => {
            checked.problems = errors.iter().map(|e| problem(e, Severity::Error)).collect();
        }
        Ok(draft) => {
            let loaded = draft.loaded;
            checked
                .problems
                .extend(draft.unfinished.iter().map(|e| problem(e, Severity::Error)));
            checked.problems.extend(
                loaded
                    .warnings
                    .iter()
                    .map(|e| problem(e, Severity::Warning)),
            );
            let (ran, failures) = yanglao_core::cases::run_all(&loaded.rules);
            checked.cases_ran = ran;
            for f in &failures {
                let (file, line) = split_at(&f.at);
                checked.problems.push(problem(
                    &RuleError {
                        file,
                        line,
                        column: 0,
                        message: f.message.clone(),
                        zh: format!("例子（服务 {}）：{}", f.service, f.zh),
                    },
                    Severity::Case,
                ));
            }
            checked.passes = draft.unfinished.is_empty() && failures.is_empty();
            checked.rules = Some(Rc::new(loaded.rules));
        }
    }
    checked
}

/// "rules/150104.toml:88" → ("rules/150104.toml", 88).
fn split_at(at: &str) -> (String, usize) {
    match at.rsplit_once(':') {
        Some((file, line)) => match line.parse() {
            Ok(n) => (file.to_string(), n),
            Err(_) => (at.to_string(), 0),
        },
        None => (at.to_string(), 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn real(code: &str) -> FileText {
        let path = format!("{}/../../rules/{code}.toml", env!("CARGO_MANIFEST_DIR"));
        FileText {
            name: format!("{code}.toml"),
            text: std::fs::read_to_string(path).unwrap(),
        }
    }

    #[test]
    fn a_real_file_passes_as_rules_check_says() {
        let checked = check(&[real("410726")]);
        assert_eq!(checked.errors(), 0, "{:?}", checked.problems);
        assert!(checked.passes);
        assert!(checked.cases_ran > 10);
        assert!(checked.rules.is_some());
    }

    #[test]
    fn region_code_is_read_before_the_file_parses() {
        assert_eq!(
            region_code("# x\n[region]\ncode = \"410727\" # 封丘县\nname = \n"),
            Some("410727".into())
        );
        assert_eq!(region_code("[documents]\ncode = \"410727\"\n"), None);
        assert_eq!(region_code("[region]\ncode = \"41\"\n"), None);
    }

    #[test]
    fn an_error_is_in_chinese_at_its_line_and_column_in_the_persons_file() {
        let mut file = real("410726");
        file.name = "我的文件.toml".into();
        file.text = file.text.replacen("age >= 60\n", "agee >= 60\n", 1);
        let checked = check(&[file.clone()]);
        let p = checked
            .problems
            .iter()
            .find(|p| p.severity == Severity::Error)
            .expect("an error");
        // Read, shown and downloaded by its region code.
        assert_eq!(p.file, "410726.toml");
        let line = file
            .text
            .lines()
            .position(|l| l.starts_with("agee"))
            .unwrap()
            + 1;
        assert_eq!((p.line, p.column), (line, 1), "{p:?}");
        assert!(p.text.contains("agee"), "{}", p.text);
        assert!(!checked.passes);
        assert!(checked.rules.is_none());
    }

    #[test]
    fn a_huge_paste_is_refused_and_kept() {
        let text = "x".repeat(5 * 1024 * 1024);
        let checked = check(&[FileText {
            name: "粘贴.toml".into(),
            text,
        }]);
        assert_eq!(checked.errors(), 1);
        assert!(checked.problems[0].text.contains("5.0 MB"));
    }

    #[test]
    fn binary_junk_is_an_error_not_a_crash() {
        let text: String = (0u32..4000)
            .filter_map(|i| char::from_u32((i * 7919) % 0x2FFF))
            .collect();
        let checked = check(&[FileText {
            name: "junk.toml".into(),
            text,
        }]);
        assert!(checked.errors() >= 1);
        assert!(!checked.passes);
    }
}
