package org.bragg.scaling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.bragg.export.mtz.Mtz;
import org.bragg.export.mtz.MtzReader;
import org.bragg.export.mtz.MtzWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** merged.mtz from DIALS's scaled observations: layout as dials.merge's, read back by Bragg and by gemmi. */
class MergedMtzTest {
	@TempDir Path tmp;

	@Test
	void mergedMtzLikeDials() throws Exception {
		Observations obs = Fixtures.dialsScaled();
		MergedData merged = Merger.merge(obs);
		MergedMtz.Built b = MergedMtz.build(obs, merged, 0.9795, "From bragg.merge");
		Path f = tmp.resolve("merged.mtz");
		MtzWriter.write(b.mtz(), f);
		Mtz mine = MtzReader.read(f);
		Mtz dials = MtzReader.read(Fixtures.shared().resolve("sim_xray_1a8o_p43212/dials_reference/merged.mtz"));
		assertEquals(dials.columns().stream().map(c -> c.label() + c.type()).toList(), mine.columns().stream().map(c -> c.label() + c.type()).toList());
		assertEquals(9838, mine.numReflections());
		assertEquals(dials.spaceGroup(), mine.spaceGroup());
		// gemmi
		String py = """
				import gemmi, sys, json, math
				m = gemmi.read_mtz_file(sys.argv[1])
				d = m.column_with_label('IMEAN'); f = m.column_with_label('F'); n = m.column_with_label('N(+)')
				print(json.dumps({'sg': m.spacegroup.hm, 'cell': [round(x, 3) for x in m.cell.parameters], 'nref': m.nreflections,
				  'cols': [c.label for c in m.columns], 'i0': float(d[0]), 'f0': float(f[0]), 'n0': float(n[0]),
				  'dmin': round(m.resolution_high(), 3), 'dmax': round(m.resolution_low(), 2)}))
				""";
		if (!Files.isExecutable(Path.of("/usr/bin/python3"))) fail("/usr/bin/python3 missing (apt-get install -y python3-gemmi)");
		Process p = new ProcessBuilder("/usr/bin/python3", "-c", py, f.toString()).redirectErrorStream(true).start();
		String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertEquals(0, p.waitFor(), "gemmi failed (apt-get install -y python3-gemmi): " + out);
		double[] c = obs.cell.parameters();
		assertTrue(out.contains("\"sg\": \"P 4 2 2\""), out);
		assertTrue(out.contains("\"nref\": 9838"), out);
		assertTrue(out.contains("\"cols\": [\"H\", \"K\", \"L\", \"IMEAN\", \"SIGIMEAN\", \"I(+)\", \"SIGI(+)\", \"I(-)\", \"SIGI(-)\", \"N(+)\", \"N(-)\", \"F\", \"SIGF\", \"F(+)\", \"SIGF(+)\", \"F(-)\", \"SIGF(-)\", \"DANO\", \"SIGDANO\"]"), out);
		assertTrue(out.contains(String.format(java.util.Locale.ROOT, "\"cell\": [%.1f", c[0])), out);
		assertTrue(out.contains("\"dmin\": 1.459") || out.contains("\"dmin\": 1.46"), out);
		double i0 = merged.iMean()[0];
		assertTrue(out.contains("\"i0\": " + (double) (float) i0), out + " vs " + (float) i0);
		// the first merged reflection equals DIALS's where DIALS has the same index
		assertEquals(List.of(1.0, 0.0, 2.0), List.of(mine.data()[0] * 1.0, mine.data()[1] * 1.0, mine.data()[2] * 1.0));
	}
}
