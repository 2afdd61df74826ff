//! A calendar date with no time zone: policies and ages count whole days.

use core::fmt;
use serde::{Deserialize, Serialize};

/// A real Gregorian date (the constructor rejects 2026-02-30 and the like).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// `None` when the date does not exist.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        if day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// Parses `YYYY-MM-DD`, strictly: four-digit year, two-digit month and day.
    pub fn parse(text: &str) -> Result<Date, String> {
        Date::parse_explained(text).map_err(|(en, _)| en)
    }

    /// [`Date::parse`], the error said both in English and in plain Chinese.
    pub fn parse_explained(text: &str) -> Result<Date, (String, String)> {
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err((
                format!("date must be written YYYY-MM-DD, got \"{text}\""),
                crate::zh!("日期要写成 年-月-日 的样子，比如 \"2024-07-25\"，写的是 \"{text}\""),
            ));
        }
        let wrong = |part: &str, part_zh: &str| {
            (
                format!("bad {part} in \"{text}\""),
                crate::zh!("\"{text}\" 里的{part_zh}不对"),
            )
        };
        let year: i32 = text[0..4].parse().map_err(|_| wrong("year", "年份"))?;
        let month: u8 = text[5..7].parse().map_err(|_| wrong("month", "月份"))?;
        let day: u8 = text[8..10].parse().map_err(|_| wrong("day", "日子"))?;
        Date::new(year, month, day).ok_or_else(|| {
            (
                format!("{text} is not a real date"),
                crate::zh!("{text} 这一天不存在（看看月份和日子）"),
            )
        })
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year
    /// (the legal reading of a birthday on 29 February).
    pub fn add_years(self, years: i32) -> Date {
        let year = (self.year + years).clamp(1, 9999);
        let day = self.day.min(days_in_month(year, self.month));
        Date {
            year,
            month: self.month,
            day,
        }
    }

    /// The next day.
    pub fn succ(self) -> Date {
        if self.day < days_in_month(self.year, self.month) {
            Date {
                day: self.day + 1,
                ..self
            }
        } else if self.month < 12 {
            Date {
                month: self.month + 1,
                day: 1,
                ..self
            }
        } else {
            Date {
                year: self.year + 1,
                month: 1,
                day: 1,
            }
        }
    }

    /// The previous day.
    pub fn pred(self) -> Date {
        if self.day > 1 {
            Date {
                day: self.day - 1,
                ..self
            }
        } else if self.month > 1 {
            let month = self.month - 1;
            Date {
                month,
                day: days_in_month(self.year, month),
                ..self
            }
        } else {
            Date {
                year: self.year - 1,
                month: 12,
                day: 31,
            }
        }
    }

    /// Full years (周岁) on `on` of someone born on `self`: the count goes up on
    /// each birthday as [`Date::add_years`] places it (29 February → 28 February
    /// in common years), so the age and the promised qualifying date always agree.
    pub fn full_years_on(self, on: Date) -> i32 {
        let years = on.year - self.year;
        if on < self.add_years(years) {
            years - 1
        } else {
            years
        }
    }

    /// Chinese written form: 2026年3月1日.
    pub fn zh(self) -> String {
        format!("{}年{}月{}日", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (civil-from-days inverse, Howard Hinnant's algorithm).
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let mp = if m > 2 { m - 3 } else { m + 9 };
        let doy = (153 * mp + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01; `None` outside years 1–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Date::new(i32::try_from(year).ok()?, month, day)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates_and_rejects_impossible_ones() {
        assert_eq!(Date::parse("2024-02-29").unwrap().to_string(), "2024-02-29");
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2026-13-01").is_err());
        assert!(Date::parse("2026-04-31").is_err());
        assert!(Date::parse("2026-4-1").is_err());
        assert!(Date::parse("二〇二六-01-01").is_err());
        assert!(Date::parse("").is_err());
    }

    #[test]
    fn full_years_turn_on_the_birthday() {
        let born = Date::parse("1946-11-22").unwrap();
        assert_eq!(born.full_years_on(Date::parse("2026-11-21").unwrap()), 79);
        assert_eq!(born.full_years_on(Date::parse("2026-11-22").unwrap()), 80);
        let leap = Date::parse("1944-02-29").unwrap();
        assert_eq!(leap.add_years(80).to_string(), "2024-02-29");
        assert_eq!(leap.add_years(81).to_string(), "2025-02-28");
        assert_eq!(leap.full_years_on(Date::parse("2025-02-27").unwrap()), 80);
        assert_eq!(leap.full_years_on(Date::parse("2025-02-28").unwrap()), 81);
    }

    #[test]
    fn succ_pred_and_epoch_days_round_trip() {
        let mut d = Date::parse("2019-12-30").unwrap();
        for _ in 0..800 {
            let n = d.succ();
            assert_eq!(n.pred(), d);
            assert_eq!(n.days_since_epoch(), d.days_since_epoch() + 1);
            assert_eq!(Date::from_days_since_epoch(n.days_since_epoch()), Some(n));
            d = n;
        }
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
    }
}
