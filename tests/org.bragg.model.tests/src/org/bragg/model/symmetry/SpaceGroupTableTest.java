package org.bragg.model.symmetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/**
 * The Hall-symbol parser, group closure and group properties against the gemmi-generated
 * table, for all 559 entries (230 types).
 */
class SpaceGroupTableTest {

    @Test
    void tableCoversAll230TypesAndRecordsItsSource() {
        List<SpaceGroupEntry> all = SpaceGroups.entries();
        assertEquals(559, all.size());
        Set<Integer> numbers = new HashSet<>();
        for (SpaceGroupEntry e : all) {
            numbers.add(e.number());
        }
        assertEquals(230, numbers.size());
        assertTrue(SpaceGroups.provenance().contains("gemmi 0.5.7"), SpaceGroups.provenance());
        assertTrue(SpaceGroups.provenance().contains("dev/gen_spacegroups.py"));
        for (int n = 1; n <= 230; n++) {
            assertTrue(SpaceGroups.referenceEntry(n).isReference());
            assertEquals(n, SpaceGroups.referenceEntry(n).number());
        }
    }

    @Test
    void hallParserReproducesEveryTableEntry() {
        int sameOrder = 0;
        List<String> failures = new ArrayList<>();
        for (SpaceGroupEntry e : SpaceGroups.entries()) {
            SpaceGroup parsed = SpaceGroup.fromHall(e.hall());
            Set<SymOp> table = RefData.opSet(String.join(";", e.operators()));
            if (!parsed.opSet().equals(table)) {
                failures.add(e + ": operators differ");
                continue;
            }
            assertEquals(e.operators().size(), parsed.order(), e.toString());
            assertEquals(e.orderP(), parsed.orderP(), e.toString());
            // operator order (defines ISYM) is gemmi's
            List<String> mine = new ArrayList<>();
            for (SymOp s : parsed.symOps()) {
                mine.add(s.toXyz());
            }
            if (mine.equals(e.operators().subList(0, e.orderP()))) {
                sameOrder++;
            } else {
                failures.add(e + ": operator order " + mine + " vs " + e.operators().subList(0, e.orderP()));
            }
            assertNotNull(parsed.entry(), e.toString());
            assertEquals(e.number(), parsed.number(), e.toString());
            assertEquals(e.pointGroup(), parsed.pointGroupSymbol(), e.toString());
            assertEquals(e.laueGroup(), parsed.laueGroupSymbol(), e.toString());
            assertEquals(e.crystalSystem(), parsed.crystalSystem(), e.toString());
            assertEquals(e.centring(), parsed.centringType(), e.toString());
            assertEquals(e.isCentrosymmetric(), parsed.isCentrosymmetric(), e.toString());
            assertEquals(e.isSohncke(), parsed.isChiral(), e.toString());
            assertEquals(e.isEnantiomorphic(), parsed.isEnantiomorphic(), e.toString());
        }
        assertTrue(failures.isEmpty(), failures.size() + " failures, e.g. " + (failures.isEmpty() ? "" : failures.get(0)));
        assertEquals(SpaceGroups.entries().size(), sameOrder);
    }

    @Test
    void basisOpMapsReferenceSettingOntoEverySetting() {
        for (SpaceGroupEntry e : SpaceGroups.entries()) {
            SpaceGroup ref = SpaceGroups.referenceEntry(e.number()).spaceGroup();
            ChangeOfBasisOp cb = ChangeOfBasisOp.parse(e.basisOp());
            SpaceGroup g = ref.changeBasis(cb);
            assertEquals(e.spaceGroup().opSet(), g.opSet(), e + " basisop " + e.basisOp());
            assertEquals(e.number(), g.number());
            assertEquals(cb, e.spaceGroup().cbOpFromReference());
            assertEquals(e.spaceGroup(), e.spaceGroup().changeBasis(e.spaceGroup().cbOpToReference())
                    .changeBasis(e.spaceGroup().cbOpFromReference()));
        }
    }

