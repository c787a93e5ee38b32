//! Integration tests: they run the real `rasid` binary.
//!
//! - `analyze`: the bundled examples and the reference article of `../shared`;
//! - `input`: encodings and bad inputs in one batch;
//! - `tokens`: the `_analyze`-style command;
//! - `eval`: the conformance suites over `../shared`;
//! - `archive`: ingest, search, show, stats (see `archive.rs`).

mod archive;
mod events;
mod util;

use util::{check_spans, json_docs, rasid, shared, Dir};

const SAMPLE: &str = "samples/000_96e414a91007daec.txt";

fn chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

#[test]
fn analyze_reference_article_matches_gold() {
    let Some(shared) = shared() else { return };
    let path = shared.join(SAMPLE);
    let out = rasid(&["analyze", "--format", "json", "--tokens", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_docs(&out);
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("gold/000_96e414a91007daec.gold.json")).unwrap())
            .unwrap();
    assert_eq!(doc["headline"]["text"], gold["headline"]);
    assert_eq!(doc["lede"]["text"], gold["lede"]);
    assert_eq!(doc["dateline"]["place"]["text"], gold["dateline"]["place"]);
    assert_eq!(doc["dateline"]["outlet"]["text"], gold["dateline"]["outlet"]);
    let paragraphs = doc["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 20);
    assert_eq!(doc["dateline"]["paragraph"], 2);
    assert_eq!(paragraphs[2]["line"], gold["dateline"]["line"]);
    // The gold near-duplicate pair is given by line numbers.
    let pairs: Vec<(u64, u64)> = doc["duplicates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let line = |k: &str| paragraphs[d[k].as_u64().unwrap() as usize]["line"].as_u64().unwrap();
            (line("a"), line("b"))
        })
        .collect();
    let gold_pairs: Vec<(u64, u64)> = gold["near_duplicate_paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p[0].as_u64().unwrap(), p[1].as_u64().unwrap()))
        .collect();
    assert_eq!(pairs, gold_pairs);
    // Every span's text equals the original at its offsets.
    let original = std::fs::read_to_string(&path).unwrap();
    assert_eq!(doc["text"].as_str().unwrap(), original);
    let checked = check_spans(doc, &chars(&original));
    assert!(checked > 400, "only {checked} spans checked");
    // Entities: surname-only and head-noun mentions resolve to the gold canonical entities.
    let ents = doc["entities"].as_array().unwrap();
    let canon = |text: &str| -> Vec<String> {
        ents.iter().filter(|e| e["text"] == text).map(|e| e["canonical"].as_str().unwrap().to_string()).collect()
    };
    assert!(canon("بارزاني").iter().all(|c| c == "سيروان بارزاني") && !canon("بارزاني").is_empty());
    assert!(canon("ايمينكي").iter().all(|c| c == "جمال ايمينكي") && !canon("ايمينكي").is_empty());
    assert!(canon("قوات البيشمركة").iter().all(|c| c == "البيشمركة") && !canon("قوات البيشمركة").is_empty());
    assert!(canon("أربيل").iter().all(|c| c == "اربيل") && !canon("أربيل").is_empty());
    assert!(canon("قرة خوج").iter().all(|c| c == "قرة جوخ") && !canon("قرة خوج").is_empty());
    // Mention level against the gold file (type, text, line), as `rasid eval ner` reports it.
    let mut gold_mentions: Vec<(u64, String, String)> = Vec::new();
    for e in gold["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            gold_mentions.push((
                m[0].as_u64().unwrap(),
                e["type"].as_str().unwrap().into(),
                m[1].as_str().unwrap().into(),
            ));
        }
    }
    let line_of = |start: usize| original.chars().take(start).filter(|c| *c == '\n').count() as u64 + 1;
    let mut pool = gold_mentions.clone();
    let mut correct = 0;
    for e in ents {
        let m = (
            line_of(e["start"].as_u64().unwrap() as usize),
            e["type"].as_str().unwrap().to_string(),
            e["text"].as_str().unwrap().to_string(),
        );
        if let Some(i) = pool.iter().position(|g| *g == m) {
            pool.swap_remove(i);
            correct += 1;
        }
    }
    let (p, r) = (correct as f64 / ents.len() as f64, correct as f64 / gold_mentions.len() as f64);
    assert!(p >= 0.9 && r >= 0.9, "mention precision {p:.3}, recall {r:.3} (committed: 0.959, 1.000)");
    // Titles: the two gold titles, each linked to its person's mention.
    let titles: Vec<(String, String, String)> = doc["titles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let e = &ents[t["entity"].as_u64().unwrap() as usize];
            (
                t["text"].as_str().unwrap().into(),
                t["person"].as_str().unwrap().into(),
                e["canonical"].as_str().unwrap().into(),
            )
        })
        .collect();
    for g in gold["titles"].as_array().unwrap() {
        let (title, person) = (g["title"].as_str().unwrap(), g["person"].as_str().unwrap());
        assert!(
            titles.iter().any(|t| t.0 == title && t.1 == person && t.2 == person),
            "{title} → {person}: {titles:?}"
        );
    }
    assert_eq!(titles.len(), 2, "{titles:?}");
}

