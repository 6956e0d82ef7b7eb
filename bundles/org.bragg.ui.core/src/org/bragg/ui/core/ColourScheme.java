package org.bragg.ui.core;

/**
 * Colour maps for diffraction images, as the schemes of the DIALS image viewer. Each scheme maps a
 * normalised intensity t ∈ [0, 1] (0 = black level, 1 = white level, see {@link DisplaySettings}) to
 * one of {@value #SIZE} colours, and names colours for the overlays and the mask that stand out
 * against it.
 *
 * <ul>
 * <li>{@link #GREYSCALE}: film-like, zero counts white and strong pixels black (the DIALS default);</li>
 * <li>{@link #INVERTED}: zero counts black, strong pixels white;</li>
 * <li>{@link #HEAT}: black → red → yellow → white;</li>
 * <li>{@link #RAINBOW}: blue → cyan → green → yellow → red.</li>
 * </ul>
 *
 * <p>Colours are packed {@code 0xRRGGBB} integers. Instances are immutable and thread-safe.
 *
 * @since 0.1
 */
public enum ColourScheme {
	/** Zero counts white, strong pixels black. */
	GREYSCALE("Greyscale", 0xFF0000, 0x0060FF, 0x00A000, 0xC000C0, 0x4080FF),
	/** Zero counts black, strong pixels white. */
	INVERTED("Inverted", 0xFF3030, 0x30A0FF, 0x40FF40, 0xFF40FF, 0x2050C0),
	/** Black → red → yellow → white. */
	HEAT("Heat", 0x00FF00, 0x00C0FF, 0x40FFFF, 0xFF40FF, 0x2050C0),
	/** Blue → cyan → green → yellow → red. */
	RAINBOW("Rainbow", 0xFFFFFF, 0x000000, 0xFF00FF, 0xFFFFFF, 0x404040);

	/** Number of palette entries. */
	public static final int SIZE = 256;

	private final String label;
	private final int[] palette;
	private final int spotColour;
	private final int ringColour;
	private final int predictionColour;
	private final int beamColour;
	private final int maskColour;

	ColourScheme(String label, int spotColour, int ringColour, int predictionColour, int beamColour, int maskColour) {
		this.label = label;
		this.spotColour = spotColour;
		this.ringColour = ringColour;
		this.predictionColour = predictionColour;
		this.beamColour = beamColour;
		this.maskColour = maskColour;
		this.palette = new int[SIZE];
		for (int i = 0; i < SIZE; i++) palette[i] = colourAt(i / (double) (SIZE - 1));
	}

	private int colourAt(double t) {
		switch (ordinal()) {
			case 0: {
				int g = (int) Math.round(255 * (1 - t));
				return rgb(g, g, g);
			}
			case 1: {
				int g = (int) Math.round(255 * t);
				return rgb(g, g, g);
			}
			case 2:
				// three ramps: red rises over [0, 1/3], green over [1/3, 2/3], blue over [2/3, 1]
				return rgb(ramp(3 * t), ramp(3 * t - 1), ramp(3 * t - 2));
			default: {
				// hue from 240° (blue) down to 0° (red) at full saturation and value
				double h = (1 - t) * 4; // 0..4 sextants: red, yellow, green, cyan, blue
				int s = (int) Math.floor(Math.min(h, 3.999));
				double f = h - s;
				int up = (int) Math.round(255 * f), down = 255 - up;
				return switch (s) {
					case 0 -> rgb(255, up, 0);
					case 1 -> rgb(down, 255, 0);
					case 2 -> rgb(0, 255, up);
					default -> rgb(0, down, 255);
				};
			}
		}
	}

	private static int ramp(double x) {
		return (int) Math.round(255 * Math.max(0, Math.min(1, x)));
	}

	private static int rgb(int r, int g, int b) {
		return (r << 16) | (g << 8) | b;
	}

	/** @return the name shown to users, e.g. {@code "Heat"} */
	public String label() { return label; }

	/** @return a copy of the {@value #SIZE} palette colours, {@code 0xRRGGBB}, from black level to white level */
	public int[] palette() { return palette.clone(); }

	/** @return palette entry {@code i} (0 … {@value #SIZE}−1), {@code 0xRRGGBB}; no copy */
	public int colour(int i) { return palette[i]; }

	/** @return colour of strong-spot centroids and bounding boxes, {@code 0xRRGGBB} */
	public int spotColour() { return spotColour; }

	/** @return colour of resolution rings and their labels, {@code 0xRRGGBB} */
	public int ringColour() { return ringColour; }

	/** @return colour of predicted positions and Miller index labels, {@code 0xRRGGBB} */
	public int predictionColour() { return predictionColour; }

	/** @return colour of the beam-centre marker, {@code 0xRRGGBB} */
	public int beamColour() { return beamColour; }

	/** @return colour painted over masked (untrusted) pixels when the mask is shown, {@code 0xRRGGBB} */
	public int maskColour() { return maskColour; }

	/** @return the colour outside every panel */
	public int backgroundColour() { return this == GREYSCALE ? 0xB8B8B8 : 0x303030; }

	/** @return the scheme whose {@link #label()} or name matches (case-insensitive), or {@link #GREYSCALE} */
	public static ColourScheme fromString(String s) {
		for (ColourScheme c : values()) if (c.name().equalsIgnoreCase(s) || c.label.equalsIgnoreCase(s)) return c;
		return GREYSCALE;
	}
}
