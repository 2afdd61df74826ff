//! `yanglao screen` shares JSON lines out among threads: whatever the split,
//! the output is the same, byte for byte, as screening each line on its own,
//! in order, bad lines and all.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use yanglao_cli::screen::{jsonl_split, Split};
use yanglao_core::regions::RegionIndex;
use yanglao_core::{Date, Plan};

/// A few thousand people, plain and not: escapes, spaces, CRLF, blank lines,
/// a byte-order mark, bad values, unknown keys, contradictions, broken JSON,
/// a line that is not UTF-8, and a last line without its newline.
fn people() -> Vec<u8> {
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let economic = [
        "tekun_scattered",
        "dibao",
        "dibao_edge",
        "low_income",
        "none",
    ];
    let ability = ["intact", "mild", "moderate", "severe", "total"];
    let living = ["alone", "empty_nest", "left_behind", "with_family"];
    let odd: [&[u8]; 16] = [
        b"{\"ref\": \"X\", \"age\": \"seventy\"}",
        b"not json",
        b"",
        b"   \t",
        b"{\"age\": 72, \"colour\": \"red\"}",
        b"{\"age\": 72.0, \"living\": \"al\\u006fne\"}",
        b"{\"ref\": [1, {\"a\": 2}], \"age\": -0}",
        b"{\"economic\": \"tekun_scattered\", \"no_supporter\": false}",
        b"{\"age\": 072}",
        b"{\"age\": 72,}",
        b"{\"ref\": \"\xff\", \"age\": 72}",
        b"[72]",
        b"{\"birth_date\": \"1950-02-30\"}",
        b"{\"birth_date\": \"1950-02-03\", \"age\": 76}\r\r",
        b"{\"age\": 1e2}",
        b"\x0c{\"age\": 80}",
    ];
    let mut out = "\u{feff}".as_bytes().to_vec();
    for i in 0..4000u64 {
        let r = next();
        if r % 23 == 0 {
            out.extend_from_slice(odd[(r >> 8) as usize % odd.len()]);
        } else {
            let e = economic[(r >> 8) as usize % economic.len()];
            let line = format!(
                "{{\"ref\":\"P{i:05}\",\"age\":{},\"lives_in_region\":{},\"economic\":\"{e}\",\"ability\":\"{}\",\"dementia\":{},\"living\":\"{}\",\"no_supporter\":{}{}}}",
                55 + r % 50,
                r % 7 != 0,
                ability[(r >> 16) as usize % ability.len()],
                r % 5 == 0,
                living[(r >> 24) as usize % living.len()],
                e.starts_with("tekun") || r % 3 == 0,
                if r % 4 == 0 { ",\"ltc_insurance\":null" } else { "" },
            );
            // Some lines spaced out as people write them by hand.
            let line = if r % 11 == 0 {
                line.replace(':', " : ").replace(',', " , ")
            } else {
                line
            };
            out.extend_from_slice(line.as_bytes());
        }
        out.extend_from_slice(if r % 13 == 0 { b"\r\n" } else { b"\n" });
    }
    out.extend_from_slice(b"{\"ref\": \"last\", \"age\": 90}");
    out
}

fn plan_rules() -> yanglao_core::RuleSet {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    yanglao_cli::rules::load_dir(&dir, RegionIndex::builtin())
        .unwrap_or_else(|e| panic!("the rules load: {}", e[0]))
        .rules
}

fn run(plan: &Plan, input: &[u8], split: Split) -> Vec<u8> {
    let date = Date::parse("2026-11-22").unwrap();
    let mut out = Vec::new();
    jsonl_split(plan, date, input, &mut out, split).unwrap();
    out
}

#[test]
fn many_threads_write_what_one_line_at_a_time_writes() {
    let rules = plan_rules();
    let plan = Plan::new(&rules, "150104").unwrap();
    let input = people();
    let one = Split {
        threads: 1,
        block_bytes: 1 << 20,
    };
    // Each line screened alone, after as many blank lines as come before it
    // (blank lines are counted, not answered), so that it keeps its number.
    let mut alone = Vec::new();
    let mut start = 0;
    let mut number = 0;
    while start < input.len() {
        let end = input[start..]
            .iter()
            .position(|b| *b == b'\n')
            .map_or(input.len(), |i| start + i + 1);
        let mut line = vec![b'\n'; number];
        line.extend_from_slice(&input[start..end]);
        alone.extend(run(&plan, &line, one));
        number += 1;
        start = end;
    }
    let records = alone.iter().filter(|b| **b == b'\n').count();
    assert!(records > 3900, "{records} records");
    assert!(String::from_utf8_lossy(&alone).contains("\"line\":4001,\"services\""));
    for split in [
        one,
        Split {
            threads: 4,
            block_bytes: 4096,
        },
        Split {
            threads: 3,
            block_bytes: 1000,
        },
        // Blocks shorter than a line.
        Split {
            threads: 2,
            block_bytes: 50,
        },
        Split::all_cores(),
    ] {
        assert!(
            run(&plan, &input, split) == alone,
            "{split:?} writes something else"
        );
    }

    // And the command itself, on every core.
    let mut child = Command::new(env!("CARGO_BIN_EXE_yanglao"))
        .args(["screen", "--region", "150104", "--date", "2026-11-22"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = input.clone();
    let writer = std::thread::spawn(move || stdin.write_all(&data).unwrap());
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout == alone, "the command writes something else");
}
