package org.bragg.format.nexus.internal;

import java.util.Locale;

/**
 * Conversion of NeXus unit strings to Bragg's units: mm for lengths, Å for wavelengths, degrees
 * for angles, seconds for times. Unknown units give NaN factors so callers can name the field.
 *
 * @since 0.1
 */
public final class Units {
	private Units() {}

	private static String norm(String u) {
		return u == null ? "" : u.trim().toLowerCase(Locale.ROOT).replace("µ", "u").replace("μ", "u");
	}

	/** @return the factor from {@code unit} to mm, NaN if not a length */
	public static double toMm(String unit) {
		return switch (norm(unit)) {
		case "m", "meter", "meters", "metre", "metres" -> 1000.0;
		case "mm", "millimeter", "millimeters", "millimetre", "millimetres" -> 1.0;
		case "cm", "centimeter", "centimeters" -> 10.0;
		case "um", "micron", "microns", "micrometer", "micrometers", "micrometre", "micrometres" -> 1e-3;
		case "nm", "nanometer", "nanometers" -> 1e-6;
		case "a", "angstrom", "angstroms", "å" -> 1e-7;
		default -> Double.NaN;
		};
	}

	/** @return the factor from {@code unit} to Å, NaN if not a length */
	public static double toAngstrom(String unit) {
		double mm = toMm(unit);
		return mm * 1e7;
	}

	/** @return the factor from {@code unit} to degrees, NaN if not an angle */
	public static double toDegrees(String unit) {
		return switch (norm(unit)) {
		case "deg", "degree", "degrees", "°" -> 1.0;
		case "rad", "radian", "radians" -> 180.0 / Math.PI;
		case "mrad", "milliradian", "milliradians" -> 0.18 / Math.PI;
		default -> Double.NaN;
		};
	}

	/** @return the factor from {@code unit} to seconds, NaN if not a time */
	public static double toSeconds(String unit) {
		return switch (norm(unit)) {
		case "s", "sec", "second", "seconds" -> 1.0;
		case "ms", "millisecond", "milliseconds" -> 1e-3;
		case "us", "microsecond", "microseconds" -> 1e-6;
		case "ns", "nanosecond", "nanoseconds" -> 1e-9;
		default -> Double.NaN;
		};
	}
}
