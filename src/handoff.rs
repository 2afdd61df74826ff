//! The hand-off link: the answers (and nothing else) in the URL fragment, so a
//! check begun at a kiosk continues on a phone with no server involved, and a
//! reload or the browser's Back and Forward buttons come back to the same
//! place. The fragment never leaves the browser: it is not sent with page
//! requests.
//!
//! Format (version 2), fields separated by dots:
//!
//! ```text
//! y2.<rules>.<region>.<who>.<screen>.<answers>.<check>
//! y2.k3f9a0.150104.f.r.age=72~living=alone~ability=x.1x9c2
//! ```
//!
//! - `rules`: a fingerprint of the rules the link was made with. A link from
//!   older rules still opens (answers are facts, and the contract keeps their
//!   meaning), with a note that the results follow the rules in force now.
//! - `who`: `s` (for oneself) or `f` (for a family member).
//! - `screen`: `r` for the results, `q` for the questions still being answered.
//! - `answers`: the questions answered, in order, `~`-separated, each
//!   `key=value` with the contract's answer keys: a number, `y`/`n` for
//!   yes/no, the value's key (`alone`), or `x` for 不知道; `age=b19440315` is
//!   a birth date given for the age. Keys, not positions: the vocabulary can grow.
//! - `check`: a checksum of everything before it, so a damaged or edited link
//!   is refused whole; it never shows partial, wrong results.
//!
//! Version 1 links (`y1.…`, a letter per fact in the vocabulary's order of
//! the time) still open, on the results.

use crate::questions::Who;
use yanglao_core::facts::FactType;
use yanglao_core::{Answers, Date, Fact};

const VERSION: &str = "y2";

/// What a hand-off link restores.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Restored {
    pub region: String,
    pub who: Who,
    /// The questions answered, in order, with their answers (None = 不知道).
    pub path: Vec<(Fact, Option<i32>)>,
    pub birth_date: Option<Date>,
    /// The link was made with other rules than these.
    pub rules_changed: bool,
    /// The link was made on the results page (every hand-off link is).
    pub at_results: bool,
}

/// Why a link could not be opened (for the log; people see one kind note).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LinkError(pub String);

/// FNV-1a, 32 bits: small and enough to tell a damaged link.
fn fnv(bytes: &[u8]) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in bytes {
        h ^= u32::from(*b);
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

fn base36(mut n: u32) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A link body with its checksum appended (what `encode` ends with).
pub fn seal(body: &str) -> String {
    format!("{body}.{}", base36(fnv(body.as_bytes())))
}

/// The fingerprint of a rule set as embedded (its compiled bytes).
pub fn rules_fingerprint(bytes: &[u8]) -> String {
    base36(fnv(bytes))
}

fn is_bool(fact: Fact) -> bool {
    matches!(fact.info().ty, FactType::Bool)
}

/// A value as the link writes it.
fn value_text(fact: Fact, value: Option<i32>) -> String {
    match (value, &fact.info().ty) {
        (None, _) => "x".to_string(),
        (Some(v), FactType::Bool) => (if v != 0 { "y" } else { "n" }).to_string(),
        (Some(v), FactType::Enum { values, .. }) => values
            .get(v as usize)
            .cloned()
            .unwrap_or_else(|| "x".to_string()),
        (Some(v), FactType::Int { .. }) => v.to_string(),
    }
}

/// Reads one value of a fact as the link writes it.
fn read_value(fact: Fact, text: &str) -> Option<Option<i32>> {
    if text == "x" {
        return Some(None);
    }
    match &fact.info().ty {
        FactType::Bool => match text {
            "y" => Some(Some(1)),
            "n" => Some(Some(0)),
            _ => None,
        },
        FactType::Enum { .. } => fact.choice_index(text).map(Some),
        FactType::Int { min, max } => {
            if text.is_empty() || text.len() > 3 || !text.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let v: i32 = text.parse().ok()?;
            (*min..=*max).contains(&v).then_some(Some(v))
        }
    }
}

/// The fragment (without `#`) for the answers on a path; `at_results` says
/// which screen it opens on.
pub fn encode(
    rules: &str,
    region: &str,
    who: Who,
    path: &[Fact],
    answers: &Answers,
    birth_date: Option<Date>,
    at_results: bool,
) -> String {
    let items: Vec<String> = path
        .iter()
        .map(|&fact| match birth_date.filter(|_| fact.is_birth()) {
            Some(b) => format!(
                "{}=b{:04}{:02}{:02}",
                fact.key(),
                b.year(),
                b.month(),
                b.day()
            ),
            None => format!("{}={}", fact.key(), value_text(fact, answers.get(fact))),
        })
        .collect();
    let who = match who {
        Who::Myself => "s",
        Who::Family => "f",
    };
    let screen = if at_results { "r" } else { "q" };
    seal(&format!(
        "{VERSION}.{rules}.{region}.{who}.{screen}.{}",
        items.join("~")
    ))
}

/// A birth date written `YYYYMMDD` in a link, checked against today.
fn read_birth(digits: &str, today: Date) -> Result<Date, LinkError> {
    if digits.len() != 8 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(LinkError("birth date is not 8 digits".into()));
    }
    let date = Date::parse(&format!(
        "{}-{}-{}",
        &digits[..4],
        &digits[4..6],
        &digits[6..]
    ))
    .map_err(|e| LinkError(format!("birth date: {e}")))?;
    // The age it gives must be one the questions accept (fuzzing found
    // a link with a birth date in 1150 that passed the date checks).
    let oldest = Fact::birth()
        .map(|age| age.bounds().1)
        .ok_or_else(|| LinkError("a birth date, but no fact takes one".into()))?;
    if date > today || date.full_years_on(today) > oldest {
        return Err(LinkError(format!(
            "birth date in the future or more than {oldest} years ago"
        )));
    }
    Ok(date)
}

