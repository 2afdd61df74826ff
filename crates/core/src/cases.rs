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
    /// The same in plain Chinese, for the staff who write the rules
    /// (the results in the words people see: 可以申请, 暂不符合 …).
    pub zh: String,
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
                    zh: format!(
                        "地区代码 {} 不是 6 位数字，这个文件的例子没法算",
                        region.code
                    ),
                });
                continue;
            }
        };
        for service in &region.services {
            for case in &service.cases {
                ran += 1;
                let fail = |message: String, zh: String| CaseFailure {
                    at: case.at.clone(),
                    region: region.code.clone(),
                    service: service.id.clone(),
                    message,
                    zh: format!("服务 `{}` 的例子：{zh}", service.id),
                };
                let evaluation = match plan.evaluate(case.date, &case.answers) {
                    Ok(e) => e,
                    Err(e) => {
                        // The answers are what fails (the loader checked them too).
                        let zh = match case.answers.on(case.date) {
                            Err(answers) => format!("例子的回答不对：{}", answers.1),
                            Ok(_) => "例子没法算".to_string(),
                        };
                        failures.push(fail(e.0, zh));
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
                        "这项服务没有出现在它自己地区的结果里".into(),
                    ));
                    continue;
                };
                let mut problems = Vec::new();
                let mut problems_zh = Vec::new();
                if outcome.status != case.status {
                    let unmet = outcome.unmet_in(crate::words::Lang::Zh).join("；");
                    let mut why = unmet.clone();
                    let mut why_zh = if unmet.is_empty() {
                        Vec::new()
                    } else {
                        vec![format!("不满足：{unmet}")]
                    };
                    if !outcome.missing.is_empty() {
                        let keys: Vec<&str> = outcome.missing.iter().map(|f| f.key()).collect();
                        why = format!("missing: {}", keys.join(", "));
                        why_zh = vec![format!("还没回答：{}", keys.join("、"))];
                    }
                    if !outcome.verify.is_empty() {
                        why = format!("{why} verify: {}", outcome.verify.join("；"));
                        why_zh.push(format!("需要核实：{}", outcome.verify.join("；")));
                    }
                    problems_zh.push(format!(
                        "例子的结果不对：文件写的是“{}”，按条件算出来是“{}”{}",
                        case.status.zh(),
                        outcome.status.zh(),
                        if why_zh.is_empty() {
                            String::new()
                        } else {
                            format!("（{}）", why_zh.join("；"))
                        }
                    ));
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
                        let show_zh = |v: &[crate::facts::Fact]| {
                            if v.is_empty() {
                                "没有".to_string()
                            } else {
                                v.iter().map(|f| f.key()).collect::<Vec<_>>().join("、")
                            }
                        };
                        problems_zh.push(format!(
                            "例子的 `missing` 写的是还没回答 {}，按条件算出来还没回答的是 {}",
                            show_zh(expected),
                            show_zh(&outcome.missing)
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
                        problems_zh.push(format!(
                            "例子的 `amount` 写的是“{}”，这项服务给的是“{}”",
                            expected.zh(),
                            service.amount.zh()
                        ));
                    }
                }
                if !problems.is_empty() {
                    failures.push(fail(problems.join("; "), problems_zh.join("；")));
                }
            }
        }
    }
    (ran, failures)
}
