package org.bragg.model.symmetry;

/**
 * The 14 Bravais lattice types in the two-letter notation used by DIALS
 * ({@code cctbx.sgtbx.bravais_types}): crystal family letter (a, m, o, t, h, c) plus the
 * centring of the conventional (reference-setting) cell; every base-centred orthorhombic
 * or monoclinic lattice is C (oC, mC), and rhombohedral lattices are hR whatever axes are
 * used. (cctbx's {@code str(bravais_lattice(group=g))} uses the centring of the given
 * setting instead, printing e.g. mI for I 1 2 1, oA for A m m 2 or hP for R 3 :R; for the
 * reference settings that DIALS uses for lattice groups the two agree.)
 *
 * @since 0.1
 */
public enum BravaisLattice {
    aP(CrystalSystem.TRICLINIC), mP(CrystalSystem.MONOCLINIC), mC(CrystalSystem.MONOCLINIC),
    oP(CrystalSystem.ORTHORHOMBIC), oC(CrystalSystem.ORTHORHOMBIC), oF(CrystalSystem.ORTHORHOMBIC),
    oI(CrystalSystem.ORTHORHOMBIC), tP(CrystalSystem.TETRAGONAL), tI(CrystalSystem.TETRAGONAL),
    hR(CrystalSystem.TRIGONAL), hP(CrystalSystem.HEXAGONAL), cP(CrystalSystem.CUBIC),
    cI(CrystalSystem.CUBIC), cF(CrystalSystem.CUBIC);

    private final CrystalSystem system;

    BravaisLattice(CrystalSystem system) {
        this.system = system;
    }

    /**
     * Crystal system of the lattice's holohedry (hP is listed as hexagonal; trigonal P groups
     * also have an hP lattice).
     */
    public CrystalSystem holohedry() {
        return system;
    }

    /**
     * The lattice type of a crystal system and the centring letter of the reference setting.
     *
     * @param system crystal system
     * @param referenceCentring centring letter of the reference-setting Hermann–Mauguin
     *        symbol (P, A, B, C, I, F, R)
     * @throws IllegalArgumentException for an impossible combination
     */
    public static BravaisLattice of(CrystalSystem system, char referenceCentring) {
        char c = Character.toUpperCase(referenceCentring);
        switch (system) {
            case TRICLINIC:
                return aP;
            case MONOCLINIC:
                return c == 'P' ? mP : mC;
            case ORTHORHOMBIC:
                switch (c) {
                    case 'P': return oP;
                    case 'A': case 'B': case 'C': return oC;
                    case 'F': return oF;
                    case 'I': return oI;
                    default: break;
                }
                break;
            case TETRAGONAL:
                if (c == 'P' || c == 'I') {
                    return c == 'P' ? tP : tI;
                }
                break;
            case TRIGONAL:
                return c == 'R' ? hR : hP;
            case HEXAGONAL:
                return hP;
            case CUBIC:
                switch (c) {
                    case 'P': return cP;
                    case 'I': return cI;
                    case 'F': return cF;
                    default: break;
                }
                break;
            default:
                break;
        }
        throw new IllegalArgumentException("no Bravais lattice for " + system.label() + " with centring " + c);
    }
}
