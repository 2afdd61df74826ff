//! Who is answering, and how a typed number is read: the age box (周岁, or
//! a birth date with as much of it as was typed) and any other number a
//! question asks for, within the limits the vocabulary gives. The questions'
//! own words are the engine's (yanglao_core::words::prompt); wording follows
//! ../shared/PLAIN-LANGUAGE.md: 您 when the older person answers, 老人 when a
//! family member does.

use crate::i18n::Lang;

/// Who is answering.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Who {
    /// The older person, for themselves.
    Myself,
    /// A son, daughter or other helper, for the older person.
    Family,
}

impl Who {
    /// How the questions name the older person.
    pub fn subject(self) -> &'static str {
        match self {
            Who::Myself => "您",
            Who::Family => "老人",
        }
    }
    /// The same in English, at the start of a sentence and within one.
    pub fn subject_en(self) -> (&'static str, &'static str) {
        match self {
            Who::Myself => ("You", "you"),
            Who::Family => ("The older person", "the older person"),
        }
    }
    /// Whether a family member answers (the questions say 老人, not 您).
    pub fn family(self) -> bool {
        self == Who::Family
    }
    pub fn key(self) -> &'static str {
        match self {
            Who::Myself => "self",
            Who::Family => "family",
        }
    }
}

/// What the age box can hold: the age in 周岁, or a birth date with as
/// much of it as was typed ("1944", "1944年3月", "1944-03-05").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeInput {
    Years(i32),
    Born(yanglao_core::Date),
    BornYearMonth(i32, u8),
    BornYear(i32),
}

/// What the age box settles: the age, the birth date, or the birth year with
/// the question still open of whether this year's birthday has passed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AgeAnswer {
    Years(i32),
    Born(yanglao_core::Date),
    /// Born in this year; the age is `year_now - year` once this year's
    /// birthday has passed, one less before.
    AskBirthday(i32),
}

impl AgeInput {
    /// What the input settles on `today` (born in March and it is December:
    /// the birthday has passed; born in this month: ask).
    pub fn settle(self, today: yanglao_core::Date) -> AgeAnswer {
        match self {
            AgeInput::Years(y) => AgeAnswer::Years(y),
            AgeInput::Born(d) => AgeAnswer::Born(d),
            AgeInput::BornYear(y) => AgeAnswer::AskBirthday(y),
            AgeInput::BornYearMonth(y, m) if m < today.month() => {
                AgeAnswer::Years(today.year() - y)
            }
            AgeInput::BornYearMonth(y, m) if m > today.month() => {
                AgeAnswer::Years(today.year() - y - 1)
            }
            AgeInput::BornYearMonth(y, _) => AgeAnswer::AskBirthday(y),
        }
    }
}

/// What is wrong with what was typed in the age box.
#[derive(Clone, Debug, PartialEq, Eq)]
enum AgeProblem {
    Empty,
    Negative,
    NotANumber,
    Zero,
    /// Over the oldest age (the number, if it fits in a u32).
    TooOld(Option<u32>),
    /// Looks like a date (digits with 年, 月, dots or dashes) that is not a real past one.
    BadDate,
    /// A four-digit year outside the last `oldest` years.
    BadYear(u32),
}

/// Full-width digits and signs made ASCII and spaces removed: how people type on phones.
fn normalise_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' | '。' => '.',
            '－' | '—' | '–' => '-',
            '／' => '/',
            other => other,
        })
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Splits "1944年3月5日", "1944.3.5", "1944-03-05", "1944/3" into numbers;
/// None when it is not digits separated by such marks.
fn date_parts(text: &str) -> Option<Vec<u32>> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for c in text.chars() {
        match c {
            '0'..='9' => current.push(c),
            '年' | '月' | '日' | '号' | '.' | '-' | '/' => {
                if current.is_empty() {
                    return None;
                }
                parts.push(current.parse().ok()?);
                current.clear();
            }
            _ => return None,
        }
    }
    if !current.is_empty() {
        parts.push(current.parse().ok()?);
    }
    (!parts.is_empty() && parts.len() <= 3).then_some(parts)
}

