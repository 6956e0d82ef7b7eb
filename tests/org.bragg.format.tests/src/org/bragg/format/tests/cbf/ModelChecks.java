package org.bragg.format.tests.cbf;

import static org.bragg.format.tests.cbf.ExptReference.close;
import static org.bragg.format.tests.cbf.ExptReference.doubles;
import static org.bragg.format.tests.cbf.ExptReference.ints;
import static org.bragg.format.tests.cbf.ExptReference.vec;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;

import org.bragg.model.Beam;
import org.bragg.model.Goniometer;
import org.bragg.model.Panel;
import org.bragg.model.Scan;

import com.fasterxml.jackson.databind.JsonNode;

/** Comparisons of Bragg models with the models of a DIALS {@code .expt}, within a relative tolerance. */
final class ModelChecks {
	private ModelChecks() {}

	static final double REL = 1e-6;

	static void beam(JsonNode ref, Beam b, String what) {
		close(vec(ref.get("direction")), b.direction(), REL, what + " direction");
		close(ref.get("wavelength").asDouble(), b.wavelength(), REL, what + " wavelength");
		close(ref.get("divergence").asDouble(), b.divergence(), REL, what + " divergence");
		close(ref.get("sigma_divergence").asDouble(), b.sigmaDivergence(), REL, what + " sigma_divergence");
		close(vec(ref.get("polarization_normal")), b.polarizationNormal(), REL, what + " polarization_normal");
		close(ref.get("polarization_fraction").asDouble(), b.polarizationFraction(), REL, what + " polarization_fraction");
		close(ref.get("flux").asDouble(), b.flux(), REL, what + " flux");
		close(ref.get("transmission").asDouble(), b.transmission(), REL, what + " transmission");
	}

	/** Panel properties other than its frame. */
	static void panelProperties(JsonNode ref, Panel p, String what) {
		assertEquals(ref.get("name").asText(), p.name(), what + " name");
		assertEquals(ref.get("type").asText(), p.type(), what + " type");
		assertArrayEquals(ints(ref.get("image_size")), p.imageSize(), what + " image_size");
		assertArrayEquals(ints(ref.get("raw_image_offset")), p.rawImageOffset(), what + " raw_image_offset");
		close(doubles(ref.get("pixel_size")), p.pixelSize(), REL, what + " pixel_size");
		close(doubles(ref.get("trusted_range")), p.trustedRange(), REL, what + " trusted_range");
		close(ref.get("thickness").asDouble(), p.thickness(), REL, what + " thickness");
		assertEquals(ref.get("material").asText(), p.material(), what + " material");
		close(ref.get("mu").asDouble(), p.mu(), REL, what + " mu");
		// relative 1e-6 on mu itself, as the brief asks (mu is ~4 mm⁻¹, so the check above is looser)
		double mu = ref.get("mu").asDouble();
		if (mu != 0) assertEquals(mu, p.mu(), 1e-6 * mu, what + " mu (relative)");
		assertEquals(ref.get("identifier").asText(), p.identifier(), what + " identifier");
		close(ref.get("gain").asDouble(), p.gain(), REL, what + " gain");
		close(ref.get("pedestal").asDouble(), p.pedestal(), REL, what + " pedestal");
		assertEquals(ref.get("px_mm_strategy").get("type").asText(), p.pxMmStrategy().dxtbxName(), what + " px_mm_strategy");
		// dxtbx writes mask rectangles as (x0, y0, x1, y1), the order of Bragg's Panel#mask()
		JsonNode m = ref.get("mask");
		List<int[]> got = p.mask();
		assertEquals(m.size(), got.size(), what + " number of mask rectangles");
		for (int i = 0; i < m.size(); i++) {
			int[] r = ints(m.get(i));
			assertArrayEquals(new int[] { r[0], r[1], r[2], r[3] }, got.get(i), what + " mask rectangle " + i);
		}
	}

	static void goniometer(JsonNode ref, Goniometer g, String what) {
		assertNotNull(g, what + " goniometer");
		close(vec(ref.get("rotation_axis")), g.rotationAxis(), REL, what + " rotation_axis");
		close(doubles(ref.get("fixed_rotation")), g.fixedRotation().toArray(), REL, what + " fixed_rotation");
		close(doubles(ref.get("setting_rotation")), g.settingRotation().toArray(), REL, what + " setting_rotation");
	}

	/**
	 * Compares the one-image scan of a file with image {@code number} of a reference scan.
	 */
	static void scanImage(JsonNode ref, Scan s, int number, String what) {
		assertNotNull(s, what + " scan");
		int[] range = ints(ref.get("image_range"));
		int k = number - range[0];
		assertArrayEquals(new int[] { number, number }, s.imageRange(), what + " image number");
		double[] osc = doubles(ref.get("oscillation"));
		close(osc[0] + k * osc[1], s.oscillationStart(), REL, what + " oscillation start");
		close(osc[1], s.oscillationWidth(), REL, what + " oscillation width");
		close(ref.get("exposure_time").get(k).asDouble(), s.exposureTimes()[0], REL, what + " exposure_time");
		assertEquals(ref.get("epochs").get(k).asDouble(), s.epochs()[0], 1e-6, what + " epoch");
		assertEquals(ref.get("batch_offset").asInt(), s.batchOffset(), what + " batch_offset");
	}
}
