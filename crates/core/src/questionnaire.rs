//! Which question to ask next: only facts that can still change some
//! service's result, the one that bears on the most services first, age first.

use crate::date::Date;
use crate::eval::{Plan, Quick};
use crate::facts::{Answers, Fact, FactSet, FACT_COUNT};
use crate::model::Status;

/// The open facts with how many services each could still change, most first
/// (ties in question order, so age comes first).
pub fn ranked(quick: &[Quick]) -> Vec<(Fact, usize)> {
    let mut counts = [0usize; FACT_COUNT];
    for q in quick.iter().filter(|q| q.status == Status::Maybe) {
        for f in q.missing.iter() {
            counts[f.index()] += 1;
        }
    }
    let mut out: Vec<(Fact, usize)> = Fact::ALL
        .into_iter()
        .map(|f| (f, counts[f.index()]))
        .filter(|(_, n)| *n > 0)
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// The next question, skipping those already asked (a 不知道 answer leaves a
/// fact open, and it is not asked again). `None`: nothing left that matters.
pub fn next_question(plan: &Plan, date: Date, answers: &Answers, asked: FactSet) -> Option<Fact> {
    let answers = answers.on(date).ok()?;
    let quick = plan.quick(date, &answers);
    // Age decides most rules and is the easiest question: always first while it matters.
    let open = ranked(&quick);
    if open.iter().any(|(f, _)| *f == Fact::Age) && !asked.contains(Fact::Age) {
        return Some(Fact::Age);
    }
    open.into_iter()
        .map(|(f, _)| f)
        .find(|f| !asked.contains(*f))
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
    let Ok(answers) = answers.on(date) else {
        return 0;
    };
    ranked(&plan.quick(date, &answers))
        .into_iter()
        .filter(|(f, _)| !asked.contains(*f))
        .count()
}