/// Reads the age box: 周岁 (full-width digits, spaces, a trailing 岁 or 周岁
/// are fine), or a birth date or year.
fn read_age(text: &str, today: yanglao_core::Date, oldest: i32) -> Result<AgeInput, AgeProblem> {
    let normalised = normalise_digits(text);
    let digits = normalised
        .strip_suffix("周岁")
        .or_else(|| normalised.strip_suffix('岁'))
        .unwrap_or(&normalised);
    if digits.is_empty() {
        return Err(AgeProblem::Empty);
    }
    if digits.starts_with('-') && digits[1..].chars().all(|c| c.is_ascii_digit()) {
        return Err(AgeProblem::Negative);
    }
    let year_ok = |y: u32| -> Result<i32, AgeProblem> {
        let y = y as i32;
        if y < today.year() - oldest || y > today.year() {
            Err(AgeProblem::BadYear(y as u32))
        } else {
            Ok(y)
        }
    };
    let all_digits = digits.chars().all(|c| c.is_ascii_digit());
    // A birth date written as digits only: 1944, 19440305.
    if all_digits && digits.len() == 4 {
        return Ok(AgeInput::BornYear(year_ok(
            digits.parse().map_err(|_| AgeProblem::BadDate)?,
        )?));
    }
    if all_digits && digits.len() == 8 {
        let (y, m, d) = (&digits[..4], &digits[4..6], &digits[6..]);
        let date = yanglao_core::Date::new(
            year_ok(y.parse().map_err(|_| AgeProblem::BadDate)?)?,
            m.parse().map_err(|_| AgeProblem::BadDate)?,
            d.parse().map_err(|_| AgeProblem::BadDate)?,
        )
        .filter(|d| *d <= today)
        .ok_or(AgeProblem::BadDate)?;
        return Ok(AgeInput::Born(date));
    }
    if all_digits {
        return match digits.parse::<u32>() {
            Err(_) => Err(AgeProblem::TooOld(None)),
            Ok(0) => Err(AgeProblem::Zero),
            Ok(age) if age > oldest as u32 => Err(AgeProblem::TooOld(Some(age))),
            Ok(age) => Ok(AgeInput::Years(age as i32)),
        };
    }
    let looks_like_date = digits.chars().any(|c| c.is_ascii_digit())
        && digits.chars().any(|c| "年月日号.-/".contains(c));
    let Some(parts) = date_parts(digits) else {
        return Err(if looks_like_date {
            AgeProblem::BadDate
        } else {
            AgeProblem::NotANumber
        });
    };
    match parts[..] {
        [y] => Ok(AgeInput::BornYear(year_ok(y)?)),
        [y, m] => {
            let y = year_ok(y)?;
            if !(1..=12).contains(&m) || (y == today.year() && m > u32::from(today.month())) {
                return Err(AgeProblem::BadDate);
            }
            Ok(AgeInput::BornYearMonth(y, m as u8))
        }
        [y, m, d] => {
            let y = year_ok(y)?;
            let date = yanglao_core::Date::new(y, m.min(255) as u8, d.min(255) as u8)
                .filter(|d| *d <= today)
                .ok_or(AgeProblem::BadDate)?;
            Ok(AgeInput::Born(date))
        }
        _ => Err(AgeProblem::BadDate),
    }
}

/// Reads the age box kindly, with the message in a language: it says what
/// was wrong and what to type instead. A date is never called "not a number".
pub fn parse_age_input_in(
    lang: Lang,
    text: &str,
    today: yanglao_core::Date,
    oldest: i32,
) -> Result<AgeInput, String> {
    read_age(text, today, oldest).map_err(|problem| age_message(lang, text, problem, today, oldest))
}

