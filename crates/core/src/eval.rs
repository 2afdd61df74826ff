//! The evaluator: three-valued (eligible / maybe / ineligible), exact about
//! which unanswered facts could still change a result, with reasons built
//! from the same condition tree that decided it.

use crate::date::Date;
use crate::diagram::{Compiled, Reading};
use crate::facts::{Answers, Fact, FactSet};
use crate::model::{Cond, Op, Region, RuleSet, Service, Status};
use crate::words::{Lang, Reason, Say};
use std::collections::HashMap;

/// Kleene's three truth values: unknown answers stay unknown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tri {
    True,
    False,
    Unknown,
}

/// Whether a comparison holds for this value of its fact.
pub(crate) fn leaf(c: &Cond, value: i32) -> bool {
    match *c {
        Cond::Cmp { op, value: v, .. } => op.holds(value, v),
        Cond::In { mask, negated, .. } => {
            let inside = (0..64).contains(&value) && mask & (1u64 << value) != 0;
            inside != negated
        }
        _ => unreachable!("leaf() is only called on comparisons"),
    }
}

/// Kleene evaluation on the answers given; verify notes are unknown.
pub fn kleene(c: &Cond, a: &Answers) -> Tri {
    match c {
        Cond::Cmp { fact, .. } | Cond::In { fact, .. } => match a.get(*fact) {
            Some(v) => {
                if leaf(c, v) {
                    Tri::True
                } else {
                    Tri::False
                }
            }
            None => Tri::Unknown,
        },
        Cond::All(items) => {
            let mut result = Tri::True;
            for item in items {
                match kleene(item, a) {
                    Tri::False => return Tri::False,
                    Tri::Unknown => result = Tri::Unknown,
                    Tri::True => {}
                }
            }
            result
        }
        Cond::Any(items) => {
            let mut result = Tri::False;
            for item in items {
                match kleene(item, a) {
                    Tri::True => return Tri::True,
                    Tri::Unknown => result = Tri::Unknown,
                    Tri::False => {}
                }
            }
            result
        }
        Cond::Not(inner) => match kleene(inner, a) {
            Tri::True => Tri::False,
            Tri::False => Tri::True,
            Tri::Unknown => Tri::Unknown,
        },
        Cond::Verify { .. } => Tri::Unknown,
        Cond::Label { inner, .. } => kleene(inner, a),
    }
}

/// Values of a fact that together reach every outcome the condition can give:
/// all values of small domains, and each side of every threshold for ages.
pub fn representatives(c: &Cond, fact: Fact) -> Vec<i32> {
    let (lo, hi) = fact.bounds();
    if hi - lo < 16 {
        return (lo..=hi).collect();
    }
    let mut reps = vec![lo, hi];
    c.walk(&mut |node| {
        if let Cond::Cmp { fact: f, value, .. } = node {
            if *f == fact {
                for v in [value - 1, *value, value + 1] {
                    if (lo..=hi).contains(&v) {
                        reps.push(v);
                    }
                }
            }
        }
    });
    crate::order::unique(&mut reps);
    reps
}

/// The decision for one condition on partial answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Decision {
    pub tri: Tri,
    /// Unanswered facts whose answer could change the result (empty unless `Unknown`).
    pub missing: FactSet,
    /// Bit i: verify note i could change the result.
    pub verify: u64,
}

/// Decides a condition exactly: `True`/`False` when every completion of the
/// missing answers (and every outcome of the verify notes) agrees, else
/// `Unknown` with the facts and notes that matter.
pub fn decide(c: &Cond, a: &Answers) -> Decision {
    decide_compiled(c, &Compiled::new(c), a)
}

/// What `decide` needs to know about a condition beyond its tree (held by
/// its compiled form).
#[derive(Clone, Copy, Debug)]
pub struct Shape {
    facts: FactSet,
    notes: usize,
}

impl Shape {
    pub fn of(c: &Cond) -> Shape {
        Shape {
            facts: c.facts(),
            notes: c.verify_count(),
        }
    }
    /// The facts the condition reads.
    pub fn facts(&self) -> FactSet {
        self.facts
    }
    /// How many verify notes it has.
    pub fn notes(&self) -> usize {
        self.notes
    }
}

