//! The condition language of the rule files (see rules/README.md):
//! `age >= 60 and lives_in_region and (living == alone or economic in [dibao, dibao_edge])`.

use crate::facts::{Fact, FactType, FACTS};
use crate::model::{Cond, Op};

/// A parse error, at a byte offset into the condition text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    Number(i64),
    Text(String),
    Op(Op),
    LParen,
    RParen,
    LBracket,
    RBracket,
    Comma,
    End,
}

fn describe(tok: &Tok) -> String {
    match tok {
        Tok::Ident(s) => format!("`{s}`"),
        Tok::Number(n) => format!("`{n}`"),
        Tok::Text(t) => format!("\"{t}\""),
        Tok::Op(op) => format!("`{}`", op.symbol()),
        Tok::LParen => "`(`".into(),
        Tok::RParen => "`)`".into(),
        Tok::LBracket => "`[`".into(),
        Tok::RBracket => "`]`".into(),
        Tok::Comma => "`,`".into(),
        Tok::End => "the end of the condition".into(),
    }
}

fn tokenize(text: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        let err = |message: String| ExprError {
            offset: at,
            message,
        };
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '#' {
            // A comment runs to the end of the line.
            while chars.peek().is_some_and(|&(_, c)| c != '\n') {
                chars.next();
            }
            continue;
        }
        if c.is_ascii_alphabetic() || c == '_' {
            let mut word = String::new();
            while let Some(&(_, c)) = chars.peek() {
                if c.is_ascii_alphanumeric() || c == '_' {
                    word.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push((at, Tok::Ident(word)));
            continue;
        }
        if c.is_ascii_digit() || c == '-' {
            let mut word = String::new();
            word.push(c);
            chars.next();
            while let Some(&(_, c)) = chars.peek() {
                if c.is_ascii_digit() {
                    word.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            let n = word
                .parse::<i64>()
                .map_err(|_| err(format!("`{word}` is not a whole number")))?;
            out.push((at, Tok::Number(n)));
            continue;
        }
        if c == '"' || c == '“' {
            let close = if c == '"' { '"' } else { '”' };
            chars.next();
            let mut s = String::new();
            loop {
                match chars.next() {
                    Some((_, c)) if c == close => break,
                    Some((_, c)) => s.push(c),
                    None => return Err(err("a quoted text is not closed".into())),
                }
            }
            out.push((at, Tok::Text(s)));
            continue;
        }
        chars.next();
        let next = chars.peek().map(|&(_, c)| c);
        let tok = match (c, next) {
            ('>', Some('=')) | ('<', Some('=')) | ('=', Some('=')) | ('!', Some('=')) => {
                chars.next();
                Tok::Op(match c {
                    '>' => Op::Ge,
                    '<' => Op::Le,
                    '=' => Op::Eq,
                    _ => Op::Ne,
                })
            }
            ('>', _) => Tok::Op(Op::Gt),
            ('<', _) => Tok::Op(Op::Lt),
            ('=', _) => return Err(err("write `==` to compare, not `=`".into())),
            ('(' | '（', _) => Tok::LParen,
            (')' | '）', _) => Tok::RParen,
            ('[', _) => Tok::LBracket,
            (']', _) => Tok::RBracket,
            (',' | '，', _) => Tok::Comma,
            _ => return Err(err(format!("unexpected character `{c}`"))),
        };
        out.push((at, tok));
    }
    out.push((text.len(), Tok::End));
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    verify_count: u8,
    /// How deep in brackets, labels and `not` the parser is.
    depth: usize,
}

/// Deeper conditions are refused with a message (the parser and the engine
/// recurse; a fuzzed file with thousands of brackets overflowed the stack).
pub const MAX_DEPTH: usize = 40;

fn fact_list() -> String {
    FACTS.iter().map(|f| f.key).collect::<Vec<_>>().join(", ")
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos].1
    }
    fn offset(&self) -> usize {
        self.toks[self.pos].0
    }
    fn next(&mut self) -> (usize, Tok) {
        let t = self.toks[self.pos].clone();
        if self.pos + 1 < self.toks.len() {
            self.pos += 1;
        }
        t
    }
    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Tok::Ident(w) if w == word)
    }
    fn fail<T>(&self, message: String) -> Result<T, ExprError> {
        Err(ExprError {
            offset: self.offset(),
            message,
        })
    }
    fn expect(&mut self, tok: Tok, what: &str) -> Result<(), ExprError> {
        if *self.peek() == tok {
            self.next();
            Ok(())
        } else {
            self.fail(format!("expected {what}, found {}", describe(self.peek())))
        }
    }

    fn or(&mut self) -> Result<Cond, ExprError> {
        let mut items = vec![self.and()?];
        while self.is_word("or") {
            self.next();
            items.push(self.and()?);
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap()
        } else {
            Cond::Any(items)
        })
    }

    fn and(&mut self) -> Result<Cond, ExprError> {
        let mut items = vec![self.not()?];
        while self.is_word("and") {
            self.next();
            items.push(self.not()?);
        }
        Ok(if items.len() == 1 {
            items.pop().unwrap()
        } else {
            Cond::All(items)
        })
    }

    fn not(&mut self) -> Result<Cond, ExprError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return self.fail(format!(
                "the condition nests more than {MAX_DEPTH} levels deep (brackets, labels, `not`): write it flatter"
            ));
        }
        let result = self.not_or_atom();
        self.depth -= 1;
        result
    }

    fn not_or_atom(&mut self) -> Result<Cond, ExprError> {
        if self.is_word("not") {
            self.next();
            let inner = self.not()?;
            // `not ltc_insurance` reads better as the fact's own "no" than as a negation.
            return Ok(match inner {
                Cond::Cmp {
                    fact,
                    op: Op::Eq,
                    value: 1,
                } if matches!(fact.info().ty, FactType::Bool { .. }) => Cond::Cmp {
                    fact,
                    op: Op::Eq,
                    value: 0,
                },
                other => Cond::Not(Box::new(other)),
            });
        }
        self.atom()
    }

    fn atom(&mut self) -> Result<Cond, ExprError> {
        let (at, tok) = self.next();
        match tok {
            Tok::LParen => {
                let inner = self.or()?;
                self.expect(Tok::RParen, "`)` to close the bracket")?;
                Ok(inner)
            }
            Tok::Text(label) => {
                if label.trim().is_empty() {
                    return Err(ExprError {
                        offset: at,
                        message: "a label must not be empty".into(),
                    });
                }
                self.expect(Tok::LParen, "`(` after a label: \"label\" (condition)")?;
                let inner = self.or()?;
                self.expect(Tok::RParen, "`)` to close the labelled part")?;
                Ok(Cond::Label {
                    label,
                    inner: Box::new(inner),
                })
            }
            Tok::Ident(word) if word == "verify" => {
                self.expect(
                    Tok::LParen,
                    "`(` after verify: verify(\"what the office checks\")",
                )?;
                let note = match self.next() {
                    (_, Tok::Text(t)) if !t.trim().is_empty() => t,
                    (at, other) => {
                        return Err(ExprError {
                            offset: at,
                            message: format!(
                            "verify needs a quoted note saying what the office checks, found {}",
                            describe(&other)
                        ),
                        })
                    }
                };
                self.expect(Tok::RParen, "`)` after the verify note")?;
                let index = self.verify_count;
                self.verify_count = self.verify_count.checked_add(1).ok_or(ExprError {
                    offset: at,
                    message: "too many verify notes in one condition".into(),
                })?;
                Ok(Cond::Verify { index, note })
            }
            Tok::Ident(word) => {
                let Some(fact) = Fact::from_key(&word) else {
                    return Err(ExprError {
                        offset: at,
                        message: format!(
                            "unknown fact `{word}` in condition; expected one of: {}",
                            fact_list()
                        ),
                    });
                };
                self.after_fact(at, fact)
            }
            other => Err(ExprError {
                offset: at,
                message: format!(
                    "expected a fact, `not`, `(` or verify(\"…\"), found {}",
                    describe(&other)
                ),
            }),
        }
    }

    fn after_fact(&mut self, at: usize, fact: Fact) -> Result<Cond, ExprError> {
        let info = fact.info();
        if self.is_word("in") || self.is_word("not") {
            let negated = self.is_word("not");
            self.next();
            if negated && !self.is_word("in") {
                return self.fail(format!("expected `in` after `{} not`", info.key));
            }
            if negated {
                self.next();
            }
            if fact == Fact::Age {
                return Err(ExprError {
                    offset: at,
                    message: "`age in [...]` is not allowed: compare with >=, <, == instead".into(),
                });
            }
            self.expect(Tok::LBracket, "`[` to start the list")?;
            let mut mask = 0u64;
            loop {
                let v = self.value(fact)?;
                mask |= 1 << v;
                if *self.peek() == Tok::Comma {
                    self.next();
                    continue;
                }
                self.expect(Tok::RBracket, "`,` or `]` in the list")?;
                break;
            }
            return Ok(Cond::In {
                fact,
                mask,
                negated,
            });
        }
        if let Tok::Op(op) = *self.peek() {
            let op_at = self.offset();
            self.next();
            let ordering = !matches!(op, Op::Eq | Op::Ne);
            match &info.ty {
                FactType::Bool { .. } if ordering => {
                    return Err(ExprError {
                        offset: op_at,
                        message: format!("`{}` is yes/no: write `{0}` or `not {0}`", info.key),
                    })
                }
                FactType::Enum { ordered: false, .. } if ordering => {
                    return Err(ExprError {
                        offset: op_at,
                        message: format!(
                            "`{}` has no order: use ==, != or `in [..]`, not `{}`",
                            info.key,
                            op.symbol()
                        ),
                    })
                }
                _ => {}
            }
            let value = self.value(fact)?;
            return Ok(Cond::Cmp { fact, op, value });
        }
        match info.ty {
            FactType::Bool { .. } => Ok(Cond::Cmp {
                fact,
                op: Op::Eq,
                value: 1,
            }),
            _ => Err(ExprError {
                offset: at,
                message: format!(
                    "`{}` needs a comparison, such as `{}`",
                    info.key,
                    match fact {
                        Fact::Age => "age >= 60".to_string(),
                        _ => format!("{} == …", info.key),
                    }
                ),
            }),
        }
    }

    fn value(&mut self, fact: Fact) -> Result<i32, ExprError> {
        let (at, tok) = self.next();
        let info = fact.info();
        let wrong = |found: &Tok| ExprError {
            offset: at,
            message: format!(
                "`{}` must be compared with {}, found {}",
                info.key,
                fact.expected(),
                describe(found)
            ),
        };
        match (&info.ty, &tok) {
            (FactType::Int { min, max }, Tok::Number(n)) => {
                if *n < i64::from(*min) || *n > i64::from(*max) {
                    return Err(wrong(&tok));
                }
                Ok(*n as i32)
            }
            (FactType::Bool { .. }, Tok::Ident(w)) if w == "true" || w == "false" => {
                Ok(i32::from(w == "true"))
            }
            (FactType::Enum { .. }, Tok::Ident(w)) => {
                fact.choice_index(w).ok_or_else(|| wrong(&tok))
            }
            _ => Err(wrong(&tok)),
        }
    }
}

