package org.bragg.model.reflection;

/**
 * Shoebox mask bits, with the values DIALS uses ({@code dials/model/data/mask_code.h}).
 *
 * @since 0.1
 */
public final class ShoeboxMask {
	public static final int VALID = 1;
	public static final int BACKGROUND = 2;
	public static final int FOREGROUND = 4;
	public static final int STRONG = 8;
	public static final int BACKGROUND_USED = 16;
	public static final int OVERLAPPED = 32;

	private ShoeboxMask() {}
}
