//! What the browser workbench shows county staff: every error of a rule file
//! with its line and column and in plain Chinese, and no crash on hostile
//! input (junk, an empty file, 5 MB, nesting 10,000 deep), on a small stack.

use yanglao_core::source::{
    load_files_checked, toml_message_zh, RuleError, MAX_ERRORS, MAX_TOML_NESTING,
};

mod common;
use common::GOOD;

const FILE: &str = "rules/150104.toml";

fn load_one(text: &str) -> Result<yanglao_core::source::Loaded, Vec<RuleError>> {
    load_files_checked(&[(FILE.to_string(), text.to_string())])
}

fn errors_of(text: &str) -> Vec<RuleError> {
    match load_one(text) {
        Ok(_) => panic!("the broken file must be refused:\n{text}"),
        Err(errors) => errors,
    }
}

/// The line (1-based) with `needle`, and the column (1-based, in characters) where it starts.
fn at(text: &str, needle: &str) -> (usize, usize) {
    for (i, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (i + 1, line[..byte].chars().count() + 1);
        }
    }
    panic!("`{needle}` is not in the text")
}

fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// The Chinese with what it quotes taken out: `key`, "value", “…”, [section].
fn unquoted(zh: &str) -> String {
    let mut out = String::new();
    let mut close: Option<char> = None;
    for c in zh.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None => match c {
                '`' => close = Some('`'),
                '"' => close = Some('"'),
                '“' => close = Some('”'),
                '[' => close = Some(']'),
                _ => out.push(c),
            },
        }
    }
    out
}

/// Words of the file's own language that a Chinese message may say unquoted:
/// TOML, values (true, false), keys the sentence is about, file names.
const ALLOWED: &[&str] = &[
    "TOML",
    "GB",
    "T",
    "UTF",
    "true",
    "false",
    "or",
    "and",
    "not",
    "in",
    "verify",
    "eligible",
    "maybe",
    "ineligible",
    "expired",
    "not_yet_in_force",
    "id",
    "when",
    "int",
    "bool",
    "enum",
];

