package org.bragg.ui.core;

import java.util.Objects;

/**
 * How counts become colours: the colour scheme, brightness and contrast. Changing these settings
 * only re-maps the cached decoded frame; it never re-reads or re-decodes an image file.
 *
 * <p>Mapping of a pixel value v (counts): the white level is {@code W = autoWhite · 100 / brightness},
 * where {@code autoWhite} is the frame's automatic white level ({@link DecodedFrame#autoWhiteLevel(int)}:
 * a high percentile of the trusted pixel values, or of the block maxima shown when the view is zoomed
 * out); the black level is 0 counts. The normalised value
 * {@code t = v / W} is stretched about ½ by the contrast, {@code t' = ½ + (t − ½) · contrast / 100},
 * clamped to [0, 1] and looked up in the scheme's palette. Brightness 100 % and contrast 100 % is the
 * default; higher brightness saturates at fewer counts, as the brightness slider of the DIALS image
 * viewer does.
 *
 * @param scheme the colour map
 * @param brightness in % (1 … 1000), default 100
 * @param contrast in % (10 … 1000), default 100
 * @param showMask paint masked (untrusted) pixels in the scheme's {@linkplain ColourScheme#maskColour() mask colour}
 * @since 0.1
 */
public record DisplaySettings(ColourScheme scheme, double brightness, double contrast, boolean showMask) {

	/** Smallest and largest brightness (%). */
	public static final double MIN_BRIGHTNESS = 1, MAX_BRIGHTNESS = 1000;
	/** Smallest and largest contrast (%). */
	public static final double MIN_CONTRAST = 10, MAX_CONTRAST = 1000;

	/**
	 * @throws IllegalArgumentException if brightness or contrast lie outside their ranges
	 */
	public DisplaySettings {
		Objects.requireNonNull(scheme);
		if (!(brightness >= MIN_BRIGHTNESS && brightness <= MAX_BRIGHTNESS))
			throw new IllegalArgumentException("brightness must be in [1, 1000] %, got " + brightness);
		if (!(contrast >= MIN_CONTRAST && contrast <= MAX_CONTRAST))
			throw new IllegalArgumentException("contrast must be in [10, 1000] %, got " + contrast);
	}

	/** @return greyscale, brightness 100 %, contrast 100 %, mask shown */
	public static DisplaySettings defaults() { return new DisplaySettings(ColourScheme.GREYSCALE, 100, 100, true); }

	public DisplaySettings withScheme(ColourScheme s) { return new DisplaySettings(s, brightness, contrast, showMask); }
	public DisplaySettings withBrightness(double b) { return new DisplaySettings(scheme, b, contrast, showMask); }
	public DisplaySettings withContrast(double c) { return new DisplaySettings(scheme, brightness, c, showMask); }
	public DisplaySettings withShowMask(boolean m) { return new DisplaySettings(scheme, brightness, contrast, m); }

	/** @return the white level (counts) for a frame whose automatic white level is {@code autoWhite} */
	public double whiteLevel(double autoWhite) { return Math.max(autoWhite, 1e-9) * 100 / brightness; }
}
