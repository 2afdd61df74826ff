//! The condition language of the rule files (see rules/README.md):
//! `age >= 60 and lives_in_region and (living == alone or economic in [dibao, dibao_edge])`.
//!
//! A shared policy term (rules/terms.toml) is written by its Chinese name,
//! `age >= 60 and 失能`: it stands for its condition, as a labelled part.

use crate::facts::{Fact, FactType};
use crate::model::{Cond, Op};

/// A parse error, at a byte offset into the condition text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExprError {
    pub offset: usize,
    pub message: String,
    /// The same in plain Chinese, for the staff who write the rules.
    pub zh: String,
}

fn error(offset: usize, message: String, zh: String) -> ExprError {
    ExprError {
        offset,
        message,
        zh,
    }
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Ident(String),
    /// A run of Chinese characters: the name of a shared term.
    Term(String),
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
        Tok::Ident(s) | Tok::Term(s) => format!("`{s}`"),
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

/// [`describe`] in Chinese.
fn describe_zh(tok: &Tok) -> String {
    match tok {
        Tok::End => "条件的结尾".into(),
        other => describe(other),
    }
}

fn tokenize(text: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(at, c)) = chars.peek() {
        let err = |message: String, zh: String| error(at, message, zh);
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
        if is_term_char(c) {
            let mut word = String::new();
            while let Some(&(_, c)) = chars.peek() {
                if is_term_char(c) {
                    word.push(c);
                    chars.next();
                } else {
                    break;
                }
            }
            out.push((at, Tok::Term(word)));
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
            let n = word.parse::<i64>().map_err(|_| {
                err(
                    format!("`{word}` is not a whole number"),
                    format!("`{word}` 不是整数：这里要写不带小数点的数字"),
                )
            })?;
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
                    None => {
                        return Err(err(
                            "a quoted text is not closed".into(),
                            "引号没有配对：加引号的文字后面少了另一半引号".into(),
                        ))
                    }
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
            ('=', _) => {
                return Err(err(
                    "write `==` to compare, not `=`".into(),
                    "比较相等要写两个等号 `==`，不是一个 `=`".into(),
                ))
            }
            ('(' | '（', _) => Tok::LParen,
            (')' | '）', _) => Tok::RParen,
            ('[', _) => Tok::LBracket,
            (']', _) => Tok::RBracket,
            (',' | '，', _) => Tok::Comma,
            _ => {
                return Err(err(
                    format!("unexpected character `{c}`"),
                    format!("条件里不能有 `{c}` 这个符号"),
                ))
            }
        };
        out.push((at, tok));
    }
    out.push((text.len(), Tok::End));
    Ok(out)
}

/// The characters a term's name is written in: Chinese characters (CJK
/// unified ideographs, with extension A and the compatibility block).
pub fn is_term_char(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}

struct Parser<'t> {
    toks: Vec<(usize, Tok)>,
    pos: usize,
    verify_count: usize,
    /// How deep in brackets, labels and `not` the parser is.
    depth: usize,
    terms: &'t Terms,
    /// Put for `{office}` in the verify notes of the terms written.
    office: &'t str,
    /// The comparisons written by hand (not those a term stands for), with
    /// where each starts and ends in the text.
    written: Vec<Written>,
}

/// Deeper conditions are refused with a message (the parser and the engine
/// recurse; a fuzzed file with thousands of brackets overflowed the stack).
pub const MAX_DEPTH: usize = 40;

/// At most this many verify notes in one condition, terms' notes included
/// (the engine keeps one bit per note, and two conditions side by side must
/// fit in 64).
pub const MAX_NOTES: usize = 32;

/// What a term's verify notes say where the office of the service goes:
/// `由{office}认定` reads `由延津县民政局认定` in a 延津 service.
pub const OFFICE: &str = "{office}";

/// One comparison written in a condition, for the rules check's advice.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    pub start: usize,
    pub end: usize,
    pub cond: Cond,
}

/// A condition with the comparisons written by hand in it.
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub cond: Cond,
    pub written: Vec<Written>,
}