/// The fragment for a region chosen before anyone said who is asking: `r.410726`.
pub fn encode_region(region: &str) -> String {
    format!("r.{region}")
}

/// The region of a fragment written by [`encode_region`].
pub fn decode_region(fragment: &str) -> Option<String> {
    let code = fragment.trim_start_matches('#').strip_prefix("r.")?;
    (code.len() == 6 && code.bytes().all(|b| b.is_ascii_digit())).then(|| code.to_string())
}

/// A hand-off link as read before the region's pack arrives: checked
/// whole (its checksum, version and fields), its answers still as text —
/// their facts are the vocabulary's, which comes with the pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub region: String,
    pub who: Who,
    pub at_results: bool,
    made_with: String,
    /// 1 or 2.
    version: u8,
    items: String,
}

/// Reads a fragment (with or without `#`) as far as it can be read without
/// the vocabulary. All or nothing: any fault refuses the link.
pub fn peek(fragment: &str) -> Result<Link, LinkError> {
    let err = |m: &str| Err(LinkError(m.to_string()));
    let fragment = fragment.trim_start_matches('#');
    // Links pass through chat apps and QR readers: percent-encoding is undone
    // only for the characters the format uses.
    let fragment = fragment
        .replace("%2E", ".")
        .replace("%2e", ".")
        .replace("%7E", "~")
        .replace("%7e", "~")
        .replace("%3D", "=")
        .replace("%3d", "=");
    let Some((body, check)) = fragment.rsplit_once('.') else {
        return err("no checksum");
    };
    if base36(fnv(body.as_bytes())) != check {
        return err("checksum does not match: damaged or edited");
    }
    let parts: Vec<&str> = body.split('.').collect();
    let (version, made_with, region, who, at_results, items) = match parts[..] {
        ["y2", made_with, region, who, screen, items] => {
            let at_results = match screen {
                "r" => true,
                "q" => false,
                _ => return err("screen is neither r nor q"),
            };
            (2, made_with, region, who, at_results, items)
        }
        ["y1", made_with, region, who, items] => (1, made_with, region, who, true, items),
        [version, ..] if version != "y1" && version != "y2" => return err("unknown link version"),
        _ => return err("wrong number of fields"),
    };
    if region.len() != 6 || !region.bytes().all(|b| b.is_ascii_digit()) {
        return err("region is not 6 digits");
    }
    let who = match who {
        "s" => Who::Myself,
        "f" => Who::Family,
        _ => return err("who is neither s nor f"),
    };
    Ok(Link {
        region: region.to_string(),
        who,
        at_results,
        made_with: made_with.to_string(),
        version,
        items: items.to_string(),
    })
}

impl Link {
    /// Reads the answers with the current vocabulary. Whether the region is a
    /// real division is checked with its pack (an unknown one opens the
    /// picker with a note).
    pub fn read(&self, rules_now: &str, today: Date) -> Result<Restored, LinkError> {
        let (path, birth_date) = match self.version {
            1 => read_items_v1(&self.items, today)?,
            _ => read_items_v2(&self.items, today)?,
        };
        let mut answers = Answers::new();
        for &(fact, value) in &path {
            answers.set(fact, value).map_err(|e| LinkError(e.0))?;
        }
        answers
            .check_consistent()
            .map_err(|e| LinkError(format!("answers contradict each other: {}", e.0)))?;
        Ok(Restored {
            region: self.region.clone(),
            who: self.who,
            path,
            birth_date,
            rules_changed: self.made_with != rules_now,
            at_results: self.at_results,
        })
    }
}