/// [`decide`] with the condition compiled already (once per service, by [`Plan`]).
///
/// The result is the one trying every completion would give: a completion
/// gives each open fact one of its [`representatives`] and each verify note
/// either outcome, and completions that break an implication are no person
/// (when some open fact is tied by one). A fact or note matters iff two real
/// completions that differ only in it disagree. The compiled diagram reads
/// this off without trying them, however many there are.
pub(crate) fn decide_compiled(c: &Cond, compiled: &Compiled, a: &Answers) -> Decision {
    let tri = kleene(c, a);
    if tri != Tri::Unknown {
        return Decision {
            tri,
            missing: FactSet::EMPTY,
            verify: 0,
        };
    }
    let shape = compiled.shape();
    let unknown = FactSet(shape.facts().0 & !a.known().0);
    let notes = shape.notes();
    if unknown.is_empty() && notes <= 6 {
        return decide_notes_only(c, a, notes);
    }
    match compiled.read(a) {
        Reading::Settled(holds) => Decision {
            tri: if holds { Tri::True } else { Tri::False },
            missing: FactSet::EMPTY,
            verify: 0,
        },
        Reading::Open(missing, verify) => Decision {
            tri: Tri::Unknown,
            missing,
            verify,
        },
        // The answers given contradict each other: no completion is a person.
        Reading::NoOne => kleene_fallback(c, a),
    }
}

/// Every fact is answered and only verify notes are open (the common case
/// for complete profiles): the same analysis, without allocating.
fn decide_notes_only(c: &Cond, a: &Answers, notes: usize) -> Decision {
    // All 2^notes outcomes of the notes at once, one bit each: bit `k` is the
    // result when note i is true exactly where bit i of k is set.
    fn all_outcomes(c: &Cond, a: &Answers) -> u64 {
        match c {
            Cond::Cmp { fact, .. } | Cond::In { fact, .. } => {
                // Every fact is answered here (only notes are open).
                if leaf(c, a.get(*fact).unwrap_or(0)) {
                    u64::MAX
                } else {
                    0
                }
            }
            Cond::All(items) => items.iter().fold(u64::MAX, |m, i| m & all_outcomes(i, a)),
            Cond::Any(items) => items.iter().fold(0, |m, i| m | all_outcomes(i, a)),
            Cond::Not(inner) => !all_outcomes(inner, a),
            Cond::Verify { index, .. } => NOTE_TRUE[usize::from(*index)],
            Cond::Label { inner, .. } => all_outcomes(inner, a),
        }
    }
    /// NOTE_TRUE[i] has bit k set when bit i of k is set.
    const NOTE_TRUE: [u64; 6] = [
        0xAAAA_AAAA_AAAA_AAAA,
        0xCCCC_CCCC_CCCC_CCCC,
        0xF0F0_F0F0_F0F0_F0F0,
        0xFF00_FF00_FF00_FF00,
        0xFFFF_0000_FFFF_0000,
        0xFFFF_FFFF_0000_0000,
    ];
    let combos = 1u32 << notes;
    let everything = if combos == 64 {
        u64::MAX
    } else {
        (1u64 << combos) - 1
    };
    let results = all_outcomes(c, a) & everything;
    if results == everything || results == 0 {
        let tri = if results == 0 { Tri::False } else { Tri::True };
        return Decision {
            tri,
            missing: FactSet::EMPTY,
            verify: 0,
        };
    }
    let mut verify = 0u64;
    for (note, pattern) in NOTE_TRUE.iter().enumerate().take(notes) {
        // Compare each outcome with note false against the same with note true.
        let with_false = results & !pattern & everything;
        let with_true_shifted = (results & pattern) >> (1u32 << note);
        if with_false != with_true_shifted {
            verify |= 1 << note;
        }
    }
    Decision {
        tri: Tri::Unknown,
        missing: FactSet::EMPTY,
        verify,
    }
}

