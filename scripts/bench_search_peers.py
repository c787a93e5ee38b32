#!/usr/bin/env python3
"""Measure two peer full-text engines on rasid's search corpus and queries.

Engines:
  * PostgreSQL full-text search with the built-in `arabic` configuration
    (default parser + Snowball Arabic stemmer `arabic_stem`; no stop-word list
    ships for Arabic).  Table docs(id text primary key, title, body, outlet,
    published) with a stored generated column
    tsv = to_tsvector('arabic', title || ' ' || body) and a GIN index on tsv.
  * SQLite FTS5 through Python's sqlite3 module: a contentful FTS5 table
    (id UNINDEXED, title, body) with tokenize = 'unicode61 remove_diacritics 2',
    ranked by bm25.

How to run (from the repo root; as root so PostgreSQL can be installed and run
under the `postgres` user):

    # stand-in queries (deterministic, seeded) until rasid writes its own file
    python3 scripts/bench_search_peers.py --make-queries /tmp/peer-queries.jsonl
    # the benchmark
    python3 scripts/bench_search_peers.py --queries /tmp/peer-queries.jsonl \\
        [--engines pg,sqlite] [--shared PATH] [--workdir DIR] [--out FILE]

Setup done by the script when missing: `apt-get update` once and
`apt-get install -y postgresql` (only when no /usr/lib/postgresql/*/bin/initdb
exists), and `pip install "psycopg[binary]"` (psycopg2 is used instead if it is
already importable).  A private cluster is created with initdb (UTF8,
locale C.UTF-8, trust auth) in <workdir>/pgdata owned by `postgres`, started
with pg_ctl listening only on a unix socket in <workdir> (listen_addresses=''),
and stopped at the end.  The Debian `main` cluster is never touched.
The work dir defaults to a fresh temp dir that is deleted at the end
(--keep keeps it); it is refused when inside the repository.

Corpus: both files of $RASID_SHARED/data (RASID_SHARED defaults to ../shared
relative to the repo root; --shared wins), 20,862 articles:
  saudinewsnet/saudinewsnet_2015-08-06_to_2015-08-11.jsonl
      id=id, title=title, body=content, outlet=source, published=date_extracted
  ant-corpus/ant_v1.1.jsonl
      id=docno, title=title, body=text, outlet=src, published=time
Empty titles/bodies are kept as empty strings.

Queries: JSONL, one object per line:
  {"qid", "kind": "title"|"words", "variant": "original"|"spelling",
   "base", "query", "target", "accept": [ids]}
Unknown keys are ignored, except an optional "edit" (the stand-in generator
writes which spelling edit made the variant), used for a per-edit breakdown.

Query modes:
  and  PostgreSQL: plainto_tsquery('arabic', q).
       FTS5: the query's tokens (as FTS5's own unicode61 tokenizer splits
       them), each double-quoted, joined by spaces (implicit AND).
  or   PostgreSQL: the lexemes of to_tsvector('arabic', q) (the same lexemes
       plainto_tsquery makes), each quoted as a tsquery literal and joined by
       ' | ', cast to tsquery; built inside the timed SQL statement.
       FTS5: the same quoted tokens joined by ' OR '.
Every query: LIMIT 10, ordered by rank (PostgreSQL ts_rank_cd(tsv, q) DESC,
id as tie-break; FTS5 ORDER BY rank, i.e. bm25).  FTS5 query strings are built
in Python before timing; PostgreSQL parses and stems the query inside the
timed statement.

Metrics, per engine and mode:
  * known-item MRR@10 and recall@10 (hit = any id of `accept` in the top 10)
    over the `original` queries, separately for kind=title and kind=words;
  * spelling robustness: for each `spelling` query, the overlap of its top-10
    ids with its base query's top-10, |A & B| / max(|A|, |B|) (1.0 when both are
    empty), averaged; and the MRR@10 of the variants themselves;
  * latency p50 / p99 / mean in ms over all queries: one connection,
    sequential, after one untimed warm-up pass over all queries; the clock
    (time.perf_counter) covers execute + fetch of the 10 ids.
  * load time (rows inserted; index build / FTS5 optimize; total) and sizes.

Output: a Markdown report and a final line `JSON: {...}`; --out FILE also
writes that JSON.
"""

from __future__ import annotations

import argparse
import csv
import glob
import io
import json
import os
import platform
import random
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_FILES = (
    # relative path, id, title, body, outlet, published
    ("saudinewsnet/saudinewsnet_2015-08-06_to_2015-08-11.jsonl",
     "id", "title", "content", "source", "date_extracted"),
    ("ant-corpus/ant_v1.1.jsonl", "docno", "title", "text", "src", "time"),
)
MODES = ("and", "or")
TOP_K = 10


# --------------------------------------------------------------------------
# corpus and queries

