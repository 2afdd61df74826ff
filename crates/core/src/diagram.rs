//! A condition compiled once into a reduced ordered decision diagram, so that
//! deciding it on partial answers, and finding which open facts and notes could
//! still change it, is exact without trying the completions one by one.
//!
//! Each fact becomes one many-valued variable whose values are the classes of
//! values the condition (and the vocabulary's implications) cannot tell apart:
//! for a wide number such as age, the intervals between the thresholds the
//! condition mentions. Each verify note is a yes/no variable. Beside the
//! condition itself the diagram holds it guarded by the implications between
//! its facts: a third terminal, "no one", marks completions no person can have
//! (特困 with a supporter). Answers restrict the diagram; what is left says
//! the result, and a variable matters iff two real completions that differ only
//! in it disagree — the same reading as the brute force, which stays in the
//! tests as the oracle.

use crate::eval::{leaf, representatives, Shape};
use crate::facts::{implications, Answers, Fact, FactSet};
use crate::model::Cond;
use std::collections::HashMap;

const FALSE: u32 = 0;
const TRUE: u32 = 1;
/// No real person: the completion breaks an implication.
const NO_ONE: u32 = 2;
const TERMINALS: usize = 3;
/// The level of a terminal: below every variable.
const BOTTOM: u16 = u16::MAX;

/// What a variable stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subject {
    Fact(Fact),
    Note(u8),
}

/// One variable of the diagram, with the classes of values it takes.
#[derive(Clone, Debug)]
struct Var {
    subject: Subject,
    /// Sorted left ends of the intervals of values (the first is `i32::MIN`);
    /// `class_at[i]` is the class of the values from `starts[i]` to the next.
    starts: Vec<i32>,
    class_at: Vec<u16>,
    /// One value of each class.
    reps: Vec<i32>,
    /// Whether a completion can give the fact a value of this class: the
    /// classes of the values the exact analysis ranges over.
    open: Vec<bool>,
}

impl Var {
    fn class_of(&self, value: i32) -> u16 {
        let i = self.starts.partition_point(|s| *s <= value);
        self.class_at[i - 1]
    }
}

/// One implication with both its facts read by the condition, or with one.
#[derive(Clone, Copy, Debug)]
struct Link {
    if_fact: Fact,
    if_values: u64,
    then_fact: Fact,
    then_values: u64,
}

fn mask_has(mask: u64, value: i32) -> bool {
    (0..64).contains(&value) && mask & (1u64 << value) != 0
}

/// Nodes, hash-consed: one node per distinct (level, children), none whose
/// children are all the same. Node ids 0, 1, 2 are the terminals.
#[derive(Clone, Debug)]
struct Arena {
    level: Vec<u16>,
    start: Vec<u32>,
    kids: Vec<u32>,
    /// Open addressing over node ids; 0 is an empty slot.
    table: Vec<u32>,
}

impl Arena {
    fn new() -> Arena {
        Arena {
            level: vec![BOTTOM; TERMINALS],
            start: vec![0; TERMINALS],
            kids: Vec::new(),
            table: vec![0; 64],
        }
    }

    fn len(&self) -> usize {
        self.level.len()
    }

    fn level(&self, n: u32) -> u16 {
        self.level[n as usize]
    }

    fn kids(&self, n: u32, arity: usize) -> &[u32] {
        let s = self.start[n as usize] as usize;
        &self.kids[s..s + arity]
    }

    /// Child `k` of `n` at `level`: a node below that level does not test it.
    fn child(&self, n: u32, level: u16, k: usize) -> u32 {
        if self.level(n) == level {
            self.kids[self.start[n as usize] as usize + k]
        } else {
            n
        }
    }

