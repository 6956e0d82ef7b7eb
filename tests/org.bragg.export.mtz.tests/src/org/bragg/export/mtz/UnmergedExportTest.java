package org.bragg.export.mtz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.bragg.io.ExperimentListIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionFlag;
import org.bragg.model.reflection.ReflectionTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unmerged export of scaled reflections on DIALS's 1a8o experiment: gemmi reads the file back, recovers the
 * original indices from M/ISYM and finds DIALS's column layout, batches and the scaled values.
 */
class UnmergedExportTest {
	@TempDir Path tmp;

	@Test
	void scaledMtzReadByGemmi() throws Exception {
		ExperimentList el = ExperimentListIO.read(TestData.dialsReference().resolve("scaled.expt"));
		int n = 300;
		Random r = new Random(3);
		ReflectionTable t = new ReflectionTable(n);
		int[] hkl = t.create(Columns.MILLER_INDEX);
		int[] id = t.create(Columns.ID);
		double[] obs = t.create(Columns.XYZOBS_PX_VALUE), cal = t.create(Columns.XYZCAL_PX);
		double[] iv = t.create(ScaledIntensities.INTENSITY_SCALE_VALUE), vv = t.create(ScaledIntensities.INTENSITY_SCALE_VARIANCE);
		double[] g = t.create(Columns.INVERSE_SCALE_FACTOR), gv = t.create(ScaledIntensities.INVERSE_SCALE_FACTOR_VARIANCE);
		double[] lp = t.create(Columns.LP), qe = t.create(Columns.QE), part = t.create(Columns.PARTIALITY);
		long[] flags = t.create(Columns.FLAGS);
		StringBuilder expect = new StringBuilder();
		for (int i = 0; i < n; i++) {
			hkl[3 * i] = r.nextInt(41) - 20; hkl[3 * i + 1] = r.nextInt(41) - 20; hkl[3 * i + 2] = r.nextInt(81) - 40;
			if (hkl[3 * i] == 0 && hkl[3 * i + 1] == 0 && hkl[3 * i + 2] == 0) hkl[3 * i + 2] = 7;
			double z = 60 * r.nextDouble();
			obs[3 * i] = 1000 * r.nextDouble(); obs[3 * i + 1] = 1000 * r.nextDouble(); obs[3 * i + 2] = z;
			cal[3 * i] = obs[3 * i] + 0.1; cal[3 * i + 1] = obs[3 * i + 1] - 0.1; cal[3 * i + 2] = z + 0.01;
			g[i] = 0.8 + 0.4 * r.nextDouble(); gv[i] = 1e-4;
			iv[i] = 1000 * r.nextDouble(); vv[i] = 100 + iv[i];
			lp[i] = 0.5; qe[i] = 0.9; part[i] = 1.0;
			flags[i] = ReflectionFlag.SCALED.mask() | ReflectionFlag.INTEGRATED_SUM.mask();
		}
		flags[5] |= ReflectionFlag.OUTLIER_IN_SCALING.mask(); // excluded as by dials.export
		Mtz m = UnmergedMtzExport.build(el, t, "From bragg.export");
		assertEquals(n - 1, m.numReflections());
		Path f = tmp.resolve("scaled.mtz");
		MtzWriter.write(m, f);
		// expected per row (source rows in order, row 5 dropped): original h,k,l, batch, I, SIGI, SCALEUSED, ROT
		Path exp = tmp.resolve("expected.txt");
		for (int i = 0; i < n; i++) {
			if (i == 5) continue;
			expect.append(String.format(java.util.Locale.ROOT, "%d %d %d %d %.6g %.6g %.6g %.6g%n", hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2],
					(int) Math.floor(obs[3 * i + 2]) + 1, iv[i] / g[i], Math.sqrt(vv[i]) / g[i], g[i], el.get(0).scan().angleFromArrayIndex(cal[3 * i + 2])));
		}
		Files.writeString(exp, expect);
		String out = Gemmi.run("""
				m = gemmi.read_mtz_file(sys.argv[1])
				ref = gemmi.read_mtz_file(sys.argv[3])
				labels = [c.label for c in m.columns]
				want = [c.label for c in ref.columns if c.label not in ('BG', 'SIGBG')]
				assert labels == want, (labels, want)
				assert [c.type for c in m.columns] == [c.type for c in ref.columns if c.label not in ('BG', 'SIGBG')]
				assert m.spacegroup.hm == 'P 4 2 2', m.spacegroup.hm
				assert abs(m.cell.a - ref.cell.a) < 1e-3 and abs(m.cell.c - ref.cell.c) < 1e-3, (m.cell, ref.cell)
				assert [b.number for b in m.batches] == list(range(1, 61))
				assert all(abs(b.floats[36] - 0.5 * (b.number - 1)) < 1e-5 for b in m.batches)
				assert abs(m.batches[0].floats[86] - 0.9795) < 1e-6
				rows = [l.split() for l in open(sys.argv[2])]
				m.switch_to_original_hkl()
				H, K, L = m.column_with_label('H'), m.column_with_label('K'), m.column_with_label('L')
				B, I, S, G, R = (m.column_with_label(x) for x in ('BATCH', 'I', 'SIGI', 'SCALEUSED', 'ROT'))
				assert len(rows) == m.nreflections
				bad = 0
				for j, e in enumerate(rows):
				    h, k, l, b = (int(x) for x in e[:4]); i, s, g, rot = (float(x) for x in e[4:])
				    if (int(H[j]), int(K[j]), int(L[j])) != (h, k, l) or int(B[j]) != b: bad += 1; print('hkl/batch', j, e, H[j], K[j], L[j], B[j])
				    for got, want in ((I[j], i), (S[j], s), (G[j], g), (R[j], rot)):
				        if abs(got - want) > 1e-4 * max(1, abs(want)): bad += 1; print('value', j, got, want)
				print(json.dumps({'n': m.nreflections, 'bad': bad}))
				""", f.toString(), exp.toString(), TestData.dialsReference().resolve("scaled.mtz").toString());
		assertTrue(out.endsWith("{\"n\": 299, \"bad\": 0}"), out);
	}
}
