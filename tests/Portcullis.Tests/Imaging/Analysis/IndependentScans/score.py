#!/usr/bin/python3
"""Scores `portcullis scan analyze --json OUT` against make_scans.py's truth.csv: refusals by scanner and type,
then detected and located (score above the threshold set by the clean scans' false-alarm rate, and one of the
three highest regions overlapping the concealment) at 0, 2.5, 5, 10, 25 and 50% false alarms.

usage: score.py OUT.json truth.csv
"""
import json, csv, collections, sys
out, truth = sys.argv[1], sys.argv[2]
d = {x['file']: x for x in json.load(open(out))}
t = list(csv.DictReader(open(truth)))
c = collections.Counter()
for r in t:
    e = d[r['file']].get('error') or 'OK'
    c[(r['scanner'], r['iso_type'], e[:70])] += 1
for k, v in sorted(c.items()): print(v, k)
clean = [r for r in t if r['concealed'] == '0']
conc = [r for r in t if r['concealed'] == '1']
cs = sorted([(d[r['file']]['score'] if d[r['file']]['score'] is not None else -1) for r in clean], reverse=True)
print('clean scores top', cs[:6], 'refused clean', sum(1 for r in clean if d[r['file']]['score'] is None))
def hit(r, thr):
    x = d[r['file']]
    if x['score'] is None or x['score'] < thr: return False
    b = [int(r['x0']), int(r['y0']), int(r['x1']), int(r['y1'])]
    for g in sorted(x['regions'], key=lambda g: -g['score'])[:3]:
        if g['x0'] < b[2] and b[0] < g['x1'] and g['y0'] < b[3] and b[1] < g['y1']: return True
    return False
for fa in (0.0, 0.025, 0.05, 0.10, 0.25, 0.5):
    k = int(fa * len(clean))
    thr = cs[k] + 1e-9 if k < len(cs) else -0.5
    hits = [r for r in conc if hit(r, thr)]
    print(f'FA<={fa:.3f} thr={thr:.3f} detected {len(hits)}/{len(conc)}', collections.Counter(r['place'] for r in hits))
loc = [r for r in conc if hit(r, -0.5)]
print('located in top3 regardless', len(loc), collections.Counter(r['place'] for r in loc), 'of', collections.Counter(r['place'] for r in conc))
print('alarms clean', sum(1 for r in clean if d[r['file']]['alarm']), 'concealed alarm+located', sum(1 for r in conc if d[r['file']]['alarm'] and hit(r, -0.5)))