/// A shared policy term of rules/terms.toml: a word the documents use
/// (失能, 经济困难老年人, 高龄 …), defined once.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// The word as written in a condition.
    pub name: String,
    /// Other spellings of the same word in the documents (重度残疾 for 重残).
    pub aliases: Vec<String>,
    /// What explanations call it ("高龄（80周岁以上）").
    pub label: String,
    /// Its condition; verify notes numbered from 0, and `{office}` where the
    /// office of the service that uses it goes.
    pub cond: Cond,
    /// How many verify notes `cond` has.
    pub notes: usize,
    /// How deep `cond` is once written out in a condition (its label included).
    pub depth: usize,
    /// Comparisons that spell the term out by hand (the rules check warns).
    pub by_hand: Vec<Cond>,
    pub reading: String,
    pub source: String,
    /// The label in English, if the terms file gives it.
    pub en_label: Option<String>,
    /// Its verify notes in English, by their Chinese (`{office}` in both).
    pub en_words: std::collections::BTreeMap<String, String>,
}

/// The shared terms, found by name or alias.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Terms {
    list: Vec<Term>,
}

impl Terms {
    pub fn new() -> Terms {
        Terms::default()
    }

    /// The term written with this word (its name or an alias).
    pub fn get(&self, word: &str) -> Option<&Term> {
        self.list
            .iter()
            .find(|t| t.name == word || t.aliases.iter().any(|a| a == word))
    }

    /// Adds a term; an error (in English and in Chinese) if one of its words is taken.
    pub fn push(&mut self, term: Term) -> Result<(), (String, String)> {
        for word in std::iter::once(&term.name).chain(&term.aliases) {
            if let Some(other) = self.get(word) {
                return Err((
                    format!("the term word `{word}` is already used by `{}`", other.name),
                    format!(
                        "`{word}` 这个词已经被政策用语 `{}` 用了，换一个词",
                        other.name
                    ),
                ));
            }
        }
        self.list.push(term);
        Ok(())
    }

