//! `rasid train ner` and `rasid eval ner`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context as _;
use rasid_ner::corpus::{read_anercorp, read_aqmar, read_wojood, Sentence};
use rasid_ner::lexicon::Lexicon;
use rasid_ner::model::{train, Algorithm, Tagger, TrainOptions, WINDOW};
use rasid_ner::score;
use rasid_ner::stage::{tag_window, Rules};

use super::shared_dir;

fn anercorp(split: &str) -> anyhow::Result<Vec<Sentence>> {
    let p = shared_dir().join(format!("data/anercorp/ANERCorp_CamelLabProcedure_{split}.txt"));
    read_anercorp(&p).with_context(|| format!("reading {} (set RASID_SHARED)", p.display()))
}

/// Splits ANERcorp's training sentences into (training, held out): with
/// `dev = Some(K)`, every tenth block of [`WINDOW`] sentences, the K-th of
/// each ten, is held out.
fn split_dev(all: Vec<Sentence>, dev: Option<usize>) -> (Vec<Sentence>, Vec<Sentence>) {
    let mut sentences = Vec::with_capacity(all.len());
    let mut held_out = Vec::new();
    for (i, s) in all.into_iter().enumerate() {
        if dev == Some((i / WINDOW) % 10) {
            held_out.push(s);
        } else {
            sentences.push(s);
        }
    }
    (sentences, held_out)
}

/// Trains the NER model on ANERcorp's training split only.
pub fn train_cmd(
    out: &Path,
    iterations: Option<usize>,
    lbfgs: bool,
    algorithm: Option<&str>,
    c2: Option<f64>,
    seeds: Option<usize>,
    dev: Option<usize>,
) -> anyhow::Result<ExitCode> {
    let algorithm = match (algorithm, lbfgs) {
        (_, true) | (Some("lbfgs"), _) => Algorithm::Lbfgs,
        (Some("ap"), _) => Algorithm::Perceptron,
        (Some("l2sgd"), _) => Algorithm::L2Sgd,
        (None, _) | (Some("pa"), _) => Algorithm::PassiveAggressive,
        (Some(other), _) => anyhow::bail!("unknown training algorithm: {other} (pa, ap, l2sgd or lbfgs)"),
    };
    let (sentences, held_out) = split_dev(anercorp("train")?, dev);
    let t = Instant::now();
    // Word statistics and clusters from the unlabelled news collections.
    let shared = shared_dir();
    let mut texts = Vec::new();
    for p in [shared.join("data/saudinewsnet"), shared.join("data/ant-corpus")] {
        let (files, _) = rasid_core::input::expand_paths(&[p]);
        for f in files {
            texts.extend(rasid_core::input::read_file(&f).into_iter().flatten().map(|a| a.text));
        }
    }
    // ANERcorp's training text too, without its labels (never the test split).
    texts.extend(sentences.iter().map(|s| s.tokens.join(" ")));
    let lex = Lexicon::learn(texts.iter().map(String::as_str));
    let lex_path = out.with_file_name("ner-lexicon.tsv");
    std::fs::write(&lex_path, lex.to_tsv())?;
    println!(
        "word statistics: {} words from {} texts → {} ({:.1} s)",
        lex.len(),
        texts.len(),
        lex_path.display(),
        t.elapsed().as_secs_f64()
    );
    let mut opts = TrainOptions { algorithm, ..TrainOptions::default() };
    if algorithm == Algorithm::Lbfgs {
        opts.max_iterations = 200;
        opts.c2 = 0.01;
    }
    if let Some(n) = iterations {
        opts.max_iterations = n;
    }
    if let Some(c2) = c2 {
        opts.c2 = c2;
    }
    if let Some(n) = seeds {
        opts.seeds = n;
    }
    train(&sentences, &lex, opts, out, false)?;
    println!(
        "trained on {} sentences ({} averaged) in {:.1} s; model {} ({:.1} MB)",
        sentences.len(),
        opts.models(),
        t.elapsed().as_secs_f64(),
        out.display(),
        std::fs::metadata(out).map_or(0, |m| m.len()) as f64 / 1e6
    );
    if dev.is_some() {
        let bytes = std::fs::read(out)?;
        let tagger = Tagger::new(&bytes, lex)?;
        run_eval("ANERcorp train, held-out tenth (development)", &tagger, &held_out, false)?;
    }
    Ok(ExitCode::SUCCESS)
}

fn run_eval(name: &str, tagger: &Tagger<'_>, sentences: &[Sentence], verbose: bool) -> anyhow::Result<f64> {
    // The tagger alone, sentence by sentence (timed: the tagging speed).
    let t = Instant::now();
    let mut alone = Vec::with_capacity(sentences.len());
    let mut tokens = 0;
    for s in sentences {
        alone.push(tagger.tag(&s.tokens)?);
        tokens += s.tokens.len();
    }
    let secs = t.elapsed().as_secs_f64();
    let rows: Vec<_> = sentences.iter().zip(alone).map(|(s, pred)| (s.tokens.clone(), s.tags.clone(), pred)).collect();
    let base = score::evaluate(&rows).overall;
    // With document context over windows of consecutive sentences (the
    // corpora have no article boundaries), as the entities stage has over an
    // article: document facts as features, then label consistency.
    let mut rows = Vec::with_capacity(sentences.len());
    for chunk in sentences.chunks(WINDOW) {
        let words: Vec<Vec<String>> = chunk.iter().map(|s| s.tokens.clone()).collect();
        for (s, pred) in chunk.iter().zip(tag_window(tagger, &words, Rules::Propagate)?) {
            rows.push((s.tokens.clone(), s.tags.clone(), pred));
        }
    }
    let report = score::evaluate(&rows);
    println!(
        "\n### {name}: {} sentences, {tokens} tokens, tagged at {:.0} tokens/s (features + Viterbi, one thread)\n",
        sentences.len(),
        tokens as f64 / secs
    );
    println!(
        "tagger alone, sentence by sentence: P {:.2} R {:.2} F1 {:.2}; with document context over {WINDOW} \
         consecutive sentences (the table):\n",
        base.precision(),
        base.recall(),
        base.f1()
    );
    print!("{}", score::table(&report));
    if verbose {
        println!("\nmost frequent misses: {:?}", &report.misses[..report.misses.len().min(20)]);
        println!("most frequent false alarms: {:?}", &report.false_alarms[..report.false_alarms.len().min(20)]);
    }
    Ok(report.overall.f1())
}

