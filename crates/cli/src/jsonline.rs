//! One JSON line of answers read by hand when it has the plain shape a
//! spreadsheet or a database export writes: a flat object of strings without
//! escapes, whole numbers from 0 up, `true`, `false` and `null`. Anything else
//! (escapes, negative or decimal numbers, lists, nested objects, any syntax
//! error) is left to serde_json, so that every message stays its message.
//! What a plain line means is decided by the same calls either way
//! ([`Answers::set_raw`], or its split [`Answers::set_fact_raw`]), and the
//! same bad answer is reported.

use yanglao_core::{Answers, Fact, RawValue};

/// The key and fact at each position of the last line read: lines of a batch
/// repeat the same keys in the same order, so each is looked up once, and a
/// key where it was last time is recognised by one comparison.
#[derive(Default)]
pub struct KeyCache {
    facts: Vec<Option<(&'static str, Fact)>>,
}

/// Beyond this many keys on a line, positions are not remembered.
const REMEMBERED_KEYS: usize = 64;

impl KeyCache {
    /// The key at `at` (its opening quote) if it is the one seen at this
    /// position last time: its fact and the index after its closing quote.
    /// A vocabulary key has no quote, escape or control character, so a
    /// match is the whole string.
    fn expected(&self, position: usize, b: &[u8], at: usize) -> Option<(Fact, usize)> {
        let (key, fact) = (*self.facts.get(position)?)?;
        let end = at + 1 + key.len();
        (b.get(end) == Some(&b'"') && &b[at + 1..end] == key.as_bytes()).then_some((fact, end + 1))
    }

    fn fact(&mut self, position: usize, key: &str) -> Option<Fact> {
        // `None` for `birth_date` and for unknown keys: set_raw handles both.
        let fact = Fact::from_key(key)?;
        if position < REMEMBERED_KEYS {
            if self.facts.len() <= position {
                self.facts.resize(position + 1, None);
            }
            self.facts[position] = Some((fact.key(), fact));
        }
        Some(fact)
    }
}

/// A plain line read in place: its `ref` (its JSON text, as given), its
/// answers, and where the next line starts.
pub struct Plain<'a> {
    pub reference: Option<&'a str>,
    pub answers: Result<Answers, String>,
    pub next: usize,
}