    pub fn iter(&self) -> impl Iterator<Item = &Term> {
        self.list.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// "失能, 半失能, 高龄 …" for error messages.
    pub fn names(&self) -> String {
        self.list
            .iter()
            .map(|t| {
                if t.aliases.is_empty() {
                    t.name.clone()
                } else {
                    format!("{}（也写作{}）", t.name, t.aliases.join("、"))
                }
            })
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// How deep a condition tree is (a comparison is 1).
pub fn tree_depth(c: &Cond) -> usize {
    match c {
        Cond::All(items) | Cond::Any(items) => 1 + items.iter().map(tree_depth).max().unwrap_or(0),
        Cond::Not(inner) | Cond::Label { inner, .. } => 1 + tree_depth(inner),
        _ => 1,
    }
}

/// A term's condition as written out in one service: its verify notes
/// renumbered after those already there, `{office}` filled in.
fn written_out(c: &Cond, shift: usize, office: &str) -> Cond {
    match c {
        Cond::Verify { index, note } => Cond::Verify {
            // Below MAX_NOTES, checked by the caller.
            index: (usize::from(*index) + shift) as u8,
            note: note.replace(OFFICE, office),
        },
        Cond::All(items) => Cond::All(
            items
                .iter()
                .map(|i| written_out(i, shift, office))
                .collect(),
        ),
        Cond::Any(items) => Cond::Any(
            items
                .iter()
                .map(|i| written_out(i, shift, office))
                .collect(),
        ),
        Cond::Not(inner) => Cond::Not(Box::new(written_out(inner, shift, office))),
        Cond::Label { label, inner } => Cond::Label {
            label: label.clone(),
            inner: Box::new(written_out(inner, shift, office)),
        },
        leaf => leaf.clone(),
    }
}

fn fact_list(separator: &str) -> String {
    Fact::all()
        .map(Fact::key)
        .collect::<Vec<_>>()
        .join(separator)
}

fn too_many_notes(at: usize) -> ExprError {
    error(
        at,
        format!(
            "too many verify notes in one condition (at most {MAX_NOTES}, the terms' own included)"
        ),
        format!("一个条件里的核实说明 verify(…) 太多了（连政策用语里的在内，最多 {MAX_NOTES} 个）"),
    )
}

impl Parser<'_> {
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
    fn fail<T>(&self, message: String, zh: String) -> Result<T, ExprError> {
        Err(error(self.offset(), message, zh))
    }
    /// `what` and `what_zh` say what should come next, in English and Chinese.
    fn expect(&mut self, tok: Tok, what: &str, what_zh: &str) -> Result<(), ExprError> {
        if *self.peek() == tok {
            self.next();
            Ok(())
        } else {
            self.fail(
                format!("expected {what}, found {}", describe(self.peek())),
                format!("这里应该是{what_zh}，写的却是 {}", describe_zh(self.peek())),
            )
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
            return self.too_deep();
        }
        let result = self.not_or_atom();
        self.depth -= 1;
        result
    }

    #[inline(never)]
    fn too_deep(&self) -> Result<Cond, ExprError> {
        {
            self.fail(
                format!(
                    "the condition nests more than {MAX_DEPTH} levels deep (brackets, labels, `not`): write it flatter"
                ),
                format!(
                    "条件套得太深了（括号、标签、`not` 加起来超过 {MAX_DEPTH} 层）：请拆开写得简单些"
                ),
            )
        }
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
                } if matches!(fact.info().ty, FactType::Bool) => Cond::Cmp {
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
                self.expect(Tok::RParen, "`)` to close the bracket", "右括号 `)`")?;
                Ok(inner)
            }
            Tok::Text(label) => {
                if label.trim().is_empty() {
                    return Err(error(
                        at,
                        "a label must not be empty".into(),
                        "标签（引号里的文字）不能是空的".into(),
                    ));
                }
                self.expect(
                    Tok::LParen,
                    "`(` after a label: \"label\" (condition)",
                    "标签后面的左括号 `(`，写法是 \"标签\" (条件)",
                )?;
                let inner = self.or()?;
                self.expect(
                    Tok::RParen,
                    "`)` to close the labelled part",
                    "标签那一段结尾的右括号 `)`",
                )?;
                Ok(Cond::Label {
                    label,
                    inner: Box::new(inner),
                })
            }
            other => self.leaf(at, other),
        }
    }

    /// What [`Parser::atom`] reads without going deeper: its own frame, so
    /// that the frames of the recursion stay small (a browser's stack is small).
    #[inline(never)]
    fn leaf(&mut self, at: usize, tok: Tok) -> Result<Cond, ExprError> {
        match tok {
            Tok::Ident(word) if word == "verify" => {
                self.expect(
                    Tok::LParen,
                    "`(` after verify: verify(\"what the office checks\")",
                    "verify 后面的左括号 `(`，写法是 verify(\"由谁核实什么\")",
                )?;
                let note = match self.next() {
                    (_, Tok::Text(t)) if !t.trim().is_empty() => t,
                    (at, other) => {
                        return Err(error(
                            at,
                            format!(
                            "verify needs a quoted note saying what the office checks, found {}",
                            describe(&other)
                        ),
                            format!(
                                "verify 的括号里要用引号写明由谁核实什么，写的却是 {}",
                                describe_zh(&other)
                            ),
                        ))
                    }
                };
                self.expect(
                    Tok::RParen,
                    "`)` after the verify note",
                    "核实说明后面的右括号 `)`",
                )?;
                if self.verify_count >= MAX_NOTES {
                    return Err(too_many_notes(at));
                }
                let index = self.verify_count as u8;
                self.verify_count += 1;
                Ok(Cond::Verify { index, note })
            }
            Tok::Term(word) => self.term(at, &word),
            Tok::Ident(word) => {
                let Some(fact) = Fact::from_key(&word) else {
                    return Err(error(
                        at,
                        format!(
                            "unknown fact `{word}` in condition; expected one of: {}",
                            fact_list(", ")
                        ),
                        format!(
                            "`when` 里的 `{word}` 不是认得的回答项，可以用的有：{}",
                            fact_list("、")
                        ),
                    ));
                };
                let cond = self.after_fact(at, fact)?;
                let end = self.offset();
                self.written.push(Written {
                    start: at,
                    end,
                    cond: cond.clone(),
                });
                Ok(cond)
            }
            other => Err(error(
                at,
                format!(
                    "expected a fact, a term, `not`, `(` or verify(\"…\"), found {}",
                    describe(&other)
                ),
                format!(
                    "这里应该写一个回答项、一个政策用语、`not`、`(` 或 verify(\"…\")，写的却是 {}",
                    describe_zh(&other)
                ),
            )),
        }
    }