fn age_message(
    lang: Lang,
    text: &str,
    problem: AgeProblem,
    today: yanglao_core::Date,
    oldest: i32,
) -> String {
    let earliest = today.year() - oldest;
    match (lang, problem) {
        (Lang::Zh, AgeProblem::Empty) => "请填写年龄（周岁），例如 72；也可以填出生年月，例如 1944年3月。".to_string(),
        (Lang::Zh, AgeProblem::Negative) => {
            format!("“{text}”是负数。请填写现在的周岁年龄，例如 72。")
        }
        (Lang::Zh, AgeProblem::NotANumber) => {
            format!("“{text}”看不懂。请填周岁年龄，例如 72；或者出生年月，例如 1944年3月。")
        }
        (Lang::Zh, AgeProblem::Zero) => "年龄不能是 0。请填写现在的周岁年龄，例如 72。".to_string(),
        (Lang::Zh, AgeProblem::TooOld(None)) => format!("“{text}”太大了。年龄最大填 {oldest}。"),
        (Lang::Zh, AgeProblem::TooOld(Some(age))) => {
            format!("{age} 岁太大了，年龄最大填 {oldest}。是不是多按了一位数字？")
        }
        (Lang::Zh, AgeProblem::BadDate) => format!(
            "“{text}”不是一个已经过去的日期。出生日期可以这样写：1944年3月5日、1944年3月 或 1944-03-05。"
        ),
        (Lang::Zh, AgeProblem::BadYear(y)) => format!(
            "出生年份 {y} 不对，应在 {earliest} 到 {} 之间。也可以直接填周岁年龄，例如 72。",
            today.year()
        ),
        (Lang::En, AgeProblem::Empty) => {
            "Please give the age in full years, for example 72, or the year and month of birth, for example 1944-03.".to_string()
        }
        (Lang::En, AgeProblem::Negative) => {
            format!("“{text}” is negative. Please give the age now in full years, for example 72.")
        }
        (Lang::En, AgeProblem::NotANumber) => format!(
            "“{text}” cannot be read. Please give the age in full years, for example 72, or the date of birth, for example 1944-03."
        ),
        (Lang::En, AgeProblem::Zero) => {
            "The age cannot be 0. Please give the age now in full years, for example 72."
                .to_string()
        }
        (Lang::En, AgeProblem::TooOld(_)) => {
            format!("{text} is too old: the largest age is {oldest}. Was a digit typed twice?")
        }
        (Lang::En, AgeProblem::BadDate) => format!(
            "“{text}” is not a past date. A date of birth can be written 1944-03-05, 1944-03 or 1944."
        ),
        (Lang::En, AgeProblem::BadYear(y)) => format!(
            "The year of birth {y} is not right: it should be between {earliest} and {}. Or give the age in full years, for example 72.",
            today.year()
        ),
    }
}

/// Reads a typed age (周岁 only), with the message in a language: for the
/// results page, where a birth date is changed on the question screen.
pub fn parse_age_in(lang: Lang, text: &str, oldest: i32) -> Result<i32, String> {
    // Any day serves: only 周岁 is accepted here.
    let today = yanglao_core::Date::new(2026, 1, 1).expect("a real date");
    match read_age(text, today, oldest) {
        Ok(AgeInput::Years(y)) => Ok(y),
        Ok(_) => Err(match lang {
            Lang::Zh => format!("“{text}”是出生日期。这里请填现在的周岁年龄，例如 72。"),
            Lang::En => format!("“{text}” is a date of birth. Here, please give the age now in full years, for example 72."),
        }),
        Err(problem @ (AgeProblem::BadDate | AgeProblem::BadYear(_))) => Err(match lang {
            Lang::Zh => format!("“{text}”不是年龄。这里请填现在的周岁年龄，例如 72。"),
            Lang::En => age_message(lang, text, problem, today, oldest),
        }),
        Err(problem) => Err(age_message(lang, text, problem, today, oldest)),
    }
}

/// Reads a typed age kindly, with the message in Chinese.
pub fn parse_age(text: &str, oldest: i32) -> Result<i32, String> {
    parse_age_in(Lang::Zh, text, oldest)
}

/// Reads a birth date from its three boxes; the day, or the month and the
/// day, may be left empty (then the birthday question settles the age).
pub fn parse_birth_parts_in(
    lang: Lang,
    year: &str,
    month: &str,
    day: &str,
    today: yanglao_core::Date,
    oldest: i32,
) -> Result<AgeInput, String> {
    let (m, d) = (normalise_digits(month), normalise_digits(day));
    if d.trim_end_matches(['日', '号']).is_empty() {
        // As much as was typed, read the way the age box reads it.
        let text = match m.trim_end_matches('月') {
            "" => normalise_digits(year),
            m => format!("{}年{m}月", normalise_digits(year).trim_end_matches('年')),
        };
        return match read_age(&text, today, oldest) {
            Ok(input @ (AgeInput::BornYear(_) | AgeInput::BornYearMonth(..))) => Ok(input),
            // The three-box reader names the box that is wrong.
            _ => Err(
                match parse_birth_date_in(
                    lang,
                    year,
                    if m.is_empty() { "1" } else { month },
                    "1",
                    today,
                    oldest,
                ) {
                    Err(message) => message,
                    Ok(_) => age_message(lang, &text, AgeProblem::BadDate, today, oldest),
                },
            ),
        };
    }
    parse_birth_date_in(lang, year, month, day, today, oldest).map(AgeInput::Born)
}

