package org.bragg.model.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * Reciprocal ASU mapping, ISYM, systematic absences, centric flags and ε against gemmi for
 * random reflections in every table entry ({@code ref_gemmi_reflections.tsv}).
 */
class ReciprocalAsuTest {

    @Test
    void agreesWithGemmiForEveryTableEntry() {
        List<String[]> rows = RefData.rows("ref_gemmi_reflections.tsv");
        List<SpaceGroupEntry> entries = SpaceGroups.entries();
        int[] out = new int[3];
        int n = 0;
        for (String[] r : rows) {
            SpaceGroupEntry e = entries.get(Integer.parseInt(r[0]));
            SpaceGroup g = e.spaceGroup();
            int h = Integer.parseInt(r[1]), k = Integer.parseInt(r[2]), l = Integer.parseInt(r[3]);
            String where = e + " hkl " + h + "," + k + "," + l;
            int isym = g.toAsu(h, k, l, out, 0);
            assertArrayEquals(new int[] {Integer.parseInt(r[4]), Integer.parseInt(r[5]), Integer.parseInt(r[6])}, out, where);
            assertEquals(Integer.parseInt(r[7]), isym, where);
            assertEquals(r[8].equals("1"), g.isSysAbsent(h, k, l), where + " absent");
            assertEquals(r[9].equals("1"), g.isCentric(h, k, l), where + " centric");
            assertEquals(Integer.parseInt(r[10]), g.epsilon(h, k, l), where + " epsilon");
            assertTrue(g.isInAsu(out[0], out[1], out[2]), where);
            assertArrayEquals(new int[] {h, k, l}, g.fromAsu(out[0], out[1], out[2], isym), where);
            n++;
        }
        assertTrue(n > 10000, "rows " + n);
    }

    @Test
    void hallParsedGroupsGiveTheSameIsym() {
        // ISYM depends on operator order: groups built from Hall symbols must match the table
        List<String[]> rows = RefData.rows("ref_gemmi_reflections.tsv");
        int[] out = new int[3];
        SpaceGroup g = null;
        int current = -1;
        for (String[] r : rows) {
            int idx = Integer.parseInt(r[0]);
            if (idx != current) {
                current = idx;
                g = SpaceGroup.fromHall(SpaceGroups.entries().get(idx).hall());
            }
            int isym = g.toAsu(Integer.parseInt(r[1]), Integer.parseInt(r[2]), Integer.parseInt(r[3]), out, 0);
            assertEquals(Integer.parseInt(r[7]), isym, SpaceGroups.entries().get(idx).toString());
        }
    }

    @Test
    void bulkMappingMatchesSingleCalls() {
        SpaceGroup g = SpaceGroup.parse("P 43 21 2");
        Random rnd = new Random(7);
        int n = 1000;
        int[] hkl = new int[3 * n];
        for (int i = 0; i < hkl.length; i++) {
            hkl[i] = rnd.nextInt(61) - 30;
        }
        int[] asu = new int[3 * n];
        int[] isym = new int[n];
        g.toAsu(hkl, asu, isym);
        for (int i = 0; i < n; i++) {
            AsuIndex a = g.toAsu(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2]);
            assertArrayEquals(a.hkl(), new int[] {asu[3 * i], asu[3 * i + 1], asu[3 * i + 2]});
            assertEquals(a.isym(), isym[i]);
            assertEquals(a.isym() % 2 == 1, a.isPlus());
            // CCP4 ASU of 4/mmm: h >= k >= 0, l >= 0
            assertTrue(a.h() >= a.k() && a.k() >= 0 && a.l() >= 0);
        }
        // in place
        int[] copy = hkl.clone();
        g.toAsu(copy, copy, null);
        assertArrayEquals(asu, copy);
    }

    @Test
    void derivedSettingsUseTheReferenceAsu() {
        // P 1 21 1 with the origin moved is not tabulated but is derived from the table
        SpaceGroup g = SpaceGroup.fromSymbol("P 1 21 1").changeBasis(ChangeOfBasisOp.parse("a,b,c+1/4"));
        assertTrue(g.entry() == null && g.isTypeKnown());
        AsuIndex a = g.toAsu(-3, -2, 1);
        assertEquals(SpaceGroup.fromSymbol("P 1 21 1").toAsu(-3, -2, 1).hkl()[0], a.h());
        // a reindexed lattice that is not a tabulated setting (P 2 2 2 with axes along the
        // face diagonals of a C cell) maps onto the reference ASU through the cb op
        ChangeOfBasisOp cb = ChangeOfBasisOp.parse("a+b,-a+b,c");
        SpaceGroup p222 = SpaceGroup.fromSymbol("P 2 2 2");
        SpaceGroup diag = p222.changeBasis(cb);
        assertTrue(diag.entry() == null && diag.isTypeKnown());
        assertEquals(16, diag.number());
        assertEquals('C', diag.centringType());
        for (int[] h : new int[][] {{1, 3, 5}, {-2, 4, 0}, {3, -1, -7}, {-5, -2, 1}}) {
            AsuIndex ref = p222.toAsu(h[0], h[1], h[2]);
            int[] hn = cb.apply(h[0], h[1], h[2]);
            AsuIndex mine = diag.toAsu(hn[0], hn[1], hn[2]);
            assertArrayEquals(cb.apply(ref.h(), ref.k(), ref.l()), mine.hkl());
            assertEquals(ref.isym(), mine.isym());
        }
    }

    @Test
    void throughput() {
        // informative only (no timing assertion): millions of reflections per second expected
        SpaceGroup g = SpaceGroup.parse("P 43 21 2");
        int n = 1_000_000;
        int[] hkl = new int[3 * n];
        Random rnd = new Random(1);
        for (int i = 0; i < hkl.length; i++) {
            hkl[i] = rnd.nextInt(101) - 50;
        }
        int[] out = new int[3 * n];
        int[] isym = new int[n];
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            g.toAsu(hkl, out, isym);
            long t1 = System.nanoTime();
            System.out.printf("toAsu P43212: %.1f M reflections/s%n", n / ((t1 - t0) * 1e-9) / 1e6);
        }
    }
}