    fn hash(level: u16, kids: &[u32]) -> usize {
        let mut h = u64::from(level).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        for k in kids {
            h = (h.rotate_left(5) ^ u64::from(*k)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
        (h >> 32) as usize
    }

    /// The node testing `level` with these children (all `arity` of them).
    fn mk(&mut self, level: u16, kids: &[u32]) -> u32 {
        let first = kids[0];
        if kids.iter().all(|k| *k == first) {
            return first;
        }
        let mask = self.table.len() - 1;
        let mut slot = Arena::hash(level, kids) & mask;
        loop {
            let id = self.table[slot];
            if id == 0 {
                break;
            }
            if self.level(id) == level && self.kids(id, kids.len()) == kids {
                return id;
            }
            slot = (slot + 1) & mask;
        }
        let id = self.level.len() as u32;
        self.level.push(level);
        self.start.push(self.kids.len() as u32);
        self.kids.extend_from_slice(kids);
        self.table[slot] = id;
        if 2 * (self.len() - TERMINALS) > self.table.len() {
            self.grow();
        }
        id
    }

    fn grow(&mut self) {
        let mut table = vec![0u32; self.table.len() * 2];
        let mask = table.len() - 1;
        for id in TERMINALS..self.len() {
            let level = self.level[id];
            let s = self.start[id] as usize;
            let e = self
                .start
                .get(id + 1)
                .map_or(self.kids.len(), |e| *e as usize);
            let mut slot = Arena::hash(level, &self.kids[s..e]) & mask;
            while table[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            table[slot] = id as u32;
        }
        self.table = table;
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Op2 {
    And,
    Or,
    /// The second, where the first (the implications) holds; else no one.
    Guard,
}

impl Op2 {
    fn shortcut(self, a: u32, b: u32) -> Option<u32> {
        match self {
            Op2::And if a == FALSE || b == FALSE => Some(FALSE),
            Op2::And if a == TRUE => Some(b),
            Op2::And if b == TRUE || a == b => Some(a),
            Op2::Or if a == TRUE || b == TRUE => Some(TRUE),
            Op2::Or if a == FALSE => Some(b),
            Op2::Or if b == FALSE || a == b => Some(a),
            Op2::Guard if a == FALSE => Some(NO_ONE),
            Op2::Guard if a == TRUE => Some(b),
            _ => None,
        }
    }
}

/// Builds diagrams over the full classes of every variable.
struct Builder<'v> {
    vars: &'v [Var],
    arena: Arena,
    memo: HashMap<(Op2, u32, u32), u32>,
    negated: HashMap<u32, u32>,
}

impl Builder<'_> {
    fn arity(&self, level: u16) -> usize {
        self.vars[usize::from(level)].reps.len()
    }

    /// The test "the variable's value passes `holds`", as a diagram.
    fn test(&mut self, level: u16, holds: impl Fn(i32) -> bool) -> u32 {
        let kids: Vec<u32> = self.vars[usize::from(level)]
            .reps
            .iter()
            .map(|v| if holds(*v) { TRUE } else { FALSE })
            .collect();
        self.arena.mk(level, &kids)
    }

    fn apply(&mut self, op: Op2, a: u32, b: u32) -> u32 {
        if let Some(r) = op.shortcut(a, b) {
            return r;
        }
        if let Some(r) = self.memo.get(&(op, a, b)) {
            return *r;
        }
        let top = self.arena.level(a).min(self.arena.level(b));
        let kids: Vec<u32> = (0..self.arity(top))
            .map(|k| {
                let x = self.arena.child(a, top, k);
                let y = self.arena.child(b, top, k);
                self.apply(op, x, y)
            })
            .collect();
        let r = self.arena.mk(top, &kids);
        self.memo.insert((op, a, b), r);
        r
    }

    fn not(&mut self, a: u32) -> u32 {
        match a {
            FALSE => return TRUE,
            TRUE => return FALSE,
            NO_ONE => return NO_ONE,
            _ => {}
        }
        if let Some(r) = self.negated.get(&a) {
            return *r;
        }
        let level = self.arena.level(a);
        let kids: Vec<u32> = (0..self.arity(level))
            .map(|k| {
                let x = self.arena.child(a, level, k);
                self.not(x)
            })
            .collect();
        let r = self.arena.mk(level, &kids);
        self.negated.insert(a, r);
        r
    }
}

/// What the diagram says once the answers have restricted it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Every real completion agrees.
    Settled(bool),
    /// They disagree: these open facts and notes (bit i: note i) can change it.
    Open(FactSet, u64),
    /// No completion is a real person: the answers contradict each other.
    NoOne,
}

/// A condition, compiled.
#[derive(Clone, Debug)]
pub(crate) struct Compiled {
    vars: Vec<Var>,
    /// The level of each fact the condition reads.
    level_of: HashMap<Fact, u16>,
    shape: Shape,
    facts: FactSet,
    arena: Arena,
    /// The condition itself, and the same where its facts keep to the
    /// implications between them (no one elsewhere).
    plain: u32,
    guarded: u32,
    /// Facts the vocabulary's implications tie to another.
    linked: FactSet,
    /// The implications with at least one side in the condition.
    links: Vec<Link>,
    /// The reading with nothing answered (`guarded`, every class a completion can take).
    unanswered: Reading,
}

impl Compiled {
    pub(crate) fn new(c: &Cond) -> Compiled {
        let shape = Shape::of(c);
        let facts = shape.facts();
        let notes = shape.notes();
        let all_links: Vec<Link> = implications()
            .iter()
            .map(|i| Link {
                if_fact: i.if_fact(),
                if_values: i.if_values,
                then_fact: i.then_fact(),
                then_values: i.then_values,
            })
            .collect();
        let mut linked = FactSet::EMPTY;
        for l in &all_links {
            linked.insert(l.if_fact);
            linked.insert(l.then_fact);
        }
        let links: Vec<Link> = all_links
            .into_iter()
            .filter(|l| facts.contains(l.if_fact) || facts.contains(l.then_fact))
            .collect();

        // Variables in the order the condition first reads them, the two
        // facts of an implication side by side.
        let mut order: Vec<Subject> = Vec::new();
        c.walk(&mut |node| {
            let s = match node {
                Cond::Cmp { fact, .. } | Cond::In { fact, .. } => Subject::Fact(*fact),
                Cond::Verify { index, .. } if usize::from(*index) < notes => Subject::Note(*index),
                _ => return,
            };
            if order.contains(&s) {
                return;
            }
            order.push(s);
            if let Subject::Fact(f) = s {
                for l in &links {
                    let other = if l.if_fact == f {
                        l.then_fact
                    } else if l.then_fact == f {
                        l.if_fact
                    } else {
                        continue;
                    };
                    if facts.contains(other) && !order.contains(&Subject::Fact(other)) {
                        order.push(Subject::Fact(other));
                    }
                }
            }
        });
        let vars: Vec<Var> = order
            .iter()
            .map(|s| match *s {
                Subject::Fact(f) => fact_var(c, f, &links),
                Subject::Note(i) => Var {
                    subject: Subject::Note(i),
                    starts: Vec::new(),
                    class_at: Vec::new(),
                    reps: vec![0, 1],
                    open: vec![true, true],
                },
            })
            .collect();
        let level_of: HashMap<Fact, u16> = vars
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v.subject {
                Subject::Fact(f) => Some((f, i as u16)),
                Subject::Note(_) => None,
            })
            .collect();
        let note_level: HashMap<u8, u16> = vars
            .iter()
            .enumerate()
            .filter_map(|(i, v)| match v.subject {
                Subject::Note(n) => Some((n, i as u16)),
                Subject::Fact(_) => None,
            })
            .collect();

        let mut b = Builder {
            vars: &vars,
            arena: Arena::new(),
            memo: HashMap::new(),
            negated: HashMap::new(),
        };
        let plain = build(&mut b, c, &level_of, &note_level);
        let mut keep = TRUE;
        for l in links
            .iter()
            .filter(|l| facts.contains(l.if_fact) && facts.contains(l.then_fact))
        {
            let premise = b.test(level_of[&l.if_fact], |v| mask_has(l.if_values, v));
            let consequence = b.test(level_of[&l.then_fact], |v| mask_has(l.then_values, v));
            let broken = {
                let not_consequence = b.not(consequence);
                b.apply(Op2::And, premise, not_consequence)
            };
            let kept = b.not(broken);
            keep = b.apply(Op2::And, keep, kept);
        }
        let guarded = b.apply(Op2::Guard, keep, plain);
        let arena = b.arena;
        let mut compiled = Compiled {
            vars,
            level_of,
            shape,
            facts,
            arena,
            plain,
            guarded,
            linked,
            links,
            unanswered: Reading::NoOne,
        };
        compiled.unanswered = compiled.restrict_and_read(compiled.guarded, &Answers::new(), &[]);
        compiled
    }

    /// The facts the condition reads and how many verify notes it has.
    pub(crate) fn shape(&self) -> Shape {
        self.shape
    }

    /// The exact reading on these answers, for a condition Kleene's logic has
    /// left undecided and with at least one open fact or more than a few notes.
    pub(crate) fn read(&self, a: &Answers) -> Reading {
        let known = a.known();
        let unknown = FactSet(self.facts.0 & !known.0);
        // With no open fact tied by an implication, every completion is a
        // person (the answers given are taken as they are).
        if unknown.0 & self.linked.0 == 0 {
            // (Nothing answered: then no fact of the condition is tied, and
            // the guarded diagram is the plain one.)
            if self.facts.0 & known.0 == 0 {
                return self.unanswered;
            }
            return self.restrict_and_read(self.plain, a, &[]);
        }
        if a.contradiction().is_some() {
            return Reading::NoOne;
        }
        // An open fact tied to an answered fact the condition does not read:
        // the answer leaves it only the values that keep the implication.
        let mut narrowed: Vec<(u16, u64, bool)> = Vec::new();
        for l in &self.links {
            if unknown.contains(l.if_fact) && !self.facts.contains(l.then_fact) {
                if let Some(w) = a.get(l.then_fact) {
                    if !mask_has(l.then_values, w) {
                        narrowed.push((self.level_of[&l.if_fact], l.if_values, false));
                    }
                }
            }
            if unknown.contains(l.then_fact) && !self.facts.contains(l.if_fact) {
                if let Some(w) = a.get(l.if_fact) {
                    if mask_has(l.if_values, w) {
                        narrowed.push((self.level_of[&l.then_fact], l.then_values, true));
                    }
                }
            }
        }
        if narrowed.is_empty() && self.facts.0 & known.0 == 0 {
            return self.unanswered;
        }
        self.restrict_and_read(self.guarded, a, &narrowed)
    }

    /// Restricts `root` to the answers (and to the classes completions can
    /// take, narrowed by `narrowed`: level, mask, whether values must be in it)
    /// and reads the result off the reduced diagram that is left.
    fn restrict_and_read(&self, root: u32, a: &Answers, narrowed: &[(u16, u64, bool)]) -> Reading {
        // Per level: the answered class, or the classes still open.
        let mut known: Vec<Option<u16>> = Vec::with_capacity(self.vars.len());
        let mut allowed: Vec<u16> = Vec::new();
        let mut allowed_at: Vec<(u32, u32)> = Vec::with_capacity(self.vars.len());
        for (level, var) in self.vars.iter().enumerate() {
            let answer = match var.subject {
                Subject::Fact(f) => a.get(f),
                Subject::Note(_) => None,
            };
            known.push(answer.map(|v| var.class_of(v)));
            let from = allowed.len() as u32;
            if answer.is_none() {
                for (k, rep) in var.reps.iter().enumerate() {
                    let keeps = narrowed
                        .iter()
                        .filter(|(l, _, _)| usize::from(*l) == level)
                        .all(|(_, mask, inside)| mask_has(*mask, *rep) == *inside);
                    if var.open[k] && keeps {
                        allowed.push(k as u16);
                    }
                }
            }
            allowed_at.push((from, allowed.len() as u32 - from));
        }
        let mut r = Restriction {
            from: &self.arena,
            known: &known,
            allowed: &allowed,
            allowed_at: &allowed_at,
            to: Arena::new(),
            memo: vec![u32::MAX; self.arena.len()],
            stack: Vec::new(),
        };
        if known
            .iter()
            .zip(&allowed_at)
            .any(|(k, (_, n))| k.is_none() && *n == 0)
        {
            // Some open fact has no value a person can have.
            return Reading::NoOne;
        }
        let top = r.restrict(root);
        let to = r.to;
        // Every node left is reachable, so these are the outcomes some completion has.
        let reached = |t: u32| top == t || to.kids.contains(&t);
        let no_one = reached(NO_ONE);
        match (reached(TRUE), reached(FALSE)) {
            (false, false) => return Reading::NoOne,
            (true, false) => return Reading::Settled(true),
            (false, true) => return Reading::Settled(false),
            (true, true) => {}
        }
        let arity = |level: u16| allowed_at[usize::from(level)].1 as usize;
        let mut matters = vec![false; self.vars.len()];
        let mut disagree: HashMap<(u32, u32), bool> = HashMap::new();
        for n in TERMINALS..to.len() {
            let n = n as u32;
            let level = to.level(n);
            if matters[usize::from(level)] {
                continue;
            }
            // Distinct children always disagree somewhere unless some
            // completions are no one: then they must disagree on real ones.
            let kids = to.kids(n, arity(level));
            let differ = !no_one
                || kids.iter().enumerate().any(|(i, p)| {
                    kids[i + 1..]
                        .iter()
                        .any(|q| disagrees(&to, &arity, &mut disagree, *p, *q))
                });
            matters[usize::from(level)] = differ;
        }
        let mut missing = FactSet::EMPTY;
        let mut verify = 0u64;
        for (var, m) in self.vars.iter().zip(matters) {
            if m {
                match var.subject {
                    Subject::Fact(f) => missing.insert(f),
                    Subject::Note(i) => verify |= 1u64 << i,
                }
            }
        }
        Reading::Open(missing, verify)
    }
}

/// Whether some completion below makes one of `p`, `q` true and the other
/// false (both real: "no one" agrees with nothing).
fn disagrees(
    to: &Arena,
    arity: &dyn Fn(u16) -> usize,
    memo: &mut HashMap<(u32, u32), bool>,
    p: u32,
    q: u32,
) -> bool {
    if p == q || p == NO_ONE || q == NO_ONE {
        return false;
    }
    if (p as usize) < TERMINALS && (q as usize) < TERMINALS {
        return true;
    }
    let key = (p.min(q), p.max(q));
    if let Some(r) = memo.get(&key) {
        return *r;
    }
    let top = to.level(p).min(to.level(q));
    let r = (0..arity(top)).any(|k| {
        let x = to.child(p, top, k);
        let y = to.child(q, top, k);
        disagrees(to, arity, memo, x, y)
    });
    memo.insert(key, r);
    r
}

struct Restriction<'a> {
    from: &'a Arena,
    known: &'a [Option<u16>],
    allowed: &'a [u16],
    allowed_at: &'a [(u32, u32)],
    to: Arena,
    /// Per node of `from`: what it became (`u32::MAX`: not yet seen).
    memo: Vec<u32>,
    stack: Vec<u32>,
}

