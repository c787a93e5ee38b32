#!/usr/bin/env bash
# Ingest throughput and index size of rasid over saudinewsnet + ant-corpus,
# on one core (taskset) and on all cores, each into a fresh data directory.
# Usage: scripts/bench_ingest.sh [path/to/rasid]   (default target/release/rasid)
set -euo pipefail
rasid=${1:-target/release/rasid}
shared=${RASID_SHARED:-../shared}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
inputs=("$shared/data/saudinewsnet" "$shared/data/ant-corpus")
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for mode in one all; do
  data="$work/$mode"
  if [ "$mode" = one ]; then run=(taskset -c 0 "$rasid" --jobs 1); else run=("$rasid"); fi
  start=$(date +%s.%N)
  "${run[@]}" --data "$data" ingest "${inputs[@]}" --json 2>/dev/null > "$work/report.json" || true
  end=$(date +%s.%N)
  python3 - "$work/report.json" "$start" "$end" "$mode" <<'PY'
import json, sys
r = json.load(open(sys.argv[1])); secs = float(sys.argv[3]) - float(sys.argv[2])
print(f"{sys.argv[4]} core(s): {r['ingested']} articles, {r['bytes']/1e6:.1f} MB of text in {secs:.2f} s "
      f"= {r['ingested']/secs:.0f} articles/s, {r['bytes']/1e6/secs:.1f} MB/s ({len(r['failed'])} failed inputs)")
PY
done
"$rasid" --data "$work/all" stats --format json | python3 -c '
import json, sys
s = json.load(sys.stdin)
print("index: %.1f MB, store: %.1f MB, articles: %d" % (s["index_bytes"] / 1e6, s["store_bytes"] / 1e6, s["articles"]))'
