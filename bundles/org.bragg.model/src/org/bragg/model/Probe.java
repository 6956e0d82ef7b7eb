package org.bragg.model;

/**
 * The radiation used, as dxtbx's {@code Probe} ({@code "x-ray"}, {@code "electron"}, {@code "neutron"}).
 *
 * @since 0.1
 */
public enum Probe {
	XRAY("x-ray"), ELECTRON("electron"), NEUTRON("neutron");

	private final String dxtbxName;

	Probe(String dxtbxName) { this.dxtbxName = dxtbxName; }

	/** @return the name dxtbx writes in {@code .expt} files */
	public String dxtbxName() { return dxtbxName; }

	/** @return the probe for a dxtbx name. @throws IllegalArgumentException for an unknown name */
	public static Probe fromDxtbxName(String s) {
		for (Probe p : values()) if (p.dxtbxName.equalsIgnoreCase(s)) return p;
		throw new IllegalArgumentException("unknown probe '" + s + "'; expected x-ray, electron or neutron");
	}
}
