//! `rasid eval duplicates`: near-duplicate groups against the silver reprint
//! pairs of saudinewsnet.

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use rasid_core::input::{read_file, RawArticle};
use rasid_stories::dedup::{group_in_order, DupIndex, Groups, Thresholds};
use rasid_stories::minhash::Signature;
use rasid_stories::score::pairwise;
use rasid_stories::silver::silver_pairs;
use rayon::prelude::*;

use super::shared_dir;

/// Articles of the saudinewsnet subset, in corpus order.
fn saudinewsnet() -> anyhow::Result<Vec<RawArticle>> {
    let path = shared_dir().join("data/saudinewsnet/saudinewsnet_2015-08-06_to_2015-08-11.jsonl");
    anyhow::ensure!(path.exists(), "{}: not found (set RASID_SHARED)", path.display());
    Ok(read_file(&path).into_iter().filter_map(Result::ok).collect())
}

/// Groups of `outer` that span several groups of `inner`, worst first: the
/// pairs lost, the group label and the sizes of its parts.
fn worst_splits(outer: &[u32], inner: &[u32]) -> Vec<(u64, u32, Vec<u64>)> {
    let mut cont: std::collections::BTreeMap<(u32, u32), u64> = Default::default();
    for (o, i) in outer.iter().zip(inner) {
        *cont.entry((*o, *i)).or_default() += 1;
    }
    let mut parts: std::collections::BTreeMap<u32, Vec<u64>> = Default::default();
    for ((o, _), n) in &cont {
        parts.entry(*o).or_default().push(*n);
    }
    let mut out: Vec<(u64, u32, Vec<u64>)> = parts
        .into_iter()
        .filter(|(_, p)| p.len() > 1)
        .map(|(g, p)| {
            let n: u64 = p.iter().sum();
            let inside: u64 = p.iter().map(|m| m * (m - 1) / 2).sum();
            (n * (n - 1) / 2 - inside, g, p)
        })
        .collect();
    out.sort_unstable_by(|a, b| b.cmp(a));
    out
}