@dataclass
class Article:
    id: str
    title: str
    body: str
    outlet: str
    published: str


def shared_dir(arg: str | None) -> Path:
    """--shared, else $RASID_SHARED, else ../shared relative to the repo root."""
    if arg:
        return Path(arg)
    if os.environ.get("RASID_SHARED"):
        return Path(os.environ["RASID_SHARED"])
    return REPO_ROOT.parent / "shared"


def load_corpus(shared: Path) -> list[Article]:
    """Read both corpus files; ids must be unique across them."""
    articles: list[Article] = []
    for rel, kid, ktitle, kbody, koutlet, kpub in CORPUS_FILES:
        with open(shared / "data" / rel, encoding="utf-8") as f:
            for line in f:
                if not line.strip():
                    continue
                o = json.loads(line)
                articles.append(Article(
                    id=str(o[kid]), title=o.get(ktitle) or "", body=o.get(kbody) or "",
                    outlet=o.get(koutlet) or "", published=o.get(kpub) or ""))
    ids = [a.id for a in articles]
    if len(set(ids)) != len(ids):
        raise SystemExit("duplicate article ids in the corpus")
    return articles


def load_queries(path: Path) -> list[dict]:
    queries = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
    qids = {q["qid"] for q in queries}
    if len(qids) != len(queries):
        raise SystemExit(f"{path}: duplicate qid")
    for q in queries:
        if q["base"] not in qids:
            raise SystemExit(f"{path}: {q['qid']} has unknown base {q['base']}")
    return queries


# ---- stand-in query generator (--make-queries) ----

ARABIC_WORD_RE = re.compile(r"[\u0621-\u063A\u0641-\u064A]+")   # letters, no tatweel
WS_RE = re.compile(r"\s+")
EDGE_RE = re.compile(r"^[^\u0621-\u064A]+|[^\u0621-\u064A]+$")
HARAKAT = "\u064E\u064F\u0650\u0652"                            # fatha damma kasra sukun
SHADDA = "\u0651"
STOP_WORDS = set("""
في من على إلى الى عن مع أن ان إن هذا هذه ذلك تلك التي الذي الذين اللذين كان كانت
قد لا ما لم لن بين بعد قبل حتى أو او ثم كما عند كل وقد وفي ومن وعلى وأن وان أي اي
هو هي هم تم يتم غير منذ خلال حيث إلا الا لها له عليه عليها فيه فيها به بها منها منه
عنه أيضا ايضا وهو وهي يكون ليس نحو لدى ضمن اليوم أمس وكان وقال قال وذلك إلي لكن
أنه انه إنه أنها انها إنها تحت فوق لقد ولا لما التى الذى وهذا وهذه ولم ولكن عليهم إليه
""".split())
EDITS = ("hamza", "teh-marbuta", "alef-maksura", "persian", "diacritics", "clitics")


def collapse(s: str) -> str:
    return WS_RE.sub(" ", s).strip()


def content_words(text: str) -> list[str]:
    """Distinct Arabic content words (>= 3 letters, not a stop word), in text order.

    A word is a whitespace-separated token, stripped of leading and trailing
    non-letters, that consists of plain Arabic letters only: tokens with
    diacritics, tatweel or embedded digits/Latin are skipped, so that a query
    word is always a whole word of the text, never a fragment of one.
    """
    seen: dict[str, None] = {}
    for tok in text.split():
        w = EDGE_RE.sub("", tok)
        if len(w) >= 3 and w not in STOP_WORDS and ARABIC_WORD_RE.fullmatch(w):
            seen.setdefault(w, None)
    return list(seen)


def _per_word(q: str, fn) -> str:
    return ARABIC_WORD_RE.sub(lambda m: fn(m.group(0)), q)


