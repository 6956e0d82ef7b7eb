# Compare Bragg and DIALS stills integration: counts per experiment and intensity correlation on matched hkl
import sys, math
from dials.array_family import flex
from dxtbx.model.experiment_list import ExperimentListFactory
b = flex.reflection_table.from_file(sys.argv[1]); d = flex.reflection_table.from_file(sys.argv[2])
def key_table(t):
    ids = t.experiment_identifiers()
    out = {}
    for i in range(len(t)):
        out[(ids[t['id'][i]], t['miller_index'][i])] = i
    return out
kb, kd = key_table(b), key_table(d)
idsb = dict(b.experiment_identifiers()); idsd = dict(d.experiment_identifiers())
print("experiments: bragg %d dials %d" % (len(idsb), len(idsd)))
allb, alld = [], []
print("%-38s %7s %7s %7s %6s %6s" % ("identifier", "bragg", "dials", "common", "CC", "dxy_px"))
for ident in sorted(set(idsb.values()) | set(idsd.values())):
    nb = sum(1 for k in kb if k[0] == ident); nd = sum(1 for k in kd if k[0] == ident)
    common = [k for k in kb if k[0] == ident and k in kd]
    xb = flex.double([b['intensity.sum.value'][kb[k]] for k in common]); xd = flex.double([d['intensity.sum.value'][kd[k]] for k in common])
    cc = flex.linear_correlation(xb, xd).coefficient() if len(common) > 2 else float('nan')
    dxy = [math.hypot(b['xyzobs.px.value'][kb[k]][0] - d['xyzobs.px.value'][kd[k]][0], b['xyzobs.px.value'][kb[k]][1] - d['xyzobs.px.value'][kd[k]][1]) for k in common]
    dxy.sort()
    med = dxy[len(dxy)//2] if dxy else float('nan')
    print("%-38s %7d %7d %7d %6.3f %6.3f" % (ident, nb, nd, len(common), cc, med))
    allb += list(xb); alld += list(xd)
cc = flex.linear_correlation(flex.double(allb), flex.double(alld)).coefficient()
print("total bragg %d dials %d common %d CC(I_sum) %.4f" % (len(b), len(d), len(allb), cc))
for col in ('partiality', 'lp', 'qe', 'background.mean'):
    print(col, 'bragg' if col in b else '-', 'dials' if col in d else '-',
          (flex.mean(b[col]) if col in b else None), (flex.mean(d[col]) if col in d else None))
# relative intensity and flag agreement on matched rows
import statistics
rel = []; same_flags = 0; n = 0
for k, i in kb.items():
    j = kd.get(k)
    if j is None: continue
    n += 1
    Ib, Id = b['intensity.sum.value'][i], d['intensity.sum.value'][j]
    rel.append(abs(Ib - Id) / math.sqrt(d['intensity.sum.variance'][j]))
    fb = b['flags'][i] & ~(1 << 31); fd = d['flags'][j]
    same_flags += (fb == fd)
if not rel: sys.exit("no matched reflections (different experiment identifiers?)")
rel.sort()
print("matched %d: median |dI|/sigma(I) %.2e, 99th pct %.2e; identical flags %d (%.3f)" % (n, rel[len(rel)//2], rel[int(0.99*len(rel))], same_flags, same_flags / n))
vb = flex.double([b['intensity.sum.variance'][kb[k]] for k in kb if k in kd]); vd = flex.double([d['intensity.sum.variance'][kd[k]] for k in kb if k in kd])
print("CC(var) %.5f" % flex.linear_correlation(vb, vd).coefficient())