#[test]
fn quotes_of_the_reference_article_match_gold() {
    let Some(shared) = shared() else { return };
    let path = shared.join(SAMPLE);
    let out = rasid(&["analyze", "--format", "json", path.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let doc = &json_docs(&out)[0];
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(shared.join("gold/000_96e414a91007daec.gold.json")).unwrap())
            .unwrap();
    let quotes = doc["quotes"].as_array().unwrap();
    let fold = |s: &str| s.replace(['أ', 'إ'], "ا");
    let mut right = 0;
    for g in gold["quotes"].as_array().unwrap() {
        let starts: String = g["starts"].as_str().unwrap().split(' ').take(2).collect::<Vec<_>>().join(" ");
        let hit = quotes.iter().find(|q| {
            fold(q["cue"]["text"].as_str().unwrap()) == fold(g["cue"].as_str().unwrap())
                && q["content"]["text"].as_str().unwrap().contains(&starts)
        });
        if hit.is_some_and(|q| q["speaker"]["name"] == g["speaker"] && q["kind"] == g["kind"]) {
            right += 1;
        }
    }
    // The issue asks for 12 of 13 with the right speaker and kind; committed: 13.
    assert!(right >= 12, "{right} of 13 right: {quotes:#?}");
    // Nothing else is a quote: no statement from the repeated lede, none from
    // the one-word scare quote on line 21 (تاريخية).
    assert_eq!(quotes.len(), 13, "{quotes:#?}");
    assert!(quotes.iter().all(|q| !q["content"]["text"].as_str().unwrap().starts_with("تاريخية")));
    // The told-to outlet and offsets into the original text.
    let original: Vec<char> = std::fs::read_to_string(&path).unwrap().chars().collect();
    for q in quotes {
        for part in ["cue", "content"] {
            let (a, b) = (q[part]["start"].as_u64().unwrap() as usize, q[part]["end"].as_u64().unwrap() as usize);
            assert_eq!(original[a..b].iter().collect::<String>(), q[part]["text"].as_str().unwrap());
        }
    }
    assert!(quotes.iter().any(|q| q["told_to"]["text"].as_str().is_some_and(|t| t.ends_with("كوردستان 24"))));
}

#[test]
fn analyze_bundled_examples() {
    let out = rasid(&["analyze", "--format", "json", "examples/"], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_docs(&out);
    assert_eq!(docs.len(), 5);
    let by_id = |id: &str| docs.iter().find(|d| d["id"] == id).unwrap_or_else(|| panic!("no {id}"));
    let erbil = docs.iter().find(|d| d["origin"]["file"].as_str().unwrap().ends_with("erbil-dam-talks.txt")).unwrap();
    assert_eq!(erbil["dateline"]["place"]["text"], "السليمانية");
    assert_eq!(erbil["dateline"]["outlet"]["text"], "رووداو");
    assert_eq!(erbil["duplicates"].as_array().unwrap().len(), 1);
    assert_eq!(erbil["duplicates"][0]["a"], 1);
    assert_eq!(erbil["duplicates"][0]["b"], 2);
    assert!(erbil["lede"]["text"].as_str().unwrap().starts_with("بحث مسؤولون"));
    assert_eq!(by_id("baghdad-power")["dateline"]["outlet"]["text"], "رويترز");
    assert_eq!(by_id("oil-prices")["dateline"]["place"], serde_json::Value::Null);
    assert_eq!(by_id("cairo-manuscripts")["meta"]["published"], "2024-03-11");
    // Named entities: people and places of the Erbil example, clitics outside the span.
    let ents: Vec<(String, String)> = erbil["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["type"].as_str().unwrap().to_string(), e["text"].as_str().unwrap().to_string()))
        .collect();
    for want in [("LOC", "بغداد"), ("LOC", "أربيل"), ("PER", "بكر حسن عزيز"), ("PER", "سلمان جاسم الربيعي")]
    {
        assert!(ents.contains(&(want.0.to_string(), want.1.to_string())), "{want:?} not in {ents:?}");
    }
    for d in &docs {
        check_spans(d, &chars(d["text"].as_str().unwrap()));
    }
}

#[test]
fn output_is_deterministic() {
    let a = rasid(&["analyze", "--format", "json", "--tokens", "examples/"], None);
    let b = rasid(&["analyze", "--format", "json", "--tokens", "examples/"], None);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn windows_1256_and_utf16_copies_give_the_same_headline() {
    // Windows-1256 has no Arabic-Indic digits: use the example written with ASCII digits.
    let text = std::fs::read_to_string(util::repo_root().join("examples/articles/riyadh-wire.txt")).unwrap();
    let dir = Dir::new("enc");
    let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable);
    let a = dir.write("a-1256.txt", &cp1256);
    let mut utf16 = vec![0xFF, 0xFE];
    text.encode_utf16().for_each(|u| utf16.extend_from_slice(&u.to_le_bytes()));
    let b = dir.write("b-utf16.txt", &utf16);
    let out = rasid(&["analyze", "--format", "json", a.to_str().unwrap(), b.to_str().unwrap()], None);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_docs(&out);
    let headline = text.lines().next().unwrap();
    assert_eq!(docs[0]["headline"]["text"], headline);
    assert_eq!(docs[0]["origin"]["encoding"], "windows-1256");
    assert_eq!(docs[1]["headline"]["text"], headline);
    assert_eq!(docs[1]["origin"]["encoding"], "UTF-16LE");
}

#[test]
fn reference_article_in_windows_1256() {
    let Some(shared) = shared() else { return };
    let text = std::fs::read_to_string(shared.join(SAMPLE)).unwrap();
    let dir = Dir::new("enc-sample");
    let (cp1256, _, unmappable) = encoding_rs::WINDOWS_1256.encode(&text);
    assert!(!unmappable);
    let p = dir.write("sample-1256.txt", &cp1256);
    let out = rasid(&["analyze", "--format", "json", p.to_str().unwrap()], None);
    assert!(out.status.success());
    assert_eq!(json_docs(&out)[0]["headline"]["text"], "البيشمركة تؤكد عدم ابرام أي اتفاق امني جديد مع بغداد");
}

#[test]
fn bad_inputs_fail_alone_with_one_line_each() {
    let dir = Dir::new("bad");
    let good = dir.write("good.txt", "عنوان الخبر\n\nبغداد - رويترز: قال مسؤول إن الاجتماع انتهى.\n".as_bytes());
    let binary = dir.write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x03\x00>\x00");
    let empty = dir.write("empty.txt", b"");
    let jsonl = dir.write(
        "batch.jsonl",
        "{\"id\": \"one\", \"title\": \"خبر أول\", \"text\": \"نص الخبر الأول.\"}\n{\"id\": \"two\", \"text\": \"نص مقطوع\n{\"id\": \"three\", \"text\": \"نص الخبر الثالث.\"}\n".as_bytes(),
    );
    let out = rasid(
        &[
            "analyze",
            "--format",
            "json",
            good.to_str().unwrap(),
            binary.to_str().unwrap(),
            empty.to_str().unwrap(),
            jsonl.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let ids: Vec<String> = json_docs(&out).iter().map(|d| d["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids.len(), 3);
    assert_eq!(&ids[1..], ["one", "three"]);
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 3, "{stderr}");
    assert!(lines[0].contains("binary.txt: binary data"), "{stderr}");
    assert!(lines[1].contains("empty.txt: empty input"), "{stderr}");
    assert!(lines[2].contains("batch.jsonl:2: malformed json"), "{stderr}");
}

#[test]
fn stdin_is_read_with_dash() {
    let out =
        rasid(&["analyze", "--format", "json", "-"], Some("خبر عاجل\n\nالقاهرة (أ ف ب) - انتهى الاجتماع.".as_bytes()));
    assert!(out.status.success());
    assert_eq!(json_docs(&out)[0]["dateline"]["outlet"]["text"], "أ ف ب");
    assert_eq!(json_docs(&out)[0]["origin"]["file"], "-");
}

#[test]
fn tokens_command_runs_each_analyzer() {
    let input = "وقال سيروان بارزاني لكوردستان ٢٤ إن الحملة شُنت بالتنسيق\nالبِيشْمَرْكَة\n";
    let run = |a: &str| {
        let out = rasid(&["tokens", "--analyzer", a], Some(input.as_bytes()));
        assert!(out.status.success());
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(run("search"), "قال سيروان بارزاني كوردستان 24 ان حمله شنت تنسيق\nبيشمركه\n");
    assert_eq!(run("lucene").lines().count(), 2);
    assert!(run("snowball").lines().next().unwrap().split(' ').count() >= 9);
    let bad = rasid(&["tokens", "--analyzer", "nope"], Some(b"x"));
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown analyzer"));
}

#[test]
fn eval_text_reports_conformance() {
    let Some(shared) = shared() else { return };
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_rasid"))
        .args(["eval", "text"])
        .env("RASID_SHARED", &shared)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("| snowball-arabic | 91962 | 91962 | 100.00% | 100% |"), "{table}");
    assert!(table.contains("| lucene-analyzer | 12 | 12 | 100.00% | 100% |"), "{table}");
}
