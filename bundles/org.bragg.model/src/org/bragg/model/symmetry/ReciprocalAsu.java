package org.bragg.model.symmetry;

import org.bragg.model.symmetry.internal.RtMx;

/**
 * Reciprocal-space asymmetric unit with the CCP4 conventions (CCP4 symlib, also used by
 * cctbx {@code reciprocal_space::asu} and gemmi {@code ReciprocalAsu}), one of ten
 * conditions defined for the reference setting of each Laue class. For other settings the
 * test is applied to h_ref = h·M, M the rotation part of the change of basis from the
 * reference setting (normalised to det &gt; 0; the conditions are homogeneous, so M may be
 * scaled to integers).
 *
 * <p><b>Layout</b> of the precomputed tables: {@code mats[9i..9i+8]} = R_i·M (row-major
 * ints) for symmetry operator i, and {@code rots[9i..9i+8]} = R_i.
 */
final class ReciprocalAsu {

    /** Condition strings in the wording of gemmi's {@code condition_str()}, index = kind. */
    static final String[] CONDITIONS = {
        "l>0 or (l=0 and (h>0 or (h=0 and k>=0)))",       // 0: -1
        "k>=0 and (l>0 or (l=0 and h>=0))",                // 1: 2/m (b unique)
        "h>=0 and k>=0 and l>=0",                          // 2: mmm
        "l>=0 and ((h>=0 and k>0) or (h=0 and k=0))",      // 3: 4/m, 6/m
        "h>=k and k>=0 and l>=0",                          // 4: 4/mmm, 6/mmm
        "(h>=0 and k>0) or (h=0 and k=0 and l>=0)",        // 5: -3
        "h>=k and k>=0 and (k>0 or l>=0)",                 // 6: -31m (P312 family)
        "h>=k and k>=0 and (h>k or l>=0)",                 // 7: -3m1 (P321 family)
        "h>=0 and ((l>=h and k>h) or (l=h and k=h))",      // 8: m-3
        "k>=l and l>=h and h>=0",                          // 9: m-3m
    };

    final int kind;
    final int[] mats;
    final int[] rots;
    final int n;

    ReciprocalAsu(int kind, RtMx frame, SymOp[] smx) {
        this.kind = kind;
        this.n = smx.length;
        long[] m = new long[9];
        long[] det = frame.determinant();
        long sign = det[0] < 0 ? -1 : 1;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = sign * frame.rotNum(i, j);
            }
        }
        mats = new int[9 * n];
        rots = new int[9 * n];
        for (int s = 0; s < n; s++) {
            int[] r = smx[s].r;
            System.arraycopy(r, 0, rots, 9 * s, 9);
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    long v = r[3 * i] * m[j] + r[3 * i + 1] * m[3 + j] + r[3 * i + 2] * m[6 + j];
                    if (Math.abs(v) > 1 << 12) {
                        throw new IllegalStateException("change of basis to the reference setting too large for the ASU test: " + frame);
                    }
                    mats[9 * s + 3 * i + j] = (int) v;
                }
            }
        }
    }

    static int kindOf(String condition) {
        for (int i = 0; i < CONDITIONS.length; i++) {
            if (CONDITIONS[i].equals(condition)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown reciprocal ASU condition '" + condition + "'");
    }

    /** The CCP4 ASU test in the reference setting. */
    static boolean isIn(int kind, int h, int k, int l) {
        switch (kind) {
            case 0: return l > 0 || (l == 0 && (h > 0 || (h == 0 && k >= 0)));
            case 1: return k >= 0 && (l > 0 || (l == 0 && h >= 0));
            case 2: return h >= 0 && k >= 0 && l >= 0;
            case 3: return l >= 0 && ((h >= 0 && k > 0) || (h == 0 && k == 0));
            case 4: return h >= k && k >= 0 && l >= 0;
            case 5: return (h >= 0 && k > 0) || (h == 0 && k == 0 && l >= 0);
            case 6: return h >= k && k >= 0 && (k > 0 || l >= 0);
            case 7: return h >= k && k >= 0 && (h > k || l >= 0);
            case 8: return h >= 0 && ((l >= h && k > h) || (l == h && k == h));
            case 9: return k >= l && l >= h && h >= 0;
            default: throw new IllegalStateException("bad ASU kind " + kind);
        }
    }

    /** True if h (in this setting) is inside the ASU. */
    boolean contains(int h, int k, int l) {
        // identity is operator 0, so mats[0..8] = M
        int x = h * mats[0] + k * mats[3] + l * mats[6];
        int y = h * mats[1] + k * mats[4] + l * mats[7];
        int z = h * mats[2] + k * mats[5] + l * mats[8];
        return isIn(kind, x, y, z);
    }

    /**
     * Maps h into the ASU.
     *
     * @param out receives the ASU index at {@code out[off..off+2]}
     * @return ISYM (2k−1 for h·R_k, 2k for −h·R_k, k 1-based)
     */
    int map(int h, int k, int l, int[] out, int off) {
        final int[] m = mats;
        for (int s = 0, b = 0; s < n; s++, b += 9) {
            int x = h * m[b] + k * m[b + 3] + l * m[b + 6];
            int y = h * m[b + 1] + k * m[b + 4] + l * m[b + 7];
            int z = h * m[b + 2] + k * m[b + 5] + l * m[b + 8];
            if (isIn(kind, x, y, z)) {
                writeRotated(h, k, l, b, 1, out, off);
                return 2 * s + 1;
            }
            if (isIn(kind, -x, -y, -z)) {
                writeRotated(h, k, l, b, -1, out, off);
                return 2 * s + 2;
            }
        }
        throw new IllegalStateException("no ASU image for (" + h + "," + k + "," + l + ")");
    }

    private void writeRotated(int h, int k, int l, int b, int sign, int[] out, int off) {
        final int[] r = rots;
        out[off] = sign * (h * r[b] + k * r[b + 3] + l * r[b + 6]);
        out[off + 1] = sign * (h * r[b + 1] + k * r[b + 4] + l * r[b + 7]);
        out[off + 2] = sign * (h * r[b + 2] + k * r[b + 5] + l * r[b + 8]);
    }
}
