//! Running the example cases that rule files carry.

use crate::eval::Plan;
use crate::model::RuleSet;

/// A case whose result differs from what the rule file says.
#[derive(Clone, Debug, PartialEq)]
pub struct CaseFailure {
    /// "rules/150104.toml:88"
    pub at: String,
    /// The region whose file carries the case (service ids are unique only within a file).
    pub region: String,
    pub service: String,
    pub message: String,
}

impl std::fmt::Display for CaseFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: case for `{}`: {}",
            self.at, self.service, self.message
        )
    }
}

/// Runs every case, each in its own region with its own date. Returns how many ran and the failures.
pub fn run_all(rules: &RuleSet) -> (usize, Vec<CaseFailure>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for region in &rules.regions {
        let plan = match Plan::new(rules, &region.code) {
            Ok(p) => p,
            Err(e) => {
                failures.push(CaseFailure {
                    at: region.code.clone(),
                    region: region.code.clone(),
                    service: String::new(),
                    message: e.0,
                });
                continue;
            }
        };
        for service in &region.services {
            for case in &service.cases {
                ran += 1;
                let fail = |message: String| CaseFailure {
                    at: case.at.clone(),
                    region: region.code.clone(),
                    service: service.id.clone(),
                    message,
                };
                let evaluation = match plan.evaluate(case.date, &case.answers) {
                    Ok(e) => e,
                    Err(e) => {
                        failures.push(fail(e.0));
                        continue;
                    }
                };
                let Some(outcome) = evaluation
                    .outcomes
                    .iter()
                    .find(|o| o.region.code == region.code && o.service.id == service.id)
                else {
                    failures.push(fail(
                        "the service is missing from its own region's results".into(),
                    ));
                    continue;
                };
                let mut problems = Vec::new();
                if outcome.status != case.status {
                    let mut why = outcome.unmet_in(crate::words::Lang::Zh).join("；");
                    if !outcome.missing.is_empty() {
                        let keys: Vec<&str> = outcome.missing.iter().map(|f| f.key()).collect();
                        why = format!("missing: {}", keys.join(", "));
                    }
                    if !outcome.verify.is_empty() {
                        why = format!("{why} verify: {}", outcome.verify.join("；"));
                    }
                    problems.push(format!(
                        "expected {}, got {}{}",
                        case.status.key(),
                        outcome.status.key(),
                        if why.is_empty() {
                            String::new()
                        } else {
                            format!(" ({why})")
                        }
                    ));
                }
                if let Some(expected) = &case.missing {
                    if *expected != outcome.missing {
                        let show = |v: &[crate::facts::Fact]| {
                            v.iter().map(|f| f.key()).collect::<Vec<_>>().join(", ")
                        };
                        problems.push(format!(
                            "expected missing [{}], got [{}]",
                            show(expected),
                            show(&outcome.missing)
                        ));
                    }
                }
                if let Some(expected) = &case.amount {
                    // The one-line summary's words are not part of what a case checks.
                    let given = crate::model::Amount {
                        short: None,
                        ..service.amount.clone()
                    };
                    if *expected != given {
                        problems.push(format!(
                            "expected amount {:?}, the service gives {:?}",
                            expected.zh(),
                            service.amount.zh()
                        ));
                    }
                }
                if !problems.is_empty() {
                    failures.push(fail(problems.join("; ")));
                }
            }
        }
    }
    (ran, failures)
}
