package org.bragg.format.tests.nexus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import org.bragg.format.nexus.internal.Bitshuffle;
import org.junit.jupiter.api.Test;

/**
 * The bitshuffle(-LZ4) codec: round trips for 1-, 2- and 4-byte elements, signed and unsigned, both
 * byte orders, sizes that leave partial blocks and a verbatim tail, and corrupt chunks. Agreement
 * with the bitshuffle C library is checked by {@link EigerMasterTest} (h5py-written chunks) and by
 * h5py reading jHDF-written files.
 */
class BitshuffleCodecTest {

	@Test
	void roundTrips() throws Exception {
		Random rnd = new Random(7);
		int[] sizes = { 1, 7, 8, 63, 64, 65, 1000, 2048, 4096 + 24 + 5, 70001 };
		for (int elem : new int[] { 1, 2, 4 })
			for (boolean big : new boolean[] { false, true })
				for (boolean signed : new boolean[] { false, true })
					for (int n : sizes)
						for (int block : new int[] { 0, 8, 256 }) {
							int[] want = new int[n];
							byte[] raw = new byte[n * elem];
							ByteBuffer bb = ByteBuffer.wrap(raw).order(big ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
							for (int i = 0; i < n; i++) {
								int v = switch (rnd.nextInt(4)) {
								case 0 -> 0;
								case 1 -> rnd.nextInt(4);
								case 2 -> rnd.nextInt(1000) - 300;
								default -> rnd.nextInt();
								};
								switch (elem) {
								case 1 -> { raw[i] = (byte) v; want[i] = signed ? (byte) v : v & 0xff; }
								case 2 -> { bb.putShort(2 * i, (short) v); want[i] = signed ? (short) v : v & 0xffff; }
								default -> { bb.putInt(4 * i, v); want[i] = v; }
								}
							}
							String what = "elem " + elem + (big ? " BE" : " LE") + (signed ? " signed" : "") + " n " + n + " block " + block;
							byte[] enc = Bitshuffle.encodeLz4(raw, elem, block);
							int[] got = new int[n];
							Bitshuffle.decodeLz4(ByteBuffer.wrap(enc), elem, signed, big, got);
							assertArrayEquals(want, got, what);
							assertArrayEquals(raw, Bitshuffle.decodeToBytes(enc, elem, true, 0), what + " (bytes)");
							assertArrayEquals(raw, Bitshuffle.decodeToBytes(Bitshuffle.encodePlain(raw, elem, block), elem, false, block), what + " (plain)");
						}
	}

	@Test
	void corruptChunksAreReported() {
		byte[] raw = new byte[4 * 5000];
		new Random(1).nextBytes(raw);
		byte[] enc = Bitshuffle.encodeLz4(raw, 4, 0);
		assertThrows(Bitshuffle.CorruptChunkException.class, () -> Bitshuffle.decodeLz4(ByteBuffer.wrap(enc), 4, false, false, new int[4999]));
		byte[] cut = java.util.Arrays.copyOf(enc, enc.length / 2);
		assertThrows(Bitshuffle.CorruptChunkException.class, () -> Bitshuffle.decodeLz4(ByteBuffer.wrap(cut), 4, false, false, new int[5000]));
		byte[] bad = enc.clone();
		for (int i = 20; i < 60; i++) bad[i] = (byte) 0xff;
		assertThrows(Bitshuffle.CorruptChunkException.class, () -> Bitshuffle.decodeLz4(ByteBuffer.wrap(bad), 4, false, false, new int[5000]));
	}

	@Test
	void defaultBlockSizes() {
		assertEquals(8192, Bitshuffle.defaultBlockSize(1));
		assertEquals(4096, Bitshuffle.defaultBlockSize(2));
		assertEquals(2048, Bitshuffle.defaultBlockSize(4));
		assertEquals(1024, Bitshuffle.defaultBlockSize(8));
	}
}
