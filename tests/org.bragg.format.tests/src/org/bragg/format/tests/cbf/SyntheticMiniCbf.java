package org.bragg.format.tests.cbf;

import static org.bragg.format.tests.cbf.ExptReference.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.model.Panel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The synthetic miniCBF files of {@code dev/make_cbf_synthetic.py} (test resources
 * {@code cbf_synthetic/}) and the models and checksums dxtbx gives for them.
 */
final class SyntheticMiniCbf {
	private SyntheticMiniCbf() {}

	/** Copies {@code cbf_synthetic/<name>.bz2} from the class path into {@code dir}. */
	static Path copy(Path dir, String name) throws Exception {
		try (InputStream in = SyntheticMiniCbf.class.getResourceAsStream("/cbf_synthetic/" + name + ".bz2")) {
			assertNotNull(in, name + ".bz2 not on the class path");
			Path p = dir.resolve(name + ".bz2");
			Files.copy(in, p);
			return p;
		}
	}

	/** @return the dxtbx reference of one file */
	static JsonNode reference(String name) throws Exception {
		try (InputStream in = SyntheticMiniCbf.class.getResourceAsStream("/cbf_synthetic/synthetic_dxtbx.json")) {
			assertNotNull(in, "synthetic_dxtbx.json not on the class path");
			return new ObjectMapper().readTree(in).get("files").get(name);
		}
	}

	/** Compares an opened file with dxtbx's models and pixel checksums. */
	static void check(ImageFile f, JsonNode ref, int imageNumber) throws Exception {
		assertEquals(ref.get("format").asText(), f.formatName());
		ModelChecks.beam(ref.get("beam"), f.beam(0), "beam");
		JsonNode det = ref.get("detector");
		ExptReference.Frame frame = ExptReference.globalPanelFrames(det)[0];
		Panel p = f.detector(0).panel(0);
		ModelChecks.panelProperties(det.get("panels").get(0), p, "panel");
		close(frame.fast(), p.fastAxis(), ModelChecks.REL, "fast_axis");
		close(frame.slow(), p.slowAxis(), ModelChecks.REL, "slow_axis");
		close(frame.origin(), p.origin(), ModelChecks.REL, "origin");
		ModelChecks.goniometer(ref.get("goniometer"), f.goniometer(0), "goniometer");
		ModelChecks.scanImage(ref.get("scan"), f.scan(0), imageNumber, "scan");
		PanelData d = f.read(0)[0];
		JsonNode c = ref.get("pixels");
		long sum = 0, wsum = 0, neg = 0;
		int[] v = d.ints();
		for (int i = 0; i < v.length; i++) {
			sum += v[i];
			wsum += (long) v[i] * (i % 7919 + 1);
			if (v[i] < 0) neg++;
		}
		assertEquals(c.get("n").asLong(), v.length, "n");
		assertEquals(c.get("sum").asLong(), sum, "sum");
		assertEquals(c.get("wsum").asLong(), wsum, "wsum");
		assertEquals(c.get("n_negative").asLong(), neg, "n_negative");
	}
}
