package org.bragg.format.tests.mrc;

import static org.bragg.format.tests.smv.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.BraggInputException;
import org.bragg.model.Panel;
import org.bragg.model.Probe;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MRC reader, a drop-in bundle that no other bundle references: small synthetic stacks (FEI2
 * extended header, float32, big-endian uint16, float16 single image) are written to a temporary
 * directory and read back through {@link FormatRegistry#fromServiceLoader()}; models and pixel
 * statistics are compared with dxtbx's for the same bytes ({@code dev/reference_mrc.py}).
 */
class MrcReaderTest {
	private static final double REL = 1e-9;

	/** The registry as core code builds it. In an OSGi test runtime the MRC bundle's services are added explicitly. */
	static FormatRegistry registry() throws Exception {
		FormatRegistry r = FormatRegistry.fromServiceLoader();
		if (r.byName("FormatMRC") == null) {
			// OSGi: ServiceLoader in org.bragg.format cannot see another bundle's META-INF/services
			r = org.bragg.format.tests.smv.Registries.all(Class.forName("org.bragg.format.mrc.MrcReader"));
		}
		return r;
	}

	private static Map<String, Map<String, List<String[]>>> reference() throws Exception {
		Map<String, Map<String, List<String[]>>> ref = new HashMap<>();
		try (InputStream in = MrcReaderTest.class.getResourceAsStream("reference_mrc_dxtbx.txt")) {
			BufferedReader br = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line; (line = br.readLine()) != null;) {
				if (line.startsWith("#") || line.isBlank()) continue;
				String[] w = line.trim().split("\\s+");
				ref.computeIfAbsent(w[0], k -> new HashMap<>()).computeIfAbsent(w[1], k -> new ArrayList<>())
						.add(java.util.Arrays.copyOfRange(w, 2, w.length));
			}
		}
		return ref;
	}

	private static double[] d(List<String[]> v) {
		return java.util.Arrays.stream(v.get(0)).mapToDouble(Double::parseDouble).toArray();
	}

	@Test
	void stacksMatchDxtbx(@TempDir Path tmp) throws Exception {
		Map<String, Map<String, List<String[]>>> ref = reference();
		FormatRegistry reg = registry();
		assertNotNull(reg.byName("FormatMRC"), "the MRC bundle is found through ServiceLoader");
		for (MrcFiles.Spec spec : MrcFiles.ALL) {
			Path file = MrcFiles.write(tmp, spec);
			Map<String, List<String[]>> r = ref.get(spec.name());
			String what = spec.name();
			assertEquals(r.get("class").get(0)[0], reg.find(file).name(), what);
			try (ImageFile f = reg.open(file)) {
				assertEquals((int) d(r.get("num_images"))[0], f.numImages(), what);
				Beam b = f.beam(0);
				assertClose(d(r.get("wavelength"))[0], b.wavelength(), REL, what + " wavelength");
				assertClose(d(r.get("polarization_fraction"))[0], b.polarizationFraction(), REL, what + " polarisation");
				assertEquals(Probe.ELECTRON, b.probe());
				Panel p = f.detector(0).panel(0);
				assertClose(Vec3.of(d(r.get("origin"))), p.origin(), REL, what + " origin");
				assertClose(Vec3.of(d(r.get("fast_axis"))), p.fastAxis(), REL, what + " fast");
				assertClose(Vec3.of(d(r.get("slow_axis"))), p.slowAxis(), REL, what + " slow");
				assertClose(d(r.get("pixel_size")), p.pixelSize(), REL, what + " pixel size");
				assertClose(d(r.get("image_size")), new double[] { p.nFast(), p.nSlow() }, 0, what + " image size");
				assertClose(d(r.get("trusted_range")), p.trustedRange(), REL, what + " trusted range");
				assertClose(d(r.get("gain"))[0], p.gain(), REL, what + " gain");
				assertEquals(r.get("type").get(0)[0], p.type());
				assertClose(Vec3.of(d(r.get("rotation_axis"))), f.goniometer(0).rotationAxis(), REL, what + " axis");
				double[] range = d(r.get("image_range")), osc = d(r.get("oscillation"));
				for (int k = 0; k < f.numImages(); k++) {
					Scan s = f.scan(k);
					assertEquals((int) range[0] + k, s.firstImage(), what);
					assertClose(osc[0] + k * osc[1], s.oscillationStart(), REL, what + " start");
					assertClose(osc[1], s.oscillationWidth(), REL, what + " width");
					assertClose(d(r.get("exposure_time"))[0], s.exposureTimes()[0], REL, what + " exposure");
				}
				for (String[] fr : r.get("frame")) {
					int k = Integer.parseInt(fr[0]);
					PanelData[] data = f.read(k);
					assertEquals(1, data.length);
					PanelData pd = data[0];
					assertEquals(Integer.parseInt(fr[1]), pd.size());
					assertEquals(Double.parseDouble(fr[2]), pd.sum(), 1e-6, what + " frame " + k + " sum");
					double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
					for (int i = 0; i < pd.size(); i++) {
						min = Math.min(min, pd.get(i));
						max = Math.max(max, pd.get(i));
					}
					assertEquals(Double.parseDouble(fr[3]), min, what + " min");
					assertEquals(Double.parseDouble(fr[4]), max, what + " max");
					assertEquals(Double.parseDouble(fr[5]), pd.get(1), what + " pixel (1, 0)");
					assertEquals(Double.parseDouble(fr[6]), pd.get(spec.nx()), what + " pixel (0, 1)");
					assertEquals(spec.mode() == 2 || spec.mode() == 12, !pd.isInteger(), what + " integer modes give ints");
				}
			}
		}
	}

	@Test
	void electronWavelength() {
		// 200 kV and 300 kV, the values quoted for TEMs (ANCHORS §3.4), with dxtbx's rounded constants
		assertClose(0.0251, org.bragg.format.mrc.MrcReader.electronWavelength(200e3), 2e-3, "200 kV");
		assertClose(0.0197, org.bragg.format.mrc.MrcReader.electronWavelength(300e3), 2e-3, "300 kV");
	}

	@Test
	void badInputIsOneLine(@TempDir Path tmp) throws Exception {
		FormatRegistry reg = registry();
		Path good = MrcFiles.write(tmp, MrcFiles.PLAIN);
		byte[] all = Files.readAllBytes(good);
		Path cut = tmp.resolve("cut_stack.mrc");
		Files.write(cut, java.util.Arrays.copyOf(all, all.length - 100));
		BraggInputException e = assertThrows(BraggInputException.class, () -> {
			try (ImageFile f = reg.open(cut)) {
				f.read(1);
			}
		});
		assertOneLine(e, "cut_stack.mrc", "truncated", "10624", "10524");
		byte[] complex = all.clone();
		complex[12] = 4; // MODE 4: complex
		Path c = tmp.resolve("complex_stack.mrc");
		Files.write(c, complex);
		e = assertThrows(BraggInputException.class, () -> reg.open(c));
		assertOneLine(e, "complex_stack.mrc", "MODE", "found 4");
		Path shortHeader = tmp.resolve("short.mrc");
		Files.write(shortHeader, java.util.Arrays.copyOf(all, 600));
		e = assertThrows(BraggInputException.class, () -> reg.open(shortHeader));
		assertOneLine(e, "short.mrc", "truncated MRC header");
	}

	private static void assertOneLine(BraggInputException e, String file, String... words) {
		String m = e.getMessage();
		assertFalse(m.contains("\n"), m);
		assertTrue(m.contains(file), m);
		for (String w : words) assertTrue(m.contains(w), "'" + w + "' in: " + m);
	}
}
