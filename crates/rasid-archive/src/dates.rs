//! Publication dates: the calendar of `rasid_core::dates`, and the bounds a
//! user gives on the command line.

pub use rasid_core::dates::{parse_day, Day};

/// Parses a `YYYY-MM-DD` bound given by a user.
pub fn parse_bound(s: &str) -> crate::Result<Day> {
    parse_day(s).filter(|_| s.len() == 10).ok_or_else(|| crate::Error::Date(s.to_string()))
}
