package org.bragg.model.symmetry;

/**
 * A Miller index mapped into the reciprocal-space asymmetric unit together with the MTZ
 * ISYM code of the mapping ({@link SpaceGroup#toAsu(int, int, int)}).
 *
 * <p>ISYM follows CCP4/MTZ (and gemmi, and iotbx.mtz): with k the 1-based position of the
 * symmetry operator (R, t) in {@link SpaceGroup#symOps()}, ISYM = 2k − 1 when the ASU index
 * is h·R (the observation belongs to I+) and ISYM = 2k when it is −h·R (I−).
 *
 * @param h ASU index h
 * @param k ASU index k
 * @param l ASU index l
 * @param isym MTZ ISYM code, ≥ 1
 * @since 0.1
 */
public record AsuIndex(int h, int k, int l, int isym) {

    /** True if the observation is in the I+ half (odd ISYM). */
    public boolean isPlus() {
        return (isym & 1) == 1;
    }

    /** 0-based index of the symmetry operator in {@link SpaceGroup#symOps()}. */
    public int symOpIndex() {
        return (isym - 1) / 2;
    }

    /** The ASU index as a new int[3]. */
    public int[] hkl() {
        return new int[] {h, k, l};
    }
}
