package org.bragg.format.tests.cbf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.InputStream;
import java.nio.file.Path;

import org.bragg.format.cbf.internal.BinarySection;
import org.bragg.format.cbf.internal.CbfFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Decoding of arrays compressed by CBFlib itself ({@code dev/make_cbf_test_vectors.py}, pycbf): a
 * 23 × 11 × 3 signed 32-bit array with background, noise, ±10⁶ spikes and ±2³¹ extremes, in
 * byte-offset, packed and packed_v2 form, with and without the {@code flat} and
 * {@code uncorrelated_sections} flags (the real CSPAD files cover packed with averaging over
 * correlated sections).
 */
class CbfVectorsTest {
	static final int FAST = 23, MID = 11, SLOW = 3;

	/** The values of dev/make_cbf_test_vectors.py. */
	static int value(int i) {
		int f = i % FAST, m = (i / FAST) % MID, s = i / (FAST * MID);
		long v = 100 + 3 * f - 2 * m + 50 * s + ((((long) i * 2654435761L) % 4294967296L) >> 27) - 16;
		if (i % 97 == 5) v = 1000000 + i;
		if (i % 131 == 7) v = -70000 - i;
		if (i % 401 == 3) v = Integer.MIN_VALUE + (long) i;
		if (i % 409 == 4) v = Integer.MAX_VALUE - (long) i;
		return (int) v;
	}

	@ParameterizedTest
	@ValueSource(strings = { "byte_offset", "packed", "packed_v2", "packed_flat", "packed_uncorrelated", "packed_v2_uncorrelated" })
	void decodesWhatCbflibEncoded(String name) throws Exception {
		byte[] bytes;
		try (InputStream in = getClass().getResourceAsStream("/cbf_vectors/" + name + ".cbf")) {
			assertNotNull(in, name + ".cbf not on the class path");
			bytes = in.readAllBytes();
		}
		CbfFile cbf = CbfFile.of(Path.of(name + ".cbf"), bytes, true);
		assertEquals(1, cbf.sections().size());
		BinarySection.Values v = cbf.sections().get(0).decode(bytes, name);
		int n = FAST * MID * SLOW;
		int[] expected = new int[n];
		for (int i = 0; i < n; i++) expected[i] = value(i);
		assertArrayEquals(expected, v.ints(), name);
	}
}
