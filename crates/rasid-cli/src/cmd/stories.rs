//! `rasid eval duplicates`: near-duplicate groups against the silver reprint
//! pairs of saudinewsnet.

use std::process::ExitCode;

use anyhow::Context as _;
use rasid_core::input::{read_file, RawArticle};
use rasid_stories::dedup::{DupIndex, Groups, Thresholds};
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

/// Duplicate-group labels of `sigs` inserted in order under `t`.
fn groups(sigs: &[Signature], t: &Thresholds) -> Vec<u32> {
    let mut idx = DupIndex::new();
    let mut g = Groups::new(sigs.len());
    for s in sigs {
        let near = idx.near(s, t);
        let i = idx.add(s.clone());
        for (j, _) in near {
            g.union(i, j);
        }
    }
    g.labels()
}

/// Scores the near-duplicate groups against the silver reprint pairs, on all
/// six days and on the last three (the first three chose the thresholds).
pub fn eval_duplicates(sweep: bool, verbose: bool, min: Option<(f64, f64)>) -> anyhow::Result<ExitCode> {
    let arts = saudinewsnet().context("reading saudinewsnet")?;
    let t0 = std::time::Instant::now();
    let sigs: Vec<Signature> = arts.par_iter().map(|a| Signature::of_text(&a.text)).collect();
    let sig_secs = t0.elapsed().as_secs_f64();
    let shs: Vec<Vec<u64>> =
        arts.par_iter().map(|a| rasid_stories::minhash::shingles(&rasid_stories::minhash::words(&a.text))).collect();
    let texts: Vec<&str> = arts.iter().map(|a| a.text.as_str()).collect();
    let t1 = std::time::Instant::now();
    let silver = silver_pairs(&texts);
    let silver_secs = t1.elapsed().as_secs_f64();
    let mut sg = Groups::new(arts.len());
    for p in &silver {
        sg.union(p.a, p.b);
    }
    let reference = sg.labels();
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
        let predicted = groups(&sigs, &Thresholds::default());
        {
            // contingency: which predicted groups span several silver groups
            let mut cont: std::collections::BTreeMap<(u32, u32), u64> = Default::default();
            for (p, r) in predicted.iter().zip(&reference) {
                *cont.entry((*p, *r)).or_default() += 1;
            }
            let mut psize: std::collections::BTreeMap<u32, u64> = Default::default();
            let mut rsize: std::collections::BTreeMap<u32, u64> = Default::default();
            for ((p, r), n) in &cont {
                *psize.entry(*p).or_default() += n;
                *rsize.entry(*r).or_default() += n;
            }
            let mut fp: Vec<(u64, u32)> = psize
                .iter()
                .map(|(p, n)| {
                    let inside: u64 = cont.iter().filter(|((q, _), _)| q == p).map(|(_, m)| m * (m - 1) / 2).sum();
                    (n * (n - 1) / 2 - inside, *p)
                })
                .collect();
            fp.sort_unstable_by(|a, b| b.cmp(a));
            for (lost, p) in fp.iter().take(6) {
                let parts: Vec<u64> = cont.iter().filter(|((q, _), _)| q == p).map(|(_, m)| *m).collect();
                println!(
                    "predicted group {} ({}): {lost} pairs not silver; silver parts {parts:?}",
                    arts[*p as usize].stable_id(),
                    arts[*p as usize].text.lines().next().unwrap_or_default()
                );
            }
            let mut fnn: Vec<(u64, u32)> = rsize
                .iter()
                .map(|(r, n)| {
                    let inside: u64 = cont.iter().filter(|((_, q), _)| q == r).map(|(_, m)| m * (m - 1) / 2).sum();
                    (n * (n - 1) / 2 - inside, *r)
                })
                .collect();
            fnn.sort_unstable_by(|a, b| b.cmp(a));
            for (lost, r) in fnn.iter().take(6) {
                let parts: Vec<u64> = cont.iter().filter(|((_, q), _)| q == r).map(|(_, m)| *m).collect();
                println!(
                    "silver group {} ({}): {lost} pairs missed; predicted parts {parts:?}",
                    arts[*r as usize].stable_id(),
                    arts[*r as usize].text.lines().next().unwrap_or_default()
                );
            }
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
            for c in [0.4, 0.5, 0.6, 0.7] {
                for m in [0.05, 0.1, 0.15, 0.2] {
                    g.push(Thresholds { jaccard: j, containment: c, min_jaccard: m });
                }
            }
        }
        g
    } else {
        vec![Thresholds::default()]
    };
    println!("| jaccard | containment | min jaccard | days | predicted pairs | silver pairs | P | R | F1 |");
    println!("|---:|---:|---:|---|---:|---:|---:|---:|---:|");
    let mut ok = true;
    for t in &grid {
        let t2 = std::time::Instant::now();
        let predicted = groups(&sigs, t);
        let group_secs = t2.elapsed().as_secs_f64();
        for (name, p, r) in [
            ("06-08 (tuning)", subset(&predicted, false), subset(&reference, false)),
            ("09-11 (held out)", subset(&predicted, true), subset(&reference, true)),
            ("all six", predicted.clone(), reference.clone()),
        ] {
            let s = pairwise(&p, &r);
            println!(
                "| {:.2} | {:.2} | {:.2} | {name} | {} | {} | {:.3} | {:.3} | {:.3} |",
                t.jaccard,
                t.containment,
                t.min_jaccard,
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
    }
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