/// Reads a fragment whole: [`peek`], then [`Link::read`].
pub fn decode(fragment: &str, rules_now: &str, today: Date) -> Result<Restored, LinkError> {
    peek(fragment)?.read(rules_now, today)
}

type Items = (Vec<(Fact, Option<i32>)>, Option<Date>);

/// Version 2: `key=value` pairs.
fn read_items_v2(items: &str, today: Date) -> Result<Items, LinkError> {
    let mut path: Vec<(Fact, Option<i32>)> = Vec::new();
    let mut birth = None;
    for item in items.split('~').filter(|i| !i.is_empty()) {
        let Some((key, value)) = item.split_once('=') else {
            return Err(LinkError("an answer without `=`".into()));
        };
        let Some(fact) = Fact::from_key(key) else {
            return Err(LinkError("unknown answer key".into()));
        };
        if path.iter().any(|(f, _)| *f == fact) {
            return Err(LinkError("a fact given twice".into()));
        }
        if let (true, Some(digits)) = (fact.is_birth(), value.strip_prefix('b')) {
            birth = Some(read_birth(digits, today)?);
            path.push((fact, None));
            continue;
        }
        let Some(value) = read_value(fact, value) else {
            return Err(LinkError("a value that does not fit its fact".into()));
        };
        path.push((fact, value));
    }
    Ok((path, birth))
}

/// The facts of version 1, by letter (`a` = age … `o`): the vocabulary as it
/// was then, fixed here so that growing the vocabulary never changes them.
const V1_FACTS: [&str; 15] = [
    "age",
    "lives_in_region",
    "economic",
    "ability",
    "dementia",
    "disability_grade",
    "disability_kind",
    "living",
    "fp_family",
    "fp_special_support",
    "contributor",
    "military_priority",
    "no_supporter",
    "ltc_insurance",
    "institution_subsidy",
];

/// Version 1: a letter per fact, then a number, `y`/`n` or `x`; `z` and 8 digits a birth date.
fn read_items_v1(items: &str, today: Date) -> Result<Items, LinkError> {
    let err = |m: &str| Err(LinkError(m.to_string()));
    let mut path: Vec<(Fact, Option<i32>)> = Vec::new();
    let mut birth = None;
    for item in items.split('_').filter(|i| !i.is_empty()) {
        let mut chars = item.chars();
        let first = chars.next().unwrap_or('?');
        let rest = chars.as_str();
        if first == 'z' {
            let date = read_birth(rest, today)?;
            let Some(age) = Fact::from_key(V1_FACTS[0]) else {
                return err("no age fact");
            };
            if path.iter().any(|(f, _)| *f == age) {
                return err("age given twice");
            }
            birth = Some(date);
            path.push((age, None));
            continue;
        }
        let fact = (first as u32)
            .checked_sub('a' as u32)
            .and_then(|i| V1_FACTS.get(i as usize))
            .and_then(|key| Fact::from_key(key));
        let Some(fact) = fact else {
            return err("unknown fact letter");
        };
        if path.iter().any(|(f, _)| *f == fact) {
            return err("a fact given twice");
        }
        let value = match rest {
            "x" => None,
            "y" if is_bool(fact) => Some(1),
            "n" if is_bool(fact) => Some(0),
            digits
                if !digits.is_empty()
                    && digits.len() <= 3
                    && digits.bytes().all(|b| b.is_ascii_digit())
                    && !is_bool(fact) =>
            {
                let v = digits
                    .parse::<i32>()
                    .map_err(|_| LinkError("bad number".into()))?;
                let (lo, hi) = fact.bounds();
                if v < lo || v > hi {
                    return err("a value out of range");
                }
                Some(v)
            }
            _ => return err("a value that does not fit its fact"),
        };
        path.push((fact, value));
    }
    Ok((path, birth))
}