/// Every error says something in Chinese, with no English words but what it quotes.
fn assert_plain_chinese(errors: &[RuleError]) {
    assert!(!errors.is_empty());
    for e in errors {
        assert!(
            e.zh.chars().any(is_cjk),
            "no Chinese in the zh of {e}: {:?}",
            e.zh
        );
        let rest: Vec<char> = unquoted(&e.zh).chars().collect();
        let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '/' || c == '.';
        let mut i = 0;
        while i < rest.len() {
            if !is_word(rest[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < rest.len() && is_word(rest[i]) {
                i += 1;
            }
            let word: String = rest[start..i].iter().collect();
            let word = word.as_str();
            // The keys and values a message lists (age、economic、…) are the file's own words.
            let listed = (start > 0 && rest[start - 1] == '、') || rest.get(i) == Some(&'、');
            let is_path = listed || word.contains('/') || word.ends_with(".toml");
            let letters = word.chars().filter(|c| c.is_ascii_alphabetic()).count();
            if is_path || letters < 2 || word.chars().any(|c| c.is_ascii_digit()) {
                continue;
            }
            assert!(
                ALLOWED.contains(&word),
                "English word `{word}` in the zh of {e}: {:?}",
                e.zh
            );
        }
    }
}

fn only(errors: Vec<RuleError>) -> RuleError {
    assert_eq!(errors.len(), 1, "{errors:#?}");
    errors.into_iter().next().unwrap()
}

#[test]
fn the_fixture_loads() {
    load_one(GOOD).unwrap();
}

#[test]
fn a_syntax_error_has_its_line_column_and_chinese() {
    let bad = GOOD.replace("[services.amount]", "[services.amount");
    let e = only(errors_of(&bad));
    let (line, column) = at(&bad, "[services.amount");
    assert_eq!(
        (e.line, e.column),
        (line, column + "[services.amount".len())
    );
    assert!(e.zh.starts_with("表头"), "{}", e.zh);
    assert_plain_chinese(&[e]);
}

#[test]
fn a_misspelt_key_is_quoted_as_written_with_the_keys_allowed() {
    let bad = GOOD.replace("short_name = \"玉泉区\"", "shortname = \"玉泉区\"");
    let e = only(errors_of(&bad));
    assert_eq!((e.line, e.column), (4, 1));
    assert!(e.zh.contains("`shortname`"), "{}", e.zh);
    assert!(e.zh.contains("code、name、short_name、en"), "{}", e.zh);
    assert_plain_chinese(&[e]);
}

#[test]
fn a_value_of_the_wrong_type_points_at_the_value() {
    let bad = GOOD.replace("code = \"150104\"", "code = 150104");
    let e = only(errors_of(&bad));
    assert_eq!((e.line, e.column), (2, 8));
    assert_eq!(
        e.zh,
        "这里要写加引号的文字，比如 \"…\"，写的是数字 `150104`"
    );
    assert_plain_chinese(&[e]);
}

#[test]
fn an_unknown_fact_in_when_is_placed_by_characters_not_bytes() {
    // After Chinese on the same line: the column counts characters.
    let bad = GOOD.replace("living == alone)", "living == alon)");
    let e = only(errors_of(&bad));
    assert_eq!((e.line, e.column), at(&bad, "alon)"));
    assert_eq!(e.column, 46);
    assert!(e.zh.contains("`living` 要和这几个之一："), "{}", e.zh);
    assert!(e.zh.contains("`alon`"), "{}", e.zh);
    assert_plain_chinese(&[e]);

    let bad = GOOD.replace("and ability >= mild", "and abilty >= mild");
    let e = only(errors_of(&bad));
    assert_eq!((e.line, e.column), (at(&bad, "abilty").0, 5));
    assert!(
        e.zh.starts_with("`when` 里的 `abilty` 不是认得的回答项，可以用的有：age、"),
        "{}",
        e.zh
    );
    assert_plain_chinese(&[e]);
}

#[test]
fn an_unknown_term_a_missing_id_a_bad_date_and_a_bad_kind() {
    let bad = GOOD.replace("and not ltc_insurance", "and not ltc_insurance and 失能");
    let e = only(errors_of(&bad));
    assert_eq!((e.line, e.column), at(&bad, "失能"));
    assert!(e.zh.starts_with("`失能` 不是认得的政策用语"), "{}", e.zh);
    assert_plain_chinese(&[e]);

    let bad = GOOD.replace("id = \"test-home-care\"\n", "");
    let e = only(errors_of(&bad));
    assert_eq!((e.line, e.column), at(&bad, "[[services]]"));
    assert_eq!(e.zh, "这一节少了 `id`：请加上一行 `id = …`");
    assert_plain_chinese(&[e]);

    let bad = GOOD.replace(
        "effective_from = \"2024-07-25\"",
        "effective_from = \"2024-13-01\"",
    );
    // The document it spoils is reported too, after it.
    let e = errors_of(&bad).remove(0);
    assert_eq!((e.line, e.column), (12, 18));
    assert!(e.zh.contains("2024-13-01 这一天不存在"), "{}", e.zh);
    assert_plain_chinese(&[e]);

    let bad = GOOD.replacen("date = \"2026-11-22\"", "date = \"2026/11/22\"", 1);
    let e = only(errors_of(&bad));
    assert_eq!((e.line, e.column), at(&bad, "\"2026/11/22\""));
    assert_plain_chinese(&[e]);

    let bad = GOOD.replace("kind = \"home_care\"", "kind = \"homecare\"");
    let e = only(errors_of(&bad));
    assert_eq!((e.line, e.column), at(&bad, "\"homecare\""));
    assert!(e.zh.contains("`homecare` 不是认得的服务类别"), "{}", e.zh);
    assert_plain_chinese(&[e]);
}

#[test]
fn bad_case_answers_and_statuses_are_said_in_chinese() {
    let bad = GOOD.replacen("ability = \"moderate\"", "ability = \"moderat\"", 1);
    let e = only(errors_of(&bad));
    assert!(e.zh.contains("`ability` 要写这几个之一："), "{}", e.zh);
    assert!(e.zh.contains("\"moderat\""), "{}", e.zh);
    assert_plain_chinese(&[e]);
    let bad = GOOD.replacen("status = \"eligible\"", "status = \"yes\"", 1);
    let e = only(errors_of(&bad));
    assert!(e.zh.contains("eligible（可以申请）"), "{}", e.zh);
    assert_plain_chinese(&[e]);
    let bad = GOOD.replacen("age = 72,", "agee = 72,", 1);
    let e = only(errors_of(&bad));
    assert!(
        e.zh.starts_with("例子的 `answers`：`agee` 不是认得的回答项"),
        "{}",
        e.zh
    );
    assert_plain_chinese(&[e]);
}

#[test]
fn a_failing_case_says_both_results_in_the_words_people_see() {
    let text = GOOD.replacen("status = \"eligible\"", "status = \"ineligible\"", 1);
    let loaded = load_one(&text).unwrap();
    let (_, failures) = yanglao_core::cases::run_all(&loaded.rules);
    assert_eq!(failures.len(), 1);
    let f = &failures[0];
    // Display is unchanged (English).
    assert!(
        f.to_string().contains("expected ineligible, got eligible"),
        "{f}"
    );
    assert!(
        f.zh.contains("例子的结果不对：文件写的是“暂不符合”，按条件算出来是“可以申请”"),
        "{}",
        f.zh
    );

    let text = GOOD.replacen("status = \"maybe\"", "status = \"eligible\"", 1);
    let (_, failures) = yanglao_core::cases::run_all(&load_one(&text).unwrap().rules);
    assert_eq!(failures.len(), 1);
    assert!(
        failures[0].zh.contains(
            "文件写的是“可以申请”，按条件算出来是“可能可以，需要核实”（还没回答：ability）"
        ),
        "{}",
        failures[0].zh
    );
}

#[test]
fn display_stays_english_file_and_line() {
    let bad = GOOD.replace("and ability >= mild", "and abilty >= mild");
    let e = only(errors_of(&bad));
    let (line, _) = at(&bad, "abilty");
    assert!(
        e.to_string().starts_with(&format!(
            "{FILE}:{line}: unknown fact `abilty` in condition"
        )),
        "{e}"
    );
}

/// Each shape of the `toml` crate's messages, as it writes them, and how it reads in Chinese.
#[test]
fn the_toml_crates_messages_in_chinese() {
    let cases: &[(&str, &str)] = &[
        ("[region\ncode = \"1\"", "表头（方括号 [ ] 里的节名）写得不对；这里应该是 `.` 或 `]`"),
        ("[region]\ncode = \"1\"\nname = \"x\"\nnmae = \"y\"", "这里不认得 `nmae` 这个键（是不是拼错了？）；这一节可以写的有：code、name、short_name、en"),
        ("[region]\ncode = \"1\"", "这一节少了 `name`：请加上一行 `name = …`"),
        ("", "这一节少了 `region`：请加上一行 `region = …`"),
        ("[region]\ncode = 1", "这里要写加引号的文字，比如 \"…\"，写的是数字 `1`"),
        ("[region]\ncode = true", "这里要写加引号的文字，比如 \"…\"，写的是不加引号的 `true`"),
        ("[region]\ncode = [\"1\"]", "这里要写加引号的文字，比如 \"…\"，写的是一个列表 [ … ]"),
        ("[region]\ncode = \"1\"\ncode = \"2\"", "`region` 里的 `code` 写了两次：同一节里一个键只能写一次"),
        ("[region]\ncode = \"1\"\n[region]\n", "表头（方括号 [ ] 里的节名）写得不对；[region] 这一节已经写过了（要写多个，用 [[region]]）"),
        ("[region]\ncode = \"1\nname = \"x\"", "引号没有配对：加双引号的文字要在同一行里结束"),
        ("[region]\ncode = 1\nname = x", "值写得不对：文字要加引号，比如 \"玉泉区\"；这里应该是 `\"` 或 `'`"),
        ("\u{0}\u{1}\u{FFFD}", "键名写得不对：键名只用字母、数字、`_` 和 `-`，用汉字要加引号"),
        ("[region]\ncode = '''1\n", "三个单引号 ''' 开头的多行文字没有结束"),
        ("[region]\ncode = \"\\q\"", "文字里的反斜杠 \\ 后面写得不对（一个反斜杠要写成两个）；这里应该是 `b` 或 `f` 或 `n` 或 `r` 或 `t` 或 `u` 或 `U` 或 `\\` 或 `\"`"),
        ("[region]\ncode = \"1\" extra", "这里应该是 换行 或 `#` 注释"),
        ("[region]\ncode", "这里应该是 `.` 或 `=`"),
        ("[region]\nn = +", "数字写得不对"),
        ("[region]\ncode.a = 1\ncode.a.b = 2", "`code.a` 已经写过一个值，不能再在它下面写 code.a.…"),
    ];
    for (text, zh) in cases {
        let errors = errors_of(text);
        assert_eq!(errors[0].zh, *zh, "{text:?}: {}", errors[0]);
    }
    // In a service: lists, tables, numbers.
    let service = |line: &str| {
        GOOD.replace(
            "clause = \"三、(一)\"",
            &format!("clause = \"三、(一)\"\n{line}"),
        )
    };
    let cases: &[(&str, &str)] = &[
        ("tier = \"2\"", "这里要写整数（不加引号、不带小数点），写的是文字 \"2\""),
        ("tier = 2.5", "这里要写整数（不加引号、不带小数点），写的是小数 `2.5`"),
        ("tier = 99999999999", "这里要写整数（不加引号、不带小数点），写的是数字 `99999999999`"),
        ("excludes = \"x\"", "这里要写一个列表，比如 [\"…\", \"…\"]，写的是文字 \"x\""),
        ("excludes = [\"a\" \"b\"]", "列表 [ … ] 写得不对：各项之间用逗号隔开，最后要有 `]`；这里应该是 `]`"),
        ("en = 3", "这里要写一节内容（[ … ] 下面的若干行，或 { … }），写的是数字 `3`"),
        ("en = { name = \"x\", }", "花括号 { … } 写得不对：要写在一行里，各项用逗号隔开，最后一项后面不加逗号；这里应该是 `}`"),
    ];
    for (line, zh) in cases {
        let errors = errors_of(&service(line));
        assert_eq!(errors[0].zh, *zh, "{line:?}: {}", errors[0]);
        assert_eq!(errors[0].line, at(&service(line), line).0, "{line}");
    }
    assert_eq!(
        toml_message_zh("something new\nexpected more"),
        "TOML 格式不对：something new\nexpected more"
    );
    assert_eq!(
        toml_message_zh("invalid type: unit, expected a frob"),
        "TOML 格式不对：invalid type: unit, expected a frob"
    );
}

/// Runs `f` on a thread with a small stack: deep recursion would abort the test.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(f)
        .unwrap()
        .join()
        .expect("no panic on the small stack")
}

fn with_when(when: &str) -> String {
    GOOD.replace(
        "when = '''\nage >= 60 and lives_in_region",
        &format!("when = '''\n{when} and age >= 60 and lives_in_region"),
    )
}

#[test]
fn a_condition_nested_ten_thousand_deep_is_an_error_not_a_crash() {
    let shapes = [
        format!("{}age >= 60{}", "(".repeat(10_000), ")".repeat(10_000)),
        format!("{}dementia", "not ".repeat(10_000)),
        format!(
            "{}age >= 60{}",
            "(age >= 60 and (age >= 61 or ".repeat(5_000),
            "))".repeat(5_000)
        ),
        "\"x\" (".repeat(10_000),
    ];
    for when in shapes {
        let text = with_when(&when);
        let errors = on_small_stack(move || errors_of(&text));
        let e = only(errors);
        assert!(e.message.contains("levels deep"), "{e}");
        assert!(e.zh.contains("套得太深"), "{}", e.zh);
        assert_eq!(e.line, at(GOOD, "age >= 60 and lives_in_region").0);
        assert!(e.column > 1);
        assert_plain_chinese(&[e]);
    }
}

#[test]
fn the_deepest_condition_allowed_loads_runs_and_explains_on_a_small_stack() {
    use yanglao_core::expr::MAX_DEPTH;
    // A few levels are the condition around it.
    let depth = MAX_DEPTH - 3;
    let when = format!(
        "{}age >= 60{}",
        "(age >= 50 and (age >= 55 or ".repeat(depth / 2),
        "))".repeat(depth / 2)
    );
    let text = with_when(&when);
    on_small_stack(move || {
        let loaded = load_one(&text).expect("deep but allowed");
        let (ran, failures) = yanglao_core::cases::run_all(&loaded.rules);
        assert_eq!((ran, failures.len()), (3, 0), "{failures:?}");
        let answers =
            yanglao_core::Answers::from_pairs([("age", yanglao_core::RawValue::Int(40))]).unwrap();
        let e = yanglao_core::evaluate(
            &loaded.rules,
            "150104",
            yanglao_core::Date::parse("2026-11-22").unwrap(),
            &answers,
        )
        .unwrap();
        assert!(!e.outcomes[0].unmet_in(yanglao_core::Lang::Zh).is_empty());
    });
}

#[test]
fn toml_nested_ten_thousand_deep_is_an_error_not_a_crash() {
    let shapes = [
        format!("x = {}{}", "[".repeat(10_000), "]".repeat(10_000)),
        format!("x = {}1{}", "{ a = ".repeat(10_000), " }".repeat(10_000)),
        format!("x = {}", "[{ a = ".repeat(5_000)),
        format!("{} = 1", vec!["a"; 10_000].join(".")),
    ];
    for shape in shapes {
        let text = GOOD.replace(
            "short_name = \"玉泉区\"",
            &format!("short_name = \"玉泉区\"\n{shape}"),
        );
        let e = on_small_stack(move || only(errors_of(&text)));
        assert_eq!(e.line, 5, "{e}");
        assert_plain_chinese(&[e]);
    }
    // Just past the limit is refused; at it, the brackets are what toml reads.
    let at_limit = format!(
        "x = {}{}",
        "[".repeat(MAX_TOML_NESTING),
        "]".repeat(MAX_TOML_NESTING)
    );
    let past = format!(
        "x = {}{}",
        "[".repeat(MAX_TOML_NESTING + 1),
        "]".repeat(MAX_TOML_NESTING + 1)
    );
    let e = on_small_stack(move || only(errors_of(&format!("{at_limit}\n{GOOD}"))));
    assert!(e.message.contains("unknown field `x`"), "{e}");
    let e = on_small_stack(move || only(errors_of(&format!("{past}\n{GOOD}"))));
    assert_eq!((e.line, e.column), (1, 5 + MAX_TOML_NESTING));
    assert!(e.zh.contains("套了超过"), "{}", e.zh);
    // Brackets in strings and comments are no nesting.
    let quoted = GOOD.replace(
        "name = \"上门服务\"",
        &format!(
            "name = \"上门服务{}\" # {}",
            "[".repeat(100),
            "{".repeat(100)
        ),
    );
    load_one(&quoted).expect("brackets in a string or a comment");
    let quoted = GOOD.replace(
        "clause = \"三、(一)\"",
        &format!(
            "clause = \"三、(一)\"\nquote = '''{}\"'''\nreading = \"\"\"\\\"{}\"\"\"",
            "[".repeat(100),
            "{".repeat(100)
        ),
    );
    load_one(&quoted).expect("brackets in multi-line strings");
}

#[test]
fn the_real_rules_stay_within_the_limits() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../rules");
    yanglao_core::source::load_dir_checked(&dir).expect("the real rules load");
}