/// Reads a birth date, with the message in a language.
pub fn parse_birth_date_in(
    lang: Lang,
    year: &str,
    month: &str,
    day: &str,
    today: yanglao_core::Date,
    oldest: i32,
) -> Result<yanglao_core::Date, String> {
    let result = parse_birth_date(year, month, day, today, oldest);
    match (lang, result) {
        (Lang::En, Err(_)) => Err(format!(
            "The date of birth “{year}-{month}-{day}” is not a real past date. Please give the year (4 digits, for example 1954), the month (1 to 12) and the day."
        )),
        (_, r) => r,
    }
}

/// Reads a birth date typed as year, month and day, kindly.
pub fn parse_birth_date(
    year: &str,
    month: &str,
    day: &str,
    today: yanglao_core::Date,
    oldest: i32,
) -> Result<yanglao_core::Date, String> {
    let number = |text: &str, what: &str, example: &str| -> Result<u32, String> {
        let t = normalise_digits(text);
        let t = t.trim_end_matches(['年', '月', '日']);
        if t.is_empty() {
            return Err(format!("请填写出生的{what}，例如 {example}。"));
        }
        if !t.chars().all(|c| c.is_ascii_digit()) || t.len() > 4 {
            return Err(format!(
                "出生的{what}“{text}”看不懂。请只填数字，例如 {example}。"
            ));
        }
        t.parse()
            .map_err(|_| format!("出生的{what}“{text}”看不懂。请只填数字，例如 {example}。"))
    };
    let y = number(year, "年份", "1954")?;
    let m = number(month, "月份", "3")?;
    let d = number(day, "日子", "15")?;
    let earliest = today.year() - oldest;
    if (y as i32) < earliest || y as i32 > today.year() {
        return Err(format!(
            "出生年份 {y} 不对。请填写四位数的年份，在 {earliest} 到 {} 之间，例如 1954。",
            today.year()
        ));
    }
    if !(1..=12).contains(&m) {
        return Err(format!("月份 {m} 不对。月份在 1 到 12 之间。"));
    }
    let Some(date) = yanglao_core::Date::new(y as i32, m as u8, d.min(255) as u8) else {
        return Err(format!("{y}年{m}月没有{d}日。请检查出生日期。"));
    };
    if date > today {
        return Err(format!("{} 还没有到。请检查出生日期。", date.zh()));
    }
    Ok(date)
}

