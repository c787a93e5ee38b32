//! Events: the reference article's gold events, and `rasid events` over an
//! archive (filters, ACLED CSV, GeoJSON).

use rasid_events::gazetteer::distance_km as km;

use crate::util::{check_spans, json_docs, rasid, shared, Dir};

fn names(v: &serde_json::Value) -> Vec<String> {
    v.as_array().map_or(Vec::new(), |a| a.iter().map(|x| x["name"].as_str().unwrap_or("").to_string()).collect())
}

#[test]
fn the_reference_article_codes_the_operation_the_denied_agreement_and_the_background() {
    let Some(sh) = shared() else { return };
    let sample = sh.join("samples/000_96e414a91007daec.txt");
    let out = rasid(&["analyze", sample.to_str().unwrap(), "--format", "json", "--published", "2018-01-02"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = &json_docs(&out)[0];
    let text: Vec<char> = std::fs::read_to_string(&sample).unwrap().chars().collect();
    check_spans(&doc["events"], &text);
    let events = doc["events"].as_array().unwrap();
    // The clearing campaign on Qara Chokh: Peshmerga and the coalition against
    // ISIS, near Makhmour, the day before publication.
    let op =
        events.iter().find(|e| e["type"] == "Security operation" && e["polarity"] == "asserted").expect("operation");
    let actors = names(&op["actors"]);
    assert!(actors.iter().any(|a| a.contains("البيشمركة")), "{actors:?}");
    assert!(actors.iter().any(|a| a.contains("التحالف الدولي")), "{actors:?}");
    assert_eq!(op["target"]["name"], "داعش");
    let (lat, lon) = (op["location"]["latitude"].as_f64().unwrap(), op["location"]["longitude"].as_f64().unwrap());
    assert!(km((lat, lon), (35.776, 43.58)) < 30.0, "{lat},{lon}");
    assert_eq!(op["time"]["offset_days"], -1);
    assert_eq!(op["time"]["date"], "2018-01-01");
    assert_eq!(op["tense"], "current");
    // The agreement with Baghdad is denied, never reported as made.
    let agreements: Vec<_> = events.iter().filter(|e| e["subtype"] == "Agreement").collect();
    assert!(!agreements.is_empty());
    assert!(agreements.iter().all(|e| e["polarity"] == "negated"), "{agreements:?}");
    assert!(agreements.iter().any(|e| names(&e["actors"]).contains(&"بغداد".to_string())));
    // The Mosul battle and the takeover after the referendum are background.
    let mosul =
        events.iter().find(|e| e["type"] == "Battles" && e["location"]["name"] == "الموصل").expect("Mosul battle");
    assert_eq!(mosul["tense"], "background");
    let takeover = events
        .iter()
        .find(|e| e["subtype"] == "Non-violent transfer of territory" && e["polarity"] == "asserted")
        .expect("takeover");
    assert_eq!(takeover["tense"], "background");
}

/// Three short reports written for this test.
const REPORTS: &str = r#"{"id": "taiz-protest", "title": "تظاهرة طلابية في تعز", "date": "2024-03-12", "source": "test-outlet", "text": "تظاهر آلاف الطلاب امس في مدينة تعز احتجاجا على انقطاع رواتب المعلمين، ورفع المتظاهرون لافتات تطالب الحكومة بصرف المستحقات."}
{"id": "mosul-ied", "title": "مقتل ثلاثة جنود بانفجار قرب الموصل", "date": "2024-03-12", "source": "test-outlet", "text": "قتل ثلاثة جنود واصيب خمسة آخرون صباح يوم الاثنين في انفجار عبوة ناسفة استهدفت دورية للجيش العراقي قرب مدينة الموصل."}
{"id": "border-denial", "title": "الدفاع العراقية تنفي اتفاقا مع تركيا", "date": "2024-03-12", "source": "test-outlet", "text": "نفت وزارة الدفاع العراقية ابرام أي اتفاق مع الجانب التركي بشأن الحدود، وقال المتحدث باسم الوزارة إن المحادثات لم تبدأ بعد."}
"#;

#[test]
fn events_are_listed_filtered_and_exported_as_acled_csv_and_geojson() {
    let dir = Dir::new("events");
    let input = dir.write("reports.jsonl", REPORTS.as_bytes());
    let data = dir.0.join("data");
    let data = data.to_str().unwrap();
    let out = rasid(&["--data", data, "ingest", input.to_str().unwrap(), "--json"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let list = |args: &[&str]| {
        let mut a = vec!["--data", data, "events"];
        a.extend_from_slice(args);
        let out = rasid(&a, None);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let json = |args: &[&str]| -> Vec<serde_json::Value> {
        let mut a = args.to_vec();
        a.extend_from_slice(&["--format", "json"]);
        list(&a).lines().map(|l| serde_json::from_str(l).unwrap()).collect()
    };
    // The bombing near Mosul: the headline and the body are one event, dated
    // by "صباح يوم الاثنين" (the day before the Tuesday it was published).
    let attacks = json(&["--type", "explosions"]);
    assert_eq!(attacks.len(), 1, "{attacks:?}");
    assert_eq!(attacks[0]["event_date"], "2024-03-11");
    assert_eq!(attacks[0]["location"], "الموصل");
    assert_eq!(attacks[0]["time_precision"], 1);
    let killed = json(&["--type", "assault", "--place", "موصل"]);
    assert!(killed.iter().any(|e| e["fatalities"] == 3), "{killed:?}");
    // The protest in Taiz, by any spelling of the place.
    let protests = json(&["--type", "protest"]);
    assert_eq!(protests.len(), 1, "{protests:?}");
    assert_eq!(protests[0]["article"], "taiz-protest");
    assert_eq!(json(&["--type", "protest", "--place", "تعز"]).len(), 1);
    assert!(json(&["--type", "protest", "--from", "2024-03-12"]).is_empty());
    // The denied agreement is negated.
    let negated = json(&["--polarity", "negated", "--type", "agreement"]);
    assert!(negated.iter().any(|e| e["article"] == "border-denial"), "{negated:?}");
    assert!(json(&["--polarity", "asserted", "--type", "agreement"]).is_empty());
    // CSV: a byte-order mark, ACLED's columns, one line per event.
    let csv = list(&["--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(header.starts_with('\u{feff}'));
    for c in [
        "event_date",
        "event_type",
        "sub_event_type",
        "actor1",
        "actor2",
        "location",
        "latitude",
        "longitude",
        "geo_precision",
        "time_precision",
        "source",
        "notes",
        "fatalities",
    ] {
        assert!(header.split(',').any(|h| h.trim_start_matches('\u{feff}') == c), "{c} in {header}");
    }
    assert_eq!(csv.lines().count(), 1 + json(&[]).len());
    // GeoJSON: features with [longitude, latitude].
    let geo: serde_json::Value = serde_json::from_str(&list(&["--format", "geojson"])).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let mosul =
        geo["features"].as_array().unwrap().iter().find(|f| f["properties"]["location"] == "الموصل").expect("Mosul");
    let c = &mosul["geometry"]["coordinates"];
    assert!(km((c[1].as_f64().unwrap(), c[0].as_f64().unwrap()), (36.34, 43.12)) < 20.0);
    // A bad filter is one clear line and exit 2 (as every usage error).
    let out = rasid(&["--data", data, "events", "--polarity", "maybe"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("polarity") && err.trim().lines().count() == 1, "{err}");
}
