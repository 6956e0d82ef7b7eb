package org.bragg.format.tests.mrc;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the synthetic MRC files of {@code dev/reference_mrc.py}, byte for byte. */
final class MrcFiles {
	private MrcFiles() {}

	record Spec(String name, int mode, int nx, int ny, int nz, boolean fei, ByteOrder order) {}

	static final Spec FEI2 = new Spec("fei2_stack.mrc", 1, 64, 48, 3, true, ByteOrder.LITTLE_ENDIAN);
	static final Spec PLAIN = new Spec("plain_stack.mrc", 2, 40, 30, 2, false, ByteOrder.LITTLE_ENDIAN);
	static final Spec BIG_ENDIAN = new Spec("be_stack.mrc", 6, 20, 10, 2, false, ByteOrder.BIG_ENDIAN);
	static final Spec HALF = new Spec("ed_0007.mrc", 12, 16, 8, 1, false, ByteOrder.LITTLE_ENDIAN);
	static final Spec[] ALL = { FEI2, PLAIN, BIG_ENDIAN, HALF };

	static double value(Spec s, int k, int i) {
		return switch (s.name) {
		case "fei2_stack.mrc" -> ((31L * i + 7L * k) % 3000) - 100;
		case "plain_stack.mrc" -> 0.25 * i - 3 * k;
		case "be_stack.mrc" -> 65000 - 13 * i - k;
		default -> (i % 50) * 0.5;
		};
	}

	static Path write(Path dir, Spec s) throws Exception {
		int bpp = switch (s.mode) { case 0 -> 1; case 1, 6, 12 -> 2; default -> 4; };
		int ext = s.fei ? 888 * s.nz : 0;
		int n = s.nx * s.ny;
		ByteBuffer b = ByteBuffer.allocate(1024 + ext + s.nz * n * bpp).order(s.order);
		int[] ints = { s.nx, s.ny, s.nz, s.mode, 0, 0, 0, s.nx, s.ny, s.nz };
		for (int i = 0; i < ints.length; i++) b.putInt(4 * i, ints[i]);
		float[] cell = { s.nx, s.ny, s.nz, 90, 90, 90 };
		for (int i = 0; i < cell.length; i++) b.putFloat(40 + 4 * i, cell[i]);
		b.putInt(64, 1).putInt(68, 2).putInt(72, 3).putInt(88, 0).putInt(92, ext);
		if (s.fei) b.put(104, "FEI2".getBytes(StandardCharsets.US_ASCII));
		b.putInt(108, 20140);
		b.put(208, "MAP ".getBytes(StandardCharsets.US_ASCII));
		if (s.order == ByteOrder.LITTLE_ENDIAN) b.put(212, (byte) 0x44).put(213, (byte) 0x44);
		else b.put(212, (byte) 0x11).put(213, (byte) 0x11);
		b.putInt(220, 1);
		b.put(224, "Bragg synthetic test".getBytes(StandardCharsets.US_ASCII));
		for (int k = 0; k < (s.fei ? s.nz : 0); k++) {
			int r = 1024 + 888 * k;
			b.putInt(r, 888).putInt(r + 4, 2).putDouble(r + 84, 300000.0).putDouble(r + 100, -30.0).putDouble(r + 140, 84.0)
					.putDouble(r + 156, 1.42e7).putDouble(r + 164, 1.42e7).putDouble(r + 419, 0.25).putInt(r + 427, 64).putDouble(r + 836, 0.5);
			b.put(r + 435, "BM-Ceta".getBytes(StandardCharsets.US_ASCII));
		}
		int off = 1024 + ext;
		for (int k = 0; k < s.nz; k++)
			for (int i = 0; i < n; i++) {
				double v = value(s, k, i);
				int p = off + (k * n + i) * bpp;
				switch (s.mode) {
				case 0 -> b.put(p, (byte) v);
				case 1, 6 -> b.putShort(p, (short) (int) v);
				case 2 -> b.putFloat(p, (float) v);
				case 12 -> b.putShort(p, toHalf((float) v));
				default -> throw new IllegalArgumentException();
				}
			}
		Path p = dir.resolve(s.name);
		Files.write(p, b.array());
		return p;
	}

	/** float → binary16 for the exactly representable test values (no rounding needed). */
	static short toHalf(float f) {
		if (f == 0) return 0;
		int bits = Float.floatToIntBits(f);
		int sign = (bits >>> 16) & 0x8000, exp = ((bits >>> 23) & 0xff) - 127 + 15, frac = (bits >>> 13) & 0x3ff;
		return (short) (sign | (exp << 10) | frac);
	}
}