/// Kleene's answer, listing every unanswered fact and note in the undecided parts.
fn kleene_fallback(c: &Cond, a: &Answers) -> Decision {
    fn collect(c: &Cond, a: &Answers, missing: &mut FactSet, verify: &mut u64) {
        if kleene(c, a) != Tri::Unknown {
            return;
        }
        match c {
            Cond::Cmp { fact, .. } | Cond::In { fact, .. } => missing.insert(*fact),
            Cond::All(items) | Cond::Any(items) => {
                items.iter().for_each(|i| collect(i, a, missing, verify))
            }
            Cond::Not(inner) | Cond::Label { inner, .. } => collect(inner, a, missing, verify),
            Cond::Verify { index, .. } => *verify |= 1 << index,
        }
    }
    let mut missing = FactSet::EMPTY;
    let mut verify = 0;
    collect(c, a, &mut missing, &mut verify);
    Decision {
        tri: Tri::Unknown,
        missing,
        verify,
    }
}

/// Whether one person can meet both conditions (their verify notes kept apart).
pub fn can_both_hold(a: &Cond, b: &Cond) -> bool {
    fn shifted(c: &Cond, by: u8) -> Cond {
        match c {
            Cond::Verify { index, note } => Cond::Verify {
                index: index + by,
                note: note.clone(),
            },
            Cond::All(items) => Cond::All(items.iter().map(|i| shifted(i, by)).collect()),
            Cond::Any(items) => Cond::Any(items.iter().map(|i| shifted(i, by)).collect()),
            Cond::Not(inner) => Cond::Not(Box::new(shifted(inner, by))),
            Cond::Label { label, inner } => Cond::Label {
                label: label.clone(),
                inner: Box::new(shifted(inner, by)),
            },
            leaf => leaf.clone(),
        }
    }
    let by = a.verify_count() as u8;
    satisfiable(&Cond::All(vec![a.clone(), shifted(b, by)]))
}

/// Whether some answers satisfy the condition (an unreachable service is an error).
pub fn satisfiable(c: &Cond) -> bool {
    decide(c, &Answers::new()).tri != Tri::False
}

/// A service as the engine keys it: ids (and tier groups) are unique only
/// within a rule file, so two regions may both have `high-age-allowance`.
pub type Key<'r> = (&'r str, &'r str);

/// "Takes precedence over": who replaces whom, from `excludes` and tiers,
/// within each region's own services (`excludes` and tier groups name only
/// services of the same file).
pub struct Precedence {
    over: HashMap<(String, String), Vec<(String, String)>>,
}

impl Precedence {
    pub fn build(rules: &RuleSet) -> Precedence {
        let services: Vec<(&Region, &Service)> = rules
            .regions
            .iter()
            .flat_map(|r| r.services.iter().map(move |s| (r, s)))
            .collect();
        Precedence::from_services(&services)
    }

    fn from_services(services: &[(&Region, &Service)]) -> Precedence {
        let mut over: HashMap<(String, String), Vec<(String, String)>> = HashMap::new();
        let key = |r: &Region, s: &Service| (r.code.clone(), s.id.clone());
        for (r, s) in services {
            for x in &s.excludes {
                over.entry((r.code.clone(), x.clone()))
                    .or_default()
                    .push(key(r, s));
            }
            if let Some(g) = &s.tier_group {
                for (tr, t) in services {
                    if tr.code == r.code && t.tier_group.as_ref() == Some(g) && t.tier > s.tier {
                        over.entry(key(r, s)).or_default().push(key(tr, t));
                    }
                }
            }
        }
        Precedence { over }
    }

    /// The services (region code, id) that take precedence over service `id` of region `code`.
    pub fn over(&self, code: &str, id: &str) -> impl Iterator<Item = Key<'_>> {
        self.over
            .get(&(code.to_string(), id.to_string()))
            .into_iter()
            .flatten()
            .map(|(c, i)| (c.as_str(), i.as_str()))
    }
}

