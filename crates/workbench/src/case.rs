//! A person tried in the preview, saved as example cases
//! ("这个结果对，存为例子"): one `[[services.cases]]` for each service of the
//! file's own region, with the result the engine gave, written into that
//! service's part of the file.

use yanglao_core::eval::Plan;
use yanglao_core::{Answers, Date, Fact, RuleSet, Status};

/// One case to write, for one service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCase {
    pub service: String,
    /// The service's name, to say what was saved.
    pub name: String,
    pub status: Status,
    /// The `[[services.cases]]` table, ending in a newline.
    pub text: String,
}

/// The answers as a case writes them: the facts given, with the age on the
/// case's date where a birth date was given (what follows from other
/// answers is left to the engine, as in a hand-written case).
pub fn answers_table(answers: &Answers, date: Date) -> String {
    let mut parts = Vec::new();
    for fact in Fact::all() {
        let value = match (fact.is_birth(), answers.birth_date()) {
            (true, Some(birth)) if birth <= date => Some(birth.full_years_on(date)),
            _ => answers.get(fact),
        };
        if let Some(v) = value {
            parts.push(format!("{} = {}", fact.key(), fact.value_key(v)));
        }
    }
    if parts.is_empty() {
        "{}".into()
    } else {
        format!("{{ {} }}", parts.join(", "))
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The cases a previewed person makes for the services of `region` (the
/// file's own region), with the results the engine gives on `date`.
pub fn cases_for(
    rules: &RuleSet,
    region: &str,
    preview_region: &str,
    date: Date,
    answers: &Answers,
    note: &str,
) -> Result<Vec<NewCase>, String> {
    let plan = Plan::new(rules, preview_region).map_err(|e| e.0)?;
    let evaluation = plan
        .evaluate(date, answers)
        .map_err(|e| format!("这组回答算不出结果：{}", e.0))?;
    let table = answers_table(answers, date);
    let note = if note.trim().is_empty() {
        "在工作台预览里存的例子".to_string()
    } else {
        note.trim().to_string()
    };
    Ok(evaluation
        .outcomes
        .iter()
        .filter(|o| o.region.code == region)
        .map(|o| {
            let mut text = format!(
                "[[services.cases]]\ndate = \"{date}\"\nanswers = {table}\nstatus = \"{}\"\n",
                o.status.key()
            );
            if o.status == Status::Maybe && !o.missing.is_empty() {
                let keys: Vec<String> = o.missing.iter().map(|f| quoted(f.key())).collect();
                text.push_str(&format!("missing = [{}]\n", keys.join(", ")));
            }
            text.push_str(&format!("note = {}\n", quoted(&note)));
            NewCase {
                service: o.service.id.clone(),
                name: o.service.name.clone(),
                status: o.status,
                text,
            }
        })
        .collect())
}

/// The text with `case` written at the end of service `id`'s part (after its
/// last line, before the comments that head the next service).
pub fn insert(text: &str, id: &str, case: &str) -> Result<String, String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_service_header = |l: &str| l.trim() == "[[services]]";
    let id_line = |l: &str| {
        let l = l.trim();
        l.strip_prefix("id")
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('='))
            .map(|r| r.split('#').next().unwrap_or("").trim().trim_matches('"') == id)
            .unwrap_or(false)
    };
    let mut start = None;
    for (i, l) in lines.iter().enumerate() {
        if is_service_header(l) {
            // The id is written in the table's own lines, before any sub-table.
            let found = lines[i + 1..]
                .iter()
                .take_while(|l| !l.trim_start().starts_with('['))
                .any(|l| id_line(l));
            if found {
                start = Some(i);
                break;
            }
        }
    }
    let start = start.ok_or_else(|| format!("文件里找不到服务 {id} 的 [[services]] 段落"))?;
    let next = (start + 1..lines.len())
        .find(|&i| is_service_header(lines[i]))
        .unwrap_or(lines.len());
    // Step back over the blank lines and comments that open the next service.
    let mut end = next;
    while end > start + 1 {
        let l = lines[end - 1].trim();
        if l.is_empty() || l.starts_with('#') {
            end -= 1;
        } else {
            break;
        }
    }
    let mut out = String::with_capacity(text.len() + case.len() + 2);
    for l in &lines[..end] {
        out.push_str(l);
    }
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out.push('\n');
    out.push_str(case);
    // The blank line before the next service's comments is still there.
    if end < lines.len() && !lines[end].trim().is_empty() {
        out.push('\n');
    }
    for l in &lines[end..] {
        out.push_str(l);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check, FileText};

    fn yanjin() -> FileText {
        let path = format!("{}/../../rules/410726.toml", env!("CARGO_MANIFEST_DIR"));
        FileText {
            name: "410726.toml".into(),
            text: std::fs::read_to_string(path).unwrap(),
        }
    }

    #[test]
    fn a_previewed_person_becomes_passing_cases_in_each_service() {
        let file = yanjin();
        let checked = check(std::slice::from_ref(&file));
        let rules = checked.rules.clone().unwrap();
        let date = Date::new(2026, 12, 2).unwrap();
        let mut answers = Answers::new();
        answers.set_birth_date(Some(Date::new(1944, 3, 1).unwrap()));
        answers
            .set(
                Fact::named("economic"),
                Fact::named("economic").choice_index("dibao"),
            )
            .unwrap();
        let cases = cases_for(&rules, "410726", "410726", date, &answers, "82岁低保").unwrap();
        assert_eq!(cases.len(), rules.region("410726").unwrap().services.len());
        assert!(
            cases[0]
                .text
                .contains("answers = { age = 82, economic = \"dibao\" }"),
            "{}",
            cases[0].text
        );
        let mut text = file.text.clone();
        for c in &cases {
            text = insert(&text, &c.service, &c.text).unwrap();
        }
        let again = check(&[FileText {
            name: file.name.clone(),
            text: text.clone(),
        }]);
        assert!(again.passes, "{:?}", again.problems);
        let cases_in = |rules: &RuleSet| -> usize {
            let region = rules.region("410726").unwrap();
            region.services.iter().map(|s| s.cases.len()).sum()
        };
        let before = cases_in(&rules);
        assert_eq!(again.cases_ran, checked.cases_ran + cases.len());
        let after = cases_in(&again.rules.unwrap());
        assert_eq!(after, before + cases.len());
    }

    #[test]
    fn a_case_goes_at_the_end_of_its_service_before_the_next_services_comments() {
        let text = "[[services]]\nid = \"a\"\n\n[[services.cases]]\nx = 1\n\n# 二、下一项\n[[services]]\nid = \"b\"\n";
        let out = insert(text, "a", "[[services.cases]]\nnew = 1\n").unwrap();
        assert_eq!(
            out,
            "[[services]]\nid = \"a\"\n\n[[services.cases]]\nx = 1\n\n[[services.cases]]\nnew = 1\n\n# 二、下一项\n[[services]]\nid = \"b\"\n"
        );
        let last = insert(text, "b", "[[services.cases]]\nnew = 2\n").unwrap();
        assert!(
            last.ends_with("id = \"b\"\n\n[[services.cases]]\nnew = 2\n"),
            "{last}"
        );
        assert!(insert(text, "c", "").is_err());
    }

    #[test]
    fn notes_are_quoted_safely() {
        assert_eq!(quoted("a\"b\\c\nd\u{0}"), "\"a\\\"b\\\\c d\"");
    }
}
