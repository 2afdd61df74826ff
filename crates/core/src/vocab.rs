//! The answers vocabulary as data (rules/vocabulary.toml): every fact a rule
//! may ask about — its type, its values, its words in Chinese and English —
//! the service kinds, and the facts that follow from other answers. The
//! engine reads it with the rules and puts it in every pack; the app only
//! draws what it says, so a fact added here is asked, answered and explained
//! with no change to any code.
//!
//! One vocabulary is current at a time ([`current`]): the one the rules were
//! read with ([`install`]), or, natively, the contract's own file.

use serde::{Deserialize, Serialize};
use std::cell::Cell;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What values a fact takes. Enums and bools are stored as indexes (a bool's
/// no is 0, yes is 1).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FactType {
    Int { min: i32, max: i32 },
    Bool,
    Enum { values: Vec<String>, ordered: bool },
}

/// A fact's words in one language.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Words {
    /// The question when the older person answers (您), and when family does (老人);
    /// `{place}` is the place's short name.
    pub ask_self: String,
    pub ask_family: String,
    /// A short explanation of the terms in the question.
    pub help: String,
    /// How to find out, when the answer is 不知道.
    pub find_out: String,
    /// A short name, for the answers list.
    pub short: String,
    /// What the fact is, for messages ("年龄（周岁）").
    pub noun: String,
    /// For a typed number: the unit beside the box.
    pub unit: Option<String>,
    /// The answer buttons: value key → words (bool: yes / no; int: the number).
    pub choices: Vec<(String, String)>,
    /// How a value is said in an explanation: value key → words (bool: yes /
    /// no; int: a number, or `n` with `{n}` and `{n_zh}`).
    pub said: Vec<(String, String)>,
}

impl Words {
    fn get<'a>(list: &'a [(String, String)], key: &str) -> Option<&'a str> {
        list.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
    pub fn choice(&self, key: &str) -> Option<&str> {
        Words::get(&self.choices, key)
    }
    pub fn said(&self, key: &str) -> Option<&str> {
        Words::get(&self.said, key)
    }
}

/// Everything the vocabulary says about one fact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactInfo {
    pub key: String,
    pub ty: FactType,
    /// The one int a birth date gives on any date (age, 周岁).
    pub birth_date: bool,
    pub zh: Words,
    pub en: Words,
}

/// A service kind.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct KindInfo {
    pub key: String,
    pub zh: String,
    pub en: String,
    /// Smaller comes first in the results (money first).
    pub rank: u8,
    /// The answers that show a person already has what the kind gives: a
    /// fact and the values (bit v = stored value v) that show it.
    pub had_when: Option<(u8, u64)>,
    /// What the results say then, `{answer}` the answer that shows it.
    pub had_zh: String,
    pub had_en: String,
}

/// One answer that settles another: when `if_fact` takes one of `if_values`,
/// `then_fact` must take one of `then_values` (bit v of a mask = stored value v).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Implication {
    pub if_fact: u8,
    pub if_values: u64,
    pub then_fact: u8,
    pub then_values: u64,
    /// Why, in plain Chinese and English (shown beside the implied answer).
    pub because_zh: String,
    pub because_en: String,
    /// What makes it true.
    pub source: String,
}

/// The vocabulary.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Vocabulary {
    pub facts: Vec<FactInfo>,
    pub kinds: Vec<KindInfo>,
    pub implications: Vec<Implication>,
    /// Fact key → index, built on load (not stored).
    #[serde(skip)]
    index: HashMap<String, u8>,
}

impl PartialEq for Vocabulary {
    fn eq(&self, other: &Vocabulary) -> bool {
        self.facts == other.facts
            && self.kinds == other.kinds
            && self.implications == other.implications
    }
}

impl Vocabulary {
    pub fn new(
        facts: Vec<FactInfo>,
        kinds: Vec<KindInfo>,
        implications: Vec<Implication>,
    ) -> Vocabulary {
        Vocabulary {
            facts,
            kinds,
            implications,
            index: HashMap::new(),
        }
        .indexed()
    }

