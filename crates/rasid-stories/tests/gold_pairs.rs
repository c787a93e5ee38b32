//! The hand labels of `tests-data/duplicates` hold together: the corrected
//! silver has one well-formed line per pair, and every pair it says was read
//! carries the label its reader gave (in an audit file or in
//! `corrected-silver-read.tsv`). These files are in the repository, so this
//! runs without ../shared.

use std::collections::HashMap;
use std::path::PathBuf;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests-data/duplicates")
}

fn rows(name: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(folder().join(name)).unwrap();
    let mut lines = text.lines();
    assert!(lines.next().unwrap().starts_with("a\tb\tlabel"), "{name}: header");
    lines.map(|l| l.split('\t').map(str::to_string).collect()).collect()
}

fn is_id(s: &str) -> bool {
    s.split_once('#').is_some_and(|(d, n)| d.len() == 10 && d.starts_with("2015-08-") && n.parse::<u32>().is_ok())
}

#[test]
fn the_corrected_silver_agrees_with_its_readers() {
    let mut read: HashMap<(String, String), String> = HashMap::new();
    let mut names: Vec<String> = std::fs::read_dir(folder())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tsv") && n != "corrected-silver.tsv")
        .collect();
    names.sort();
    assert!(names.iter().any(|n| n == "corrected-silver-read.tsv"));
    for name in &names {
        for r in rows(name) {
            assert!(r.len() >= 4 && is_id(&r[0]) && is_id(&r[1]), "{name}: {r:?}");
            assert!(r[2] == "dup" || r[2] == "not", "{name}: {r:?}");
            let key = if r[0] < r[1] { (r[0].clone(), r[1].clone()) } else { (r[1].clone(), r[0].clone()) };
            if let Some(before) = read.insert(key.clone(), r[2].clone()) {
                assert_eq!(before, r[2], "{name}: {key:?} read twice with two labels");
            }
        }
    }
    let corrected = rows("corrected-silver.tsv");
    let mut last: Option<(String, String)> = None;
    let (mut from_read, mut dup) = (0, 0);
    for r in &corrected {
        assert_eq!(r.len(), 4, "{r:?}");
        assert!(is_id(&r[0]) && is_id(&r[1]) && r[0] < r[1], "{r:?}");
        let key = (r[0].clone(), r[1].clone());
        assert!(last.as_ref().is_none_or(|l| *l < key), "sorted, no pair twice: {r:?}");
        last = Some(key.clone());
        dup += usize::from(r[2] == "dup");
        match r[3].as_str() {
            "read" => {
                assert_eq!(read.get(&key), Some(&r[2]), "{r:?}: not what its reader said");
                from_read += 1;
            }
            "piece" => assert!(!read.contains_key(&key), "{r:?}: read, but marked as carried"),
            other => panic!("{r:?}: source {other}"),
        }
    }
    // Every read pair is in the reference, and most of it is duplicates.
    assert_eq!(from_read, read.len());
    assert!(corrected.len() > 7000 && dup * 10 > corrected.len() * 8, "{} pairs, {dup} dup", corrected.len());
}