/// Scores the near-duplicate groups against the silver reprint pairs, on all
/// six days and on the last three (the first three chose the thresholds).
pub fn eval_duplicates(
    sweep: bool,
    verbose: bool,
    gold: &std::path::Path,
    min: Option<(f64, f64)>,
    pairs: Option<&std::path::Path>,
    min_corrected: Option<(f64, f64)>,
) -> anyhow::Result<ExitCode> {
    let arts = saudinewsnet().context("reading saudinewsnet")?;
    let t0 = std::time::Instant::now();
    let sigs: Vec<Signature> = arts.par_iter().map(|a| Signature::of_text(&a.text)).collect();
    let sig_secs = t0.elapsed().as_secs_f64();
    let texts: Vec<&str> = arts.iter().map(|a| a.text.as_str()).collect();
    let t1 = std::time::Instant::now();
    let silver = silver_pairs(&texts);
    let silver_secs = t1.elapsed().as_secs_f64();
    let silver_groups = |min_ratio: f64| {
        let mut sg = Groups::new(arts.len());
        for p in silver.iter().filter(|p| p.groups(min_ratio)) {
            sg.union(p.a, p.b);
        }
        sg.labels()
    };
    let reference = silver_groups(Thresholds::default().min_ratio);
    let ws: Vec<Vec<String>> = arts.par_iter().map(|a| rasid_stories::minhash::words(&a.text)).collect();
    let gazetteer = rasid_events::gazetteer::Gazetteer::get();
    let is_name = |w: &str| gazetteer.is_template_place(w);
    let grouping = |t: &Thresholds| {
        rasid_stories::dedup::group_in_order_unless(&sigs, t, &|j, i| {
            rasid_stories::template::apart(&ws[j as usize], &ws[i as usize], &is_name)
        })
    };
    let day = |a: &RawArticle| a.meta.published.clone().unwrap_or_default().chars().take(10).collect::<String>();
    let late: Vec<bool> = arts.iter().map(|a| day(a).as_str() >= "2015-08-09").collect();
    let subset = |labels: &[u32], keep: bool| -> Vec<u32> {
        labels.iter().zip(&late).filter(|(_, l)| **l == keep).map(|(x, _)| *x).collect()
    };
    println!(
        "saudinewsnet: {} articles, {} silver reprint pairs ({} in groups); signatures {:.2} s, silver {:.2} s",
        arts.len(),
        silver.len(),
        pairwise(&reference, &reference).reference,
        sig_secs,
        silver_secs
    );
    if verbose {
        let shs: Vec<Vec<u64>> = arts
            .par_iter()
            .map(|a| rasid_stories::minhash::shingles(&rasid_stories::minhash::words(&a.text)))
            .collect();
        let mut sizes: std::collections::BTreeMap<u32, usize> = Default::default();
        for &g in &reference {
            *sizes.entry(g).or_default() += 1;
        }
        let mut big: Vec<(usize, u32)> = sizes.iter().map(|(g, n)| (*n, *g)).filter(|x| x.0 > 1).collect();
        big.sort_unstable_by(|a, b| b.cmp(a));
        for (n, g) in big.iter().take(8) {
            let a = &arts[*g as usize];
            println!("silver group of {n}: {} {}", a.stable_id(), a.text.lines().next().unwrap_or_default());
        }
        let mut hist = [0usize; 6];
        for p in &silver {
            hist[((p.cover - 0.5) * 10.0).clamp(0.0, 5.0) as usize] += 1;
        }
        println!("silver pairs by cover 0.5,0.6,..,1.0: {hist:?}");
        let predicted = grouping(&Thresholds::default());
        for (lost, g, parts) in worst_splits(&predicted, &reference).into_iter().take(6) {
            let a = &arts[g as usize];
            let title = a.text.lines().next().unwrap_or_default();
            println!("predicted group {} ({title}): {lost} pairs not silver; silver parts {parts:?}", a.stable_id());
        }
        for (lost, g, parts) in worst_splits(&reference, &predicted).into_iter().take(6) {
            let a = &arts[g as usize];
            let title = a.text.lines().next().unwrap_or_default();
            println!("silver group {} ({title}): {lost} pairs missed; predicted parts {parts:?}", a.stable_id());
        }
        let mut idx = DupIndex::new();
        let mut fp = 0;
        for (k, s) in sigs.iter().enumerate() {
            for (j, sim) in idx.near(s, &Thresholds::default()) {
                if reference[k] != reference[j as usize] && fp < 25 {
                    fp += 1;
                    let ex = rasid_stories::dedup::exact(&shs[k], &shs[j as usize]);
                    println!(
                        "extra: {} {} J {:.2} C {:.2} exact J {:.2} C {:.2} shingles {} {}",
                        arts[j as usize].stable_id(),
                        arts[k].stable_id(),
                        sim.jaccard,
                        sim.containment,
                        ex.jaccard,
                        ex.containment,
                        sigs[j as usize].shingles,
                        s.shingles
                    );
                }
            }
            idx.add(s.clone());
        }
        let mut shown = 0;
        for p in &silver {
            if predicted[p.a as usize] != predicted[p.b as usize] && shown < 25 {
                shown += 1;
                let (x, y) = (&sigs[p.a as usize], &sigs[p.b as usize]);
                let j = x.jaccard(y);
                println!(
                    "missed: {} {} run {} cover {:.2} J {:.2} C {:.2} shingles {} {}",
                    arts[p.a as usize].stable_id(),
                    arts[p.b as usize].stable_id(),
                    p.run,
                    p.cover,
                    j,
                    x.containment(y, j),
                    x.shingles,
                    y.shingles
                );
            }
        }
    }
    let grid: Vec<Thresholds> = if sweep {
        let mut g = Vec::new();
        for j in [0.3, 0.4, 0.5] {
            for c in [0.5, 0.6, 0.7] {
                for r in [0.0, 0.2, 0.35, 0.5, 0.7] {
                    g.push(Thresholds { jaccard: j, containment: c, min_jaccard: 0.05, min_ratio: r });
                }
            }
        }
        g
    } else {
        vec![Thresholds::default()]
    };
    println!(
        "| jaccard | containment | min jaccard | group ratio | days | predicted pairs | silver pairs | P | R | F1 |"
    );
    println!("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
    let mut ok = true;
    // The groups of the last thresholds of the grid: without --sweep, the
    // chosen ones, which the audits below score again.
    let mut chosen = Vec::new();
    for t in &grid {
        let t2 = std::time::Instant::now();
        let predicted = grouping(t);
        let reference = silver_groups(t.min_ratio);
        let group_secs = t2.elapsed().as_secs_f64();
        for (name, p, r) in [
            ("06-08 (tuning)", subset(&predicted, false), subset(&reference, false)),
            ("09-11 (held out)", subset(&predicted, true), subset(&reference, true)),
            ("all six", predicted.clone(), reference.clone()),
        ] {
            let s = pairwise(&p, &r);
            println!(
                "| {:.2} | {:.2} | {:.2} | {:.2} | {name} | {} | {} | {:.3} | {:.3} | {:.3} |",
                t.jaccard,
                t.containment,
                t.min_jaccard,
                t.min_ratio,
                s.predicted,
                s.reference,
                s.precision(),
                s.recall(),
                s.f1()
            );
            if name == "all six" && !sweep {
                if let Some((mp, mr)) = min {
                    if s.precision() < mp || s.recall() < mr {
                        eprintln!(
                            "rasid: duplicate groups P {:.3} R {:.3} are below {mp} {mr}",
                            s.precision(),
                            s.recall()
                        );
                        ok = false;
                    }
                }
            }
        }
        if !sweep {
            println!("grouping {} articles: {:.2} s", arts.len(), group_secs);
        }
        chosen = predicted;
    }
    if !sweep {
        eval_gold_pairs(gold)?;
        let sets = rasid_stories::score::pair_sets(&chosen, &reference);
        if let Some(path) = pairs {
            write_pair_sets(path, &sets, &arts).with_context(|| path.display().to_string())?;
        }
        let folder = gold.parent().unwrap_or(std::path::Path::new("."));
        audited_estimate(folder, &sets, &arts)?;
        if let Some((p, r)) = corrected_silver(folder, &sets, &arts)? {
            if let Some((mp, mr)) = min_corrected {
                if p < mp || r < mr {
                    eprintln!("rasid: duplicate groups P {p:.3} R {r:.3} on the corrected silver are below {mp} {mr}");
                    ok = false;
                }
            }
        } else if min_corrected.is_some() {
            eprintln!("rasid: no corrected silver pairs in {} to check against", folder.display());
            ok = false;
        }
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Lists stories, largest first.
pub fn list(
    data: &std::path::Path,
    from: Option<&str>,
    to: Option<&str>,
    min_articles: u64,
    limit: usize,
    format: crate::Format,
) -> anyhow::Result<ExitCode> {
    let archive = super::search::open(data)?;
    let mut out = std::io::stdout().lock();
    let stories = archive.stories(from, to, min_articles, limit)?;
    match format {
        crate::Format::Json => {
            for s in &stories {
                writeln!(out, "{}", serde_json::to_string(s)?)?;
            }
        }
        crate::Format::Text => {
            if stories.is_empty() {
                writeln!(out, "no stories (ingest articles first)")?;
            }
            for (i, s) in stories.iter().enumerate() {
                writeln!(
                    out,
                    "{:>3}. \u{200F}{}\n     {} articles ({} distinct reports) | {} .. {} | {} | rasid story {}",
                    i + 1,
                    s.title.as_deref().unwrap_or("(no headline)"),
                    s.articles,
                    s.distinct_reports,
                    s.first_seen.as_deref().unwrap_or("-"),
                    s.last_seen.as_deref().unwrap_or("-"),
                    s.outlets.iter().take(6).cloned().collect::<Vec<_>>().join(", ")
                        + if s.outlets.len() > 6 { ", ..." } else { "" },
                    s.id
                )?;
            }
        }
    }
    Ok(if stories.is_empty() { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

/// Most articles analyzed for a story's summary and additions.
const STORY_ARTICLES: usize = 60;

/// Prints one story: articles by day, summary, what each report added.
pub fn show(data: &std::path::Path, id: &str, format: crate::Format) -> anyhow::Result<ExitCode> {
    use rasid_core::document::{Meta, Origin};
    let archive = super::search::open(data)?;
    let Some(story) = archive.story(id)? else {
        eprintln!("rasid: no story or article with id `{id}`");
        return Ok(ExitCode::from(1));
    };
    let pipeline = super::full_pipeline()?;
    let members: Vec<_> = story.members.iter().take(STORY_ARTICLES).collect();
    let stored: Vec<_> = members.iter().filter_map(|m| archive.get(&m.id).ok().flatten()).collect();
    let docs: Vec<rasid_core::document::Document> = stored
        .into_par_iter()
        .map(|stored| {
            let a = stored.article;
            let raw = RawArticle {
                id: Some(a.id.clone()),
                text: a.text,
                has_headline: a.headline.is_some(),
                origin: Origin { file: a.source_file, line: None, encoding: a.encoding },
                meta: Meta { outlet: a.outlet, url: a.url, published: a.published },
            };
            let mut d = pipeline.run(raw);
            d.tokens.clear();
            d
        })
        .collect();
    let summary = rasid_stories::summary::summarize_story(&docs, 4);
    let mut out = std::io::stdout().lock();
    let added = rasid_stories::summary::additions(&docs);
    match format {
        crate::Format::Json => {
            let v = serde_json::json!({
                "story": story,
                "summary": summary.iter().map(|s| serde_json::json!({
                    "article": docs[s.article].id, "start": s.sentence.span.start, "end": s.sentence.span.end,
                    "text": s.sentence.span.text, "speaker": s.sentence.speaker,
                })).collect::<Vec<_>>(),
                "added": docs.iter().zip(&added).filter(|(_, a)| !a.is_empty()).map(|(d, a)| serde_json::json!({
                    "article": d.id, "outlet": d.meta.outlet,
                    "sentences": a.iter().map(|&i| serde_json::json!({
                        "start": d.sentences[i].span.start, "end": d.sentences[i].span.end, "text": d.sentences[i].span.text,
                    })).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            });
            writeln!(out, "{v}")?;
        }
        crate::Format::Text => {
            let s = &story.summary;
            writeln!(out, "story {}: \u{200F}{}", s.id, s.title.as_deref().unwrap_or("-"))?;
            writeln!(
                out,
                "{} articles, {} distinct reports, {} .. {}, outlets: {}",
                s.articles,
                s.distinct_reports,
                s.first_seen.as_deref().unwrap_or("-"),
                s.last_seen.as_deref().unwrap_or("-"),
                s.outlets.join(", ")
            )?;
            if !story.entities.is_empty() {
                let es: Vec<String> = story.entities.iter().map(|(t, n, c)| format!("{n} ({t}, {c})")).collect();
                writeln!(out, "entities: \u{200F}{}", es.join("، "))?;
            }
            writeln!(out, "\nsummary:")?;
            for x in &summary {
                let who = x.sentence.speaker.as_deref().map(|w| format!("  [{w}]")).unwrap_or_default();
                writeln!(out, "  \u{200F}{}{who}  ({})", x.sentence.span.text.replace('\n', " "), docs[x.article].id)?;
            }
            writeln!(out, "\ntimeline:")?;
            for m in &story.members {
                let dup =
                    if m.duplicate_of != m.id { format!("  (reprint of {})", m.duplicate_of) } else { String::new() };
                writeln!(
                    out,
                    "  {} | {} | {} \u{200F}{}{dup}",
                    m.day,
                    m.outlet.as_deref().unwrap_or("-"),
                    m.id,
                    m.headline.as_deref().unwrap_or("-")
                )?;
            }
            writeln!(out, "\nadded beyond the earlier reports:")?;
            for (d, a) in docs.iter().zip(&added).skip(1) {
                let first = a.first().map(|&i| d.sentences[i].span.text.replace('\n', " "));
                writeln!(
                    out,
                    "  {} ({}): {} new sentence{}{}",
                    d.id,
                    d.meta.outlet.as_deref().unwrap_or("-"),
                    a.len(),
                    if a.len() == 1 { "" } else { "s" },
                    first.map(|f| format!(", first: \u{200F}{f}")).unwrap_or_default()
                )?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads a tab-separated gold file with a header line.
fn read_tsv(path: &std::path::Path) -> anyhow::Result<Vec<Vec<String>>> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    Ok(text
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect())
}

/// Writes the pairs of the chosen groups and of the silver groups, by
/// stratum (`both`, `rasid` only, `silver` only), as `kind a b` lines with
/// corpus ids: the population the audits below are sampled from.
fn write_pair_sets(
    path: &std::path::Path,
    sets: &rasid_stories::score::PairSets,
    arts: &[RawArticle],
) -> anyhow::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "kind\ta\tb")?;
    for (kind, pairs) in [("both", &sets.both), ("rasid", &sets.predicted_only), ("silver", &sets.reference_only)] {
        for &(a, b) in pairs {
            writeln!(out, "{kind}\t{}\t{}", arts[a as usize].stable_id(), arts[b as usize].stable_id())?;
        }
    }
    out.flush()?;
    Ok(())
}

/// A pair of article indices (smaller first) and its gold row.
type LabelledPair = ((u32, u32), Vec<String>);

/// The labelled pairs of a gold file (`a b label ...`, corpus ids) as
/// (smaller index, larger index) with their rows; a line naming no pair of
/// the corpus is reported on stderr and skipped.
fn labelled_pairs(
    path: &std::path::Path,
    index: &std::collections::HashMap<String, u32>,
) -> anyhow::Result<Vec<LabelledPair>> {
    let mut out = Vec::new();
    for r in read_tsv(path)? {
        let (Some(&a), Some(&b), Some(_)) =
            (r.first().and_then(|x| index.get(x)), r.get(1).and_then(|x| index.get(x)), r.get(2))
        else {
            eprintln!("rasid: {}: line {:?} is no pair of the corpus with a label", path.display(), r.join(" "));
            continue;
        };
        out.push(((a.min(b), a.max(b)), r));
    }
    Ok(out)
}

/// Blind audits of the pair strata, labelled by the rule of
/// `tests-data/duplicates/README.md`: each is a systematic sample of one
/// stratum (0 both, 1 rasid only, 2 silver only) at the commit it was drawn.
const AUDITS: [(&str, usize); 9] = [
    ("ours-not-silver.tsv", 1),
    ("ours-not-silver-de57c73.tsv", 1),
    ("ours-not-silver-1635a9f.tsv", 1),
    ("silver-not-ours-0a7a156.tsv", 2),
    ("silver-not-ours-de57c73.tsv", 2),
    ("silver-not-ours-1635a9f.tsv", 2),
    ("both-de57c73.tsv", 0),
    ("both-1635a9f.tsv", 0),
    ("both-6756a6e.tsv", 0),
];

/// Estimates precision and recall of the groups against the labelling rule,
/// over the pairs that either the groups or the silver standard join. Each
/// stratum (both, rasid only, silver only) takes its share of true
/// duplicates from the audits drawn from it, over the audited pairs still in
/// it; pairs that moved to another stratum since are counted apart and
/// listed (a sample of the stratum they left, not of the one they joined).
/// Pairs that neither joins are outside the estimate (the hand-checked pairs
/// measure those).
fn audited_estimate(
    folder: &std::path::Path,
    sets: &rasid_stories::score::PairSets,
    arts: &[RawArticle],
) -> anyhow::Result<()> {
    let index: std::collections::HashMap<String, u32> =
        arts.iter().enumerate().map(|(i, a)| (a.stable_id(), i as u32)).collect();
    let strata = [&sets.both, &sets.predicted_only, &sets.reference_only];
    const NAMES: [&str; 4] = ["both group them", "rasid only", "silver only", "neither"];
    // (audited, dup) per stratum
    let mut counts = [(0u32, 0u32); 3];
    let mut moved = Vec::new();
    let mut files = Vec::new();
    for (name, origin) in AUDITS {
        let path = folder.join(name);
        if !path.exists() {
            continue;
        }
        files.push(name);
        for (pair, r) in labelled_pairs(&path, &index)? {
            let label = &r[2];
            let now = strata.iter().position(|s| s.binary_search(&pair).is_ok()).unwrap_or(3);
            if now == origin {
                counts[now].0 += 1;
                counts[now].1 += u32::from(label == "dup");
            } else {
                moved.push(format!("  {} {} {label}: {} → {}", r[0], r[1], NAMES[origin], NAMES[now]));
            }
        }
    }
    if files.is_empty() {
        return Ok(());
    }
    println!("\naudited pairs ({} in {}):", folder.display(), files.join(", "));
    println!("| stratum | pairs | audited, still there | same report | share |");
    println!("|---|---:|---:|---:|---:|");
    let mut true_pairs = [0.0f64; 3];
    for (k, name) in NAMES.iter().take(3).enumerate() {
        let (n, d) = counts[k];
        let share = if n == 0 { f64::NAN } else { f64::from(d) / f64::from(n) };
        true_pairs[k] = share * strata[k].len() as f64;
        println!("| {name} | {} | {n} | {d} | {share:.3} |", strata[k].len());
    }
    if counts.iter().any(|c| c.0 == 0) {
        println!("(a stratum has no audited pair: no estimate)");
        return Ok(());
    }
    // Variance of each stratum's count of true pairs (binomial share of a
    // sample, scaled to the stratum; the finite population is ignored).
    let var: Vec<f64> = (0..3)
        .map(|k| {
            let (n, d) = counts[k];
            let share = f64::from(d) / f64::from(n);
            (strata[k].len() as f64).powi(2) * share * (1.0 - share) / f64::from(n)
        })
        .collect();
    // P = x / n and R = x / (x + y): their standard errors by the delta method.
    let ratio = |x: f64, vx: f64, y: f64, vy: f64| {
        let t = (x + y).max(1.0);
        (x / t, ((y / (t * t)).powi(2) * vx + (x / (t * t)).powi(2) * vy).sqrt())
    };
    let found = true_pairs[0] + true_pairs[1];
    let predicted = (sets.both.len() + sets.predicted_only.len()).max(1) as f64;
    let (p, p_se) = (found / predicted, (var[0] + var[1]).sqrt() / predicted);
    let (r, r_se) = ratio(found, var[0] + var[1], true_pairs[2], var[2]);
    println!(
        "estimated against the labelling rule, over the pairs either joins: P {p:.3} (± {p_se:.3}) R {r:.3} (± {r_se:.3})"
    );
    let silver_found = true_pairs[0] + true_pairs[2];
    let silver_joined = (sets.both.len() + sets.reference_only.len()).max(1) as f64;
    let (sp, sp_se) = (silver_found / silver_joined, (var[0] + var[2]).sqrt() / silver_joined);
    let (sr, sr_se) = ratio(silver_found, var[0] + var[2], true_pairs[1], var[1]);
    println!("the silver standard itself, the same way: P {sp:.3} (± {sp_se:.3}) R {sr:.3} (± {sr_se:.3})");
    println!("(± one standard error of the audit samples)");
    if !moved.is_empty() {
        println!("audited pairs that moved to another stratum since their audit ({}):", moved.len());
        for m in moved {
            println!("{m}");
        }
    }
    Ok(())
}

/// The hand-corrected silver standard: every pair that the groups or the
/// silver joined at the commit it was built (52908db), and every pair read
/// in an audit, labelled by the rule of `tests-data/duplicates/README.md`
/// (`corrected-silver.tsv`: `a b label source`, source `read` for a pair
/// read itself, `piece` for a label carried from the read pairs of its
/// piece). Prints precision and recall of the groups and of the silver
/// against its `dup` pairs, and returns the groups' (P, R), P over every
/// joined pair (one it has not judged counts as wrong); `None` without the
/// file. A pair listed twice keeps its last line.
fn corrected_silver(
    folder: &std::path::Path,
    sets: &rasid_stories::score::PairSets,
    arts: &[RawArticle],
) -> anyhow::Result<Option<(f64, f64)>> {
    let path = folder.join("corrected-silver.tsv");
    if !path.exists() {
        return Ok(None);
    }
    let index: std::collections::HashMap<String, u32> =
        arts.iter().enumerate().map(|(i, a)| (a.stable_id(), i as u32)).collect();
    let mut label: std::collections::HashMap<(u32, u32), bool> = Default::default();
    let mut was_read: std::collections::HashMap<(u32, u32), bool> = Default::default();
    for (pair, r) in labelled_pairs(&path, &index)? {
        was_read.insert(pair, r.get(3).is_some_and(|s| s == "read"));
        label.insert(pair, r[2] == "dup");
    }
    let read = was_read.values().filter(|r| **r).count();
    let carried = was_read.len() - read;
    let dup = label.values().filter(|d| **d).count();
    println!(
        "\nagainst the hand-corrected silver ({}: {} pairs, {read} read, {carried} carried from their piece; {dup} the same report):",
        path.display(),
        label.len()
    );
    println!(
        "| joined by | pairs | judged same | judged different | not judged | P (not judged = wrong) | P (judged) | R |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|");
    let mut ours = (0.0, 0.0);
    for (name, parts) in
        [("rasid", [&sets.both, &sets.predicted_only]), ("silver (verbatim runs)", [&sets.both, &sets.reference_only])]
    {
        let (mut same, mut different, mut unjudged) = (0usize, 0usize, 0usize);
        for pair in parts.iter().flat_map(|p| p.iter()) {
            match label.get(pair) {
                Some(true) => same += 1,
                Some(false) => different += 1,
                None => unjudged += 1,
            }
        }
        let joined = same + different + unjudged;
        let p_low = same as f64 / joined.max(1) as f64;
        let p = same as f64 / (same + different).max(1) as f64;
        let r = same as f64 / dup.max(1) as f64;
        println!("| {name} | {joined} | {same} | {different} | {unjudged} | {p_low:.3} | {p:.3} | {r:.3} |");
        if name == "rasid" {
            ours = (p_low, r);
        }
    }
    Ok(Some(ours))
}

/// Scores the near-duplicate decision on the hand-checked pairs.
pub fn eval_gold_pairs(gold: &std::path::Path) -> anyhow::Result<()> {
    let rows = read_tsv(gold)?;
    let arts = saudinewsnet()?;
    let by_id: std::collections::HashMap<String, &RawArticle> = arts.iter().map(|a| (a.stable_id(), a)).collect();
    let t = Thresholds::default();
    let (mut tp, mut fp, mut fnn, mut tn) = (0, 0, 0, 0);
    let (mut stp, mut sfp, mut sfn) = (0, 0, 0);
    let (mut gtp, mut gfp, mut gfn) = (0, 0, 0);
    let gazetteer = rasid_events::gazetteer::Gazetteer::get();
    let is_name = |w: &str| gazetteer.is_template_place(w);
    let mut errors = Vec::new();
    let rules: Vec<rasid_stories::silver::Rule> = [12, 16, 20, 25, 30]
        .iter()
        .flat_map(|&min_run| {
            [0.3, 0.4, 0.5].iter().map(move |&min_cover| rasid_stories::silver::Rule { min_run, min_cover })
        })
        .collect();
    let mut by_rule = vec![(0, 0, 0); rules.len()];
    for r in &rows {
        let (Some(a), Some(b)) = (by_id.get(&r[0]), by_id.get(&r[1])) else {
            eprintln!("rasid: {}: pair {} {} not in the corpus", gold.display(), r[0], r[1]);
            continue;
        };
        let gold_dup = r[2] == "dup";
        let (x, y) = (Signature::of_text(&a.text), Signature::of_text(&b.text));
        let j = x.jaccard(&y);
        let sim =
            rasid_stories::dedup::Similarity { jaccard: j, containment: x.containment(&y, j), ratio: x.ratio(&y) };
        let ours = x.shingles >= rasid_stories::dedup::MIN_SHINGLES
            && y.shingles >= rasid_stories::dedup::MIN_SHINGLES
            && t.accepts(sim);
        let silver = !silver_pairs(&[a.text.as_str(), b.text.as_str()]).is_empty();
        let (wa, wb) = (rasid_stories::minhash::words(&a.text), rasid_stories::minhash::words(&b.text));
        let grouped = ours && !rasid_stories::template::apart(&wa, &wb, &is_name);
        for (rule, n) in rules.iter().zip(by_rule.iter_mut()) {
            match (rasid_stories::silver::verbatim_by(&wa, &wb, *rule).is_some(), gold_dup) {
                (true, true) => n.0 += 1,
                (true, false) => n.1 += 1,
                (false, true) => n.2 += 1,
                _ => {}
            }
        }
        match (grouped, gold_dup) {
            (true, true) => gtp += 1,
            (true, false) => gfp += 1,
            (false, true) => gfn += 1,
            _ => {}
        }
        match (ours, gold_dup) {
            (true, true) => tp += 1,
            (true, false) => fp += 1,
            (false, true) => fnn += 1,
            (false, false) => tn += 1,
        }
        match (silver, gold_dup) {
            (true, true) => stp += 1,
            (true, false) => sfp += 1,
            (false, true) => sfn += 1,
            _ => {}
        }
        if ours != gold_dup {
            errors.push(format!(
                "  {} {} gold {} ours {} (J {:.2} C {:.2}) {}",
                r[0],
                r[1],
                r[2],
                if ours { "dup" } else { "not" },
                sim.jaccard,
                sim.containment,
                r.get(3).map_or("", String::as_str)
            ));
        }
    }
    let pr = |tp: i32, fp: i32, fnn: i32| {
        let p = f64::from(tp) / f64::from((tp + fp).max(1));
        let r = f64::from(tp) / f64::from((tp + fnn).max(1));
        (p, r, if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
    };
    let (p, r, f) = pr(tp, fp, fnn);
    let (sp, sr, sf) = pr(stp, sfp, sfn);
    println!("\nhand-checked pairs ({}): {} dup, {} not", gold.display(), tp + fnn, fp + tn);
    println!("| decision | P | R | F1 | TP | FP | FN |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    println!("| rasid (MinHash thresholds) | {p:.3} | {r:.3} | {f:.3} | {tp} | {fp} | {fnn} |");
    let (gp, gr, gf) = pr(gtp, gfp, gfn);
    println!("| rasid (MinHash thresholds, template check) | {gp:.3} | {gr:.3} | {gf:.3} | {gtp} | {gfp} | {gfn} |");
    println!("| silver (verbatim runs) | {sp:.3} | {sr:.3} | {sf:.3} | {stp} | {sfp} | {sfn} |");
    println!("\nother silver rules on the same pairs:\n| shared run ≥ | cover ≥ | P | R | F1 | TP | FP | FN |");
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (rule, &(tp, fp, fnn)) in rules.iter().zip(&by_rule) {
        let (p, r, f) = pr(tp, fp, fnn);
        println!("| {} | {} | {p:.3} | {r:.3} | {f:.3} | {tp} | {fp} | {fnn} |", rule.min_run, rule.min_cover);
    }
    for e in errors {
        println!("{e}");
    }
    Ok(())
}

/// Clusters the articles of the gold day and scores the clusters of the
/// hand-labelled sample: purity, inverse purity, pairwise P/R/F1.
pub fn eval_stories(gold: &std::path::Path, sweep: bool) -> anyhow::Result<ExitCode> {
    use rasid_stories::cluster::{average_link, CLUSTER_SIM};
    use rasid_stories::score::purity;
    use rasid_stories::terms::{vectors, Input};
    let rows = read_tsv(gold)?;
    let day = gold.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
    let arts: Vec<RawArticle> = saudinewsnet()?
        .into_iter()
        .filter(|a| a.meta.published.as_deref().is_some_and(|p| p.starts_with(&day)))
        .collect();
    anyhow::ensure!(!arts.is_empty(), "no saudinewsnet articles published on {day}");
    let pipeline = super::full_pipeline()?;
    let t0 = std::time::Instant::now();
    let docs: Vec<rasid_core::document::Document> = arts.par_iter().map(|a| pipeline.run(a.clone())).collect();
    let analysis = t0.elapsed().as_secs_f64();
    let t1 = std::time::Instant::now();
    let sigs: Vec<Signature> = arts.iter().map(|a| Signature::of_text(&a.text)).collect();
    let forced = group_in_order(&sigs, &Thresholds::default());
    let inputs: Vec<Input<'_>> = docs
        .iter()
        .map(|d| {
            let headline = d.headline.as_ref().map_or("", |h| h.text.as_str());
            let body = d.text.strip_prefix(headline).unwrap_or(&d.text);
            let mut entities: Vec<String> = d.entities.iter().map(|e| format!("{}:{}", e.kind, e.canonical)).collect();
            entities.sort();
            entities.dedup();
            Input { headline, body, entities }
        })
        .collect();
    let vs = vectors(&inputs);
    let pos: std::collections::HashMap<String, usize> =
        arts.iter().enumerate().map(|(i, a)| (a.stable_id(), i)).collect();
    let mut keys: std::collections::HashMap<&str, u32> = Default::default();
    let mut sample = Vec::new();
    let mut reference = Vec::new();
    for r in &rows {
        let Some(&i) = pos.get(&r[0]) else {
            eprintln!("rasid: {}: article {} not published on {day}", gold.display(), r[0]);
            continue;
        };
        let n = keys.len() as u32;
        reference.push(*keys.entry(r[1].as_str()).or_insert(n));
        sample.push(i);
    }
    let cuts: Vec<f32> = if sweep { vec![0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4] } else { vec![CLUSTER_SIM] };
    println!(
        "{day}: {} articles clustered (analysis {analysis:.1} s), {} hand-labelled in {} stories",
        arts.len(),
        sample.len(),
        keys.len()
    );
    println!("| cut | clusters (day) | purity | inverse purity | pairwise P | pairwise R | pairwise F1 |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for cut in cuts {
        let labels = average_link(&vs, &forced, cut);
        let predicted: Vec<u32> = sample.iter().map(|&i| labels[i]).collect();
        let clusters = labels.iter().collect::<std::collections::HashSet<_>>().len();
        let s = pairwise(&predicted, &reference);
        println!(
            "| {cut:.2} | {clusters} | {:.3} | {:.3} | {:.3} | {:.3} | {:.3} |",
            purity(&predicted, &reference),
            purity(&reference, &predicted),
            s.precision(),
            s.recall(),
            s.f1()
        );
    }
    println!("clustering {} articles: {:.2} s", arts.len(), t1.elapsed().as_secs_f64());
    Ok(ExitCode::SUCCESS)
}