/// Parses a condition.
pub fn parse(text: &str) -> Result<Cond, ExprError> {
    let toks = tokenize(text)?;
    let mut parser = Parser {
        toks,
        pos: 0,
        verify_count: 0,
        depth: 0,
    };
    if *parser.peek() == Tok::End {
        return parser.fail("the condition is empty: write who qualifies, e.g. `age >= 60`".into());
    }
    let cond = parser.or()?;
    if *parser.peek() != Tok::End {
        return parser.fail(format!(
            "expected `and`, `or` or the end of the condition, found {}",
            describe(parser.peek())
        ));
    }
    Ok(cond)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_documented_forms() {
        let c = parse("age >= 60 and lives_in_region and not ltc_insurance and living in [alone, empty_nest] or verify(\"x\")").unwrap();
        let Cond::Any(items) = c else {
            panic!("or at the top")
        };
        let Cond::All(parts) = &items[0] else {
            panic!("and inside")
        };
        assert_eq!(
            parts[0],
            Cond::Cmp {
                fact: Fact::Age,
                op: Op::Ge,
                value: 60
            }
        );
        assert_eq!(
            parts[1],
            Cond::Cmp {
                fact: Fact::LivesInRegion,
                op: Op::Eq,
                value: 1
            }
        );
        assert_eq!(
            parts[2],
            Cond::Cmp {
                fact: Fact::LtcInsurance,
                op: Op::Eq,
                value: 0
            }
        );
        assert_eq!(
            parts[3],
            Cond::In {
                fact: Fact::Living,
                mask: 0b11,
                negated: false
            }
        );
        assert_eq!(
            items[1],
            Cond::Verify {
                index: 0,
                note: "x".into()
            }
        );
        assert!(parse("ability >= moderate").is_ok());
        assert!(parse("\"第6类\" (age >= 90)").is_ok());
        assert!(parse("economic not in [none]").is_ok());
        assert!(parse("disability_grade in [1, 2]").is_ok());
    }

    #[test]
    fn errors_say_what_was_expected_and_where() {
        let e = parse("age >= 60 and lives_in_regoin").unwrap_err();
        assert_eq!(e.offset, 14);
        assert!(e.message.contains("unknown fact `lives_in_regoin`"));
        assert!(parse("living >= alone")
            .unwrap_err()
            .message
            .contains("no order"));
        assert!(parse("living == north")
            .unwrap_err()
            .message
            .contains("alone"));
        assert!(parse("age >= 200")
            .unwrap_err()
            .message
            .contains("0 to 130"));
        assert!(parse("age = 60").unwrap_err().message.contains("=="));
        assert!(parse("age >= 60 and").is_err());
        assert!(parse("(age >= 60").unwrap_err().message.contains("`)`"));
        assert!(parse("living").unwrap_err().message.contains("comparison"));
        assert!(parse("").is_err());
        assert!(parse("age in [60]").is_err());
    }

    #[test]
    fn deep_nesting_is_refused_not_a_stack_overflow() {
        // Found by fuzzing (fuzz/artifacts/condition): thousands of brackets.
        let deep = format!("{}age >= 60{}", "(".repeat(5000), ")".repeat(5000));
        assert!(parse(&deep).unwrap_err().message.contains("levels deep"));
        let nots = format!("{}dementia", "not ".repeat(5000));
        assert!(parse(&nots).unwrap_err().message.contains("levels deep"));
        let labels = "\"x\" (".repeat(5000);
        assert!(parse(&labels).unwrap_err().message.contains("levels deep"));
        let fine = format!("{}age >= 60{}", "(".repeat(20), ")".repeat(20));
        assert!(parse(&fine).is_ok());
    }
}