fn head_and_service() -> (&'static str, &'static str) {
    let at = GOOD.find("[[services]]").unwrap();
    (&GOOD[..at], &GOOD[at..])
}

#[test]
fn a_long_chain_of_excludes_is_walked_without_deep_recursion() {
    let (head, service) = head_and_service();
    let n = 1_500;
    let mut text = head.to_string();
    for i in 0..n {
        // Each replaces the one before; the first closes the loop.
        let before = if i == 0 { n - 1 } else { i - 1 };
        text.push_str(
            &service
                .replace("id = \"test-home-care\"", &format!("id = \"s{i}\""))
                .replace(
                    "clause = \"三、(一)\"",
                    &format!("clause = \"三、(一)\"\nexcludes = [\"s{before}\"]"),
                ),
        );
    }
    let e = on_small_stack(move || only(errors_of(&text)));
    assert!(e.message.contains("`excludes` form a loop"), "{e}");
    assert!(e.zh.contains("绕成了一个圈"), "{}", e.zh);
}

#[test]
fn a_two_service_loop_is_reported_once() {
    let (head, service) = head_and_service();
    let mut text = head.to_string();
    for (id, other) in [("a", "b"), ("b", "a")] {
        text.push_str(
            &service
                .replace("id = \"test-home-care\"", &format!("id = \"{id}\""))
                .replace(
                    "clause = \"三、(一)\"",
                    &format!("clause = \"三、(一)\"\nexcludes = [\"{other}\"]"),
                ),
        );
    }
    let e = only(errors_of(&text));
    assert!(e.message.contains("`excludes` form a loop: "), "{e}");
    assert_plain_chinese(&[e]);
}

