#!/usr/bin/python3
"""Scores `portcullis scan compare --json OUT` against make_scans.py --pairs' pairs_truth.csv: a changed pair counts
when its score passes the threshold set by the unchanged pairs' false-alarm rate, the change is the right one
(added or removed) and one of its three highest regions, in the image the answer names, overlaps the truth box.

usage: score_pairs.py OUT.json pairs_truth.csv
"""
import collections, csv, json, sys

out, truth = sys.argv[1], sys.argv[2]
d = {x['origin']: x for x in json.load(open(out))}
t = list(csv.DictReader(open(truth)))
refused = [r for r in t if d[r['origin']].get('error')]
print('refused', len(refused), collections.Counter(d[r['origin']]['error'][:80] for r in refused))
same = [r for r in t if r['change'] == 'none']
changed = [r for r in t if r['change'] != 'none']
score = lambda r: d[r['origin']]['score'] if d[r['origin']]['score'] is not None else -1
ss = sorted((score(r) for r in same), reverse=True)
print('unchanged: highest scores', [round(x, 3) for x in ss[:5]], 'kg', sorted((round(d[r['origin']]['kg'] or 0, 1) for r in same), reverse=True)[:5])


def located(r):
    x = d[r['origin']]
    if x['change'] != r['change'] or x['regionsImage'] != ('arrival' if r['change'] == 'added' else 'origin'):
        return False
    b = [int(r[k]) for k in ('x0', 'y0', 'x1', 'y1')]
    return any(g['x0'] < b[2] and b[0] < g['x1'] and g['y0'] < b[3] and b[1] < g['y1'] for g in sorted(x['regions'], key=lambda g: -g['score'])[:3])


for fa in (0.0, 0.025, 0.05, 0.10):
    k = int(fa * len(same))
    thr = ss[k] + 1e-9 if k < len(ss) else -0.5
    hits = [r for r in changed if score(r) >= thr and located(r)]
    print(f'FA<={fa:.3f} thr={thr:.3f} detected and located {len(hits)}/{len(changed)}', dict(collections.Counter(r['place'] for r in hits)))
alarm_same = sum(1 for r in same if d[r['origin']]['alarm'])
alarm_hit = [r for r in changed if d[r['origin']]['alarm'] and located(r)]
print(f'at the built-in point: {len(alarm_hit)}/{len(changed)} detected and located, {alarm_same}/{len(same)} unchanged pairs alarm')
print('by place (any score, located):', dict(collections.Counter(r['place'] for r in changed if located(r))), 'of', dict(collections.Counter(r['place'] for r in changed)))
errs = [(d[r['origin']]['kg'] or 0) / float(r['kg']) - 1 for r in changed if located(r)]
if errs:
    errs.sort()
    print('kg error on located: median %+.0f%%, 10th %+.0f%%, 90th %+.0f%%' % (100 * errs[len(errs) // 2], 100 * errs[len(errs) // 10], 100 * errs[min(len(errs) - 1, 9 * len(errs) // 10)]))