def apply_edit(edit: str, q: str, rng: random.Random) -> str:
    """One spelling edit of the query; returns q unchanged when it cannot apply."""
    if edit == "hamza":
        if re.search("[أإآؤئ]", q):                     # drop hamza forms
            return q.translate(str.maketrans("أإآؤئ", "اااوي"))
        # add: bare initial alef -> hamza on alef (also after the article ال)
        return _per_word(q, lambda w: (
            "أ" + w[1:] if w.startswith("ا") and not w.startswith("ال") and len(w) > 2 else
            "الإ" + w[3:] if w.startswith("الا") and len(w) > 4 else w))
    if edit == "teh-marbuta":
        if re.search("ة\\b", q):
            return re.sub("ة\\b", "ه", q)
        return re.sub("(?<=\\w\\w)ه\\b", "ة", q)
    if edit == "alef-maksura":
        if re.search("ى\\b", q):
            return re.sub("ى\\b", "ي", q)
        return re.sub("(?<=\\w\\w)ي\\b", "ى", q)
    if edit == "persian":
        return q.replace("ك", "\u06A9").replace("ي", "\u06CC")
    if edit == "diacritics":
        words = ARABIC_WORD_RE.findall(q)
        if not words:
            return q
        chosen = set(rng.sample(range(len(words)), max(1, (len(words) + 1) // 2)))
        counter = iter(range(len(words)))

        def vocalize(w: str) -> str:
            if next(counter) not in chosen:
                return w
            out = []
            for i, ch in enumerate(w):
                out.append(ch)
                if ch in "اوىء" or (i == 1 and w.startswith("ال")):
                    continue
                if rng.random() < 0.15:
                    out.append(SHADDA)
                out.append(rng.choice(HARAKAT))
            return "".join(out)
        return _per_word(q, vocalize)
    if edit == "clitics":
        words = ARABIC_WORD_RE.findall(q)
        cands = [i for i, w in enumerate(words)
                 if len(w) >= 3 and not w.startswith("و") and w not in STOP_WORDS]
        if not cands:
            return q
        pick = set(rng.sample(cands, min(2, len(cands))))
        counter = iter(range(len(words)))

        def attach(w: str) -> str:
            i = next(counter)
            if i not in pick:
                return w
            if w.startswith("ال") or rng.random() < 0.5:
                return "و" + w
            return "وال" + w
        return _per_word(q, attach)
    raise ValueError(edit)


def make_queries(articles: list[Article], path: Path, n_articles: int, seed: int) -> dict:
    """Write a deterministic stand-in query file; returns counts."""
    rng = random.Random(seed)
    dup_groups: dict[str, list[str]] = {}
    for a in articles:
        key = "b:" + collapse(a.body) if collapse(a.body) else "t:" + collapse(a.title)
        dup_groups.setdefault(key, []).append(a.id)
    accept_of = {i: ids for ids in dup_groups.values() for i in ids}

    eligible = [a for a in sorted(articles, key=lambda a: a.id)
                if len(ARABIC_WORD_RE.findall(a.title)) >= 2 and len(content_words(a.body)) >= 5]
    sample = rng.sample(eligible, min(n_articles, len(eligible)))
    originals = []
    for n, a in enumerate(sample):
        words = content_words(a.body)
        picked = sorted(rng.sample(range(len(words)), 5))
        for kind, prefix, text in (("title", "t", collapse(a.title)),
                                   ("words", "w", " ".join(words[i] for i in picked))):
            qid = f"{prefix}-{n:05d}"
            originals.append({"qid": qid, "kind": kind, "variant": "original", "base": qid,
                              "query": text, "target": a.id, "accept": sorted(accept_of[a.id])})
    variants = []
    for n, o in enumerate(originals):
        start = rng.randrange(len(EDITS))
        for k in range(len(EDITS)):
            edit = EDITS[(start + k) % len(EDITS)]
            text = apply_edit(edit, o["query"], rng)
            if text != o["query"]:
                variants.append({**o, "qid": o["qid"] + "-s", "variant": "spelling",
                                 "query": text, "edit": edit})
                break
    with open(path, "w", encoding="utf-8") as f:
        for q in originals + variants:
            f.write(json.dumps(q, ensure_ascii=False) + "\n")
    by_edit: dict[str, int] = {}
    for v in variants:
        by_edit[v["edit"]] = by_edit.get(v["edit"], 0) + 1
    return {"path": str(path), "seed": seed, "articles": len(sample),
            "originals": len(originals), "variants": len(variants), "by_edit": by_edit}


# --------------------------------------------------------------------------
# engines

def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, check=True, text=True, capture_output=True, **kw)


class PostgresEngine:
    """A private PostgreSQL cluster in <workdir>/pgdata on a unix socket."""

    name = "postgresql"
    AND_SQL = ("SELECT d.id FROM docs d, plainto_tsquery('arabic', %s) q "
               "WHERE d.tsv @@ q ORDER BY ts_rank_cd(d.tsv, q{norm}) DESC, d.id LIMIT 10")
    # lexemes of to_tsvector (= plainto_tsquery's lexemes) quoted as tsquery
    # literals (backslash and quote escaped) and joined with '|'
    OR_SQL = (r"SELECT d.id FROM docs d, (SELECT coalesce(string_agg("
              r"'''' || replace(replace(l, '\', '\\'), '''', '''''') || '''', ' | '), '')"
              r"::tsquery AS q FROM unnest(tsvector_to_array(to_tsvector('arabic', %s))) l) qq "
              r"WHERE d.tsv @@ qq.q ORDER BY ts_rank_cd(d.tsv, qq.q{norm}) DESC, d.id LIMIT 10")

    def __init__(self, workdir: Path, rank_norm: int = 0):
        self.workdir = workdir
        norm = f", {int(rank_norm)}" if rank_norm else ""
        self.sql = {"and": self.AND_SQL.replace("{norm}", norm),
                    "or": self.OR_SQL.replace("{norm}", norm)}
        self.rank_norm = int(rank_norm)
        self.bindir = self._ensure_installed()
        self.db = self._import_driver()
        self.pgdata = workdir / "pgdata"
        self.sock = workdir / "pgsock"
        self.log = workdir / "postgres.log"
        self.started = False
        self.conn = None

    # ---- setup ----
    @staticmethod
    def _find_bindir() -> Path | None:
        dirs = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                      key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
        return Path(dirs[-1]).parent if dirs else None

    def _ensure_installed(self) -> Path:
        bindir = self._find_bindir()
        if bindir is None:
            print("PostgreSQL not found: apt-get update && apt-get install -y postgresql",
                  file=sys.stderr)
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            subprocess.run(["apt-get", "update"], check=True, env=env)
            subprocess.run(["apt-get", "install", "-y", "postgresql"], check=True, env=env)
            bindir = self._find_bindir()
            if bindir is None:
                raise SystemExit("postgresql installed but no initdb found")
        return bindir

    @staticmethod
    def _import_driver():
        for attempt in range(2):
            try:
                import psycopg  # type: ignore
                return psycopg
            except ImportError:
                pass
            try:
                import psycopg2  # type: ignore
                return psycopg2
            except ImportError:
                pass
            if attempt == 0:
                print('installing "psycopg[binary]" with pip', file=sys.stderr)
                r = subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                                    "psycopg[binary]"])
                if r.returncode != 0:
                    subprocess.run([sys.executable, "-m", "pip", "install", "-q",
                                    "psycopg2-binary"])
        raise SystemExit("neither psycopg nor psycopg2 could be installed")

    def _as_postgres(self, cmd: list[str]) -> list[str]:
        return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd

    def start(self) -> None:
        for d in (self.pgdata, self.sock):
            d.mkdir(mode=0o700)
        if os.geteuid() == 0:
            shutil.chown(self.pgdata, "postgres", "postgres")
            shutil.chown(self.sock, "postgres", "postgres")
            self.log.touch()
            shutil.chown(self.log, "postgres", "postgres")
        run(self._as_postgres([str(self.bindir / "initdb"), "-D", str(self.pgdata),
                               "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                               "--locale=C.UTF-8"]))
        opts = f"-c listen_addresses='' -c unix_socket_directories='{self.sock}'"
        run(self._as_postgres([str(self.bindir / "pg_ctl"), "-D", str(self.pgdata),
                               "-l", str(self.log), "-o", opts, "-w", "start"]))
        self.started = True
        if self.db.__name__ == "psycopg":
            self.conn = self.db.connect(host=str(self.sock), user="postgres",
                                        dbname="postgres", autocommit=True)
        else:
            self.conn = self.db.connect(host=str(self.sock), user="postgres", dbname="postgres")
            self.conn.autocommit = True

    def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None
        if self.started:
            subprocess.run(self._as_postgres([str(self.bindir / "pg_ctl"), "-D",
                                              str(self.pgdata), "-m", "fast", "-w", "stop"]),
                           capture_output=True)
            self.started = False

    # ---- info ----
    def info(self) -> dict:
        cur = self.conn.cursor()
        cur.execute("SHOW server_version")
        version = cur.fetchone()[0]
        cur.execute("SHOW shared_buffers")
        shared_buffers = cur.fetchone()[0]
        cur.execute("SHOW maintenance_work_mem")
        mwm = cur.fetchone()[0]
        cur.execute("SELECT datcollate, datctype FROM pg_database WHERE datname = 'postgres'")
        collate, ctype = cur.fetchone()
        dF = subprocess.run(["psql", "-h", str(self.sock), "-U", "postgres", "-d", "postgres",
                             "-X", "-c", r"\dF+ arabic", "-c", r"\dFd+ arabic_stem"],
                            text=True, capture_output=True)
        return {"server_version": version, "ts_rank_cd_normalization": self.rank_norm,
                "driver": f"{self.db.__name__} {self.db.__version__}",
                "shared_buffers": shared_buffers, "maintenance_work_mem": mwm,
                "lc_collate": collate, "lc_ctype": ctype,
                "dF_arabic": (dF.stdout or dF.stderr).strip()}

    def analyze(self, texts: Iterable[str]) -> dict[str, str]:
        cur = self.conn.cursor()
        out = {}
        for t in texts:
            cur.execute("SELECT to_tsvector('arabic', %s)::text", (t,))
            out[t] = cur.fetchone()[0]
        return out

    # ---- load ----
    def load(self, articles: list[Article]) -> dict:
        cur = self.conn.cursor()
        cur.execute("DROP TABLE IF EXISTS docs")
        cur.execute("CREATE TABLE docs (id text PRIMARY KEY, title text, body text, "
                    "outlet text, published text, tsv tsvector GENERATED ALWAYS AS "
                    "(to_tsvector('arabic'::regconfig, coalesce(title, '') || ' ' || "
                    "coalesce(body, ''))) STORED)")
        copy_sql = "COPY docs (id, title, body, outlet, published) FROM STDIN"
        t0 = time.perf_counter()
        if self.db.__name__ == "psycopg":
            with self.conn.transaction():
                with cur.copy(copy_sql) as cp:
                    for a in articles:
                        cp.write_row((a.id, a.title, a.body, a.outlet, a.published))
        else:
            buf = io.StringIO()
            w = csv.writer(buf)
            for a in articles:
                w.writerow((a.id, a.title, a.body, a.outlet, a.published))
            buf.seek(0)
            self.conn.autocommit = False
            cur.copy_expert(copy_sql + " WITH (FORMAT csv)", buf)
            self.conn.commit()
            self.conn.autocommit = True
        t1 = time.perf_counter()
        cur.execute("CREATE INDEX docs_tsv_idx ON docs USING gin (tsv)")
        t2 = time.perf_counter()
        cur.execute("VACUUM ANALYZE docs")
        t3 = time.perf_counter()
        cur.execute("SELECT count(*), pg_relation_size('docs_tsv_idx'), "
                    "pg_relation_size('docs'), pg_total_relation_size('docs') FROM docs")
        rows, idx, heap, total = cur.fetchone()
        return {"docs": rows, "load_s": t1 - t0, "index_s": t2 - t1,
                "total_s": t2 - t0, "vacuum_analyze_s": t3 - t2,
                "index_bytes": idx, "heap_bytes": heap, "total_bytes": total,
                "load_what": "COPY incl. to_tsvector of the generated column",
                "index_what": "CREATE INDEX ... USING gin (tsv)",
                "total_what": "pg_total_relation_size(docs): heap+TOAST+pkey+GIN"}

    def explain(self, q: str, mode: str) -> str:
        cur = self.conn.cursor()
        cur.execute("EXPLAIN " + self.sql[mode], (q,))
        return "\n".join(r[0] for r in cur.fetchall())

    # ---- search ----
    def prepare(self, queries: list[dict], mode: str) -> list:
        return [q["query"] for q in queries]

    def searcher(self, mode: str):
        cur = self.conn.cursor()
        sql = self.sql[mode]
        if self.db.__name__ == "psycopg":
            # server-side prepared statement from the first call on (same for all)
            def search(q: str) -> list[str]:
                cur.execute(sql, (q,), prepare=True)
                return [r[0] for r in cur.fetchall()]
        else:
            def search(q: str) -> list[str]:
                cur.execute(sql, (q,))
                return [r[0] for r in cur.fetchall()]
        return search


class SqliteEngine:
    """SQLite FTS5, contentful table, unicode61 remove_diacritics 2, bm25."""

    name = "sqlite-fts5"
    TOKENIZE = "unicode61 remove_diacritics 2"

    def __init__(self, workdir: Path, **_):
        opts = {r[0] for r in sqlite3.connect(":memory:").execute("PRAGMA compile_options")}
        if "ENABLE_FTS5" not in opts:
            raise SystemExit(f"SQLite {sqlite3.sqlite_version} has no FTS5")
        self.path = workdir / "fts5.sqlite"
        self.conn = None
        # a scratch FTS5 table with the same tokenizer, to split queries exactly
        # as FTS5 splits documents (its fts5vocab 'instance' table lists tokens)
        self.tok = sqlite3.connect(":memory:")
        self.tok.execute(f"CREATE VIRTUAL TABLE t USING fts5(x, tokenize = '{self.TOKENIZE}')")
        self.tok.execute("CREATE VIRTUAL TABLE v USING fts5vocab(t, 'instance')")

    def start(self) -> None:
        if self.path.exists():
            self.path.unlink()
        self.conn = sqlite3.connect(self.path, isolation_level=None)

    def stop(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def info(self) -> dict:
        return {"sqlite_version": sqlite3.sqlite_version, "fts5": True,
                "tokenize": self.TOKENIZE,
                "page_size": self.conn.execute("PRAGMA page_size").fetchone()[0],
                "journal_mode": self.conn.execute("PRAGMA journal_mode").fetchone()[0],
                "synchronous": self.conn.execute("PRAGMA synchronous").fetchone()[0]}

    def tokens(self, text: str) -> list[str]:
        self.tok.execute("DELETE FROM t")
        self.tok.execute("INSERT INTO t(x) VALUES (?)", (text,))
        return [r[0] for r in self.tok.execute("SELECT term FROM v ORDER BY offset")]

    def analyze(self, texts: Iterable[str]) -> dict[str, str]:
        return {t: " ".join(self.tokens(t)) for t in texts}

    def load(self, articles: list[Article]) -> dict:
        c = self.conn
        c.execute("DROP TABLE IF EXISTS docs")
        c.execute("CREATE VIRTUAL TABLE docs USING fts5(id UNINDEXED, title, body, "
                  f"tokenize = '{self.TOKENIZE}')")
        t0 = time.perf_counter()
        c.execute("BEGIN")
        c.executemany("INSERT INTO docs(id, title, body) VALUES (?, ?, ?)",
                      ((a.id, a.title, a.body) for a in articles))
        c.execute("COMMIT")
        t1 = time.perf_counter()
        c.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        t2 = time.perf_counter()
        rows = c.execute("SELECT count(*) FROM docs").fetchone()[0]
        sizes = dict(c.execute(
            "SELECT name, sum(pgsize) FROM dbstat GROUP BY name").fetchall()) \
            if self._has_dbstat() else {}
        index_bytes = sum(v for k, v in sizes.items() if k in ("docs_data", "docs_idx"))
        return {"docs": rows, "load_s": t1 - t0, "index_s": t2 - t1, "total_s": t2 - t0,
                "index_bytes": index_bytes or None, "total_bytes": os.path.getsize(self.path),
                "tables_bytes": sizes,
                "load_what": "executemany INSERT in one transaction (tokenizes + indexes)",
                "index_what": "INSERT INTO docs(docs) VALUES('optimize') (merge segments)",
                "total_what": "database file size (content + full-text index)"}

    def _has_dbstat(self) -> bool:
        try:
            self.conn.execute("SELECT 1 FROM dbstat LIMIT 1").fetchall()
            return True
        except sqlite3.OperationalError:
            return False

    def prepare(self, queries: list[dict], mode: str) -> list:
        joiner = " " if mode == "and" else " OR "
        out = []
        for q in queries:
            toks = self.tokens(q["query"])
            out.append(joiner.join('"' + t.replace('"', '""') + '"' for t in toks) or None)
        return out

    def searcher(self, mode: str):
        cur = self.conn.cursor()
        sql = "SELECT id FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"

        def search(q: str | None) -> list[str]:
            if q is None:            # no token at all: FTS5 rejects an empty MATCH
                return []
            return [r[0] for r in cur.execute(sql, (q,)).fetchall()]
        return search


ENGINES = {"pg": PostgresEngine, "sqlite": SqliteEngine}


# --------------------------------------------------------------------------
# measuring

def run_queries(engine, queries: list[dict], mode: str) -> tuple[list[list[str]], list[float]]:
    """Warm-up pass (untimed), then a timed pass; returns results and ms latencies."""
    prepared = engine.prepare(queries, mode)
    search = engine.searcher(mode)
    for p in prepared:
        search(p)
    results, lat = [], []
    for p in prepared:
        t0 = time.perf_counter()
        ids = search(p)
        lat.append((time.perf_counter() - t0) * 1000.0)
        results.append(ids)
    return results, lat


def reciprocal_rank(ids: list[str], accept: set[str]) -> float:
    for rank, i in enumerate(ids[:TOP_K], 1):
        if i in accept:
            return 1.0 / rank
    return 0.0


def overlap(a: list[str], b: list[str]) -> float:
    a, b = set(a[:TOP_K]), set(b[:TOP_K])
    if not a and not b:
        return 1.0
    return len(a & b) / max(len(a), len(b))


def percentile(xs: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    s = sorted(xs)
    k = max(0, min(len(s) - 1, int(round(p / 100.0 * len(s) + 0.5)) - 1))
    return s[k]


def mean(xs: list[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def score(queries: list[dict], results: list[list[str]], lat: list[float]) -> dict:
    by_qid = {q["qid"]: r for q, r in zip(queries, results)}
    out: dict = {"n_queries": len(queries)}
    for kind in ("title", "words"):
        rr = [reciprocal_rank(r, set(q["accept"])) for q, r in zip(queries, results)
              if q["variant"] == "original" and q["kind"] == kind]
        out[kind] = {"n": len(rr), "mrr10": mean(rr),
                     "recall10": mean([1.0 if x > 0 else 0.0 for x in rr])}
    var = [(q, r) for q, r in zip(queries, results) if q["variant"] != "original"]
    ov = [overlap(r, by_qid[q["base"]]) for q, r in var]
    out["spelling"] = {"n": len(var), "overlap10": mean(ov),
                       "mrr10": mean([reciprocal_rank(r, set(q["accept"])) for q, r in var])}
    per_kind = {}
    for kind in ("title", "words"):
        sel = [(q, r) for q, r in var if q["kind"] == kind]
        per_kind[kind] = {"n": len(sel),
                          "overlap10": mean([overlap(r, by_qid[q["base"]]) for q, r in sel]),
                          "mrr10": mean([reciprocal_rank(r, set(q["accept"])) for q, r in sel])}
    out["spelling"]["by_kind"] = per_kind
    edits: dict[str, list[float]] = {}
    for (q, _), o in zip(var, ov):
        # rasid's query file names the rewriting in "variant"; the stand-in
        # generator in "edit".
        edit = q.get("edit") or (q.get("variant") if q.get("variant") != "original" else None)
        if edit:
            edits.setdefault(edit, []).append(o)
    if edits:
        out["spelling"]["overlap10_by_edit"] = {e: {"n": len(v), "overlap10": mean(v)}
                                                 for e, v in sorted(edits.items())}
    out["empty_results"] = sum(1 for r in results if not r)
    out["latency_ms"] = {"p50": percentile(lat, 50), "p99": percentile(lat, 99),
                         "mean": statistics.fmean(lat), "max": max(lat)}
    return out


PROBES = ["أحمد", "احمد", "إسلام", "اسلام", "مؤسسة", "مؤسسه", "مسئول", "مسؤول", "على", "علي",
          "كتاب", "\u06A9تاب", "كَتَبَ", "كتب", "والمدرسة", "المدرسة", "مدرسة", "وبالمدارس",
          "مـــحمد", "في من على إلى أن"]


def machine() -> dict:
    cpu = ""
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(),
            "platform": platform.platform()}


def fmt(x, digits=3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def report(res: dict) -> str:
    lines = ["## Load and size", "",
             "| engine | docs | load s | index s | total s | index MB | total MB |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for e, r in res["engines"].items():
        L = r["load"]
        idx = L.get("index_bytes")
        lines.append(f"| {e} | {L['docs']} | {L['load_s']:.2f} | {L['index_s']:.2f} | "
                     f"{L['total_s']:.2f} | {fmt(idx / 1e6 if idx else None, 1)} | "
                     f"{L['total_bytes'] / 1e6:.1f} |")
    lines += ["", "## Known-item search and spelling robustness (top 10)", "",
              "| engine | mode | title MRR | title R@10 | words MRR | words R@10 | "
              "variant overlap | variant MRR | p50 ms | p99 ms | mean ms | empty |",
              "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for e, r in res["engines"].items():
        for m in MODES:
            s = r["modes"].get(m)
            if not s:
                continue
            t, w, sp, la = s["title"], s["words"], s["spelling"], s["latency_ms"]
            lines.append(
                f"| {e} | {m} | {fmt(t['mrr10'])} | {fmt(t['recall10'])} | {fmt(w['mrr10'])} | "
                f"{fmt(w['recall10'])} | {fmt(sp['overlap10'])} | {fmt(sp['mrr10'])} | "
                f"{la['p50']:.2f} | {la['p99']:.2f} | {la['mean']:.2f} | "
                f"{s['empty_results']}/{s['n_queries']} |")
    edits = sorted({e for r in res["engines"].values() for s in r["modes"].values()
                    for e in s["spelling"].get("overlap10_by_edit", {})})
    if edits:
        cols = [(e, m) for e in res["engines"] for m in MODES if m in res["engines"][e]["modes"]]
        lines += ["", "## Variant overlap with the base query's top 10, by spelling edit", "",
                  "| edit | n | " + " | ".join(f"{e} {m}" for e, m in cols) + " |",
                  "|---|---:|" + "---:|" * len(cols)]
        for ed in edits:
            cells, n = [], 0
            for e, m in cols:
                d = res["engines"][e]["modes"][m]["spelling"]["overlap10_by_edit"].get(ed)
                n = d["n"] if d else n
                cells.append(fmt(d["overlap10"]) if d else "–")
            lines.append(f"| {ed} | {n} | " + " | ".join(cells) + " |")
    probes = {e: r.get("probes") for e, r in res["engines"].items() if r.get("probes")}
    if probes:
        lines += ["", "## How each engine analyzes some probe words", "",
                  "| input | " + " | ".join(probes) + " |", "|---|" + "---|" * len(probes)]
        for p in PROBES:
            lines.append(f"| {p} | " + " | ".join(f"`{probes[e][p]}`" for e in probes) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", help="shared dir (default $RASID_SHARED or ../shared)")
    ap.add_argument("--queries", type=Path, help="query JSONL to run")
    ap.add_argument("--make-queries", type=Path, metavar="FILE",
                    help="write a deterministic stand-in query file, then run it only if "
                         "--queries is also given")
    ap.add_argument("--n-articles", type=int, default=1000,
                    help="articles sampled by --make-queries (each gives one title and one "
                         "words query, and each query one spelling variant)")
    ap.add_argument("--seed", type=int, default=20150806)
    ap.add_argument("--engines", default="pg,sqlite")
    ap.add_argument("--modes", default="and,or")
    ap.add_argument("--limit-queries", type=int, default=0,
                    help="development only: use the first N originals and their variants")
    ap.add_argument("--pg-rank-norm", type=int, default=0,
                    help="ts_rank_cd normalization bit mask (default 0 = none, as "
                         "ts_rank_cd(tsv, q); e.g. 1 = divide by 1 + log(length))")
    ap.add_argument("--workdir", type=Path, help="where the databases go (default: temp dir)")
    ap.add_argument("--keep", action="store_true", help="keep the work dir")
    ap.add_argument("--out", type=Path, help="also write the JSON here")
    args = ap.parse_args()

    t_start = time.perf_counter()
    shared = shared_dir(args.shared)
    articles = load_corpus(shared)
    if args.make_queries:
        stats = make_queries(articles, args.make_queries, args.n_articles, args.seed)
        print(f"wrote stand-in queries: {json.dumps(stats, ensure_ascii=False)}")
        if not args.queries:
            return 0
    if not args.queries:
        ap.error("give --queries FILE (or --make-queries FILE to create one)")

    queries = load_queries(args.queries)
    if args.limit_queries:
        keep = {q["qid"] for q in queries if q["variant"] == "original"}
        keep = set([q for q in (q["qid"] for q in queries) if q in keep][:args.limit_queries])
        queries = [q for q in queries if q["base"] in keep]
    engines = [e.strip() for e in args.engines.split(",") if e.strip()]
    modes = [m.strip() for m in args.modes.split(",") if m.strip()]
    for e in engines:
        if e not in ENGINES:
            ap.error(f"unknown engine {e!r} (have {', '.join(ENGINES)})")
    for m in modes:
        if m not in MODES:
            ap.error(f"unknown mode {m!r}")

    own_workdir = args.workdir is None
    workdir = Path(tempfile.mkdtemp(prefix="rasid-search-peers-")) if own_workdir \
        else args.workdir.resolve()
    if workdir == REPO_ROOT or REPO_ROOT in workdir.parents:
        ap.error("--workdir must not be inside the repository")
    workdir.mkdir(parents=True, exist_ok=True)
    os.chmod(workdir, 0o755)          # the postgres user must reach its data dir

    res: dict = {"machine": machine(), "shared": str(shared), "corpus_docs": len(articles),
                 "queries_file": str(args.queries), "n_queries": len(queries),
                 "n_original": sum(q["variant"] == "original" for q in queries),
                 "n_variants": sum(q["variant"] != "original" for q in queries),
                 "engines": {}}
    print(f"corpus {len(articles)} articles; {len(queries)} queries "
          f"({res['n_original']} originals, {res['n_variants']} variants); workdir {workdir}",
          file=sys.stderr)
    try:
        for key in engines:
            eng = ENGINES[key](workdir, rank_norm=args.pg_rank_norm)
            try:
                eng.start()
                r: dict = {"info": eng.info()}
                t0 = time.perf_counter()
                r["load"] = eng.load(articles)
                print(f"[{eng.name}] loaded in {r['load']['total_s']:.1f}s", file=sys.stderr)
                r["probes"] = eng.analyze(PROBES)
                if isinstance(eng, PostgresEngine):
                    r["explain"] = {m: eng.explain(queries[0]["query"], m) for m in modes}
                r["modes"] = {}
                for m in modes:
                    t1 = time.perf_counter()
                    results, lat = run_queries(eng, queries, m)
                    r["modes"][m] = score(queries, results, lat)
                    print(f"[{eng.name}] mode {m}: {time.perf_counter() - t1:.1f}s "
                          "(warm-up + timed pass)", file=sys.stderr)
                r["wall_s"] = time.perf_counter() - t0
                res["engines"][eng.name] = r
            finally:
                eng.stop()
    finally:
        if own_workdir and not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
    res["wall_s"] = time.perf_counter() - t_start

    print(f"# Peer full-text engines on {len(articles)} articles, "
          f"{len(queries)} queries ({args.queries.name})\n")
    for name, r in res["engines"].items():
        info = ", ".join(f"{k}={v}" for k, v in r["info"].items() if k != "dF_arabic")
        print(f"- {name}: {info}")
    print()
    print(report(res))
    pg = res["engines"].get("postgresql")
    if pg:
        print("\n## PostgreSQL `\\dF+ arabic`\n\n```\n" + pg["info"]["dF_arabic"] + "\n```")
        for m, plan in pg.get("explain", {}).items():
            print(f"\nEXPLAIN ({m}):\n```\n{plan}\n```")
    js = json.dumps(res, ensure_ascii=False)
    if args.out:
        args.out.write_text(js + "\n", encoding="utf-8")
    print("\nJSON: " + js)
    return 0


if __name__ == "__main__":
    sys.exit(main())