    /// A shared term, written out as a labelled part.
    fn term(&mut self, at: usize, word: &str) -> Result<Cond, ExprError> {
        let fail = |message: String, zh: String| Err(error(at, message, zh));
        let Some(term) = self.terms.get(word) else {
            if self.terms.is_empty() {
                return fail(
                    format!(
                        "unknown term `{word}`: no shared terms are loaded (rules/terms.toml); write the condition with facts"
                    ),
                    format!(
                        "`{word}` 不是认得的政策用语：没有读到共用的政策用语（rules/terms.toml），请用回答项写条件"
                    ),
                );
            }
            let head = word
                .strip_suffix('等')
                .filter(|head| self.terms.get(head).is_some());
            let hint = head
                .map(|head| format!(" (for the open list write `{head} or 等`)"))
                .unwrap_or_default();
            let hint_zh = head
                .map(|head| format!("（要表示“等”，写 `{head} or 等`）"))
                .unwrap_or_default();
            return fail(
                format!(
                    "unknown term `{word}`{hint}; the terms of rules/terms.toml are: {}",
                    self.terms.names()
                ),
                format!(
                    "`{word}` 不是认得的政策用语{hint_zh}；rules/terms.toml 里有：{}",
                    self.terms.names().replace(", ", "、")
                ),
            );
        };
        if self.depth + term.depth > MAX_DEPTH {
            return fail(
                format!(
                    "the condition nests more than {MAX_DEPTH} levels deep once the term `{word}` is written out: write it flatter"
                ),
                format!(
                    "把 `{word}` 展开以后，条件套得超过 {MAX_DEPTH} 层：请拆开写得简单些"
                ),
            );
        }
        if self.verify_count + term.notes > MAX_NOTES {
            return Err(too_many_notes(at));
        }
        let inner = written_out(&term.cond, self.verify_count, self.office);
        self.verify_count += term.notes;
        // A term over a single comparison stays a group of one, so that an
        // explanation says both the term and the person's own answer
        // (失能或半失能, 中度失能); a label over a single test would replace it.
        let inner = match inner {
            leaf @ (Cond::Cmp { .. } | Cond::In { .. }) => Cond::All(vec![leaf]),
            other => other,
        };
        Ok(Cond::Label {
            label: term.label.clone(),
            inner: Box::new(inner),
        })
    }

