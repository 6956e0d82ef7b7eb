package org.bragg.format.cbf.internal;

import java.util.Locale;

import org.bragg.format.FileHeader;

/**
 * The content tests of the CBF readers, on the first bytes of a file ({@link FileHeader}), with
 * the rules of the dxtbx readers of the same names. Each test assumes its parent's test passed.
 *
 * @since 0.1
 */
public final class Sniff {
	private Sniff() {}

	/** @return the CIF text before the first binary section within the available bytes */
	public static String headerText(FileHeader h) {
		String t = h.asText();
		int m = t.indexOf("--CIF-BINARY-FORMAT-SECTION--");
		return m >= 0 ? t.substring(0, m) : t;
	}

	/** {@code FormatCBF}: the file starts with {@code ###CBF}. */
	public static boolean cbf(FileHeader h) {
		return h.startsWith("###CBF");
	}

	/**
	 * {@code FormatCBFMini}: not a full imgCIF ({@code _diffrn.id} and {@code _diffrn_source} both
	 * present), and an {@code _array_data.header_convention} of PILATUS, SLS, SSRL, ?, XDS special or
	 * GENERIC_MINI, or a {@code # Detector} line naming a PILATUS, or an ADSC HF-4M.
	 */
	public static boolean mini(String header) {
		if (header.contains("_diffrn.id") && header.contains("_diffrn_source")) return false;
		String[] conventions = { "PILATUS", "SLS", "SSRL", "?", "XDS special", "GENERIC_MINI" };
		for (String record : header.split("\n")) {
			if (record.contains("_array_data.header_convention")) for (String c : conventions) if (record.contains(c)) return true;
			if (record.contains("# Detector") && record.contains("PILATUS")) return true;
			if (record.contains("# Detector") && record.contains("ADSC") && header.contains("HF-4M")) return true;
		}
		return false;
	}

	/** {@code FormatCBFMiniEiger}: a {@code # Detector} line naming an EIGER (case-insensitive). */
	public static boolean eiger(String header) {
		for (String record : header.split("\n")) {
			String r = record.toLowerCase(Locale.ROOT);
			if (r.contains("# detector") && r.contains("eiger")) return true;
		}
		return false;
	}

	/**
	 * {@code FormatCBFMiniPilatus}: no {@code # Detector} line naming an EIGER or a TIMEPIX, and a
	 * header convention of PILATUS, SLS or ?, or a {@code # Detector} line naming a PILATUS.
	 */
	public static boolean pilatus(String header) {
		for (String record : header.split("\n")) {
			if (record.toLowerCase(Locale.ROOT).contains("# detector")) {
				String u = record.toUpperCase(Locale.ROOT);
				if (u.contains("EIGER") || u.contains("TIMEPIX")) return false;
			}
		}
		for (String record : header.split("\n")) {
			if (record.contains("_array_data.header_convention") && (record.contains("PILATUS") || record.contains("SLS") || record.contains("?")))
				return true;
			if (record.contains("# Detector") && record.contains("PILATUS")) return true;
		}
		return false;
	}

	/**
	 * {@code FormatCBFMiniPilatusDLS6MSN119}: a PILATUS with {@code S/N 60-0119} (Diamond I24) whose
	 * date line ({@code # 20…}) is from 2015 or later.
	 */
	public static boolean pilatusDls6MSn119(String header) {
		int year = 0;
		for (String record : header.split("\n")) {
			if (record.contains("# 20")) {
				String[] w = record.replace("-", " ").replace("/", " ").trim().split("\\s+");
				if (w.length < 2) return false;
				try {
					year = Integer.parseInt(w[1]);
				} catch (NumberFormatException e) {
					return false;
				}
				break;
			}
		}
		if (year <= 0) return false;
		for (String record : header.split("\n"))
			if (record.contains("# Detector") && record.contains("PILATUS") && header.contains("S/N 60-0119")) return year >= 2015;
		return false;
	}

	/**
	 * {@code FormatCBFFull}: a full imgCIF header ({@code _diffrn.id} or {@code _diffrn_source}) that
	 * is not a miniCBF (keeps the two siblings exclusive, which dxtbx leaves to registry order).
	 */
	public static boolean full(String header) {
		return (header.contains("_diffrn.id") || header.contains("_diffrn_source")) && !mini(header);
	}

	/**
	 * {@code FormatCBFCspad}: exactly one {@code _diffrn_detector} whose type is {@code CS PAD}, and no
	 * {@code diffrn_measurement_axis} (a still), judged on the part of the header available.
	 */
	public static boolean cspad(String header) {
		if (header.contains("diffrn_measurement_axis")) return false;
		Cif cif;
		try {
			cif = Cif.parse(header, true);
		} catch (Cif.SyntaxException e) {
			return false;
		}
		Cif.Category d = cif.category("diffrn_detector");
		if (d == null || d.rowCount() != 1) return false;
		return "CS PAD".equals(d.get(0, "type"));
	}
}
