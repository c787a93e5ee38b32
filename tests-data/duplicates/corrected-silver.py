#!/usr/bin/env python3
"""Builds corrected-silver.tsv: the silver reprint pairs corrected by hand.

Run from the repository root, after
    rasid eval duplicates --pairs /tmp/strata.tsv
at the commit the reference was built on (52908db):
    python3 tests-data/duplicates/corrected-silver.py /tmp/strata.tsv

Every pair that the groups or the silver join (the three strata of the
strata file) gets a label by the rule of README.md:
- a pair read by hand (any audit file here, or corrected-silver-read.tsv)
  keeps its own label;
- otherwise it takes the label of the read pairs of its piece. A piece is a
  set of pairs that one method joins for the same reason:
  - rasid only: the pairs of one rasid group between the same two silver
    groups (an article in no silver group is a group of its own);
  - silver only: the pairs of one silver group between the same two rasid
    groups;
  - both: one connected part of the graph of pairs both join.
  The least similar pair of each piece (word-set Jaccard) was read, and the
  most similar as well in disagreement pieces of three pairs or more. Where
  the read pairs of a piece disagree, every pair of the piece was read.
Pairs read by hand that neither method joins are kept too (with their
label). The script fails if a piece has no read pair or if it would carry
two labels.
"""
import collections, glob, os, sys

here = os.path.dirname(os.path.abspath(__file__))
rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1]) if l.strip() and not l.startswith('kind')]

def comps(pairs):
    p = {}
    def f(x):
        p.setdefault(x, x)
        while p[x] != x:
            p[x] = p[p[x]]
            x = p[x]
        return x
    for a, b in pairs:
        p[f(a)] = f(b)
    return {x: f(x) for x in p}

label = {}
for f in sorted(glob.glob(os.path.join(here, '*.tsv'))):
    if os.path.basename(f) == 'corrected-silver.tsv':
        continue
    for l in open(f, encoding='utf-8'):
        r = l.rstrip('\n').split('\t')
        if len(r) >= 3 and r[2] in ('dup', 'not'):
            key = tuple(sorted(r[:2]))
            if key in label and label[key] != r[2]:
                sys.exit(f'{f}: {key} is labelled {r[2]} here and {label[key]} elsewhere')
            label[key] = r[2]

R = comps([(a, b) for k, a, b in rows if k in ('both', 'rasid')])
S = comps([(a, b) for k, a, b in rows if k in ('both', 'silver')])
B = comps([(a, b) for k, a, b in rows if k == 'both'])
pieces = collections.defaultdict(list)
for k, a, b in rows:
    pair = tuple(sorted((a, b)))
    if k == 'rasid':
        key = ('rasid', R[a]) + tuple(sorted((S.get(a, a), S.get(b, b))))
    elif k == 'silver':
        key = ('silver', S[a]) + tuple(sorted((R.get(a, a), R.get(b, b))))
    else:
        key = ('both', B[a])
    pieces[key].append(pair)

out = {}
bad = []
for key, pairs in sorted(pieces.items()):
    seen = {label[p] for p in pairs if p in label}
    unread = sum(p not in label for p in pairs)
    if unread and len(seen) != 1:
        bad.append(f'piece {key} ({len(pairs)} pairs, {unread} unread) has read labels {sorted(seen)}')
        continue
    for p in pairs:
        out[p] = (label[p], 'read') if p in label else (min(seen), 'piece')
if bad:
    sys.exit('read more of these pieces:\n' + '\n'.join(bad))
for p, l in label.items():
    out.setdefault(p, (l, 'read'))

with open(os.path.join(here, 'corrected-silver.tsv'), 'w', encoding='utf-8') as f:
    f.write('a\tb\tlabel\tsource\n')
    for (a, b), (l, s) in sorted(out.items()):
        f.write(f'{a}\t{b}\t{l}\t{s}\n')
c = collections.Counter(out.values())
print(f'{len(out)} pairs:', dict(sorted(c.items())))
