//! What checking the files found, beside the text: each mistake with its
//! line and column (choosing one puts the cursor there), the example cases
//! that fail, the advice; and one line saying whether `rules check` would
//! accept the files as they are.

use crate::check::{Checked, Problem, Severity};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProblemsProps {
    pub checked: Rc<Checked>,
    /// (file, line, column) of the problem chosen.
    pub on_jump: Callback<(String, usize, usize)>,
}

fn place(p: &Problem) -> String {
    match (p.line, p.column) {
        (0, _) => "整个文件".into(),
        (l, 0) => format!("第 {l} 行"),
        (l, c) => format!("第 {l} 行，第 {c} 列"),
    }
}

#[function_component]
pub fn Problems(props: &ProblemsProps) -> Html {
    let c = &props.checked;
    let (errors, cases, warnings) = (
        c.count(Severity::Error),
        c.count(Severity::Case),
        c.count(Severity::Warning),
    );
    let summary = if c.passes {
        format!(
            "没有错误，{} 个例子都对：rules check 会通过。{}",
            c.cases_ran,
            if warnings > 0 {
                format!("另有 {warnings} 条建议。")
            } else {
                String::new()
            }
        )
    } else {
        let mut parts = Vec::new();
        if errors > 0 {
            parts.push(format!("{errors} 处错误"));
        }
        if cases > 0 {
            parts.push(format!("{cases} 个例子结果不对"));
        }
        if warnings > 0 {
            parts.push(format!("{warnings} 条建议"));
        }
        format!("{}。改好以后这里会马上更新。", parts.join("，"))
    };
    let item = |p: &Problem| {
        let (class, word) = match p.severity {
            Severity::Error => ("wb-problem--error", "错误"),
            Severity::Case => ("wb-problem--case", "例子不对"),
            Severity::Warning => ("wb-problem--warning", "建议"),
        };
        let at = (p.file.clone(), p.line, p.column);
        html! {
            <li class={classes!("wb-problem", class)} data-line={p.line.to_string()} data-column={p.column.to_string()}>
                <button type="button" class="wb-problem__at" disabled={p.line == 0}
                    onclick={props.on_jump.reform(move |_: MouseEvent| at.clone())}>
                    <span class="wb-problem__kind">{ word }</span>
                    { format!("{} · {}", p.file, place(p)) }
                </button>
                <p class="wb-problem__text">{ p.text.clone() }</p>
            </li>
        }
    };
    html! {
        <section class="wb-problems" aria-labelledby="wb-problems-title">
            <h2 id="wb-problems-title">{ "检查结果" }</h2>
            <p id="wb-summary" role="status" data-passes={c.passes.to_string()}
                class={classes!("wb-summary", c.passes.then_some("wb-summary--ok"))}>{ summary }</p>
            if !c.problems.is_empty() {
                <ol class="wb-problem-list">{ for c.problems.iter().map(item) }</ol>
            }
        </section>
    }
}