/// Scores the model on ANERcorp test, AQMAR test and the Wojood sample.
/// With `dev_fold`, scores only that held-out tenth of the training split.
pub fn eval_cmd(
    model: Option<&PathBuf>,
    verbose: bool,
    min_f1: Option<f64>,
    dev_fold: Option<usize>,
) -> anyhow::Result<ExitCode> {
    let bytes;
    let tagger = match model {
        Some(p) => {
            bytes = std::fs::read(p).with_context(|| p.display().to_string())?;
            let lex_path = p.with_file_name("ner-lexicon.tsv");
            let lex = std::fs::read_to_string(&lex_path).with_context(|| lex_path.display().to_string())?;
            Tagger::new(&bytes, Lexicon::parse(&lex))?
        }
        None => Tagger::builtin()?,
    };
    if let Some(k) = dev_fold {
        let (_, held_out) = split_dev(anercorp("train")?, Some(k));
        run_eval(&format!("ANERcorp train, held-out tenth {k} (development)"), &tagger, &held_out, verbose)?;
        return Ok(ExitCode::SUCCESS);
    }
    let f1 = run_eval("ANERcorp test (in domain)", &tagger, &anercorp("test")?, verbose)?;
    let shared = shared_dir();
    if let Ok(s) = read_aqmar(&shared.join("data/aqmar/test")) {
        run_eval("AQMAR test (Wikipedia, out of domain)", &tagger, &s, verbose)?;
    }
    if let Ok(s) = read_wojood(&shared.join("data/wojood-sample/test.txt")) {
        run_eval("Wojood sample test (GPE/LOC/FAC → LOC; no MISC)", &tagger, &s, verbose)?;
    }
    sample_mentions()?;
    if let Some(min) = min_f1 {
        if f1 < min {
            eprintln!("rasid: ANERcorp test F1 {f1:.2} is below the required {min:.2}");
            return Ok(ExitCode::from(1));
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Mention-level scores on the reference article against its gold file: a
/// predicted mention is correct when the same (type, text) is a gold mention
/// on the same line (multiset matching); canonical names are not scored yet.
fn sample_mentions() -> anyhow::Result<()> {
    let shared = shared_dir();
    let text_path = shared.join("samples/000_96e414a91007daec.txt");
    let gold_path = shared.join("gold/000_96e414a91007daec.gold.json");
    let (Ok(text), Ok(gold)) = (std::fs::read_to_string(&text_path), std::fs::read_to_string(&gold_path)) else {
        return Ok(());
    };
    let gold: serde_json::Value = serde_json::from_str(&gold)?;
    let mut want: Vec<(u64, String, String)> = Vec::new();
    let mut want_canon: Vec<String> = Vec::new();
    for e in gold["entities"].as_array().into_iter().flatten() {
        let kind = e["type"].as_str().unwrap_or_default().to_string();
        for m in e["mentions"].as_array().into_iter().flatten() {
            want.push((m[0].as_u64().unwrap_or(0), kind.clone(), m[1].as_str().unwrap_or_default().to_string()));
            want_canon.push(e["canonical"].as_str().unwrap_or_default().to_string());
        }
    }
    let raw = rasid_core::input::parse_bytes("sample", text.as_bytes(), None).remove(0)?;
    let doc = super::full_pipeline()?.run(raw);
    let line_of = |start: usize| doc.slice(0, start).matches('\n').count() as u64 + 1;
    let got: Vec<(u64, String, String)> =
        doc.entities.iter().map(|e| (line_of(e.span.start), e.kind.clone(), e.span.text.clone())).collect();
    let mut pool: Vec<Option<usize>> = (0..want.len()).map(Some).collect();
    let mut correct = 0;
    // Canonical names: a matched mention is linked right when its canonical
    // name equals the gold entity's (after search folding: اربيل = أربيل).
    let mut linked = 0;
    let mut wrong_links = Vec::new();
    let fold = rasid_text::normalize::search_fold;
    for (k, g) in got.iter().enumerate() {
        if let Some(slot) = pool.iter_mut().find(|w| w.is_some_and(|i| want[i] == *g)) {
            let i = slot.take().unwrap_or_default();
            correct += 1;
            if fold(&doc.entities[k].canonical) == fold(&want_canon[i]) {
                linked += 1;
            } else {
                wrong_links.push(format!("{} → {} (gold {})", g.2, doc.entities[k].canonical, want_canon[i]));
            }
        }
    }
    let p = 100.0 * correct as f64 / got.len().max(1) as f64;
    let r = 100.0 * correct as f64 / want.len().max(1) as f64;
    println!(
        "\n### Reference article, mention level (type + text + line): {correct} correct of {} predicted, {} gold: P {p:.2} R {r:.2} F1 {:.2}",
        got.len(),
        want.len(),
        if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 }
    );
    println!(
        "canonical names: {linked} of {correct} correct mentions linked to the gold entity's name{}{}",
        if wrong_links.is_empty() { "" } else { "; not: " },
        wrong_links.join("; ")
    );
    Ok(())
}