impl Restriction<'_> {
    fn restrict(&mut self, n: u32) -> u32 {
        if (n as usize) < TERMINALS {
            return n;
        }
        let seen = self.memo[n as usize];
        if seen != u32::MAX {
            return seen;
        }
        let level = self.from.level(n);
        let at = usize::from(level);
        let start = self.from.start[n as usize] as usize;
        let r = match self.known[at] {
            Some(class) => self.restrict(self.from.kids[start + usize::from(class)]),
            None => {
                let (from, len) = self.allowed_at[at];
                let base = self.stack.len();
                for i in from..from + len {
                    let class = usize::from(self.allowed[i as usize]);
                    let kid = self.restrict(self.from.kids[start + class]);
                    self.stack.push(kid);
                }
                let r = self.to.mk(level, &self.stack[base..]);
                self.stack.truncate(base);
                r
            }
        };
        self.memo[n as usize] = r;
        r
    }
}

/// The variable for one fact: its values split into the classes that no test
/// of the condition and no implication on the fact tells apart.
fn fact_var(c: &Cond, fact: Fact, links: &[Link]) -> Var {
    let mut tests: Vec<&Cond> = Vec::new();
    c.walk(&mut |node| {
        let reads =
            matches!(node, Cond::Cmp { fact: f, .. } | Cond::In { fact: f, .. } if *f == fact);
        if reads && !tests.contains(&node) {
            tests.push(node);
        }
    });
    let masks: Vec<u64> = links
        .iter()
        .flat_map(|l| {
            let mut m = Vec::new();
            if l.if_fact == fact {
                m.push(l.if_values);
            }
            if l.then_fact == fact {
                m.push(l.then_values);
            }
            m
        })
        .collect();
    // A test changes its answer only at these values: a comparison at its
    // threshold and just past it, a list where its bits change.
    let mut starts = vec![i32::MIN];
    let mut lists = masks.clone();
    for t in &tests {
        match t {
            Cond::Cmp { value, .. } => {
                starts.push(*value);
                starts.extend(value.checked_add(1));
            }
            Cond::In { mask, .. } => lists.push(*mask),
            _ => {}
        }
    }
    for m in lists {
        let bit = |i: i32| (0..64).contains(&i) && m & (1u64 << i) != 0;
        starts.extend((0..=64).filter(|i| bit(*i) != bit(i - 1)));
    }
    crate::order::unique(&mut starts);
    let signature = |v: i32| -> Vec<bool> {
        tests
            .iter()
            .map(|t| leaf(t, v))
            .chain(masks.iter().map(|m| mask_has(*m, v)))
            .collect()
    };
    let mut classes: HashMap<Vec<bool>, u16> = HashMap::new();
    let mut reps = Vec::new();
    let mut class_at = Vec::with_capacity(starts.len());
    for s in &starts {
        let next = classes.len() as u16;
        let class = *classes.entry(signature(*s)).or_insert_with(|| {
            reps.push(*s);
            next
        });
        class_at.push(class);
    }
    let mut var = Var {
        subject: Subject::Fact(fact),
        starts,
        class_at,
        open: vec![false; reps.len()],
        reps,
    };
    for v in representatives(c, fact) {
        let class = var.class_of(v);
        var.open[usize::from(class)] = true;
    }
    var
}

