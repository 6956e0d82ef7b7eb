package org.bragg.symmetry.tests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import org.bragg.model.symmetry.UnitCell;

/** A compact integrated-intensity fixture written by {@code dev/symmetry_fixture.py} (columns h,k,l,I,sig,both). */
final class Fixture {
	final UnitCell cell;
	final int[] hkl, hklBoth;
	final double[] i, sigma, iBoth, sigmaBoth;

	private Fixture(UnitCell cell, List<double[]> rows) {
		this.cell = cell;
		int n = rows.size(), nb = 0;
		for (double[] r : rows) if (r[5] == 1) nb++;
		hkl = new int[3 * n];
		i = new double[n];
		sigma = new double[n];
		hklBoth = new int[3 * nb];
		iBoth = new double[nb];
		sigmaBoth = new double[nb];
		int b = 0;
		for (int q = 0; q < n; q++) {
			double[] r = rows.get(q);
			for (int c = 0; c < 3; c++) hkl[3 * q + c] = (int) r[c];
			i[q] = r[3];
			sigma[q] = r[4];
			if (r[5] == 1) {
				for (int c = 0; c < 3; c++) hklBoth[3 * b + c] = (int) r[c];
				iBoth[b] = r[3];
				sigmaBoth[b] = r[4];
				b++;
			}
		}
	}

	static Fixture load(String name) throws IOException {
		try (InputStream in = Fixture.class.getResourceAsStream(name)) {
			if (in == null) throw new IOException("fixture " + name + " not on the class path");
			BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in), StandardCharsets.US_ASCII));
			String[] c = r.readLine().substring(1).trim().split("\\s+");
			UnitCell cell = UnitCell.of(Double.parseDouble(c[1]), Double.parseDouble(c[2]), Double.parseDouble(c[3]), Double.parseDouble(c[4]),
					Double.parseDouble(c[5]), Double.parseDouble(c[6]));
			r.readLine();
			List<double[]> rows = new ArrayList<>();
			for (String line; (line = r.readLine()) != null;) {
				String[] f = line.split(",");
				double[] v = new double[6];
				for (int k = 0; k < 6; k++) v[k] = Double.parseDouble(f[k]);
				rows.add(v);
			}
			return new Fixture(cell, rows);
		}
	}
}