/// When a person who does not qualify now will, by turning older.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Later {
    /// The age (周岁) from which the service applies.
    pub age: i32,
    /// `Eligible`, or `Maybe` if other answers are still needed then.
    pub status: Status,
    /// The first and last day the birthday can fall on (the same day when the birth date is known).
    pub earliest: Date,
    pub latest: Date,
}

/// The result for one service.
#[derive(Clone, Debug)]
pub struct Outcome<'r> {
    pub region: &'r Region,
    pub service: &'r Service,
    pub status: Status,
    /// Unanswered facts that could change the result, in question order.
    pub missing: Vec<Fact>,
    /// What the office must check (verify notes that could change the result).
    pub verify: Vec<String>,
    /// Why: the conditions met (for `eligible`, and so far for `maybe`).
    pub reasons: Vec<Reason<'r>>,
    /// Why not: the conditions not met (for `ineligible`).
    pub unmet: Vec<Reason<'r>>,
    /// The service that replaces this one, when it does ("不重复享受").
    pub replaced_by: Option<&'r Service>,
    /// For `ineligible` age rules: when the person will qualify.
    pub later: Option<Later>,
}

impl Outcome<'_> {
    /// Why, in words: the conditions met, or for a service not found, the ones not met.
    pub fn why_in(&self, lang: Lang) -> Vec<String> {
        let list = match self.status {
            Status::Ineligible | Status::Expired => &self.unmet,
            _ => &self.reasons,
        };
        self.words(list, lang)
    }
    /// The conditions met, in words.
    pub fn reasons_in(&self, lang: Lang) -> Vec<String> {
        self.words(&self.reasons, lang)
    }
    /// The conditions not met, in words.
    pub fn unmet_in(&self, lang: Lang) -> Vec<String> {
        self.words(&self.unmet, lang)
    }
    /// What the office must check, in words.
    pub fn verify_in(&self, lang: Lang) -> Vec<String> {
        let say = Say::new(lang, self.service);
        self.verify.iter().map(|n| say.own(n)).collect()
    }
    fn words(&self, list: &[Reason<'_>], lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = Vec::with_capacity(list.len());
        for r in list {
            let w = r.words(lang, self.service);
            if !out.contains(&w) {
                out.push(w);
            }
        }
        out
    }
}

/// Everything the engine says for one person, region and date.
#[derive(Clone, Debug)]
pub struct Evaluation<'r> {
    pub region: String,
    pub date: Date,
    pub outcomes: Vec<Outcome<'r>>,
    /// The answers decided with: age on the date, and what follows from the answers filled in.
    pub answers: Answers,
    /// The answers that follow from others, each with the implication that gives it.
    pub implied: Vec<(Fact, &'static crate::facts::Implication)>,
}

/// Why a check cannot be made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckError(pub String);

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// One service's status before combination, for the fast path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quick {
    pub status: Status,
    pub missing: FactSet,
    pub verify: u64,
    /// Index (in the evaluation's order) of the service that replaces this one.
    pub replaced_by: Option<usize>,
}

/// The services that apply to a region, nearest region first, with the
/// precedence among them resolved to indexes. Build once, evaluate many people.
pub struct Plan<'r> {
    pub code: String,
    pub services: Vec<(&'r Region, &'r Service)>,
    /// For each service, the indexes of those that take precedence over it.
    dominators: Vec<Vec<usize>>,
    /// An order in which every service comes after those that take precedence over it.
    order: Vec<usize>,
    /// Each service's condition, compiled.
    compiled: Vec<&'r Compiled>,
}

