package org.bragg.format.tests.cbf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;

import org.bragg.format.SensorAttenuation;
import org.bragg.format.cbf.internal.ByteOffset;
import org.bragg.format.cbf.internal.ImageNames;
import org.bragg.format.cbf.internal.ModuleGaps;
import org.junit.jupiter.api.Test;

/** The byte-offset codec, image numbering, timestamps, attenuation and module gaps on known cases. */
class CbfCodecTest {

	@Test
	void byteOffsetRoundTripAcrossAllEscapeWidths() throws Exception {
		int[] v = { 0, 127, 0, -127, 128, -128, 0, 32767, 0, -32767, 32768, -32768, 0, Integer.MAX_VALUE, Integer.MIN_VALUE, 0,
				Integer.MIN_VALUE, Integer.MAX_VALUE, -1, -2, 1048575 };
		Random r = new Random(7);
		int n = 100_000;
		int[] big = new int[n];
		System.arraycopy(v, 0, big, 0, v.length);
		for (int i = v.length; i < n; i++) big[i] = switch (i % 4) {
			case 0 -> r.nextInt(50);
			case 1 -> r.nextInt(70000) - 35000;
			case 2 -> r.nextInt();
			default -> -1;
		};
		byte[] enc = ByteOffset.encode(big, n);
		int[] out = new int[n];
		assertEquals(enc.length, ByteOffset.decode(enc, 0, enc.length, out, n), "all bytes used");
		assertArrayEquals(big, out);
	}

	@Test
	void byteOffsetKnownBytes() throws Exception {
		// 5, +200 (16-bit escape), −70000 (32-bit escape), −1
		byte[] b = { 5, (byte) 0x80, (byte) 200, 0, (byte) 0x80, 0, (byte) 0x80, (byte) 0x90, (byte) 0xEE, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF };
		int[] out = new int[4];
		assertEquals(b.length, ByteOffset.decode(b, 0, b.length, out, 4));
		assertArrayEquals(new int[] { 5, 205, 205 - 70000, 204 - 70000 }, out);
	}

	@Test
	void byteOffsetDetectsTruncation() {
		int[] v = new int[1000];
		for (int i = 0; i < v.length; i++) v[i] = i * i;
		byte[] enc = ByteOffset.encode(v, v.length);
		ByteOffset.TruncatedException e = assertThrows(ByteOffset.TruncatedException.class,
				() -> ByteOffset.decode(enc, 0, enc.length - 2, new int[1000], 1000));
		assertEquals(true, e.decoded < 1000);
	}

	@Test
	void imageNumbersFollowTheDxtbxTemplateRules() {
		assertEquals(1, ImageNames.imageNumber("lyso1a8o_0001.cbf.bz2"));
		assertEquals(19, ImageNames.imageNumber("thau_3_2_0019.cbf.bz2"));
		assertEquals(42, ImageNames.imageNumber("x_00042.cbf"));
		assertEquals(7, ImageNames.imageNumber("image.007")); // the number is the extension
		assertEquals(-1, ImageNames.imageNumber("image.cbf"));
	}

	@Test
	void pilatusTimestamps() {
		assertEquals(1568208028.989, ImageNames.pilatusEpoch("2019-09-11T13:20:28.989"), 1e-6);
		assertEquals(1700000000.0, ImageNames.pilatusEpoch("2023-11-14T22:13:20.000"), 1e-6);
		assertEquals(1362118138.401, ImageNames.pilatusEpoch("2013-Mar-01T06:08:58.401"), 1e-6);
		assertEquals(1362118138.401, ImageNames.pilatusEpoch("2013/Mar/01 06:08:58.401"), 1e-6);
		assertThrows(IllegalArgumentException.class, () -> ImageNames.pilatusEpoch("yesterday"));
	}

	@Test
	void attenuationMatchesCctbx() {
		// cctbx.eltbx.attenuation_coefficient.get_table(m).mu_at_angstrom(λ) / 10 (mm⁻¹)
		assertEquals(3.9603861351765324, SensorAttenuation.muPerMm("Si", 0.9795), 1e-12);
		assertEquals(3.8326187041206916, SensorAttenuation.muPerMm("Si", 0.96859), 1e-12);
		assertEquals(45.51565599386937, SensorAttenuation.muPerMm("CdTe", 0.9795), 1e-10);
		assertEquals(12398.419843320025, SensorAttenuation.EV_ANGSTROM, 1e-9);
	}

	@Test
	void pilatusAndEigerGaps() {
		// PILATUS 1M (981 × 1043): one column gap, four row gaps; rectangles {x0, y0, x1, y1} as dxtbx
		var g = ModuleGaps.pilatus(981, 1043);
		assertEquals(5, g.size());
		assertArrayEquals(new int[] { 487, 0, 494, 1043 }, g.get(0));
		assertArrayEquals(new int[] { 0, 195, 981, 212 }, g.get(1));
		assertEquals(null, ModuleGaps.pilatus(1000, 1000));
		// EIGER 16M (4150 × 4371): 3 column gaps of 10 px, 7 row gaps of 37 px
		var e = ModuleGaps.eiger(4150, 4371);
		assertEquals(10, e.size());
		assertArrayEquals(new int[] { 1030, 0, 1040, 4371 }, e.get(0));
		assertArrayEquals(new int[] { 0, 514, 4150, 551 }, e.get(3));
	}
}
