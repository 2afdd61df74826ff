//! The hand-off link: the answers (and nothing else) in the URL fragment, so a
//! check begun at a kiosk continues on a phone with no server involved. The
//! fragment never leaves the browser: it is not sent with page requests.
//!
//! Format (version 1), fields separated by dots:
//!
//! ```text
//! y1.<rules>.<region>.<who>.<answers>.<check>
//! y1.k3f9a0.150104.f.a72_hy_d2_b0.1x9c2
//! ```
//!
//! - `rules`: a fingerprint of the rules the link was made with. A link from
//!   older rules still opens (answers are facts, and the contract keeps their
//!   meaning), with a note that the results follow the rules in force now.
//! - `who`: `s` (for oneself) or `f` (for a family member).
//! - `answers`: the questions answered, in order, `_`-separated: a letter per
//!   fact (`a` = age … `o`, in the contract's order), then the value (a
//!   number, `y`/`n` for yes/no, `x` for 不知道); `z` and 8 digits is a
//!   birth date given for the age.
//! - `check`: a checksum of everything before it, so a damaged or edited link
//!   is refused whole; it never shows partial, wrong results.

use crate::questions::Who;
use yanglao_core::facts::FactType;
use yanglao_core::{Answers, Date, Fact, RuleSet};

const VERSION: &str = "y1";

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

fn letter(fact: Fact) -> char {
    char::from(b'a' + fact.index() as u8)
}

fn fact_of(letter: char) -> Option<Fact> {
    let i = (letter as u32).checked_sub('a' as u32)? as usize;
    Fact::ALL.get(i).copied()
}

fn is_bool(fact: Fact) -> bool {
    matches!(fact.info().ty, FactType::Bool { .. })
}

/// The fragment (without `#`) for the answers on a path.
pub fn encode(
    rules: &str,
    region: &str,
    who: Who,
    path: &[Fact],
    answers: &Answers,
    birth_date: Option<Date>,
) -> String {
    let items: Vec<String> = path
        .iter()
        .map(|&fact| {
            if fact == Fact::Age {
                if let Some(b) = birth_date {
                    return format!("z{:04}{:02}{:02}", b.year(), b.month(), b.day());
                }
            }
            let value = match answers.get(fact) {
                None => "x".to_string(),
                Some(v) if is_bool(fact) => (if v != 0 { "y" } else { "n" }).to_string(),
                Some(v) => v.to_string(),
            };
            format!("{}{value}", letter(fact))
        })
        .collect();
    let who = match who {
        Who::Myself => "s",
        Who::Family => "f",
    };
    seal(&format!(
        "{VERSION}.{rules}.{region}.{who}.{}",
        items.join("_")
    ))
}