impl<'r> Plan<'r> {
    pub fn new(rules: &'r RuleSet, code: &str) -> Result<Plan<'r>, CheckError> {
        let regions = rules.applicable(code).map_err(|e| CheckError(e.0))?;
        let services: Vec<(&Region, &Service)> = regions
            .iter()
            .flat_map(|r| r.services.iter().map(move |s| (*r, s)))
            .collect();
        let precedence = Precedence::from_services(&services);
        let index: HashMap<Key, usize> = services
            .iter()
            .enumerate()
            .map(|(i, (r, s))| ((r.code.as_str(), s.id.as_str()), i))
            .collect();
        let dominators: Vec<Vec<usize>> = services
            .iter()
            .map(|(r, s)| {
                precedence
                    .over(&r.code, &s.id)
                    .filter_map(|d| index.get(&d).copied())
                    .collect()
            })
            .collect();
        let refs: Vec<&Service> = services.iter().map(|(_, s)| *s).collect();
        // Depth-first topological order; the loader has rejected loops.
        let mut order = Vec::with_capacity(refs.len());
        let mut seen = vec![false; refs.len()];
        fn visit(i: usize, dom: &[Vec<usize>], seen: &mut [bool], order: &mut Vec<usize>) {
            if seen[i] {
                return;
            }
            seen[i] = true;
            for &d in &dom[i] {
                visit(d, dom, seen, order);
            }
            order.push(i);
        }
        for i in 0..refs.len() {
            visit(i, &dominators, &mut seen, &mut order);
        }
        let compiled = refs.iter().map(|s| s.compiled()).collect();
        Ok(Plan {
            code: code.to_string(),
            services,
            dominators,
            order,
            compiled,
        })
    }

    /// Statuses only, no texts: the fast path for batch screening.
    /// `answers` must already be as on `date` (see [`Answers::on`]).
    pub fn quick(&self, date: Date, answers: &Answers) -> Vec<Quick> {
        let mut out: Vec<Quick> = self
            .services
            .iter()
            .zip(&self.compiled)
            .map(|((_, s), compiled)| {
                let in_force = s.in_force_on(date);
                if in_force != Status::Eligible {
                    return Quick {
                        status: in_force,
                        missing: FactSet::EMPTY,
                        verify: 0,
                        replaced_by: None,
                    };
                }
                let d = decide_compiled(&s.when, compiled, answers);
                let status = match d.tri {
                    Tri::True => Status::Eligible,
                    Tri::False => Status::Ineligible,
                    Tri::Unknown => Status::Maybe,
                };
                Quick {
                    status,
                    missing: d.missing,
                    verify: d.verify,
                    replaced_by: None,
                }
            })
            .collect();
        for &i in &self.order {
            if !matches!(out[i].status, Status::Eligible | Status::Maybe) {
                continue;
            }
            let mut q = out[i];
            for &d in &self.dominators[i] {
                match out[d].status {
                    Status::Eligible => {
                        q.status = Status::Ineligible;
                        q.missing = FactSet::EMPTY;
                        q.verify = 0;
                        q.replaced_by = Some(d);
                        break;
                    }
                    Status::Maybe => {
                        // Whether the other applies is still open, and so is this one.
                        q.status = Status::Maybe;
                        q.missing = q.missing.union(out[d].missing);
                    }
                    _ => {}
                }
            }
            out[i] = q;
        }
        out
    }

    /// The full evaluation, with reasons, notes and future qualification.
    pub fn evaluate(&self, date: Date, answers: &Answers) -> Result<Evaluation<'r>, CheckError> {
        let on = answers.on(date).map_err(|e| CheckError(e.0))?;
        let quick = self.quick(date, &on);
        self.evaluate_with(date, answers, quick)
    }

