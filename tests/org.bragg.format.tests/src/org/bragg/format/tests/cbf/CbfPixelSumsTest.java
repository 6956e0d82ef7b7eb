package org.bragg.format.tests.cbf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.format.tests.TestData;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Decoded pixels equal those of an independent reader: checksums per image and panel written by
 * {@code dev/reference_pixel_sums.py} with dxtbx's {@code get_raw_data()} (CBFlib for the packed CSPAD
 * arrays, dxtbx's byte-offset decoder for miniCBF, cross-checked with fabio), stored in
 * {@code pixel_sums.json} together with the command that made it.
 *
 * <p>Convention: raw values, as dxtbx returns them, with nothing masked: PILATUS gap pixels (−1) and
 * bad pixels (−2) are included in {@code sum} and counted in {@code n_negative}; {@code sum_nonneg}
 * sums the values ≥ 0 only. Integer data are compared exactly; {@code wsum} weights each value by
 * (flat index mod 7919) + 1, row-major with the slow index outermost, so that misplaced pixels are
 * caught.
 */
class CbfPixelSumsTest {

	static Stream<Arguments> images() throws Exception {
		JsonNode root;
		try (InputStream in = CbfPixelSumsTest.class.getResourceAsStream("/pixel_sums.json")) {
			assertNotNull(in, "pixel_sums.json is not on the class path");
			root = new ObjectMapper().readTree(in);
		}
		assertTrue(root.get("command").asText().contains("reference_pixel_sums.py"), "the file records its command");
		List<Arguments> out = new ArrayList<>();
		for (JsonNode img : root.get("images")) out.add(Arguments.of(img.get("file").asText(), img));
		assertTrue(out.size() >= 12, "at least 3 images per dataset plus the 4 CSPAD files");
		return out.stream();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("images")
	void pixelsMatchDxtbx(String file, JsonNode ref) throws Exception {
		FormatRegistry reg = CbfReaders.registry();
		try (ImageFile f = reg.open(TestData.file(file))) {
			assertEquals(ref.get("format").asText(), f.formatName(), "reader");
			PanelData[] data = f.read(0);
			JsonNode panels = ref.get("panels");
			assertEquals(panels.size(), data.length, "panel count");
			for (int k = 0; k < data.length; k++) {
				JsonNode r = panels.get(k);
				PanelData d = data[k];
				String what = file + " panel " + k;
				assertEquals(r.get("name").asText(), f.detector(0).panel(k).name(), what + " name");
				assertEquals(r.get("shape_slow_fast").get(0).asInt(), d.nSlow(), what + " nSlow");
				assertEquals(r.get("shape_slow_fast").get(1).asInt(), d.nFast(), what + " nFast");
				assertEquals(r.get("n").asLong(), d.size(), what + " n");
				if (r.get("type").asText().equals("int")) {
					assertTrue(d.isInteger(), what + " integer data");
					long sum = 0, sumNonneg = 0, wsum = 0, nNeg = 0;
					int min = Integer.MAX_VALUE, max = Integer.MIN_VALUE;
					int[] v = d.ints();
					for (int i = 0; i < v.length; i++) {
						int x = v[i];
						sum += x;
						if (x < 0) nNeg++;
						else sumNonneg += x;
						wsum += (long) x * (i % 7919 + 1);
						min = Math.min(min, x);
						max = Math.max(max, x);
					}
					assertEquals(r.get("sum").asLong(), sum, what + " sum");
					assertEquals(r.get("n_negative").asLong(), nNeg, what + " n_negative (gap −1 and bad −2 pixels)");
					assertEquals(r.get("sum_nonneg").asLong(), sumNonneg, what + " sum_nonneg");
					assertEquals(r.get("wsum").asLong(), wsum, what + " wsum");
					assertEquals(r.get("min").asInt(), min, what + " min");
					assertEquals(r.get("max").asInt(), max, what + " max");
				} else {
					double[] v = d.toDoubles();
					double sum = 0, wsum = 0;
					for (int i = 0; i < v.length; i++) {
						sum += v[i];
						wsum += v[i] * (i % 7919 + 1);
					}
					double es = r.get("sum").asDouble(), ew = r.get("wsum").asDouble();
					assertEquals(es, sum, 1e-9 * Math.max(1, Math.abs(es)), what + " sum");
					assertEquals(ew, wsum, 1e-9 * Math.max(1, Math.abs(ew)), what + " wsum");
				}
			}
		}
	}
}
