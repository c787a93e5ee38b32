//! Calendar words, folded as the `search` level folds them (ة → ه, hamza
//! forms → ا), for the stages that read dates and days: event times
//! (rasid-events) and the template check of near-duplicates (rasid-stories).

/// The weekdays with the article, folded, Sunday first (index 0).
pub const WEEKDAYS: [&str; 7] = ["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::Level;

    #[test]
    fn weekdays_are_in_search_folding() {
        for (w, raw) in WEEKDAYS.iter().zip(["الأحد", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"])
        {
            assert_eq!(*w, Level::Search.normalize(raw), "{raw}");
        }
    }
}
