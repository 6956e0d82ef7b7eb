package org.bragg.format.tests.smv;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dxtbx reference values written by {@code dev/reference_pixel_sums_smv.py} (resource
 * {@code reference_smv_dxtbx.txt}; the command is recorded in its header).
 */
final class SmvReferenceFile {
	/** One per-panel pixel sum line: file, panel, pixel count, sum, min, max. */
	record PanelSum(String file, int panel, long n, long sum, long min, long max) {}

	final List<PanelSum> sums = new ArrayList<>();
	final Map<String, String[]> adsc = new LinkedHashMap<>();

	static SmvReferenceFile load() throws IOException {
		SmvReferenceFile r = new SmvReferenceFile();
		try (InputStream in = SmvReferenceFile.class.getResourceAsStream("reference_smv_dxtbx.txt")) {
			if (in == null) throw new IOException("test resource reference_smv_dxtbx.txt not on the class path");
			BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line; (line = br.readLine()) != null;) {
				if (line.startsWith("#") || line.isBlank()) continue;
				String[] w = line.trim().split("\\s+");
				if (w[0].equals("sum"))
					r.sums.add(new PanelSum(w[1], Integer.parseInt(w[2]), Long.parseLong(w[3]), Long.parseLong(w[4]), Long.parseLong(w[5]),
							Long.parseLong(w[6])));
				else if (w[0].equals("adsc")) r.adsc.put(w[1], java.util.Arrays.copyOfRange(w, 2, w.length));
			}
		}
		return r;
	}

	double[] adscDoubles(String key) {
		String[] v = adsc.get(key);
		double[] d = new double[v.length];
		for (int i = 0; i < v.length; i++) d[i] = Double.parseDouble(v[i]);
		return d;
	}
}
