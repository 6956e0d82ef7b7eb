package org.bragg.scaling;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

import org.bragg.io.ExperimentListIO;
import org.bragg.model.ExperimentList;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/** Test fixtures (made by dev/make_scaling_fixtures.py from a DIALS 3.12 run) and shared data. */
final class Fixtures {
	private Fixtures() {}

	static Path data(String name) {
		for (Path p : new Path[] { Path.of("data", name), Path.of("tests/org.bragg.scaling.tests/data", name) }) if (Files.exists(p)) return p;
		throw new IllegalStateException("fixture " + name + " not found from " + Path.of("").toAbsolutePath());
	}

	static Path shared() {
		String p = System.getProperty("bragg.shared.data");
		Path r = p != null ? Path.of(p) : Path.of("../shared/data");
		return Files.isDirectory(r) ? r : Path.of("/work/shared/data");
	}

	static ExperimentList experiments() throws Exception { return ExperimentListIO.read(data("1a8o_dials_scaled.expt")); }

	/** DIALS's scaled observations (as dials.export wrote them), original indices rebuilt from ISYM. */
	static Observations dialsScaled() throws Exception {
		ExperimentList el = experiments();
		SpaceGroup sg = SpaceGroup.fromHall(el.get(0).crystal().spaceGroupHall());
		UnitCell cell = UnitCell.of(el.get(0).crystal().unitCellParameters());
		int n = 0, cap = 30000;
		int[] hkl = new int[3 * cap];
		double[] in = new double[cap], v = new double[cap];
		try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(data("1a8o_dials_scaled.csv.gz"))), StandardCharsets.US_ASCII))) {
			r.readLine();
			for (String line; (line = r.readLine()) != null; n++) {
				String[] t = line.split(",");
				int[] o = sg.fromAsu(Integer.parseInt(t[0]), Integer.parseInt(t[1]), Integer.parseInt(t[2]), Integer.parseInt(t[3]));
				System.arraycopy(o, 0, hkl, 3 * n, 3);
				in[n] = Double.parseDouble(t[4]);
				double s = Double.parseDouble(t[5]);
				v[n] = s * s;
			}
		}
		return new Observations(sg, cell, java.util.Arrays.copyOf(hkl, 3 * n), java.util.Arrays.copyOf(in, n), java.util.Arrays.copyOf(v, n), null);
	}

	/** True intensities of the simulation keyed by asymmetric-unit index in {@code sg}. */
	static Map<Long, Double> truth(SpaceGroup sg) throws Exception {
		Map<Long, Double> m = new HashMap<>();
		Path f = shared().resolve("sim_xray_1a8o_p43212/images/truth_intensities.csv.gz");
		try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)), StandardCharsets.US_ASCII))) {
			r.readLine();
			for (String line; (line = r.readLine()) != null;) {
				String[] t = line.split(",");
				var a = sg.toAsu(Integer.parseInt(t[0]), Integer.parseInt(t[1]), Integer.parseInt(t[2]));
				m.put(key(a.h(), a.k(), a.l()), Double.parseDouble(t[4]));
			}
		}
		return m;
	}

	static long key(int h, int k, int l) { return ((long) (h + 512) << 20) | ((long) (k + 512) << 10) | (l + 512); }
}