    fn after_fact(&mut self, at: usize, fact: Fact) -> Result<Cond, ExprError> {
        let info = fact.info();
        if self.is_word("in") || self.is_word("not") {
            let negated = self.is_word("not");
            self.next();
            if negated && !self.is_word("in") {
                return self.fail(
                    format!("expected `in` after `{} not`", info.key),
                    format!("`{} not` 后面要接 `in [...]`", info.key),
                );
            }
            if negated {
                self.next();
            }
            // A list is a 64-bit mask of stored values: wide numbers compare instead.
            if matches!(info.ty, FactType::Int { min, max } if min < 0 || max >= 64) {
                return Err(error(
                    at,
                    format!(
                        "`{} in [...]` is not allowed: compare with >=, <, == instead",
                        info.key
                    ),
                    format!("`{} in [...]` 不能这样写：请用 >=、<、== 来比较", info.key),
                ));
            }
            self.expect(Tok::LBracket, "`[` to start the list", "列表开头的 `[`")?;
            let mut mask = 0u64;
            loop {
                let v = self.value(fact)?;
                mask |= 1 << v;
                if *self.peek() == Tok::Comma {
                    self.next();
                    continue;
                }
                self.expect(
                    Tok::RBracket,
                    "`,` or `]` in the list",
                    "列表里的逗号 `,` 或结尾的 `]`",
                )?;
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
                FactType::Bool if ordering => {
                    return Err(error(
                        op_at,
                        format!("`{}` is yes/no: write `{0}` or `not {0}`", info.key),
                        format!("`{}` 只有“是”和“否”：直接写 `{0}` 或 `not {0}`", info.key),
                    ))
                }
                FactType::Enum { ordered: false, .. } if ordering => {
                    return Err(error(
                        op_at,
                        format!(
                            "`{}` has no order: use ==, != or `in [..]`, not `{}`",
                            info.key,
                            op.symbol()
                        ),
                        format!(
                            "`{}` 的各项没有大小之分：请用 ==、!= 或 `in [..]`，不能用 `{}`",
                            info.key,
                            op.symbol()
                        ),
                    ))
                }
                _ => {}
            }
            let value = self.value(fact)?;
            return Ok(Cond::Cmp { fact, op, value });
        }
        match info.ty {
            FactType::Bool => Ok(Cond::Cmp {
                fact,
                op: Op::Eq,
                value: 1,
            }),
            _ => {
                let example = match &info.ty {
                    FactType::Int { min, .. } => format!("{} >= {}", info.key, min.max(&0)),
                    _ => format!("{} == …", info.key),
                };
                Err(error(
                    at,
                    format!("`{}` needs a comparison, such as `{example}`", info.key),
                    format!("`{}` 后面要写比较，比如 `{example}`", info.key),
                ))
            }
        }
    }

    fn value(&mut self, fact: Fact) -> Result<i32, ExprError> {
        let (at, tok) = self.next();
        let info = fact.info();
        let wrong = |found: &Tok| {
            error(
                at,
                format!(
                    "`{}` must be compared with {}, found {}",
                    info.key,
                    fact.expected(),
                    describe(found)
                ),
                format!(
                    "`{}` 要和{}比较，写的却是 {}",
                    info.key,
                    fact.expected_zh(),
                    describe_zh(found)
                ),
            )
        };
        match (&info.ty, &tok) {
            (FactType::Int { min, max }, Tok::Number(n)) => {
                if *n < i64::from(*min) || *n > i64::from(*max) {
                    return Err(wrong(&tok));
                }
                Ok(*n as i32)
            }
            (FactType::Bool, Tok::Ident(w)) if w == "true" || w == "false" => {
                Ok(i32::from(w == "true"))
            }
            (FactType::Enum { .. }, Tok::Ident(w)) => {
                fact.choice_index(w).ok_or_else(|| wrong(&tok))
            }
            _ => Err(wrong(&tok)),
        }
    }
}

/// Parses a condition (no shared terms: see [`parse_with`]).
pub fn parse(text: &str) -> Result<Cond, ExprError> {
    parse_with(text, &Terms::default(), "").map(|p| p.cond)
}