fn build(
    b: &mut Builder<'_>,
    c: &Cond,
    level_of: &HashMap<Fact, u16>,
    note_level: &HashMap<u8, u16>,
) -> u32 {
    match c {
        Cond::Cmp { fact, .. } | Cond::In { fact, .. } => b.test(level_of[fact], |v| leaf(c, v)),
        Cond::All(items) => items.iter().fold(TRUE, |acc, i| {
            let x = build(b, i, level_of, note_level);
            b.apply(Op2::And, acc, x)
        }),
        Cond::Any(items) => items.iter().fold(FALSE, |acc, i| {
            let x = build(b, i, level_of, note_level);
            b.apply(Op2::Or, acc, x)
        }),
        Cond::Not(inner) => {
            let x = build(b, inner, level_of, note_level);
            b.not(x)
        }
        // A note numbered past the count is never set (as the enumeration had it).
        Cond::Verify { index, .. } => match note_level.get(index) {
            Some(level) => b.arena.mk(*level, &[FALSE, TRUE]),
            None => FALSE,
        },
        Cond::Label { inner, .. } => build(b, inner, level_of, note_level),
    }
}

#[cfg(all(test, feature = "source"))]
mod tests {
    use crate::eval::decide;
    use crate::eval::enumeration::decide_by_enumeration;
    use crate::facts::{Answers, Fact};
    use crate::model::{Cond, Op};
    use proptest::prelude::*;