/// Reads the line of `text` that starts at `at` (it ends at a newline or at
/// the end of `text`) if it is plain; `None` when serde_json must read it.
/// The answers mean what `Answers::set_raw` makes of each pair, in order.
pub fn read_plain<'a>(text: &'a str, at: usize, keys: &mut KeyCache) -> Option<Plain<'a>> {
    let b = text.as_bytes();
    let mut i = skip_space(b, at);
    if b.get(i) != Some(&b'{') {
        return None;
    }
    i = skip_space(b, i + 1);
    let mut reference = None;
    let mut answers = Ok(Answers::new());
    if b.get(i) == Some(&b'}') {
        i += 1;
    } else {
        let mut position = 0;
        loop {
            let (key, fact, next) = match keys.expected(position, b, i) {
                Some((fact, next)) => ("", Some(fact), next),
                None => {
                    let (key, next) = plain_string(text, i)?;
                    let fact = if key == "ref" {
                        None
                    } else {
                        keys.fact(position, key)
                    };
                    (key, fact, next)
                }
            };
            i = skip_space(b, next);
            if b.get(i) != Some(&b':') {
                return None;
            }
            i = skip_space(b, i + 1);
            let start = i;
            let (value, next) = plain_value(text, i)?;
            if fact.is_none() && key == "ref" {
                reference = Some(&text[start..next]);
            } else if let Ok(a) = &mut answers {
                // After the first bad answer the rest are read but not kept,
                // as serde_json's path does: a later syntax error still wins.
                let set = match fact {
                    Some(fact) => a.set_fact_raw(fact, &value),
                    None => a.set_raw(key, &value),
                };
                if let Err(e) = set {
                    answers = Err(e.0);
                }
            }
            position += 1;
            i = skip_space(b, next);
            match b.get(i) {
                Some(b',') => i = skip_space(b, i + 1),
                Some(b'}') => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    i = skip_space(b, i);
    let next = match b.get(i) {
        None => i,
        Some(b'\n') => i + 1,
        Some(_) => return None,
    };
    Some(Plain {
        reference,
        answers,
        next,
    })
}

/// JSON's own white space within a line (not form feed or the like; a
/// newline ends the line).
fn skip_space(b: &[u8], mut i: usize) -> usize {
    while let Some(b' ' | b'\t' | b'\r') = b.get(i) {
        i += 1;
    }
    i
}

/// A string with no escape and no control character: its text and the index after it.
fn plain_string(text: &str, at: usize) -> Option<(&str, usize)> {
    let b = text.as_bytes();
    if b.get(at) != Some(&b'"') {
        return None;
    }
    let start = at + 1;
    let mut i = start;
    loop {
        match *b.get(i)? {
            b'"' => return Some((&text[start..i], i + 1)),
            b'\\' | 0..=0x1f => return None,
            _ => i += 1,
        }
    }
}

/// A plain value and the index after it.
fn plain_value(text: &str, at: usize) -> Option<(RawValue<'_>, usize)> {
    let b = text.as_bytes();
    let word = |w: &[u8], value: RawValue<'static>| {
        b[at..].starts_with(w).then_some((value, at + w.len()))
    };
    match *b.get(at)? {
        b'"' => plain_string(text, at).map(|(s, next)| (RawValue::Text(s.into()), next)),
        b't' => word(b"true", RawValue::Bool(true)),
        b'f' => word(b"false", RawValue::Bool(false)),
        b'n' => word(b"null", RawValue::Null),
        b'0'..=b'9' => {
            let digits = b[at..].iter().take_while(|c| c.is_ascii_digit()).count();
            let end = at + digits;
            // A leading zero is an error, a fraction or exponent a float, and
            // more than 18 digits might not fit: serde_json says what they are.
            if (digits > 1 && b[at] == b'0')
                || digits > 18
                || matches!(b.get(end), Some(b'.' | b'e' | b'E'))
            {
                return None;
            }
            let value = b[at..end]
                .iter()
                .fold(0i64, |v, c| v * 10 + i64::from(c - b'0'));
            Some((RawValue::Int(value), end))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_lines_are_read_by_hand() {
        let mut keys = KeyCache::default();
        let text = " {\"ref\": \"A-1\", \"age\": 72 , \"dementia\":false,\"living\":\"alone\",\"ability\":null}\t\r\n{\"ref\":17}\n{\"age\":73}";
        let line = read_plain(text, 0, &mut keys).unwrap();
        assert_eq!(line.reference, Some("\"A-1\""));
        let answers = line.answers.unwrap();
        assert_eq!(answers.get(Fact::from_key("age").unwrap()), Some(72));
        assert_eq!(answers.get(Fact::from_key("dementia").unwrap()), Some(0));
        let line = read_plain(text, line.next, &mut keys).unwrap();
        assert_eq!(line.reference, Some("17"));
        assert!(line.answers.is_ok());
        // A key where another stood last time is looked up afresh.
        let line = read_plain(text, line.next, &mut keys).unwrap();
        assert_eq!(
            line.answers.unwrap().get(Fact::from_key("age").unwrap()),
            Some(73)
        );
        assert_eq!(line.next, text.len());
        assert!(read_plain("{}", 0, &mut keys).unwrap().reference.is_none());
    }

    #[test]
    fn anything_else_is_left_to_serde_json() {
        let mut keys = KeyCache::default();
        for line in [
            "",
            "[]",
            "{",
            "{\"age\": 72",
            "{\"age\": 72,}",
            "{\"age\": 072}",
            "{\"age\": -1}",
            "{\"age\": 72.0}",
            "{\"age\": 7e1}",
            "{\"age\": 1234567890123456789}",
            "{\"living\": \"al\\u006fne\"}",
            "{\"ref\": [1]}",
            "{\"age\": {}}",
            "{\"dementia\": tru}",
            "{\"dementia\": truex}",
            "{\"age\": 72} x",
            "{\"age\" 72}",
            "{\"a\tge\": 72}",
            "{\"age\":\n72}",
            "{\"age\": 72}\u{c}",
        ] {
            assert!(read_plain(line, 0, &mut keys).is_none(), "{line}");
        }
    }
}