    /// The full evaluation from statuses already worked out by [`Plan::quick`]
    /// for the same date and answers (the questionnaire has just computed them).
    pub fn evaluate_with(
        &self,
        date: Date,
        answers: &Answers,
        quick: Vec<Quick>,
    ) -> Result<Evaluation<'r>, CheckError> {
        let implied = answers.implied().1;
        let answers = answers.on(date).map_err(|e| CheckError(e.0))?;
        let outcomes = self
            .services
            .iter()
            .zip(&quick)
            .enumerate()
            .map(|(index, (&(region, service), q))| {
                let mut verify: Vec<String> = (0..64)
                    .filter(|i| q.verify & (1u64 << i) != 0)
                    .filter_map(|i| service.when.verify_note(i as u8).map(str::to_string))
                    .collect();
                let mut reasons = Vec::new();
                let mut unmet = Vec::new();
                let mut later = None;
                match q.status {
                    Status::Expired => {
                        if let Some(until) = service.effective_until {
                            unmet.push(Reason::Expired(until));
                        }
                    }
                    Status::NotYetInForce => {
                        reasons.push(Reason::NotYetInForce(service.effective_from));
                    }
                    _ => {
                        explain(&service.when, &answers, &mut reasons, &mut unmet);
                        if q.status != Status::Ineligible {
                            unmet.clear();
                        }
                        if q.status == Status::Ineligible && q.replaced_by.is_none() {
                            later = qualifies_later(service, self.compiled[index], date, &answers);
                        }
                    }
                }
                let replaced_by = q.replaced_by.map(|i| self.services[i].1);
                if let Some(other) = replaced_by {
                    unmet.push(Reason::ReplacedBy(other));
                }
                for &d in &self.dominators[index] {
                    if q.status == Status::Maybe && quick[d].status == Status::Maybe {
                        let other = self.services[d].1;
                        reasons.push(Reason::UnlessOther(other));
                        for i in 0..64u8 {
                            if quick[d].verify & (1u64 << i) != 0 {
                                if let Some(n) = other.when.verify_note(i) {
                                    verify.push(n.to_string());
                                }
                            }
                        }
                    }
                }
                let mut seen = std::collections::HashSet::new();
                verify.retain(|note| seen.insert(note.clone()));
                Outcome {
                    region,
                    service,
                    status: q.status,
                    missing: q.missing.iter().collect(),
                    verify,
                    reasons,
                    unmet,
                    replaced_by,
                    later,
                }
            })
            .collect();
        Ok(Evaluation {
            region: self.code.clone(),
            date,
            outcomes,
            answers,
            implied,
        })
    }
}

/// Evaluates every service that applies to `region` for one person on `date`.
pub fn evaluate<'r>(
    rules: &'r RuleSet,
    region: &str,
    date: Date,
    answers: &Answers,
) -> Result<Evaluation<'r>, CheckError> {
    Plan::new(rules, region)?.evaluate(date, answers)
}

/// For an age rule that fails now: the first age at which it would hold (or
/// could hold), other answers unchanged, and the dates that age is reached.
fn qualifies_later(
    service: &Service,
    compiled: &Compiled,
    date: Date,
    answers: &Answers,
) -> Option<Later> {
    let age_fact = Fact::birth()?;
    let age = answers.get(age_fact)?;
    if !service.when.facts().contains(age_fact) {
        return None;
    }
    // The decision only changes at thresholds, so trying the representatives suffices.
    for candidate in representatives(&service.when, age_fact)
        .into_iter()
        .filter(|a| *a > age)
    {
        let d = decide_compiled(
            &service.when,
            compiled,
            &answers.with(age_fact, Some(candidate)),
        );
        let status = match d.tri {
            Tri::True => Status::Eligible,
            Tri::Unknown => Status::Maybe,
            Tri::False => continue,
        };
        let years = candidate - age;
        let (earliest, latest) = match answers.birth_date() {
            Some(b) => (b.add_years(candidate), b.add_years(candidate)),
            None => (date.add_years(years - 1).succ(), date.add_years(years)),
        };
        if service
            .effective_until
            .is_some_and(|until| earliest > until)
        {
            return None;
        }
        return Some(Later {
            age: candidate,
            status,
            earliest,
            latest,
        });
    }
    None
}

// ---- Explanations, from the condition tree itself ----

/// What a condition asks for, in plain Chinese ("年满70周岁", "独居或空巢").
pub fn describe(c: &Cond) -> String {
    crate::words::Say::plain(crate::words::Lang::Zh).describe(c)
}

/// Collects why a condition holds (`met`) or fails (`unmet`) on these answers.
fn explain<'r>(c: &'r Cond, a: &Answers, met: &mut Vec<Reason<'r>>, unmet: &mut Vec<Reason<'r>>) {
    let mut oldest = None;
    explain_into(c, a, met, unmet, &mut oldest);
    // "年满60周岁" and "年满70周岁" both hold: say only the stronger.
    if let Some((fact, age)) = oldest {
        met.insert(0, Reason::AtLeast(fact, age));
    }
    dedup(met);
    dedup(unmet);
}

