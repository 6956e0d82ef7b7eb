package org.bragg.model.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Parsing, formatting and algebra of {@link SymOp}. */
class SymOpTest {

    @Test
    void formatsEveryTableOperatorLikeGemmi() {
        int n = 0;
        for (SpaceGroupEntry e : SpaceGroups.entries()) {
            for (String s : e.operators()) {
                SymOp op = SymOp.parse(s);
                assertEquals(s, op.toXyz());
                assertTrue(op.rotationType() != 0, s);
                SymOp inv = op.inverse();
                assertTrue(op.multiply(inv).isIdentity(), s);
                assertTrue(inv.multiply(op).isIdentity(), s);
                n++;
            }
        }
        assertEquals(7708, n);
    }

    @Test
    void parsesVariants() {
        assertEquals(SymOp.parse("-y,x-y,z+1/3"), SymOp.parse(" -Y , X-Y , Z+1/3 "));
        assertEquals(SymOp.parse("x+1/2,-y,-z+1/2"), SymOp.parse("1/2+x,-y,1/2-z"));
        assertEquals(SymOp.parse("x,y,z+1/2"), SymOp.parse("+x,+y,+z+12/24"));
        assertEquals("-y,x-y,z+1/3", SymOp.parse("-y,x-y,z+1/3").toString());
        assertEquals("x,y,z-1/4", SymOp.parse("x,y,z-1/4").toXyz());
        assertEquals("x,y,z+3/4", SymOp.parse("x,y,z-1/4").wrapped().toXyz());
        for (String bad : new String[] {"x,y", "x,y,z,", "a,b,c", "x/2,y,z", "x,y,z+1/5", "x,x,z", "x,y,w"}) {
            assertThrows(IllegalArgumentException.class, () -> SymOp.parse(bad), bad);
        }
    }

    @Test
    void algebra() {
        SymOp a = SymOp.parse("-y,x-y,z+1/3");
        assertEquals(3, a.rotationType());
        assertEquals(SymOp.parse("-x+y,-x,z+2/3"), a.multiply(a));
        assertEquals(SymOp.parse("x,y,z+1"), a.multiply(a).multiply(a));
        assertTrue(a.multiply(a).multiply(a).wrapped().isIdentity());
        assertEquals(-1, SymOp.parse("-x,-y,-z").rotationType());
        assertEquals(-2, SymOp.parse("x,-y,z").rotationType());
        assertEquals(-4, SymOp.parse("y,-x,-z").rotationType());
        assertEquals(6, SymOp.parse("x-y,x,z").rotationType());
        assertEquals(-3, SymOp.parse("y,-x+y,-z").rotationType());
        // reflections are row vectors: h' = h R
        SymOp four = SymOp.parse("-y,x,z+1/4");
        assertArrayEquals(new int[] {2, -1, 3}, four.applyToHkl(1, 2, 3));
        int[] buf = {1, 2, 3};
        four.applyToHkl(buf, 0, buf, 0);
        assertArrayEquals(new int[] {2, -1, 3}, buf);
        assertArrayEquals(new double[] {-0.2, 0.1, 0.55}, four.applyToFractional(new double[] {0.1, 0.2, 0.3}), 1e-15);
        // phase shift -2 pi h.t: (0,0,2) with t_z = 1/4 -> -pi
        assertEquals(-Math.PI, four.phaseShift(0, 0, 2), 1e-15);
        assertEquals(12, four.hklDotTranslation24(0, 0, 2));
    }
}