    /// A wide number, small enums, yes/no, and both implications' facts.
    fn facts() -> Vec<Fact> {
        [
            "age",
            "living",
            "ability",
            "economic",
            "no_supporter",
            "fp_family",
            "fp_special_support",
            "dementia",
        ]
        .into_iter()
        .map(Fact::named)
        .collect()
    }

    fn leaf() -> impl Strategy<Value = Cond> {
        let fact = prop::sample::select(facts());
        let op = prop::sample::select(vec![Op::Eq, Op::Ne, Op::Lt, Op::Le, Op::Gt, Op::Ge]);
        prop_oneof![
            (fact.clone(), op, any::<u16>()).prop_map(|(fact, op, v)| {
                let (lo, hi) = fact.bounds();
                let value = if fact.is_birth() && v % 4 != 0 {
                    [59, 60, 61, 62, 64, 65, 0, 130][usize::from(v / 4) % 8]
                } else {
                    lo + i32::from(v) % (hi - lo + 1)
                };
                Cond::Cmp { fact, op, value }
            }),
            // In-lists even on age, which the language refuses: the
            // enumeration never tries the values only a list tells apart.
            (fact, any::<u64>(), any::<bool>()).prop_map(|(fact, bits, negated)| {
                let (_, hi) = fact.bounds();
                let mask = if hi >= 63 {
                    bits
                } else {
                    bits & ((1u64 << (hi + 1)) - 1)
                };
                Cond::In {
                    fact,
                    mask,
                    negated,
                }
            }),
        ]
    }

