package org.bragg.model.symmetry;

import java.util.Locale;

/**
 * The seven crystal systems (International Tables for Crystallography Vol. A), with
 * trigonal distinct from hexagonal as in cctbx and gemmi.
 *
 * @since 0.1
 */
public enum CrystalSystem {
    TRICLINIC, MONOCLINIC, ORTHORHOMBIC, TETRAGONAL, TRIGONAL, HEXAGONAL, CUBIC;

    /** Lower-case name as printed by gemmi/cctbx, e.g. {@code "tetragonal"}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a label case-insensitively.
     *
     * @throws IllegalArgumentException for an unknown name
     */
    public static CrystalSystem fromLabel(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