    /// Rebuilds the lookup after deserialising.
    fn indexed(mut self) -> Vocabulary {
        self.index = self
            .facts
            .iter()
            .enumerate()
            .map(|(i, f)| (f.key.clone(), i as u8))
            .collect();
        self
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        postcard::to_allocvec(self).expect("a vocabulary always serialises")
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Vocabulary, String> {
        postcard::from_bytes::<Vocabulary>(bytes)
            .map(Vocabulary::indexed)
            .map_err(|e| format!("the vocabulary is damaged ({e:?})"))
    }

    /// The index of a fact by its key.
    pub fn fact_index(&self, key: &str) -> Option<u8> {
        if self.index.is_empty() && !self.facts.is_empty() {
            return self
                .facts
                .iter()
                .position(|f| f.key == key)
                .map(|i| i as u8);
        }
        self.index.get(key).copied()
    }

    pub fn kind_index(&self, key: &str) -> Option<u8> {
        self.kinds
            .iter()
            .position(|k| k.key == key)
            .map(|i| i as u8)
    }

    pub fn len(&self) -> usize {
        self.facts.len()
    }

    pub fn is_empty(&self) -> bool {
        self.facts.is_empty()
    }

    /// The fact a birth date gives (age), if the vocabulary has one.
    pub fn birth_date_fact(&self) -> Option<u8> {
        self.facts
            .iter()
            .position(|f| f.birth_date)
            .map(|i| i as u8)
    }
}

/// The most facts a vocabulary may have (a fact set is a 128-bit mask).
pub const MAX_FACTS: usize = 128;

static GLOBAL: OnceLock<&'static Vocabulary> = OnceLock::new();
thread_local! {
    static LOCAL: Cell<Option<&'static Vocabulary>> = const { Cell::new(None) };
}

/// The vocabulary in use: the one installed (for this thread, or for all),
/// else, natively, the contract's own (rules/vocabulary.toml).
pub fn current() -> &'static Vocabulary {
    if let Some(v) = LOCAL.with(Cell::get) {
        return v;
    }
    if let Some(v) = GLOBAL.get() {
        return v;
    }
    contract_default()
}

#[cfg(feature = "source")]
fn contract_default() -> &'static Vocabulary {
    static CONTRACT: OnceLock<Vocabulary> = OnceLock::new();
    CONTRACT.get_or_init(|| {
        crate::source::vocabulary_from_toml(
            "rules/vocabulary.toml",
            include_str!("../../../rules/vocabulary.toml"),
        )
        .unwrap_or_else(|e| panic!("rules/vocabulary.toml: {}", e[0]))
    })
}

#[cfg(not(feature = "source"))]
fn contract_default() -> &'static Vocabulary {
    // In the browser the vocabulary comes with the first pack: until then none.
    static EMPTY: OnceLock<Vocabulary> = OnceLock::new();
    EMPTY.get_or_init(Vocabulary::default)
}

/// Makes `v` the current vocabulary: for every thread if none was installed
/// yet (or the same one was), else for this thread only (a fixture in a test).
pub fn install(v: Vocabulary) -> &'static Vocabulary {
    let v = v.indexed();
    if let Some(g) = GLOBAL.get() {
        if **g == v {
            LOCAL.with(|l| l.set(None));
            return g;
        }
        let leaked: &'static Vocabulary = Box::leak(Box::new(v));
        LOCAL.with(|l| l.set(Some(leaked)));
        return leaked;
    }
    let leaked: &'static Vocabulary = Box::leak(Box::new(v));
    match GLOBAL.set(leaked) {
        Ok(()) => leaked,
        Err(_) => {
            LOCAL.with(|l| l.set(Some(leaked)));
            leaked
        }
    }
}

/// Makes `v`, a vocabulary already installed, current for this thread too: a
/// worker thread answers in the vocabulary of the thread that started it.
pub fn share_here(v: &'static Vocabulary) {
    LOCAL.with(|l| l.set(Some(v)));
}

/// Makes `v` the current vocabulary for this thread only (tests with a fixture).
pub fn install_here(v: Vocabulary) -> &'static Vocabulary {
    let leaked: &'static Vocabulary = Box::leak(Box::new(v.indexed()));
    LOCAL.with(|l| l.set(Some(leaked)));
    leaked
}