    fn cond() -> impl Strategy<Value = Cond> {
        (
            leaf().prop_recursive(3, 14, 4, |inner| {
                prop_oneof![
                    prop::collection::vec(inner.clone(), 1..4).prop_map(Cond::All),
                    prop::collection::vec(inner.clone(), 1..4).prop_map(Cond::Any),
                    inner.prop_map(|c| Cond::Not(Box::new(c))),
                ]
            }),
            0u8..9,
        )
            .prop_map(|(c, notes)| {
                (0..notes).fold(c, |acc, index| {
                    let note = Cond::Verify {
                        index,
                        note: String::new(),
                    };
                    if index % 2 == 0 {
                        Cond::Any(vec![acc, note])
                    } else {
                        Cond::All(vec![acc, Cond::Not(Box::new(note))])
                    }
                })
            })
    }

    /// Partial answers, contradictory ones and ages outside the bounds included.
    fn answers() -> impl Strategy<Value = Answers> {
        prop::collection::vec((0u8..3, any::<u16>()), facts().len()).prop_map(|picks| {
            let mut a = Answers::new();
            for (fact, (known, v)) in facts().into_iter().zip(picks) {
                if known == 0 {
                    let (lo, hi) = fact.bounds();
                    let value = if fact.is_birth() && v % 5 == 0 {
                        hi + 1 + i32::from(v % 3)
                    } else {
                        lo + i32::from(v) % (hi - lo + 1)
                    };
                    a = a.with(fact, Some(value));
                }
            }
            a
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        /// Wherever the enumeration can finish, the diagram says exactly what it says.
        #[test]
        fn the_diagram_agrees_with_the_enumeration(c in cond(), a in answers()) {
            if let Some(expected) = decide_by_enumeration(&c, &a, 1 << 14) {
                prop_assert_eq!(decide(&c, &a), expected);
            }
        }
    }

    /// Every service of every rule file, on partial answers drawn from its cases.
    #[test]
    fn every_rule_agrees_with_the_enumeration() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
        let rules = crate::source::load_dir(&dir).unwrap_or_else(|e| panic!("{}", e[0]));
        let mut compared = 0;
        for region in &rules.regions {
            for service in &region.services {
                let compiled = super::Compiled::new(&service.when);
                let mut tried = vec![Answers::new()];
                for case in &service.cases {
                    let a = &case.answers;
                    // The case, and the case with each answer taken away.
                    tried.push(a.clone());
                    for f in a.known().iter() {
                        tried.push(a.with(f, None));
                    }
                }
                for a in &tried {
                    let Ok(a) = a.on(case_date()) else { continue };
                    if let Some(expected) = decide_by_enumeration(&service.when, &a, 1 << 16) {
                        let got = crate::eval::decide_compiled(&service.when, &compiled, &a);
                        assert_eq!(got, expected, "{} on {:?}", service.id, a);
                        compared += 1;
                    }
                }
            }
        }
        assert!(compared > 100, "only {compared} compared");
    }

    /// Answers that break an implication on facts the condition reads only
    /// one of: when an open fact is tied, no completion is a person, and the
    /// enumeration settled for Kleene's reading; so does the diagram.
    #[test]
    fn contradicting_answers_read_as_the_enumeration_did() {
        let economic = Fact::named("economic");
        let no_supporter = Fact::named("no_supporter");
        let fp_family = Fact::named("fp_family");
        let is = |fact: Fact, value: i32| Cond::Cmp {
            fact,
            op: Op::Eq,
            value,
        };
        // Dementia either way: it never matters, but Kleene's reading lists it.
        let dementia = Fact::named("dementia");
        let c = Cond::Any(vec![
            is(economic, 2),
            Cond::All(vec![is(fp_family, 1), is(dementia, 1)]),
            Cond::All(vec![is(fp_family, 1), is(dementia, 0)]),
        ]);
        // 特困 with a supporter, and 计生特扶 in a family that is none.
        let tekun_with_supporter = Answers::new()
            .with(economic, Some(0))
            .with(no_supporter, Some(0));
        let special_support_but_none = Answers::new()
            .with(Fact::named("fp_special_support"), Some(1))
            .with(fp_family, Some(0));
        for (i, a) in [tekun_with_supporter, special_support_but_none]
            .iter()
            .enumerate()
        {
            let expected = decide_by_enumeration(&c, a, 1 << 16).unwrap();
            assert_eq!(expected.missing.contains(dementia), i == 0);
            assert_eq!(decide(&c, a), expected, "{a:?}");
        }
    }

    fn case_date() -> crate::Date {
        crate::Date::parse("2026-11-22").unwrap()
    }
}
