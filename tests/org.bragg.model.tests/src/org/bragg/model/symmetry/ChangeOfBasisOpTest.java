package org.bragg.model.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Change-of-basis semantics against cctbx {@code sgtbx.change_of_basis_op} and dxtbx
 * {@code Crystal.change_basis} ({@code ref_cctbx_cbops.tsv}).
 */
class ChangeOfBasisOpTest {

    private static final UnitCell CELL = UnitCell.of(41.9417, 41.9579, 88.99, 89.9906, 90.0457, 89.9504);

    @Test
    void formsCellsIndicesAndCrystalMatrixAgreeWithCctbx() {
        List<String[]> rows = RefData.rows("ref_cctbx_cbops.tsv");
        double[] crystalA = null;
        int[] hkls = null;
        for (String[] r : rows) {
            if (r[0].equals("crystal_A")) {
                crystalA = RefData.doubles(r[1]);
            } else if (r[0].equals("hkls")) {
                hkls = RefData.ints(r[1]);
            }
        }
        int nOps = 0;
        for (String[] r : rows) {
            if (!r[0].equals("op")) {
                continue;
            }
            String s = r[1];
            ChangeOfBasisOp cb = ChangeOfBasisOp.parse(s);
            assertEquals(r[2], cb.toXyz(), s + " c");
            assertEquals(r[3], cb.inverse().toXyz(), s + " c_inv");
            assertEquals(r[4], cb.toAbc(), s + " as_abc");
            assertEquals(r[5], cb.toXyz(), s + " as_xyz");
            if (r[6].equals("ERR")) {
                assertThrows(IllegalStateException.class, cb::toHkl, s);
            } else {
                assertEquals(r[6], cb.toHkl(), s + " as_hkl");
            }
            assertEquals(r[7], cb.toString(), s + " str");
            assertEquals(r[8], cb.inverse().toAbc(), s + " inverse");
            assertEquals(Double.parseDouble(r[9]), cb.determinant(), 1e-12, s + " det");
            assertArrayEquals(RefData.doubles(r[10]), CELL.changeBasis(cb).parameters(), 1e-9, s + " cell");
            String[] hk = r[11].split(" ");
            for (int i = 0; i < hk.length; i++) {
                int[] h = {hkls[3 * i], hkls[3 * i + 1], hkls[3 * i + 2]};
                int[] out = new int[3];
                boolean ok = cb.apply(h[0], h[1], h[2], out, 0);
                if (hk[i].equals("ERR")) {
                    assertFalse(ok, s + " hkl " + i);
                } else {
                    assertTrue(ok);
                    assertArrayEquals(RefData.ints(hk[i]), out, s + " hkl " + i);
                }
            }
            if (!r[12].equals("ERR")) {
                assertArrayEquals(RefData.doubles(r[12]), cb.applyToAMatrix(crystalA), 1e-15, s + " A");
                // the new A gives the new cell
                assertArrayEquals(CELL.changeBasis(cb).parameters(),
                        UnitCell.fromBMatrix(cb.applyToAMatrix(crystalA)).parameters(), 2e-3, s + " A cell");
            }
            // parse(toString()) round trip and inverse
            assertEquals(cb, ChangeOfBasisOp.parse(cb.toString()), s);
            assertTrue(cb.multiply(cb.inverse()).isIdentity());
            nOps++;
        }
        assertTrue(nOps >= 25);
    }

    @Test
    void productsAgreeWithCctbx() {
        int n = 0;
        for (String[] r : RefData.rows("ref_cctbx_cbops.tsv")) {
            if (!r[0].equals("product")) {
                continue;
            }
            ChangeOfBasisOp p = ChangeOfBasisOp.parse(r[1]).multiply(ChangeOfBasisOp.parse(r[2]));
            assertEquals(r[3], p.toXyz(), r[1] + " * " + r[2]);
            assertEquals(r[4], p.toAbc(), r[1] + " * " + r[2]);
            assertEquals(p, ChangeOfBasisOp.parse(r[2]).then(ChangeOfBasisOp.parse(r[1])));
            n++;
        }
        assertEquals(30, n);
    }