/// Reads a fragment (with or without `#`). All or nothing: any fault refuses the link.
pub fn decode(
    fragment: &str,
    rules_now: &str,
    rules: &RuleSet,
    today: Date,
) -> Result<Restored, LinkError> {
    let err = |m: &str| Err(LinkError(m.to_string()));
    let fragment = fragment.trim_start_matches('#');
    // Links pass through chat apps and QR readers: percent-encoding is undone only for dots.
    let fragment = fragment.replace("%2E", ".").replace("%2e", ".");
    let Some((body, check)) = fragment.rsplit_once('.') else {
        return err("no checksum");
    };
    if base36(fnv(body.as_bytes())) != check {
        return err("checksum does not match: damaged or edited");
    }
    let parts: Vec<&str> = body.split('.').collect();
    let [version, made_with, region, who, items] = parts[..] else {
        return err("wrong number of fields");
    };
    if version != VERSION {
        return err("unknown link version");
    }
    if region.len() != 6 || !region.bytes().all(|b| b.is_ascii_digit()) {
        return err("region is not 6 digits");
    }
    if rules.applicable(region).is_err() {
        return err("no rules for the region");
    }
    let who = match who {
        "s" => Who::Myself,
        "f" => Who::Family,
        _ => return err("who is neither s nor f"),
    };
    let mut path = Vec::new();
    let mut birth_date = None;
    let mut check_answers = Answers::new();
    for item in items.split('_').filter(|i| !i.is_empty()) {
        let mut chars = item.chars();
        let first = chars.next().unwrap_or('?');
        let rest = chars.as_str();
        if first == 'z' {
            if rest.len() != 8 || !rest.bytes().all(|b| b.is_ascii_digit()) {
                return err("birth date is not 8 digits");
            }
            let date = Date::parse(&format!("{}-{}-{}", &rest[..4], &rest[4..6], &rest[6..]))
                .map_err(|e| LinkError(format!("birth date: {e}")))?;
            // The age it gives must be one the questions accept (fuzzing found
            // a link with a birth date in 1150 that passed the date checks).
            let (_, oldest) = Fact::Age.bounds();
            if date > today || date.full_years_on(today) > oldest {
                return err("birth date in the future or more than 130 years ago");
            }
            if path.iter().any(|(f, _)| *f == Fact::Age) {
                return err("age given twice");
            }
            birth_date = Some(date);
            path.push((Fact::Age, None));
            continue;
        }
        let Some(fact) = fact_of(first) else {
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
                Some(
                    digits
                        .parse::<i32>()
                        .map_err(|_| LinkError("bad number".into()))?,
                )
            }
            _ => return err("a value that does not fit its fact"),
        };
        check_answers.set(fact, value).map_err(|e| LinkError(e.0))?;
        path.push((fact, value));
    }
    Ok(Restored {
        region: region.to_string(),
        who,
        path,
        birth_date,
        rules_changed: made_with != rules_now,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> &'static RuleSet {
        crate::rules::embedded().unwrap()
    }
    fn today() -> Date {
        Date::new(2026, 11, 22).unwrap()
    }

    fn sample() -> String {
        let mut a = Answers::new();
        a.set(Fact::Age, Some(72)).unwrap();
        a.set(Fact::Living, Some(0)).unwrap();
        a.set(Fact::LtcInsurance, Some(0)).unwrap();
        encode(
            "abc",
            "150104",
            Who::Family,
            &[Fact::Age, Fact::Living, Fact::Ability, Fact::LtcInsurance],
            &a,
            None,
        )
    }

    #[test]
    fn a_link_restores_exactly_what_was_answered() {
        let link = sample();
        let r = decode(&link, "abc", rules(), today()).unwrap();
        assert_eq!(r.region, "150104");
        assert_eq!(r.who, Who::Family);
        assert_eq!(
            r.path,
            vec![
                (Fact::Age, Some(72)),
                (Fact::Living, Some(0)),
                (Fact::Ability, None),
                (Fact::LtcInsurance, Some(0)),
            ]
        );
        assert!(!r.rules_changed);
        assert!(
            decode(&link, "other", rules(), today())
                .unwrap()
                .rules_changed
        );
    }

    #[test]
    fn a_birth_date_round_trips() {
        let birth = Date::new(1950, 3, 1).unwrap();
        let link = encode(
            "abc",
            "410726",
            Who::Myself,
            &[Fact::Age],
            &Answers::new(),
            Some(birth),
        );
        let r = decode(&format!("#{link}"), "abc", rules(), today()).unwrap();
        assert_eq!(r.birth_date, Some(birth));
        assert_eq!(r.path, vec![(Fact::Age, None)]);
    }

    #[test]
    fn damaged_truncated_or_edited_links_are_refused_whole() {
        let link = sample();
        let mut bad = vec![
            String::new(),
            "#".to_string(),
            link[..link.len() - 3].to_string(),
            link[..10].to_string(),
            link.replace("a72", "a73"),
            link.replace("150104", "999999"),
            format!("{link}x"),
            "y2.abc.150104.f.a72.zzz".to_string(),
        ];
        // Edited by hand *with* a recomputed checksum: still checked value by value.
        for body in [
            "y1.abc.150104.f.a200",
            "y1.abc.150104.f.hy",
            "y1.abc.150104.f.a72_a73",
            "y1.abc.150104.q.a72",
            "y1.abc.999999.f.a72",
            "y1.abc.150104.f.z20300101",
            "y1.abc.150104.f.p1",
            "y1.abc.150104.f.c9",
            // Found by fuzzing: an age of 876 from a birth date in 1150.
            "y1.abc.410726.s.z11500602_ln_fx",
        ] {
            bad.push(format!("{body}.{}", base36(fnv(body.as_bytes()))));
        }
        for b in bad {
            assert!(
                decode(&b, "abc", rules(), today()).is_err(),
                "{b:?} was accepted"
            );
        }
    }
}
