//! Which question to ask next: only facts that can still change some
//! service's result, the one that bears on the most services first, age first.

use crate::date::Date;
use crate::eval::{Plan, Quick};
use crate::facts::{Answers, Fact, FactSet};
use crate::model::Status;

/// The open facts with how many services each could still change, most first
/// (ties in question order, so age comes first).
pub fn ranked(quick: &[Quick]) -> Vec<(Fact, usize)> {
    let mut counts = vec![0usize; crate::vocab::current().len()];
    for q in quick.iter().filter(|q| q.status == Status::Maybe) {
        for f in q.missing.iter() {
            counts[f.index()] += 1;
        }
    }
    let mut out: Vec<(Fact, usize)> = Fact::all()
        .map(|f| (f, counts[f.index()]))
        .filter(|(_, n)| *n > 0)
        .collect();
    // Most first; ties keep the vocabulary's order (a stable sort).
    crate::order::by_key(&mut out, |(_, n)| {
        u32::MAX - (*n).min(u32::MAX as usize) as u32
    });
    out
}

/// The next question, skipping those already asked (a 不知道 answer leaves a
/// fact open, and it is not asked again). `None`: nothing left that matters.
pub fn next_question(plan: &Plan, date: Date, answers: &Answers, asked: FactSet) -> Option<Fact> {
    step(plan, date, answers, asked).0
}

/// The next question and at most how many remain (it included), from one
/// evaluation: what the app needs on every screen.
pub fn step(plan: &Plan, date: Date, answers: &Answers, asked: FactSet) -> (Option<Fact>, usize) {
    let (next, remaining, _) = screen(plan, date, answers, asked);
    (next, remaining)
}

/// [`step`] with the statuses it worked out, for [`Plan::evaluate_with`]: a
/// screen needs the engine to run once, whether it shows a question or the results.
pub fn screen(
    plan: &Plan,
    date: Date,
    answers: &Answers,
    asked: FactSet,
) -> (Option<Fact>, usize, Vec<Quick>) {
    let Ok(answers) = answers.on(date) else {
        return (None, 0, Vec::new());
    };
    let quick = plan.quick(date, &answers);
    let (next, remaining) = next_of(&quick, asked);
    (next, remaining, quick)
}

fn next_of(quick: &[Quick], asked: FactSet) -> (Option<Fact>, usize) {
    let open: Vec<Fact> = ranked(quick)
        .into_iter()
        .map(|(f, _)| f)
        .filter(|f| !asked.contains(*f))
        .collect();
    // Age decides most rules and is the easiest question: always first while it matters.
    let next = match Fact::birth() {
        Some(age) if open.contains(&age) => Some(age),
        _ => open.first().copied(),
    };
    (next, open.len())
}

/// Walks the questionnaire for a person whose true answers are `profile`
/// (an unanswered fact there stands for 不知道), returning the questions asked in order.
pub fn simulate(plan: &Plan, date: Date, profile: &Answers) -> Vec<Fact> {
    let mut answers = Answers::new();
    let mut asked = FactSet::EMPTY;
    let mut order = Vec::new();
    while let Some(fact) = next_question(plan, date, &answers, asked) {
        asked.insert(fact);
        order.push(fact);
        answers = answers.with(fact, profile.get(fact));
    }
    order
}

/// At most how many questions remain: the open facts that could still change
/// some service's result and have not been asked.
pub fn at_most_remaining(plan: &Plan, date: Date, answers: &Answers, asked: FactSet) -> usize {
    step(plan, date, answers, asked).1
}
