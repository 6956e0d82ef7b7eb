package org.bragg.format.mrc.internal;

/**
 * IEEE 754 binary16 → float (MRC mode 12).
 *
 * @since 0.1
 */
public final class HalfFloat {
	private HalfFloat() {}

	/** @return the value of a half-precision number held in the low 16 bits */
	public static float toFloat(int h) {
		int sign = (h >>> 15) & 1, exp = (h >>> 10) & 0x1f, frac = h & 0x3ff;
		float v;
		if (exp == 0) v = frac * 0x1p-24f; // subnormal
		else if (exp == 31) v = frac == 0 ? Float.POSITIVE_INFINITY : Float.NaN;
		else v = Float.intBitsToFloat(((exp - 15 + 127) << 23) | (frac << 13));
		return sign == 1 ? -v : v;
	}
}
