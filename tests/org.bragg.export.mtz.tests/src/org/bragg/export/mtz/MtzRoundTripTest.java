package org.bragg.export.mtz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.model.symmetry.SpaceGroup;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Writes synthetic MTZs with {@link MtzWriter}, reads them back with {@link MtzReader} and with gemmi. */
class MtzRoundTripTest {
	@TempDir Path tmp;

	static Mtz synthetic(SpaceGroup sg, double[] cell, int nBatches) {
		int n = 50;
		double[] h = new double[n], k = new double[n], l = new double[n], b = new double[n], i = new double[n], s = new double[n];
		for (int r = 0; r < n; r++) {
			h[r] = r % 7; k[r] = (r / 7) % 5; l[r] = 1 + r / 35; b[r] = 1 + r % Math.max(1, nBatches);
			i[r] = r == 3 ? Double.NaN : 100.5 * r - 7; s[r] = 1 + 0.25 * r;
		}
		Mtz m = new Mtz().setTitle("synthetic test").setCell(cell).setSpaceGroup(sg);
		List<Mtz.Column> cols = new ArrayList<>();
		for (String c : new String[] { "H", "K", "L" }) cols.add(new Mtz.Column(c, 'H', 1));
		cols.add(new Mtz.Column("BATCH", 'B', 1));
		cols.add(new Mtz.Column("I", 'J', 1));
		cols.add(new Mtz.Column("SIGI", 'Q', 1));
		m.setColumns(cols, List.of(h, k, l, b, i, s));
		m.datasets().add(new Mtz.Dataset(1, "proj", "xtal", "data", cell, 0.9795));
		for (int bn = 1; bn <= nBatches; bn++) {
			int[] ints = new int[BatchHeaders.NINTS];
			ints[BatchHeaders.I_NBSETID] = 1;
			ints[BatchHeaders.I_LDTYPE] = 2;
			float[] f = new float[BatchHeaders.NREALS];
			for (int j = 0; j < 6; j++) f[BatchHeaders.R_CELL + j] = (float) cell[j];
			f[BatchHeaders.R_PHISTT] = 0.5f * (bn - 1);
			f[BatchHeaders.R_PHIEND] = 0.5f * bn;
			f[BatchHeaders.R_ALAMBD] = 0.9795f;
			m.batches().add(new Mtz.Batch(bn, "Batch " + bn, ints, f, List.of("AXIS"), 1));
		}
		m.history().add("From Bragg tests");
		return m;
	}

	@Test
	void roundTripOwnReader() throws Exception {
		SpaceGroup sg = SpaceGroup.parse("P 41 21 2");
		Mtz m = synthetic(sg, new double[] { 78.1, 78.1, 37.2, 90, 90, 90 }, 4);
		Path f = tmp.resolve("t.mtz");
		MtzWriter.write(m, f);
		Mtz r = MtzReader.read(f);
		assertEquals("synthetic test", r.title());
		assertArrayEquals(m.cell(), r.cell(), 1e-4);
		assertEquals(sg, r.spaceGroup());
		assertEquals(m.columns(), r.columns());
		assertEquals(50, r.numReflections());
		assertArrayEquals(m.data(), r.data(), 0f);
		assertEquals(4, r.batches().size());
		assertEquals(3, r.batches().get(2).number());
		assertEquals(1.0f, r.batches().get(2).floats()[BatchHeaders.R_PHISTT]);
		assertEquals(List.of("AXIS"), r.batches().get(0).axes());
		assertEquals(List.of("From Bragg tests"), r.history());
		assertEquals("xtal", r.datasets().get(0).crystal());
		assertEquals(0.9795, r.datasets().get(0).wavelength(), 1e-5);
	}

	@Test
	void gemmiReadsWhatBraggWrites() throws Exception {
		for (String sym : new String[] { "P 41 21 2", "C 1 2 1", "P 1", "R 3 :H", "P 61" }) {
			SpaceGroup sg = SpaceGroup.parse(sym);
			double[] cell = sym.startsWith("R") || sym.startsWith("P 6") ? new double[] { 50, 50, 120, 90, 90, 120 }
					: sym.startsWith("C") ? new double[] { 60, 40, 30, 90, 101.5, 90 } : new double[] { 41.97, 41.97, 88.94, 90, 90, 90 };
			if (sym.equals("P 1")) cell = new double[] { 30, 35, 40, 80, 85, 95 };
			Mtz m = synthetic(sg, cell, 3);
			Path f = tmp.resolve("g.mtz");
			MtzWriter.write(m, f);
			String out = Gemmi.run("""
					m = gemmi.read_mtz_file(sys.argv[1])
					import math
					col = m.column_with_label('I')
					print(json.dumps({'cell': [m.cell.a, m.cell.b, m.cell.c, m.cell.alpha, m.cell.beta, m.cell.gamma],
					  'sg': m.spacegroup.hm, 'nops': len(m.spacegroup.operations()), 'cols': [c.label + ':' + c.type for c in m.columns],
					  'nref': m.nreflections, 'batches': [b.number for b in m.batches], 'phi': [b.floats[36] for b in m.batches],
					  'i': [None if math.isnan(v) else float(v) for v in col], 'title': m.title, 'history': list(m.history),
					  'wl': m.datasets[0].wavelength if m.datasets else 0, 'res': m.resolution_high()}))
					""", f.toString());
			String expectedCols = "[\"H:H\", \"K:H\", \"L:H\", \"BATCH:B\", \"I:J\", \"SIGI:Q\"]";
			assertTrue(out.contains("\"cols\": " + expectedCols), out);
			assertTrue(out.contains("\"nref\": 50"), out);
			assertTrue(out.contains("\"batches\": [1, 2, 3]"), out);
			assertTrue(out.contains("\"phi\": [0.0, 0.5, 1.0]"), out);
			assertTrue(out.contains("\"title\": \"synthetic test\""), out);
			assertTrue(out.contains("\"nops\": " + sg.allOps().size()), sym + ": " + out);
			assertTrue(out.contains("\"sg\": \"" + gemmiHm(sg) + "\""), sym + ": " + out);
			assertTrue(out.contains(String.format(java.util.Locale.ROOT, "\"cell\": [%s", num(cell[0]))), out);
			assertTrue(out.contains("\"i\": [-7.0, 93.5, 194.0, null, 395.0"), out);
			assertTrue(out.contains("\"wl\": 0.9795"), out);
		}
	}

	private static String gemmiHm(SpaceGroup sg) {
		String hm = sg.hermannMauguin();
		int c = hm.indexOf(':');
		return c > 0 ? hm.substring(0, c).trim() : hm;
	}

	private static String num(double v) { return v == Math.rint(v) ? String.format(java.util.Locale.ROOT, "%.1f", v) : Double.toString(v); }
}