#[cfg(all(test, feature = "embedded-rules"))]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 22).unwrap()
    }

    fn sample() -> String {
        let mut a = Answers::new();
        a.set(Fact::named("age"), Some(72)).unwrap();
        a.set(Fact::named("living"), Some(0)).unwrap();
        a.set(Fact::named("ltc_insurance"), Some(0)).unwrap();
        encode(
            "abc",
            "150104",
            Who::Family,
            &[
                Fact::named("age"),
                Fact::named("living"),
                Fact::named("ability"),
                Fact::named("ltc_insurance"),
            ],
            &a,
            None,
            true,
        )
    }

    #[test]
    fn a_link_restores_exactly_what_was_answered() {
        crate::rules::vocabulary();
        let link = sample();
        let r = decode(&link, "abc", today()).unwrap();
        assert_eq!(r.region, "150104");
        assert_eq!(r.who, Who::Family);
        assert_eq!(
            r.path,
            vec![
                (Fact::named("age"), Some(72)),
                (Fact::named("living"), Some(0)),
                (Fact::named("ability"), None),
                (Fact::named("ltc_insurance"), Some(0)),
            ]
        );
        assert!(!r.rules_changed);
        assert!(decode(&link, "other", today()).unwrap().rules_changed);
    }

    #[test]
    fn a_birth_date_round_trips() {
        crate::rules::vocabulary();
        let birth = Date::new(1950, 3, 1).unwrap();
        let link = encode(
            "abc",
            "410726",
            Who::Myself,
            &[Fact::named("age")],
            &Answers::new(),
            Some(birth),
            false,
        );
        let r = decode(&format!("#{link}"), "abc", today()).unwrap();
        assert_eq!(r.birth_date, Some(birth));
        assert_eq!(r.path, vec![(Fact::named("age"), None)]);
        assert!(
            !r.at_results,
            "made while the questions were still being answered"
        );
    }

    #[test]
    fn links_name_facts_by_key_and_version_1_links_still_open() {
        crate::rules::vocabulary();
        let link = sample();
        assert!(
            link.contains("age=72~living=alone~ability=x~ltc_insurance=n"),
            "{link}"
        );
        // A link made by the first version: a letter per fact.
        let body = "y1.abc.150104.f.a72_by_c2_d2_h0_nn";
        let old = format!("{body}.{}", base36(fnv(body.as_bytes())));
        let r = decode(&old, "abc", today()).unwrap();
        assert!(r.at_results);
        assert_eq!(
            r.path,
            vec![
                (Fact::named("age"), Some(72)),
                (Fact::named("lives_in_region"), Some(1)),
                (Fact::named("economic"), Some(2)),
                (Fact::named("ability"), Some(2)),
                (Fact::named("living"), Some(0)),
                (Fact::named("ltc_insurance"), Some(0)),
            ]
        );
    }

    #[test]
    fn a_link_with_contradicting_answers_is_refused() {
        crate::rules::vocabulary();
        let body = "y2.abc.410726.f.r.age=80~economic=tekun_scattered~no_supporter=n";
        let sealed = format!("{body}.{}", base36(fnv(body.as_bytes())));
        assert!(decode(&sealed, "abc", today()).is_err());
    }

    #[test]
    fn damaged_truncated_or_edited_links_are_refused_whole() {
        crate::rules::vocabulary();
        let link = sample();
        let mut bad = vec![
            String::new(),
            "#".to_string(),
            link[..link.len() - 3].to_string(),
            link[..10].to_string(),
            link.replace("age=72", "age=73"),
            link.replace("150104", "150105"),
            format!("{link}x"),
            "y2.abc.150104.f.r.age=72.zzz".to_string(),
        ];
        // Edited by hand *with* a recomputed checksum: still checked value by value.
        for body in [
            "y1.abc.150104.f.a200",
            "y1.abc.150104.f.hy",
            "y1.abc.150104.f.a72_a73",
            "y1.abc.150104.q.a72",
            "y1.abc.15010.f.a72",
            "y1.abc.150104.f.z20300101",
            "y1.abc.150104.f.p1",
            "y1.abc.150104.f.c9",
            // Found by fuzzing: an age of 876 from a birth date in 1150.
            "y1.abc.410726.s.z11500602_ln_fx",
            "y2.abc.150104.f.r.age=200",
            "y2.abc.150104.f.r.living=north",
            "y2.abc.150104.f.r.agee=72",
            "y2.abc.150104.f.r.age=72~age=73",
            "y2.abc.150104.f.x.age=72",
            "y2.abc.150104.f.r.age",
            "y2.abc.150104.f.r.dementia=1",
            "y2.abc.150104.f.r.age=b20300101",
            "y3.abc.150104.f.r.age=72",
        ] {
            bad.push(format!("{body}.{}", base36(fnv(body.as_bytes()))));
        }
        for b in bad {
            assert!(decode(&b, "abc", today()).is_err(), "{b:?} was accepted");
        }
    }
}
