//! `yanglao screen`: every line answered, in order; bad lines reported by number.

use serde_json::Value;
use std::io::Write;
use std::process::{Command, Output, Stdio};

fn screen(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_yanglao"))
        .arg("screen")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // The command may exit before reading its input (a bad flag): ignore a closed pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

#[test]
fn jsonl_screens_in_order_and_reports_bad_lines() {
    let input = concat!(
        "{\"ref\": \"A-1\", \"age\": 72, \"lives_in_region\": true, \"living\": \"alone\", \"ability\": \"moderate\", \"ltc_insurance\": false, \"institution_subsidy\": false}\n",
        "{\"ref\": \"A-2\", \"age\": \"seventy\"}\n",
        "not json\n",
        "\n",
        "{\"ref\": 17, \"age\": 61}\r\n",
    );
    let out = screen(
        &["--region", "150104", "--date", "2026-11-22"],
        input.as_bytes(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "one record per non-blank input line");
    assert_eq!(lines[0]["ref"], "A-1");
    assert_eq!(lines[0]["line"], 1);
    let home = lines[0]["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == "yuquan-home-care")
        .unwrap();
    assert_eq!(home["status"], "eligible");
    assert_eq!(lines[1]["ref"], "A-2");
    assert_eq!(
        lines[1]["error"],
        "line 2: age must be a whole number from 0 to 130, got \"seventy\""
    );
    assert!(lines[2]["error"]
        .as_str()
        .unwrap()
        .starts_with("line 3: not valid JSON"));
    assert_eq!(lines[3]["ref"], 17, "ref is passed through untouched");
    assert_eq!(lines[3]["line"], 5);
    assert!(lines[3]["missing"]
        .as_array()
        .unwrap()
        .iter()
        .any(|m| m == "ability"));
    let summary = String::from_utf8_lossy(&out.stderr);
    assert!(
        summary.contains("screened 2 people, 2 error line(s)"),
        "{summary}"
    );
}

#[test]
fn csv_round_trips_chinese_with_or_without_bom() {
    for bom in ["", "\u{feff}"] {
        let input = format!(
            "{bom}ref,age,lives_in_region,living,ability,ltc_insurance,institution_subsidy\r\n张三,72,是,alone,moderate,否,否\r\n\"李四, 二组\",abc,,,,,\r\n王五,65,true,with_family,,,\r\n"
        );
        let out = screen(
            &[
                "--region",
                "150104",
                "--date",
                "2026-11-22",
                "--format",
                "csv",
            ],
            input.as_bytes(),
        );
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with('\u{feff}'),
            "Excel needs the BOM to read UTF-8"
        );
        let mut reader = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let home = header.iter().position(|h| h == "yuquan-home-care").unwrap();
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(&rows[0][0], "张三");
        assert_eq!(&rows[0][home], "eligible");
        assert_eq!(&rows[1][0], "李四, 二组");
        assert_eq!(&rows[1][1], "3");
        assert!(
            rows[1][2].contains("line 3: age must be a whole number"),
            "{:?}",
            &rows[1]
        );
        assert_eq!(&rows[2][0], "王五");
        assert_eq!(&rows[2][home], "maybe");
    }
}

#[test]
fn a_wrong_command_exits_2() {
    let out = screen(&["--region", "999999"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = screen(&["--region", "150104", "--format", "xlsx"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("possible values: jsonl, csv"));
    let out = screen(
        &["--region", "150104", "--format", "csv"],
        b"age,colour\n70,red\n",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("\"colour\" is not an answer key"));
}

#[test]
fn a_hundred_thousand_people_with_bad_lines_mixed_in() {
    let mut input = String::new();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let livings = ["alone", "empty_nest", "left_behind", "with_family"];
    let abilities = ["intact", "mild", "moderate", "severe", "total"];
    for i in 0..100_000u64 {
        if i % 1000 == 999 {
            input.push_str("{\"age\": -3}\n");
            continue;
        }
        let r = next();
        input.push_str(&format!(
            "{{\"ref\": {i}, \"age\": {}, \"lives_in_region\": {}, \"living\": \"{}\", \"ability\": \"{}\"}}\n",
            55 + r % 50,
            r % 7 != 0,
            livings[(r >> 8) as usize % 4],
            abilities[(r >> 16) as usize % 5]
        ));
    }
    let out = screen(
        &["--region", "150104", "--date", "2026-11-22"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut count = 0;
    for (i, line) in text.lines().enumerate() {
        count += 1;
        let v: Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["line"], i + 1, "results stay in input order");
        if i % 1000 == 999 {
            assert!(v["error"]
                .as_str()
                .unwrap()
                .starts_with(&format!("line {}: age", i + 1)));
        } else {
            assert_eq!(v["ref"], i as u64);
        }
    }
    assert_eq!(count, 100_000);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("screened 99900 people, 100 error line(s)")
    );
}
