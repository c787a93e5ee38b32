//! Publication dates as written by real archives, reduced to a calendar day.
//!
//! Understood: `2015-08-06`, `2015-08-06 01:00:00`, `2017-01-20T21:43:00+01:00`
//! (ISO 8601 / RFC 3339, the date part is kept as written), `20/01/2017`
//! (day first, as in Arab and European usage) and RFC 2822 feed dates
//! (`Fri, 20 Jan 2017 21:43:00 +0100`).

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    /// Year.
    pub year: i32,
    /// Month, 1–12.
    pub month: u32,
    /// Day of month, 1–31.
    pub day: u32,
}

impl Day {
    /// `YYYY-MM-DD`.
    pub fn iso(&self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's algorithm).
    pub fn days_since_epoch(&self) -> i64 {
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The day `days` after 1970-01-01.
    pub fn from_days(days: i64) -> Day {
        let z = days + 719_468;
        let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Day { year, month, day }
    }

    /// Day of the week, 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    pub fn weekday(&self) -> u32 {
        (self.days_since_epoch() + 4).rem_euclid(7) as u32
    }

    /// The day `n` days later (earlier when negative).
    pub fn plus(&self, n: i64) -> Day {
        Day::from_days(self.days_since_epoch() + n)
    }

    /// A valid day of the Gregorian calendar between 1800 and 2200, or none.
    pub fn checked(year: i32, month: u32, day: u32) -> Option<Day> {
        let dim = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=dim).contains(&day) && (1800..=2200).contains(&year)).then_some(Day { year, month, day })
    }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn num(s: &str) -> Option<u32> {
    let s = s.trim();
    (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok()).flatten()
}

/// Parses a publication date (see the module documentation).
pub fn parse_day(s: &str) -> Option<Day> {
    let s = s.trim();
    // ISO: YYYY-MM-DD at the start.
    if s.len() >= 10 && s.as_bytes()[4] == b'-' && s.as_bytes()[7] == b'-' {
        return Day::checked(num(&s[..4])? as i32, num(&s[5..7])?, num(&s[8..10])?);
    }
    // Day first with slashes: DD/MM/YYYY.
    let parts: Vec<&str> = s.split(['/', ' ']).collect();
    if parts.len() >= 3 && s.contains('/') {
        return Day::checked(num(parts[2])? as i32, num(parts[1])?, num(parts[0])?);
    }
    // RFC 2822: [Day,] DD Mon YYYY ...
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    for w in words.windows(3) {
        if let (Some(d), Some(m), Some(y)) =
            (num(w[0]), MONTHS.iter().position(|m| w[1].to_ascii_lowercase().starts_with(m)), num(w[2]))
        {
            return Day::checked(y as i32, m as u32 + 1, d);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_archive_formats() {
        let d = |y, m, dd| Some(Day { year: y, month: m, day: dd });
        assert_eq!(parse_day("2015-08-06 01:00:00"), d(2015, 8, 6));
        assert_eq!(parse_day("2017-01-20T21:43:00+01:00"), d(2017, 1, 20));
        assert_eq!(parse_day("2017-01-20T214300"), d(2017, 1, 20));
        assert_eq!(parse_day("20/01/2017"), d(2017, 1, 20));
        assert_eq!(parse_day("Fri, 20 Jan 2017 21:43:00 +0100"), d(2017, 1, 20));
        assert_eq!(parse_day("31/02/2017"), None);
        assert_eq!(parse_day("يوم امس"), None);
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-1000, 0, 16_653, 17_186, 20_000, 60_000] {
            assert_eq!(Day::from_days(days).days_since_epoch(), days);
        }
        assert_eq!(Day { year: 2015, month: 8, day: 6 }.days_since_epoch(), 16_653);
        // 2015-08-06 was a Thursday; 2018-01-01 a Monday.
        assert_eq!(Day { year: 2015, month: 8, day: 6 }.weekday(), 4);
        assert_eq!(Day { year: 2018, month: 1, day: 1 }.weekday(), 1);
        assert_eq!(Day { year: 2015, month: 8, day: 6 }.plus(-7).iso(), "2015-07-30");
    }
}
