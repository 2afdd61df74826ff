//! Clause coverage: the numbered clauses of the policy text the person
//! pasted, each with the services that cite it, so a clause with no service
//! (and no reason written for it) stands out; and each service's `quote`,
//! checked to be the text's own words.

use yanglao_core::Region;

/// One numbered clause of the policy text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// As the rule files cite it: "二、(一)4".
    pub id: String,
    /// 1-based line of the policy text.
    pub line: usize,
    /// Its first words.
    pub title: String,
    /// The ids of the services that cite it.
    pub services: Vec<String>,
}

/// What the coverage says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub clauses: Vec<Clause>,
    /// (service id, clause as cited) that name no clause found in the text.
    pub not_found: Vec<(String, String)>,
    /// Services whose `quote` is not in the text word for word.
    pub quote_not_in_text: Vec<String>,
}

const NUMERALS: &str = "一二三四五六七八九十百零〇";

/// "二、(一)4" written the one way: half-width brackets, no spaces.
pub fn normal(id: &str) -> String {
    id.chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '（' => '(',
            '）' => ')',
            '．' => '.',
            c => c,
        })
        .collect()
}

fn numeral_prefix(s: &str) -> usize {
    s.char_indices()
        .take_while(|(_, c)| NUMERALS.contains(*c))
        .last()
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn title_of(rest: &str) -> String {
    let rest = rest.trim();
    let end = rest
        .char_indices()
        .find(|(_, c)| matches!(c, '。' | '：' | ':'))
        .map_or(rest.len(), |(i, _)| i);
    rest[..end].chars().take(30).collect()
}

/// The numbered clauses of a policy text: 一、 (一) 1. and 第一条.
pub fn clauses(text: &str) -> Vec<(String, usize, String)> {
    let (mut part, mut section) = (String::new(), String::new());
    let mut out = Vec::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{3000}');
        let normal_line = normal(&line.chars().take(12).collect::<String>());
        // 第一条
        if let Some(rest) = line.strip_prefix('第') {
            let k = numeral_prefix(rest);
            if k > 0 && rest[k..].starts_with('条') {
                let id = format!("第{}条", &rest[..k]);
                out.push((id, n + 1, title_of(&rest[k + '条'.len_utf8()..])));
                continue;
            }
        }
        // 一、
        let k = numeral_prefix(line);
        if k > 0 && line[k..].starts_with('、') {
            part = format!("{}、", &line[..k]);
            section.clear();
            out.push((part.clone(), n + 1, title_of(&line[k + '、'.len_utf8()..])));
            continue;
        }
        // (一)
        if let Some(inner) = normal_line.strip_prefix('(') {
            let k = numeral_prefix(inner);
            if k > 0 && inner[k..].starts_with(')') {
                section = format!("({})", &inner[..k]);
                let skip = line
                    .char_indices()
                    .find(|(_, c)| matches!(c, ')' | '）'))
                    .map_or(line.len(), |(i, c)| i + c.len_utf8());
                out.push((format!("{part}{section}"), n + 1, title_of(&line[skip..])));
                continue;
            }
        }
        // 1. 1、 1．
        let digits = line.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && digits <= 3 {
            let rest = &line[digits..];
            if let Some(c) = rest
                .chars()
                .next()
                .filter(|c| matches!(c, '.' | '．' | '、'))
            {
                let id = format!("{part}{section}{}", &line[..digits]);
                out.push((id, n + 1, title_of(&rest[c.len_utf8()..])));
            }
        }
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Whether a quote is the text's own words: whitespace aside, and with a gap
/// written as … (its parts then found in order), as rules/en/check.py reads them.
fn quoted_in(text: &str, quote: &str) -> bool {
    let mut at = 0;
    for part in quote.split('…').map(squeeze).filter(|p| !p.is_empty()) {
        match text[at..].find(&part) {
            Some(i) => at += i + part.len(),
            None => return false,
        }
    }
    true
}

/// The coverage of `policy` (the text pasted) by the services of `region`.
pub fn coverage(policy: &str, region: &Region) -> Coverage {
    let mut clauses: Vec<Clause> = clauses(policy)
        .into_iter()
        .map(|(id, line, title)| Clause {
            id,
            line,
            title,
            services: Vec::new(),
        })
        .collect();
    let mut not_found = Vec::new();
    for s in &region.services {
        for cited in s.clause.split(['；', ';']) {
            let cited = normal(cited);
            if cited.is_empty() {
                continue;
            }
            match clauses.iter_mut().find(|c| normal(&c.id) == cited) {
                Some(c) => c.services.push(s.id.clone()),
                None => not_found.push((s.id.clone(), cited)),
            }
        }
    }
    let text = squeeze(policy);
    let quote_not_in_text = region
        .services
        .iter()
        .filter(|s| s.quote.as_deref().is_some_and(|q| !quoted_in(&text, q)))
        .map(|s| s.id.clone())
        .collect();
    Coverage {
        clauses,
        not_found,
        quote_not_in_text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_clauses_are_found_as_rule_files_cite_them() {
        let text = "关于养老服务的办法\n一、总体要求\n（一）指导思想。坚持……\n二、工作任务\n（一）建立机制\n1.制定清单。各县……\n2、综合评估\n(二) 服务\n3．探访关爱\n第十二条 本办法自印发之日起施行。\n";
        let ids: Vec<String> = clauses(text).into_iter().map(|(id, _, _)| id).collect();
        assert_eq!(
            ids,
            [
                "一、",
                "一、(一)",
                "二、",
                "二、(一)",
                "二、(一)1",
                "二、(一)2",
                "二、(二)",
                "二、(二)3",
                "第十二条"
            ]
        );
        let (_, line, title) = clauses(text).remove(4);
        assert_eq!((line, title.as_str()), (6, "制定清单"));
    }

    #[test]
    fn a_quote_may_leave_out_a_gap() {
        let text = squeeze("甲乙丙丁。戊己 庚辛。");
        assert!(quoted_in(&text, "乙丙……庚辛"));
        assert!(!quoted_in(&text, "庚辛……乙丙"));
        assert!(!quoted_in(&text, "乙丁"));
    }

    #[test]
    fn a_real_seed_is_covered_by_its_file() {
        let dir = env!("CARGO_MANIFEST_DIR");
        let Ok(seed) = std::fs::read_to_string(format!(
            "{dir}/../../../shared/seeds/000_5f0f3b68ad5e4413.txt"
        )) else {
            return; // the seeds sit beside the project, not in it
        };
        let file = crate::check::FileText {
            name: "410726.toml".into(),
            text: std::fs::read_to_string(format!("{dir}/../../rules/410726.toml")).unwrap(),
        };
        let checked = crate::check::check(&[file]);
        let rules = checked.rules.unwrap();
        let cov = coverage(&seed, rules.region("410726").unwrap());
        let cited = cov
            .clauses
            .iter()
            .filter(|c| !c.services.is_empty())
            .count();
        assert!(cited >= 9, "{cov:?}");
        assert!(cov.not_found.is_empty(), "{:?}", cov.not_found);
        assert!(
            cov.quote_not_in_text.is_empty(),
            "{:?}",
            cov.quote_not_in_text
        );
    }
}