/// Reads a typed whole number for a question that is not an age: digits
/// (full-width too), within the vocabulary's limits, the unit allowed after it.
pub fn parse_number_in(
    lang: Lang,
    text: &str,
    min: i32,
    max: i32,
    unit: Option<&str>,
) -> Result<i32, String> {
    let normalised = normalise_digits(text);
    let digits = unit
        .and_then(|u| normalised.strip_suffix(u))
        .unwrap_or(&normalised);
    let read =
        (!digits.is_empty() && digits.len() <= 9 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<i32>().ok())
            .flatten();
    match (read, lang) {
        (Some(n), _) if (min..=max).contains(&n) => Ok(n),
        (Some(_), Lang::Zh) => Err(format!("“{text}”不在 {min} 到 {max} 之间。请填 {min} 到 {max} 之间的整数。")),
        (Some(_), Lang::En) => Err(format!("“{text}” is not between {min} and {max}. Please give a whole number from {min} to {max}.")),
        (None, Lang::Zh) if text.trim().is_empty() => Err(format!("请填写一个整数，{min} 到 {max} 之间。")),
        (None, Lang::En) if text.trim().is_empty() => Err(format!("Please give a whole number from {min} to {max}.")),
        (None, Lang::Zh) => Err(format!("“{text}”看不懂。请只填数字，{min} 到 {max} 之间。")),
        (None, Lang::En) => Err(format!("“{text}” cannot be read. Please give digits only, from {min} to {max}.")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_age_t(text: &str) -> Result<i32, String> {
        parse_age(text, 130)
    }

    #[test]
    fn ages_are_read_kindly() {
        assert_eq!(parse_age_t("72"), Ok(72));
        assert_eq!(parse_age_t(" ７２ 岁"), Ok(72));
        assert_eq!(parse_age_t("80周岁"), Ok(80));
        for bad in ["", "七十二", "-5", "0", "200", "99999999999"] {
            let message = parse_age_t(bad).unwrap_err();
            assert!(
                message.contains("例如") || message.contains("130"),
                "{bad}: {message}"
            );
        }
    }

    #[test]
    fn the_age_box_takes_birth_dates_and_asks_only_what_is_needed() {
        let today = yanglao_core::Date::new(2026, 12, 1).unwrap();
        let read = |t: &str| parse_age_input_in(Lang::Zh, t, today, 130);
        assert_eq!(read("82"), Ok(AgeInput::Years(82)));
        assert_eq!(read("1944"), Ok(AgeInput::BornYear(1944)));
        assert_eq!(read("1944年"), Ok(AgeInput::BornYear(1944)));
        for t in [
            "1944年3月",
            "1944.3",
            "1944-03",
            "1944/3",
            "１９４４年３月",
            "1944年03月",
        ] {
            assert_eq!(read(t), Ok(AgeInput::BornYearMonth(1944, 3)), "{t}");
        }
        let born = yanglao_core::Date::new(1944, 3, 5).unwrap();
        for t in [
            "1944年3月5日",
            "1944.3.5",
            "1944-03-05",
            "19440305",
            "1944年3月5号",
        ] {
            assert_eq!(read(t), Ok(AgeInput::Born(born)), "{t}");
        }
        // Born in March, and it is December: 82, no question. Born in
        // December: ask whether the birthday has passed. A year alone: ask.
        assert_eq!(
            AgeInput::BornYearMonth(1944, 3).settle(today),
            AgeAnswer::Years(82)
        );
        assert_eq!(
            AgeInput::BornYearMonth(1944, 12).settle(today),
            AgeAnswer::AskBirthday(1944)
        );
        assert_eq!(
            AgeInput::BornYearMonth(1945, 12).settle(yanglao_core::Date::new(2026, 11, 1).unwrap()),
            AgeAnswer::Years(80)
        );
        assert_eq!(
            AgeInput::BornYear(1944).settle(today),
            AgeAnswer::AskBirthday(1944)
        );
        // A date is never called "not a number"; a wrong one says how to write it.
        for t in ["1944年3月", "1944年13月", "1944-02-30", "2030年1月", "1850"] {
            if let Err(m) = read(t) {
                assert!(!m.contains("不是数字"), "{t}: {m}");
                assert!(m.contains("1944") || m.contains("年份"), "{t}: {m}");
            }
        }
        assert!(read("1944年13月").is_err());
        assert!(read("2030年1月").is_err());
        assert!(read("1850").unwrap_err().contains("出生年份"));
        assert!(read("七十二").unwrap_err().contains("看不懂"));
    }

    #[test]
    fn birth_dates_are_read_kindly() {
        let today = yanglao_core::Date::new(2026, 11, 22).unwrap();
        assert_eq!(
            parse_birth_date("1954", "3", "15", today, 130),
            Ok(yanglao_core::Date::new(1954, 3, 15).unwrap())
        );
        assert!(parse_birth_date("１９５４年", "３月", "15日", today, 130).is_ok());
        for (y, m, d) in [
            ("", "3", "1"),
            ("54", "3", "1"),
            ("1954", "13", "1"),
            ("1954", "2", "30"),
            ("2027", "1", "1"),
            ("1954", "x", "1"),
        ] {
            assert!(
                parse_birth_date(y, m, d, today, 130).is_err(),
                "{y}-{m}-{d}"
            );
        }
    }

    #[test]
    fn messages_in_english_judge_as_the_chinese_do() {
        assert!(parse_age_in(Lang::En, "abc", 130)
            .unwrap_err()
            .contains("cannot be read"));
        assert!(parse_age_in(Lang::En, "200", 130)
            .unwrap_err()
            .contains("130"));
        assert!(parse_age_in(Lang::En, "0", 130)
            .unwrap_err()
            .contains("cannot be 0"));
        assert_eq!(parse_age_in(Lang::En, "72", 130), Ok(72));
        // Both languages judge the same way (English once classified on its own
        // and called "72岁岁" too old while Chinese said it is not a number).
        assert!(parse_age_in(Lang::Zh, "72岁岁", 130)
            .unwrap_err()
            .contains("看不懂"));
        assert!(parse_age_in(Lang::En, "72岁岁", 130)
            .unwrap_err()
            .contains("cannot be read"));
        assert!(parse_age_in(Lang::En, "７２ 岁", 130).is_ok());
    }

    #[test]
    fn other_numbers_are_read_within_their_limits() {
        assert_eq!(parse_number_in(Lang::Zh, "３", 0, 20, Some("个")), Ok(3));
        assert_eq!(parse_number_in(Lang::Zh, "3个", 0, 20, Some("个")), Ok(3));
        assert!(parse_number_in(Lang::Zh, "21", 0, 20, None)
            .unwrap_err()
            .contains("20"));
        assert!(parse_number_in(Lang::En, "x", 0, 20, None)
            .unwrap_err()
            .contains("cannot be read"));
    }
}