/// Parses a condition that may use the shared `terms`; `office` is put for
/// `{office}` in their verify notes (the office of the service).
pub fn parse_with(text: &str, terms: &Terms, office: &str) -> Result<Parsed, ExprError> {
    let toks = tokenize(text)?;
    let mut parser = Parser {
        toks,
        pos: 0,
        verify_count: 0,
        depth: 0,
        terms,
        office,
        written: Vec::new(),
    };
    if *parser.peek() == Tok::End {
        return parser.fail(
            "the condition is empty: write who qualifies, e.g. `age >= 60`".into(),
            "条件是空的：请写明什么人符合，比如 `age >= 60`".into(),
        );
    }
    let cond = parser.or()?;
    if *parser.peek() != Tok::End {
        return parser.fail(
            format!(
                "expected `and`, `or` or the end of the condition, found {}",
                describe(parser.peek())
            ),
            format!(
                "这里应该是 `and`、`or` 或条件的结尾，写的却是 {}",
                describe_zh(parser.peek())
            ),
        );
    }
    Ok(Parsed {
        cond,
        written: parser.written,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(key: &str) -> Fact {
        Fact::from_key(key).unwrap()
    }

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
                fact: fact("age"),
                op: Op::Ge,
                value: 60
            }
        );
        assert_eq!(
            parts[1],
            Cond::Cmp {
                fact: fact("lives_in_region"),
                op: Op::Eq,
                value: 1
            }
        );
        assert_eq!(
            parts[2],
            Cond::Cmp {
                fact: fact("ltc_insurance"),
                op: Op::Eq,
                value: 0
            }
        );
        assert_eq!(
            parts[3],
            Cond::In {
                fact: fact("living"),
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

    fn high_age() -> Terms {
        let mut terms = Terms::new();
        let cond = parse("age >= 80").unwrap();
        terms
            .push(Term {
                name: "高龄".into(),
                aliases: vec!["高龄老人".into()],
                label: "高龄（80周岁以上）".into(),
                depth: tree_depth(&cond) + 2,
                notes: 0,
                cond,
                by_hand: vec![],
                reading: String::new(),
                source: String::new(),
                en_label: None,
                en_words: Default::default(),
            })
            .unwrap();
        let cond = parse("verify(\"由{office}认定\")").unwrap();
        terms
            .push(Term {
                name: "等".into(),
                aliases: vec![],
                label: "其他".into(),
                depth: tree_depth(&cond) + 2,
                notes: 1,
                cond,
                by_hand: vec![],
                reading: String::new(),
                source: String::new(),
                en_label: None,
                en_words: Default::default(),
            })
            .unwrap();
        terms
    }

    #[test]
    fn a_term_is_a_word_in_chinese_written_out_as_a_label() {
        let terms = high_age();
        let p = parse_with(
            "age >= 60 and （高龄老人 or 等） and verify(\"x\")",
            &terms,
            "县民政局",
        )
        .unwrap();
        let Cond::All(parts) = &p.cond else {
            panic!("and at the top: {:?}", p.cond)
        };
        let Cond::Any(options) = &parts[1] else {
            panic!("or inside: {:?}", parts[1])
        };
        assert_eq!(
            options[0],
            Cond::Label {
                label: "高龄（80周岁以上）".into(),
                inner: Box::new(Cond::All(vec![Cond::Cmp {
                    fact: fact("age"),
                    op: Op::Ge,
                    value: 80
                }]))
            }
        );
        // The term's note comes first, with the office; the service's own after it.
        assert_eq!(p.cond.verify_note(0), Some("由县民政局认定"));
        assert_eq!(p.cond.verify_note(1), Some("x"));
        // Only what was written by hand is listed, with where it stands.
        assert_eq!(p.written.len(), 1);
        assert_eq!((p.written[0].start, p.written[0].end), (0, 10));
        // A word is a term, never a fact, and unknown words are errors.
        let e = parse_with("高龄人", &terms, "").unwrap_err();
        assert!(e.message.contains("unknown term `高龄人`"), "{}", e.message);
        assert!(
            e.message.contains("高龄（也写作高龄老人）, 等"),
            "{}",
            e.message
        );
        let e = parse_with("高龄等", &terms, "").unwrap_err();
        assert!(e.message.contains("write `高龄 or 等`"), "{}", e.message);
        assert!(parse("失能")
            .unwrap_err()
            .message
            .contains("no shared terms"));
        // Labels are still quoted texts, even in Chinese.
        assert!(parse_with("\"高龄\" (age >= 80)", &terms, "").is_ok());
        // A word taken twice is refused.
        let mut again = high_age();
        let dup = again.iter().next().unwrap().clone();
        assert!(again.push(dup).unwrap_err().0.contains("already used"));
    }

    #[test]
    fn too_many_notes_are_refused_not_an_overflow() {
        let many = vec!["verify(\"x\")"; MAX_NOTES + 1].join(" or ");
        assert!(parse(&many)
            .unwrap_err()
            .message
            .contains("too many verify notes"));
        let fine = vec!["verify(\"x\")"; MAX_NOTES].join(" or ");
        assert_eq!(parse(&fine).unwrap().verify_count(), MAX_NOTES);
    }
}
