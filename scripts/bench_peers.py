#!/usr/bin/env python3
"""Measure peer Arabic text-processing tools on the corpus rasid benchmarks.

How to run (from the repo root):

    pip install PyStemmer snowballstemmer
    pip install --no-deps camel-tools six emoji regex
    python3 scripts/bench_peers.py [--shared PATH] [--limit-mb N]

Dependencies: camel-tools is installed with --no-deps because its full
dependency list (torch, transformers, ...) is not needed here.  The functions
timed below import only `six` (camel_tools.utils.stringutils), `emoji`
(camel_tools.utils.charsets) and `regex` (camel_tools.tokenizers.word); no
other package is required.  A tool whose import fails is skipped and its
ImportError is printed; the other tools are still measured.

Corpus: $RASID_SHARED/data/saudinewsnet/saudinewsnet_2015-08-06_to_2015-08-11.jsonl
(RASID_SHARED defaults to ../shared relative to the repo root; --shared wins
over both).  Each JSONL line is one article; its text is
title + "\\n\\n" + content.  All texts are loaded into memory before any timing,
so file reading and JSON parsing are never timed.  --limit-mb keeps whole
articles from the start of the file until that many UTF-8 megabytes are reached.

Method:
  * one process, pinned to one CPU core (os.sched_setaffinity, --cpu);
  * time.perf_counter wall clock around the measured call only, with the
    garbage collector disabled during it (as timeit does);
  * every measurement is repeated --repeats times and the fastest run is kept;
  * MB = UTF-8 bytes of the input texts / 1e6;
  * words = matches of the regex r"\\w+" (Python `re`) in the input texts; this
    count is used for the words/s column of every row, so rows compare.
    Note: Python's \\w does not match Arabic diacritics (harakat), so a
    diacritised word is split at its marks (about 1% of words in this corpus).

Rows:
  * PyStemmer (C Snowball, module `Stemmer`): Stemmer.Stemmer('arabic').stemWords
    over the whole word list, once with the default cache (maxCacheSize 10000)
    and once with it disabled (maxCacheSize = 0).  A fresh stemmer is built
    for each run, so the cache starts cold.
  * snowballstemmer, pure Python: snowballstemmer.arabic_stemmer.ArabicStemmer
    is imported directly, because `snowballstemmer.stemmer()` silently returns
    PyStemmer's C stemmer when PyStemmer is installed.  It is slow, so it is
    timed over a prefix of --snowball-mb megabytes; rates are from that prefix.
  * camel_tools: normalize_alef_ar, normalize_alef_maksura_ar,
    normalize_teh_marbuta_ar, dediac_ar and simple_word_tokenize, each alone on
    the raw texts, and the chain of all five applied per article in that order.
  * The r"\\w+" split itself, as a reference for the stemmers' input step.

Output: machine description, a Markdown table, and a final line
`JSON: {...}` holding everything.  Nothing is written to disk.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import re
import sys
import time
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Callable

CORPUS_RELPATH = Path("data/saudinewsnet/saudinewsnet_2015-08-06_to_2015-08-11.jsonl")
WORD_RE = re.compile(r"\w+")
PACKAGES = ("PyStemmer", "snowballstemmer", "camel-tools", "regex", "emoji", "six")


@dataclass
class Corpus:
    texts: list[str]
    nbytes: int
    words: list[str]


@dataclass
class Row:
    tool: str
    operation: str
    input_mb: float
    words: int
    seconds: float
    mb_per_s: float
    words_per_s: float
    note: str = ""


def parse_args() -> argparse.Namespace:
    repo_root = Path(__file__).resolve().parents[1]
    default_shared = os.environ.get("RASID_SHARED") or str(repo_root.parent / "shared")
    allowed = sorted(os.sched_getaffinity(0))
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--shared", default=default_shared,
                   help="shared data folder (default: $RASID_SHARED or ../shared "
                        "from the repo root; now %(default)s)")
    p.add_argument("--limit-mb", type=float, default=None,
                   help="use only the first N MB (UTF-8) of article text (default: all)")
    p.add_argument("--snowball-mb", type=float, default=2.0,
                   help="MB prefix for the slow pure-Python snowballstemmer (default: 2)")
    p.add_argument("--repeats", type=int, default=3,
                   help="runs per measurement; the fastest is kept (default: 3)")
    p.add_argument("--cpu", type=int, default=allowed[-1],
                   help="CPU core to pin the process to (default: %(default)s)")
    return p.parse_args()


def load_texts(path: Path) -> list[str]:
    texts: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                article = json.loads(line)
                texts.append(f"{article.get('title') or ''}\n\n{article.get('content') or ''}")
    return texts


def take_prefix(texts: list[str], limit_bytes: float | None) -> list[str]:
    """Whole texts from the start until limit_bytes of UTF-8 is reached (None: all)."""
    if limit_bytes is None:
        return texts
    kept, total = [], 0
    for text in texts:
        if total >= limit_bytes:
            break
        kept.append(text)
        total += len(text.encode("utf-8"))
    return kept


def make_corpus(texts: list[str]) -> Corpus:
    words = [w for t in texts for w in WORD_RE.findall(t)]
    return Corpus(texts, sum(len(t.encode("utf-8")) for t in texts), words)


def timed(fn: Callable[[], object]) -> float:
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        fn()
        return time.perf_counter() - start
    finally:
        gc.enable()


def best_of(repeats: int, make_fn: Callable[[], Callable[[], object]]) -> float:
    """Fastest of `repeats` runs; make_fn builds fresh state, untimed, per run."""
    return min(timed(make_fn()) for _ in range(repeats))


def row(tool: str, operation: str, corpus: Corpus, seconds: float, note: str = "") -> Row:
    mb = corpus.nbytes / 1e6
    return Row(tool, operation, round(mb, 3), len(corpus.words), round(seconds, 6),
               round(mb / seconds, 2), round(len(corpus.words) / seconds), note)


def bench_split(corpus: Corpus, repeats: int) -> list[Row]:
    def make():
        return lambda: [WORD_RE.findall(t) for t in corpus.texts]
    return [row("Python re", r"findall(r'\w+') word split", corpus, best_of(repeats, make),
                "reference: the stemmers' input step")]


def bench_pystemmer(corpus: Corpus, repeats: int) -> list[Row]:
    import Stemmer

    def make(cache_size: int | None):
        def build():
            stemmer = Stemmer.Stemmer("arabic")
            if cache_size is not None:
                stemmer.maxCacheSize = cache_size
            return lambda: stemmer.stemWords(corpus.words)
        return build

    default_cache = Stemmer.Stemmer("arabic").maxCacheSize
    return [
        row("PyStemmer", "stemWords('arabic'), default cache", corpus,
            best_of(repeats, make(None)), f"maxCacheSize={default_cache}, cold per run"),
        row("PyStemmer", "stemWords('arabic'), cache off", corpus,
            best_of(repeats, make(0)), "maxCacheSize=0"),
    ]


def bench_snowball(corpus: Corpus, repeats: int) -> list[Row]:
    from snowballstemmer.arabic_stemmer import ArabicStemmer

    def make():
        stemmer = ArabicStemmer()
        return lambda: stemmer.stemWords(corpus.words)

    return [row("snowballstemmer", "stemWords (pure Python ArabicStemmer)", corpus,
                best_of(repeats, make), f"prefix of the corpus, {len(corpus.texts):,} articles")]


def bench_camel(corpus: Corpus, repeats: int) -> list[Row]:
    from camel_tools.tokenizers.word import simple_word_tokenize
    from camel_tools.utils.dediac import dediac_ar
    from camel_tools.utils.normalize import (normalize_alef_ar, normalize_alef_maksura_ar,
                                             normalize_teh_marbuta_ar)

    def chain(text: str) -> list[str]:
        text = normalize_alef_ar(text)
        text = normalize_alef_maksura_ar(text)
        text = normalize_teh_marbuta_ar(text)
        return simple_word_tokenize(dediac_ar(text))

    steps = [normalize_alef_ar, normalize_alef_maksura_ar, normalize_teh_marbuta_ar,
             dediac_ar, simple_word_tokenize]
    rows = []
    for fn in steps + [chain]:
        seconds = best_of(repeats, lambda fn=fn: lambda: list(map(fn, corpus.texts)))
        name = "chain: 3 normalize + dediac + tokenize" if fn is chain else fn.__name__
        rows.append(row("camel_tools", name, corpus, seconds))
    tokens = sum(len(simple_word_tokenize(t)) for t in corpus.texts)
    rows[steps.index(simple_word_tokenize)].note = f"{tokens:,} tokens out (words + punctuation)"
    return rows


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def package_versions() -> dict[str, str | None]:
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return versions


def machine_info(cpu: int) -> dict[str, object]:
    return {
        "platform": platform.platform(),
        "cpu_model": cpu_model(),
        "logical_cpus": os.cpu_count(),
        "pinned_cpu": cpu,
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "packages": package_versions(),
    }


def markdown_table(rows: list[Row]) -> str:
    lines = ["| tool | operation | input MB | words | seconds | MB/s | words/s | note |",
             "|---|---|---:|---:|---:|---:|---:|---|"]
    for r in rows:
        lines.append(f"| {r.tool} | {r.operation} | {r.input_mb:.2f} | {r.words:,} | "
                     f"{r.seconds:.4f} | {r.mb_per_s:.2f} | {r.words_per_s:,} | {r.note} |")
    return "\n".join(lines)


def main() -> int:
    args = parse_args()
    os.sched_setaffinity(0, {args.cpu})
    corpus_path = Path(args.shared) / CORPUS_RELPATH
    limit = None if args.limit_mb is None else args.limit_mb * 1e6
    corpus = make_corpus(take_prefix(load_texts(corpus_path), limit))
    snowball_corpus = make_corpus(take_prefix(corpus.texts, args.snowball_mb * 1e6))

    machine = machine_info(args.cpu)
    print("# Peer Arabic text tools on SaudiNewsNet\n")
    for key, value in machine.items():
        print(f"- {key}: {value}")
    print(f"- corpus: {corpus_path}")
    print(f"- articles: {len(corpus.texts):,}, {corpus.nbytes / 1e6:.2f} MB UTF-8, "
          f"{len(corpus.words):,} words (r'\\w+'), "
          f"{len(set(corpus.words)):,} distinct")
    print(f"- repeats: {args.repeats} (fastest kept), gc off while timing\n", flush=True)

    benches = [
        ("Python re", bench_split, corpus),
        ("PyStemmer", bench_pystemmer, corpus),
        ("snowballstemmer", bench_snowball, snowball_corpus),
        ("camel_tools", bench_camel, corpus),
    ]
    rows: list[Row] = []
    skipped: dict[str, str] = {}
    for name, bench, data in benches:
        try:
            rows.extend(bench(data, args.repeats))
        except ImportError as exc:
            skipped[name] = repr(exc)
            print(f"skipped {name}: {exc!r}", file=sys.stderr)

    print("words = r'\\w+' matches in the input; words/s = words / seconds on every row.\n")
    print(markdown_table(rows))
    result = {
        "machine": machine,
        "corpus": {
            "path": str(corpus_path),
            "articles": len(corpus.texts),
            "mb": round(corpus.nbytes / 1e6, 3),
            "words": len(corpus.words),
            "limit_mb": args.limit_mb,
            "snowball_prefix_mb": round(snowball_corpus.nbytes / 1e6, 3),
        },
        "repeats": args.repeats,
        "rows": [asdict(r) for r in rows],
        "skipped": skipped,
    }
    print("\nJSON: " + json.dumps(result, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