    @Test
    void derivedPointAndLaueGroups() {
        for (SpaceGroupEntry e : SpaceGroups.entries()) {
            SpaceGroup g = e.spaceGroup();
            SpaceGroup pg = g.pointGroup();
            SpaceGroup lg = g.laueGroup();
            assertEquals(e.pointGroup(), pg.pointGroupSymbol(), e.toString());
            assertEquals(e.laueGroup(), lg.pointGroupSymbol(), e.toString());
            assertEquals('P', lg.centringType());
            assertTrue(lg.isCentrosymmetric());
            assertEquals(g.orderP() * (g.isCentrosymmetric() ? 1 : 2), lg.orderP(), e.toString());
            for (SymOp s : lg.symOps()) {
                assertEquals(List.of(0, 0, 0), List.of(s.translationNumerator(0), s.translationNumerator(1),
                        s.translationNumerator(2)));
            }
            assertTrue(lg.isTypeKnown(), e.toString());
            assertTrue(pg.isTypeKnown(), e.toString());
        }
        assertEquals("P 4 2 2", SpaceGroup.fromSymbol("P 43 21 2").pointGroup().hermannMauguin());
        assertEquals("P 4/m m m", SpaceGroup.fromSymbol("P 43 21 2").laueGroup().hermannMauguin());
        assertEquals("-P 4 2", SpaceGroup.fromSymbol("P 43 21 2").laueGroup().hallSymbol());
        assertEquals("P 1 2/m 1", SpaceGroup.fromSymbol("C 1 2 1").laueGroup().hermannMauguin());
        assertEquals("-P 3", SpaceGroup.fromSymbol("R 3:H").laueGroup().hallSymbol());
    }

    @Test
    void namesAndBravaisTypesAgreeWithCctbx() {
        int checked = 0;
        for (String[] r : RefData.rows("ref_cctbx_names.tsv")) {
            String symbol = r[0];
            if (r[1].equals("ERR")) {
                continue; // cctbx does not know this spelling
            }
            SpaceGroup expected = SpaceGroup.fromHall(r[1]);
            SpaceGroup mine = SpaceGroup.parse(symbol);
            assertEquals(expected, mine, "symbol '" + symbol + "' cctbx Hall '" + r[1] + "' mine " + mine);
            assertEquals(Integer.parseInt(r[2]), mine.order());
            assertEquals(Integer.parseInt(r[3]), mine.number(), symbol);
            // cctbx prints the centring of the given setting (mA, mI, oA, ...); the 14
            // conventional types use the reference setting (mC, oC)
            // (and hP for rhombohedral groups on rhombohedral axes, which are hR)
            String cctbx = r[4].replaceAll("^m[ABI]$", "mC").replaceAll("^o[AB]$", "oC");
            if (cctbx.equals("hP") && mine.referenceSetting().hermannMauguin().startsWith("R")) {
                cctbx = "hR";
            }
            assertEquals(cctbx, mine.bravaisLattice().name(), symbol);
            assertEquals(r[5], mine.crystalSystem().label(), symbol);
            checked++;
        }
        assertTrue(checked > 900, "checked " + checked);
    }

    @Test
    void symbolLookup() {
        assertEquals(96, SpaceGroup.parse("P 43 21 2").number());
        assertEquals(96, SpaceGroup.parse("P43212").number());
        assertEquals(96, SpaceGroup.parse("p 43 21 2").number());
        assertEquals(96, SpaceGroup.parse("96").number());
        assertEquals("P 4nw 2abw", SpaceGroup.parse("96").hallSymbol());
        assertEquals("P 43 21 2", SpaceGroup.parse("Hall: P 4nw 2abw").hermannMauguin());
        assertEquals("P 1 21 1", SpaceGroup.parse("P21").hermannMauguin());
        assertEquals("C 1 2 1", SpaceGroup.parse("C2").hermannMauguin());
        assertEquals("R 3:H", SpaceGroup.parse("R 3").hermannMauguin());
        assertEquals("R 3:H", SpaceGroup.parse("H3").hermannMauguin());
        assertEquals("R 3:R", SpaceGroup.parse("R 3 :R").hermannMauguin());
        assertEquals("F d -3 m:2", SpaceGroup.parse("F d -3 m").hermannMauguin());
        assertEquals("F d -3 m:1", SpaceGroup.parse("Fd-3m:1").hermannMauguin());
        assertEquals("I 1 2 1", SpaceGroup.parse("I 1 2 1").hermannMauguin());
        assertEquals(5, SpaceGroup.parse("I 1 2 1").number());
        assertEquals(3005, SpaceGroups.byCcp4Number(3005).orElseThrow().ccp4());
        // a Hall symbol that is not an HM symbol
        assertEquals(SpaceGroup.fromSymbol("P 1 2 1"), SpaceGroup.parse("P 2"), "HM first: P 2 = P 1 2 1");
        assertEquals(SpaceGroup.fromSymbol("P 1 1 2"), SpaceGroup.fromHall("P 2"), "Hall P 2 = P 1 1 2");
        assertThrows(IllegalArgumentException.class, () -> SpaceGroup.parse("Q 42"));
        assertThrows(IllegalArgumentException.class, () -> SpaceGroup.fromNumber(231));
        assertSame(SpaceGroup.fromNumber(19), SpaceGroup.fromNumber(19));
    }

