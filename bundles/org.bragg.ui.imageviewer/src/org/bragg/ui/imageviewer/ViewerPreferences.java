package org.bragg.ui.imageviewer;

/**
 * Preference keys of the image viewer and the processing actions, in the instance scope node
 * {@link #NODE}; defaults are set by the bundle's preference initializer and edited on the
 * "Bragg" preference page. Parts receive the values by {@code @Preference} injection.
 *
 * @since 0.1
 */
public final class ViewerPreferences {
	private ViewerPreferences() {}

	/** Preference node (the bundle's symbolic name). */
	public static final String NODE = "org.bragg.ui.imageviewer";
	/** Colour scheme name ({@code GREYSCALE}, {@code INVERTED}, {@code HEAT}, {@code RAINBOW}); default GREYSCALE. */
	public static final String COLOUR_SCHEME = "colourScheme";
	/** Brightness in % (1 … 1000); default 100. */
	public static final String BRIGHTNESS = "brightness";
	/** Contrast in % (10 … 1000); default 100. */
	public static final String CONTRAST = "contrast";
	/** Extra {@code name=value} parameters for {@code import}, space-separated; default empty. */
	public static final String IMPORT_PARAMETERS = "importParameters";
	/** Extra {@code name=value} parameters for {@code find_spots}, space-separated; default empty. */
	public static final String FIND_SPOTS_PARAMETERS = "findSpotsParameters";
	/** Number of decoded frames the viewer keeps in memory; default 8. */
	public static final String FRAME_CACHE_SIZE = "frameCacheSize";
}
