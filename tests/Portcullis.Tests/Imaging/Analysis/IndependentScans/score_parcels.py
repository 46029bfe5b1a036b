#!/usr/bin/python3
"""Scores `portcullis scan analyze --json OUT` on make_parcels.py's parcels against its truth.csv.

A concealment counts as detected and located when the parcel's score passes the threshold AND one of its three
highest-scoring regions overlaps the true box (the issue's rule). Thresholds are set by the clean parcels' scores
at 1, 2.5, 5 and 10% false alarms per clean parcel; the figure at the model's own operating point uses `alarm`.
Prints refusals (by scanner and sentence), the curve, detections by kind, by how the drugs were packed and by
scanner at 5%, false alarms at the operating point by hard negative, and the top clean scores.

usage: score_parcels.py OUT.json truth.csv
"""
import collections, csv, json, sys

out, truth = sys.argv[1], sys.argv[2]
d = {x['file']: x for x in json.load(open(out))}
t = list(csv.DictReader(open(truth)))
score = lambda r: d[r['file']]['score'] if d[r['file']]['score'] is not None else -1.0

ref = collections.Counter((r['scanner'], (d[r['file']].get('error') or '')[:110]) for r in t if d[r['file']]['score'] is None)
print('refused', sum(ref.values()), 'of', len(t))
for k, v in sorted(ref.items()):
    print(' ', v, k)
clean = [r for r in t if r['concealed'] == '0']
conc = [r for r in t if r['concealed'] == '1']
cs = sorted((score(r) for r in clean), reverse=True)

def located(r):
    x = d[r['file']]
    b = [int(r['x0']), int(r['y0']), int(r['x1']), int(r['y1'])]
    for g in sorted(x['regions'], key=lambda g: -g['score'])[:3]:
        if g['x0'] < b[2] and b[0] < g['x1'] and g['y0'] < b[3] and b[1] < g['y1']:
            return True
    return False

def hit(r, thr):
    return score(r) >= thr and d[r['file']]['score'] is not None and located(r)

def by(rows, key):
    c = collections.Counter(key(r) for r in rows)
    return ', '.join(f'{k} {v}' for k, v in sorted(c.items()))

print(f'clean parcels {len(clean)}, concealed {len(conc)}: {by(conc, lambda r: r["conc_kind"])}')
for fa in (0.01, 0.025, 0.05, 0.10):
    k = int(fa * len(clean))                     # this many clean parcels may score at or above the threshold
    thr = cs[k] + 1e-9 if k < len(cs) else -0.5
    fas = sum(1 for s in cs if s >= thr)
    h = [r for r in conc if hit(r, thr)]
    print(f'<= {fa:.1%} false alarms (threshold {thr:.3f}, measured {fas}/{len(clean)}): {len(h)}/{len(conc)} '
          f'({len(h) / max(1, len(conc)):.1%})  {by(h, lambda r: r["conc_kind"])}')
    if fa == 0.05:
        print('   at 5% by packing:', by(h, lambda r: r['how']), '| of', by(conc, lambda r: r['how']))
        print('   at 5% by scanner:', by(h, lambda r: r['scanner']), '| of', by(conc, lambda r: r['scanner']))
loc = [r for r in conc if d[r['file']]['score'] is not None and located(r)]
print(f'located in the top three regions at any score: {len(loc)}/{len(conc)} ({by(loc, lambda r: r["conc_kind"])})')
op = [r for r in conc if d[r['file']]['alarm'] and located(r)]
fa_op = [r for r in clean if d[r['file']]['alarm']]
thr_op = sorted({x.get('threshold') for x in d.values() if x.get('threshold') is not None})
print(f'operating point (the model\'s alarm): {len(op)}/{len(conc)} detected and located ({by(op, lambda r: r["conc_kind"])}), '
      f'{len(fa_op)}/{len(clean)} clean parcels alarm')
for neg in ('tulip_bulbs', 'vitamins', 'sweets', 'coffee'):
    rows = [r for r in clean if neg in [n.split(':')[0] for n in r['negatives'].split('+')]]
    print(f'   clean with {neg}: {sum(1 for r in rows if d[r["file"]]["alarm"])}/{len(rows)} alarm')
for fa in (0.05,):
    k = int(fa * len(clean))
    thr = cs[k] + 1e-9 if k < len(cs) else -0.5
    sub = collections.Counter(n for r in clean for n in set((r['negatives'] or 'none').split('+')))
    above = collections.Counter(n for r in clean if score(r) >= thr - 0.1 for n in set((r['negatives'] or 'none').split('+')))
    print(f'clean parcels scoring within 0.1 of the 5% threshold, by hard negative: ' + ', '.join(f'{n} {above[n]}/{sub[n]}' for n in sorted(sub)))
print('top clean scores:', ', '.join(f'{score(r):.3f} ({r["scanner"]}, {r["negatives"] or "-"})'
                                     for r in sorted(clean, key=score, reverse=True)[:6]))
ms = sorted(x['ms'] for x in d.values() if x.get('ms') is not None)
if ms:
    print(f'ms per parcel: median {ms[len(ms) // 2]:.1f}, slowest {ms[-1]:.1f}')