#[test]
fn junk_and_empty_files_are_errors_with_chinese() {
    for text in [
        "",
        "\u{0}\u{1}\u{FFFD}\u{FFFD}\u{7}garbage\u{0}",
        "\u{FEFF}",
        "\n\n\n",
        "[[[[",
        "\"",
        "'''",
        "=",
    ] {
        let errors = on_small_stack(move || errors_of(text));
        assert_plain_chinese(&errors);
        for e in &errors {
            assert!(e.line >= 1 && e.column >= 1, "{text:?}: {e:?}");
        }
    }
    // Pseudo-random junk, and the fixture with characters knocked out or
    // swapped in: never a panic, positions always inside the text.
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let alphabet: Vec<char> = "[]{}\"'=#\n .,-_azAZ09中文（）“”\u{0}\u{FFFD}"
        .chars()
        .collect();
    let mut texts = Vec::new();
    for _ in 0..40 {
        let len = (next() % 2_000) as usize;
        texts.push(
            (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect::<String>(),
        );
    }
    let good: Vec<char> = GOOD.chars().collect();
    for _ in 0..300 {
        let mut chars = good.clone();
        for _ in 0..(1 + next() % 3) {
            let i = (next() % chars.len() as u64) as usize;
            if next() % 2 == 0 {
                chars.remove(i);
            } else {
                chars[i] = alphabet[(next() % alphabet.len() as u64) as usize];
            }
        }
        texts.push(chars.into_iter().collect());
    }
    on_small_stack(move || {
        for text in texts {
            let Err(errors) = load_one(&text) else {
                continue;
            };
            let lines: Vec<&str> = text.split('\n').collect();
            for e in &errors {
                assert!(e.zh.chars().any(is_cjk), "{e}: {}", e.zh);
                if e.line == 0 {
                    continue;
                }
                assert!(e.line <= lines.len(), "{text:?}: {e:?}");
                let width = lines[e.line - 1].chars().count();
                assert!(e.column >= 1 && e.column <= width + 1, "{text:?}: {e:?}");
            }
        }
    });
}

#[test]
fn a_thousand_errors_are_listed_up_to_the_cap() {
    let (head, service) = head_and_service();
    let mut text = head.to_string();
    for i in 0..1_000 {
        text.push_str(
            &service
                .replace("id = \"test-home-care\"", &format!("id = \"s{i}\""))
                .replace("kind = \"home_care\"", "kind = \"nope\""),
        );
    }
    let errors = errors_of(&text);
    assert_eq!(errors.len(), MAX_ERRORS + 1);
    let last = errors.last().unwrap();
    assert_eq!(
        last.zh,
        format!(
            "还有 {} 处错误没有列出：请先改好上面这些",
            1_000 - MAX_ERRORS
        )
    );
    assert_eq!((last.line, last.column), (0, 0));
    assert_plain_chinese(&errors);
}

#[test]
fn five_megabytes_load_in_reasonable_time() {
    let (head, service) = head_and_service();
    let mut many = head.to_string();
    let mut n = 0;
    while many.len() < 5_000_000 {
        many.push_str(&service.replace("id = \"test-home-care\"", &format!("id = \"s{n}\"")));
        n += 1;
    }
    let long_string = format!("{GOOD}\n[x]\ny = \"{}\"\n", "中".repeat(5_000_000 / 3));
    let junk: String = (0..5_000_000u32)
        .map(|i| char::from(b"[{\"'=# \nab"[(i * 7 % 10) as usize]))
        .collect();
    for (what, text) in [
        ("services", many),
        ("a long string", long_string),
        ("junk", junk),
    ] {
        let started = std::time::Instant::now();
        let result = load_one(&text);
        eprintln!("{what}: {} bytes in {:?}", text.len(), started.elapsed());
        if what == "services" {
            let loaded = result.expect("many good services");
            assert_eq!(loaded.rules.regions[0].services.len(), n);
        } else {
            assert!(result.is_err());
        }
    }
}

#[test]
fn the_check_refuses_a_code_that_is_no_division_in_both_languages() {
    use yanglao_core::regions::RegionIndex;
    use yanglao_core::source::load_files_for_check;
    let files = |text: String| vec![("rules/999999.toml".to_string(), text)];
    let bad = GOOD.replace("code = \"150104\"", "code = \"999999\"");
    let e = only(load_files_for_check(&files(bad), RegionIndex::builtin()).unwrap_err());
    assert_eq!((e.line, e.column), (2, 8));
    assert!(
        e.to_string()
            .starts_with("rules/999999.toml:2: region code: unknown region 999999"),
        "{e}"
    );
    assert!(e.zh.contains("地区代码 999999 不存在"), "{}", e.zh);
    assert_plain_chinese(&[e]);
    let good = vec![("rules/150104.toml".to_string(), GOOD.to_string())];
    load_files_for_check(&good, RegionIndex::builtin()).expect("a real division");
}