    @Test
    void spaceGroupsAgreeWithCctbx() {
        int n = 0;
        int unknown = 0;
        for (String[] r : RefData.rows("ref_cctbx_cbops.tsv")) {
            if (!r[0].equals("group")) {
                continue;
            }
            String where = r[1] + " changed by " + r[2];
            SpaceGroup g = SpaceGroup.parse(r[1]).changeBasis(ChangeOfBasisOp.parse(r[2]));
            assertEquals(RefData.opSet(r[3]), g.opSet(), where);
            if (!g.isTypeKnown()) {
                // a basis of non-lattice vectors (e.g. P 1 21 1 with (a+b)/2): a different
                // crystal structure, whose type cctbx determines but we do not
                unknown++;
                assertEquals(RefData.opSet(r[3]), SpaceGroup.fromHall(r[4]).opSet(), where);
                continue;
            }
            assertEquals(Integer.parseInt(r[5]), g.number(), where);
            assertEquals(Integer.parseInt(r[6]), g.orderP(), where);
            assertEquals(Integer.parseInt(r[7]), g.order(), where);
            assertEquals(g, SpaceGroup.fromHall(r[4]), where + " cctbx Hall " + r[4]);
            assertEquals(g, SpaceGroup.fromHall(g.hallSymbol()), where + " our Hall " + g.hallSymbol());
            // every operator of the reindexed group maps reindexed reflections consistently
            int[] h = {1, 2, 3};
            ChangeOfBasisOp cb = ChangeOfBasisOp.parse(r[2]);
            int[] hn = new int[3];
            if (cb.apply(h[0], h[1], h[2], hn, 0)) {
                assertEquals(SpaceGroup.parse(r[1]).isSysAbsent(h[0], h[1], h[2]), g.isSysAbsent(hn[0], hn[1], hn[2]), where);
                assertEquals(SpaceGroup.parse(r[1]).epsilon(h[0], h[1], h[2]), g.epsilon(hn[0], hn[1], hn[2]), where);
            }
            n++;
        }
        assertTrue(n > 200, "groups checked " + n);
        assertTrue(unknown < 20, "groups of unknown type " + unknown);
        System.out.println("change of basis: " + n + " groups agree with cctbx, " + unknown
                + " non-lattice bases skipped for the type number");
    }

    @Test
    void dialsLogForms() {
        assertEquals("-a,b,-c", ChangeOfBasisOp.parse("-a,b,-c").toString());
        assertEquals("a,b,c", ChangeOfBasisOp.parse("x,y,z").toString());
        assertTrue(ChangeOfBasisOp.parse(" a, b, c ").isIdentity());
        assertEquals(ChangeOfBasisOp.parse("-h,k,-l"), ChangeOfBasisOp.parse("-a,b,-c"));
        assertEquals(ChangeOfBasisOp.parse("1/2*a+1/2*b,-1/2*a+1/2*b,c"), ChangeOfBasisOp.parse("a/2+b/2,-a/2+b/2,c"));
        assertArrayEquals(new int[] {3, 1, 3}, ChangeOfBasisOp.parse("a+b,-a+b,c").apply(1, 2, 3));
        // columns of P are the new basis vectors: a' = b, b' = c, c' = a
        assertArrayEquals(new int[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, ChangeOfBasisOp.parse("b,c,a").basisMatrixInt());
        assertEquals(ChangeOfBasisOp.parse("b,c,a"), ChangeOfBasisOp.fromBasisMatrix(new int[] {0, 0, 1, 1, 0, 0, 0, 1, 0}));
        // real-space vectors: (a', b', c') = (a, b, c) P
        double[] abc = {1, 0, 0, 0, 2, 0, 0, 0, 3};
        assertArrayEquals(new double[] {0, 2, 0, 0, 0, 3, 1, 0, 0}, ChangeOfBasisOp.parse("b,c,a").applyToRealSpaceVectors(abc));
        assertArrayEquals(new double[] {1, 2, 0, -1, 2, 0, 0, 0, 3}, ChangeOfBasisOp.parse("a+b,-a+b,c").applyToRealSpaceVectors(abc));
        // symmetry operators transform as c s c^-1
        assertEquals(SymOp.parse("x,-y,-z"), ChangeOfBasisOp.parse("b,c,a").apply(SymOp.parse("-x,y,-z")));
        for (String bad : new String[] {"a,b", "a,b,c,d", "a,b,x", "a,b,a", "a,b,c+", "a,b,q", "h,k,l+1/2", "a,b,0"}) {
            assertThrows(IllegalArgumentException.class, () -> ChangeOfBasisOp.parse(bad), bad);
        }
    }
}