fn dedup(list: &mut Vec<Reason<'_>>) {
    let mut kept: Vec<Reason<'_>> = Vec::with_capacity(list.len());
    for r in list.drain(..) {
        if !kept.contains(&r) {
            kept.push(r);
        }
    }
    *list = kept;
}

fn explain_into<'r>(
    c: &'r Cond,
    a: &Answers,
    met: &mut Vec<Reason<'r>>,
    unmet: &mut Vec<Reason<'r>>,
    oldest: &mut Option<(Fact, i32)>,
) {
    let t = kleene(c, a);
    match c {
        Cond::Cmp { fact, .. } | Cond::In { fact, .. } => {
            let Some(value) = a.get(*fact) else { return };
            match (t, c) {
                (
                    Tri::True,
                    Cond::Cmp {
                        fact: f,
                        op: op @ (Op::Ge | Op::Gt),
                        value: v,
                    },
                ) if f.is_birth() => {
                    let threshold = if *op == Op::Gt { v + 1 } else { *v };
                    *oldest = Some((
                        *f,
                        oldest.map_or(threshold, |(_, o): (Fact, i32)| o.max(threshold)),
                    ));
                }
                (Tri::True, Cond::Cmp { fact: f, .. }) if f.is_birth() => {
                    met.push(Reason::Holds(c))
                }
                (Tri::True, _) => met.push(Reason::Value(*fact, value)),
                (_, _) => unmet.push(Reason::Unmet {
                    want: c,
                    actual: (*fact, value),
                }),
            }
        }
        Cond::All(items) => {
            for item in items {
                if t != Tri::False || kleene(item, a) == Tri::False {
                    explain_into(item, a, met, unmet, oldest);
                }
            }
        }
        Cond::Any(items) => match t {
            Tri::True => {
                if let Some(first) = items.iter().find(|i| kleene(i, a) == Tri::True) {
                    explain_into(first, a, met, unmet, oldest);
                }
            }
            Tri::False => unmet.push(Reason::NoneOf(items)),
            Tri::Unknown => {}
        },
        Cond::Not(inner) => match t {
            Tri::True => met.push(Reason::Holds(c)),
            Tri::False => unmet.push(Reason::MustNot(inner)),
            Tri::Unknown => {}
        },
        Cond::Verify { .. } => {}
        Cond::Label { label, inner } => {
            // A named part that holds is said by its name; a name for a single
            // test replaces it ("独居老人", not "独居老人" and "独居"), a name
            // for several keeps the one that held ("第4类：…独居老人" and "独居").
            // A name right around another (a shared term written inside a
            // labelled part, "失能老人" (失能)) is said once, by the outer one.
            let mut inner = &**inner;
            while let Cond::Label { inner: i, .. } = inner {
                inner = i;
            }
            if t == Tri::True {
                met.push(Reason::Named(label));
                if matches!(inner, Cond::Cmp { .. } | Cond::In { .. }) {
                    return;
                }
            }
            explain_into(inner, a, met, unmet, oldest);
        }
    }
}

/// The brute force the compiled diagrams must agree with, kept for tests.
#[cfg(all(test, feature = "source"))]
pub(crate) mod enumeration {
    use super::*;

    /// Two-valued evaluation with every fact and verify note assigned.
    fn full(c: &Cond, values: &[i32], verify: u64) -> bool {
        match c {
            Cond::Cmp { fact, .. } | Cond::In { fact, .. } => leaf(c, values[fact.index()]),
            Cond::All(items) => items.iter().all(|i| full(i, values, verify)),
            Cond::Any(items) => items.iter().any(|i| full(i, values, verify)),
            Cond::Not(inner) => !full(inner, values, verify),
            Cond::Verify { index, .. } => verify & (1u64 << index) != 0,
            Cond::Label { inner, .. } => full(inner, values, verify),
        }
    }