    @Test
    void enantiomorphs() {
        int[][] pairs = {{76, 78}, {91, 95}, {92, 96}, {144, 145}, {151, 153}, {152, 154}, {169, 170},
            {171, 172}, {178, 179}, {180, 181}, {212, 213}};
        for (int[] p : pairs) {
            SpaceGroup a = SpaceGroup.fromNumber(p[0]);
            SpaceGroup b = SpaceGroup.fromNumber(p[1]);
            assertTrue(a.isEnantiomorphic() && a.isChiral());
            assertEquals(b, a.enantiomorph(), "enantiomorph of " + a);
            assertEquals(a, b.enantiomorph(), "enantiomorph of " + b);
            assertEquals(p[1], SpaceGroups.enantiomorphPartner(p[0]).number());
            assertTrue(SpaceGroups.enantiomorphPartner(p[0]).exact());
        }
        // a setting not in the table: P 41 shifted, then inverted
        SpaceGroup shifted = SpaceGroup.fromSymbol("P 41").changeBasis(ChangeOfBasisOp.parse("x+1/4,y,z"));
        SpaceGroup inv = shifted.changeBasis(ChangeOfBasisOp.parse("-x,-y,-z+1/8"));
        assertEquals(78, inv.number());
        assertEquals(inv, SpaceGroup.fromHall(inv.hallSymbol()));
        // not enantiomorphic: same type, here even the same operators
        assertEquals(19, SpaceGroup.fromSymbol("P 21 21 21").enantiomorph().number());
        assertEquals(SpaceGroup.fromSymbol("P 21 21 21"), SpaceGroup.fromSymbol("P 21 21 21").enantiomorph());
        SpaceGroup p21c = SpaceGroup.fromSymbol("P 1 21/c 1");
        assertEquals(p21c, p21c.enantiomorph(), "centrosymmetric");
        assertFalse(SpaceGroup.fromNumber(19).isEnantiomorphic());
        assertTrue(SpaceGroup.fromNumber(19).isChiral());
        assertFalse(SpaceGroup.fromNumber(14).isChiral());
    }

    @Test
    void hallSymbolsWithChangeOfBasisAgreeWithCctbx() {
        for (String[] r : RefData.rows("ref_cctbx_halls.tsv")) {
            SpaceGroup g = SpaceGroup.fromHall(r[0]);
            assertEquals(RefData.opSet(r[3]), g.opSet(), r[0]);
            assertEquals(Integer.parseInt(r[2]), g.number(), r[0]);
            assertEquals(g, SpaceGroup.fromHall(r[1]), "cctbx Hall " + r[1]);
            // our canonical Hall symbol round-trips
            assertEquals(g, SpaceGroup.fromHall(g.hallSymbol()), r[0] + " -> " + g.hallSymbol());
        }
        SpaceGroup g = SpaceGroup.fromHall("P 4nw 2abw (x,y,z+1/4)");
        assertEquals("P 4nw 2abw (x,y,z+1/4)", g.hallSymbol());
        assertEquals("P 43 21 2 (a,b,c-1/4)", g.hermannMauguin());
    }

    @Test
    void hallParserErrors() {
        for (String bad : new String[] {"", "Q 2", "P 5", "P 2q", "P 4 2 (x,y", "P 2 (x,y,z) junk", "P 3'", "P 2 2 2 2 2 2 2"}) {
            assertThrows(IllegalArgumentException.class, () -> SpaceGroup.fromHall(bad), "'" + bad + "'");
        }
    }

    @Test
    void fromOpsKeepsOrderAndFindsTable() {
        List<SymOp> ops = List.of(SymOp.parse("x,y,z"), SymOp.parse("y,x,-z"), SymOp.parse("-x,-y,z+1/2"),
                SymOp.parse("-y+1/2,x+1/2,z+3/4"));
        SpaceGroup g = SpaceGroup.fromOps(ops);
        assertEquals(96, g.number());
        assertEquals(8, g.orderP());
        assertEquals(ops, g.symOps().subList(0, 4));
        assertThrows(IllegalArgumentException.class, () -> SpaceGroup.fromOps(List.of(SymOp.parse("x+y,y,z"))));
        // an arbitrary non-tabulated group: type unknown
        SpaceGroup odd = SpaceGroup.fromOps(List.of(SymOp.parse("-x,-y,z"), SymOp.parse("x+1/3,y,z")));
        assertFalse(odd.isTypeKnown());
        assertEquals('X', odd.centringType());
        assertThrows(IllegalStateException.class, () -> odd.toAsu(1, 2, 3));
    }
}