    /// The enumeration the diagrams replaced: every completion tried, one by
    /// one. `None` when there are more than `limit` of them.
    pub(crate) fn decide_by_enumeration(c: &Cond, a: &Answers, limit: usize) -> Option<Decision> {
        let shape = Shape::of(c);
        let tri = kleene(c, a);
        if tri != Tri::Unknown {
            return Some(Decision {
                tri,
                missing: FactSet::EMPTY,
                verify: 0,
            });
        }
        let unknown = FactSet(shape.facts.0 & !a.known().0);
        let verify_count = shape.notes;
        if unknown.is_empty() && verify_count <= 6 {
            return Some(decide_notes_only(c, a, verify_count));
        }
        let unknown_facts: Vec<Fact> = unknown.iter().collect();
        // Each variable: a fact with its representative values, or a verify note (false/true).
        let mut domains: Vec<Vec<i32>> = unknown_facts
            .iter()
            .map(|f| representatives(c, *f))
            .collect();
        domains.extend((0..verify_count).map(|_| vec![0, 1]));
        let total = domains
            .iter()
            .try_fold(1usize, |acc, d| acc.checked_mul(d.len()));
        let total = total.filter(|t| *t <= limit)?;
        let base: Vec<i32> = Fact::all().map(|f| a.get(f).unwrap_or(0)).collect();
        let base_partial = a.values();
        let implications = crate::facts::implications();
        // Completions that break an implication (特困 with a supporter) are no
        // person at all: they are left out (None) rather than counted.
        let linked = unknown_facts.iter().any(|f| {
            implications
                .iter()
                .any(|i| i.if_fact() == *f || i.then_fact() == *f)
        });
        let vars = domains.len();
        let mut results: Vec<Option<bool>> = vec![None; total];
        let mut digits = vec![0usize; vars];
        let mut values = base.clone();
        let mut partial = base_partial.clone();
        for slot in results.iter_mut() {
            values.copy_from_slice(&base);
            partial.copy_from_slice(&base_partial);
            let mut verify = 0u64;
            for (i, d) in digits.iter().enumerate() {
                let v = domains[i][*d];
                if i < unknown_facts.len() {
                    values[unknown_facts[i].index()] = v;
                    partial[unknown_facts[i].index()] = Some(v);
                } else if v == 1 {
                    verify |= 1 << (i - unknown_facts.len());
                }
            }
            if !linked || !implications.iter().any(|i| i.broken_by(&partial)) {
                *slot = Some(full(c, &values, verify));
            }
            // Next combination (mixed radix, first variable fastest).
            for (i, d) in digits.iter_mut().enumerate() {
                *d += 1;
                if *d < domains[i].len() {
                    break;
                }
                *d = 0;
            }
        }
        let any_true = results.contains(&Some(true));
        let any_false = results.contains(&Some(false));
        if !any_true && !any_false {
            // The answers given contradict each other: no completion is a person.
            return Some(kleene_fallback(c, a));
        }
        let all_true = !any_false;
        if all_true || !any_true {
            let tri = if all_true { Tri::True } else { Tri::False };
            return Some(Decision {
                tri,
                missing: FactSet::EMPTY,
                verify: 0,
            });
        }
        // Variable i matters if changing it alone changes some result.
        let mut missing = FactSet::EMPTY;
        let mut verify = 0u64;
        let mut stride = 1usize;
        for (i, d) in domains.iter().enumerate() {
            let radix = d.len();
            // Two completions that differ only here, both real people, disagree.
            let matters = (0..total).any(|idx| {
                let digit = (idx / stride) % radix;
                let differs = |k: usize| {
                    let other = idx - (digit - k) * stride;
                    matches!((results[idx], results[other]), (Some(x), Some(y)) if x != y)
                };
                // Without implications every completion is real: comparing with
                // the first value suffices. With them, the first may be no one.
                digit != 0
                    && if linked {
                        (0..digit).any(differs)
                    } else {
                        differs(0)
                    }
            });
            if matters {
                if i < unknown_facts.len() {
                    missing.insert(unknown_facts[i]);
                } else {
                    verify |= 1 << (i - unknown_facts.len());
                }
            }
            stride *= radix;
        }
        Some(Decision {
            tri: Tri::Unknown,
            missing,
            verify,
        })
    }
}
