package org.bragg.model.symmetry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Unit-cell quantities and Niggli reduction against cctbx ({@code ref_cctbx_cells.tsv},
 * {@code ref_cctbx_niggli.tsv}) and the crystals of the shared DIALS 3.12 reference files.
 */
class UnitCellTest {

    private static void assertClose(double[] expected, double[] actual, double relTol, String msg) {
        assertEquals(expected.length, actual.length, msg);
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relTol * scale, msg + " element " + i);
        }
    }

    private static double[] sym6ToFull(double[] s) {
        // cctbx sym_mat3 order: 00, 11, 22, 01, 02, 12
        return new double[] {s[0], s[3], s[4], s[3], s[1], s[5], s[4], s[5], s[2]};
    }

    @Test
    void agreesWithCctbx() {
        List<String[]> rows = RefData.rows("ref_cctbx_cells.tsv");
        assertTrue(rows.size() >= 6);
        for (String[] r : rows) {
            String name = r[0];
            UnitCell uc = UnitCell.of(RefData.doubles(r[1]));
            assertClose(RefData.doubles(r[1]), uc.parameters(), 1e-14, name + " params");
            assertEquals(Double.parseDouble(r[2]), uc.volume(), 1e-10 * uc.volume(), name + " volume");
            assertClose(sym6ToFull(RefData.doubles(r[3])), uc.metricTensor(), 1e-12, name + " G");
            assertClose(sym6ToFull(RefData.doubles(r[4])), uc.reciprocalMetricTensor(), 1e-10, name + " G*");
            assertClose(RefData.doubles(r[5]), uc.reciprocal().parameters(), 1e-10, name + " reciprocal");
            assertClose(RefData.doubles(r[6]), uc.orthogonalizationMatrix(), 1e-12, name + " O");
            assertClose(RefData.doubles(r[7]), uc.bMatrix(), 1e-12, name + " B");
            for (String hd : r[8].split(" ")) {
                String[] p = hd.split("=");
                int[] h = RefData.ints(p[0]);
                assertEquals(Double.parseDouble(p[1]), uc.dSpacing(h[0], h[1], h[2]), 1e-10, name + " d" + p[0]);
            }
            // B round trip and rotation invariance
            UnitCell fromB = UnitCell.fromBMatrix(uc.bMatrix());
            assertClose(uc.parameters(), fromB.parameters(), 1e-10, name + " fromB");
            double[] u = rotation(0.3, -1.1, 2.0);
            UnitCell fromA = UnitCell.fromBMatrix(UnitCell.Mat.mul(u, uc.bMatrix()));
            assertClose(uc.parameters(), fromA.parameters(), 1e-10, name + " fromA");
            UnitCell fromG = UnitCell.fromMetricTensor(uc.metricTensor());
            assertClose(uc.parameters(), fromG.parameters(), 1e-12, name + " fromG");
            // B * F^-1 ... B^T O = I
            double[] bt = UnitCell.Mat.transpose(uc.bMatrix());
            assertClose(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, UnitCell.Mat.mul(bt, uc.orthogonalizationMatrix()),
                    1e-12, name + " F.O");
        }
    }

    private static double[] rotation(double ax, double ay, double az) {
        double[] rx = {1, 0, 0, 0, Math.cos(ax), -Math.sin(ax), 0, Math.sin(ax), Math.cos(ax)};
        double[] ry = {Math.cos(ay), 0, Math.sin(ay), 0, 1, 0, -Math.sin(ay), 0, Math.cos(ay)};
        double[] rz = {Math.cos(az), -Math.sin(az), 0, Math.sin(az), Math.cos(az), 0, 0, 0, 1};
        return UnitCell.Mat.mul(rz, UnitCell.Mat.mul(ry, rx));
    }

    @Test
    void isSimilarToFollowsCctbx() {
        // expectations recorded from cctbx unit_cell.is_similar_to(other, 0.01, 1)
        UnitCell u = UnitCell.of(100, 50, 60, 90, 90, 90);
        double[][] cases = {{100.99, 1}, {101.0, 1}, {101.01, 1}, {101.02, 0}, {99.01, 1}, {99.0, 0}, {98.99, 0}};
        for (double[] c : cases) {
            UnitCell o = UnitCell.of(c[0], 50, 60, 90, 90, 90);
            assertEquals(c[1] == 1, u.isSimilarTo(o, 0.01, 1), "a=" + c[0]);
            assertEquals(c[1] == 1, o.isSimilarTo(u, 0.01, 1), "a=" + c[0]);
        }
        assertTrue(u.isSimilarTo(UnitCell.of(100, 50, 60, 91, 90, 90), 0.01, 1));
        assertFalse(u.isSimilarTo(UnitCell.of(100, 50, 60, 91.0001, 90, 90), 0.01, 1));
    }

    @Test
    void rejectsImpossibleCells() {
        assertThrows(IllegalArgumentException.class, () -> UnitCell.of(0, 1, 1, 90, 90, 90));
        assertThrows(IllegalArgumentException.class, () -> UnitCell.of(1, 1, 1, 90, 90, 180));
        assertThrows(IllegalArgumentException.class, () -> UnitCell.of(1, 1, 1, 120, 120, 120));
        assertThrows(IllegalArgumentException.class, () -> UnitCell.of(new double[] {1, 2, 3}));
    }

    @Test
    void niggliReductionAgreesWithCctbx() {
        List<String[]> rows = RefData.rows("ref_cctbx_niggli.tsv");
        int exactCb = 0;
        for (String[] r : rows) {
            String name = r[0];
            UnitCell in = UnitCell.of(RefData.doubles(r[1]));
            ReducedCell red = in.niggliReduction();
            double[] exp = RefData.doubles(r[2]);
            double[] got = red.cell().parameters();
            for (int i = 0; i < 6; i++) {
                assertEquals(exp[i], got[i], 1e-7 * Math.max(1, exp[i]), name + " param " + i);
            }
            assertArrayEquals(RefData.ints(r[3]), red.basisMatrix(), name + " r_inv");
            assertEquals(r[4], red.cbOp().toAbc(), name + " cb op");
            assertEquals(Integer.parseInt(r[5]), red.iterations(), name + " iterations");
            // the cb op really produces the reduced cell
            double[] viaCb = in.changeBasis(red.cbOp()).parameters();
            for (int i = 0; i < 6; i++) {
                assertEquals(exp[i], viaCb[i], 1e-7 * Math.max(1, exp[i]), name + " via cb " + i);
            }
            exactCb++;
        }
        assertTrue(exactCb >= 240, "rows " + exactCb);
    }

    @Test
    void niggliCellOfDialsReferenceCrystal() throws IOException {
        Path expt = RefData.sharedData().resolve("sim_xray_1a8o_p43212/dials_reference/indexed.expt");
        assertTrue(Files.exists(expt), "shared data not found: " + expt);
        double[] v = realSpaceVectors(Files.readString(expt));
        UnitCell cell = UnitCell.fromRealSpaceVectors(v);
        // dials.index log: P1 cell 41.9417 41.9579 88.99 89.9906 90.0457 89.9504
        assertArrayEquals(new double[] {41.9417, 41.9579, 88.99, 89.9906, 90.0457, 89.9504}, cell.parameters(), 1e-4);
        ReducedCell red = cell.niggliReduction();
        String[] ref = null;
        for (String[] r : RefData.rows("ref_cctbx_niggli.tsv")) {
            if (r[0].equals("sim_xray_1a8o_p43212/indexed.expt#0")) {
                ref = r;
            }
        }
        assertTrue(ref != null);
        assertArrayEquals(RefData.doubles(ref[2]), red.cell().parameters(), 1e-6);
        assertEquals(ref[4], red.cbOp().toAbc());
        // the tetragonal lattice (a = b within 0.04%) is similar to the refined DIALS cell
        assertTrue(red.cell().isSimilarTo(UnitCell.of(41.973, 41.973, 88.943, 90, 90, 90), 0.01, 1));
        // the reduced cell of the A matrix (reciprocal basis) gives the same cell
        double[] a = UnitCell.Mat.inverse(v);
        assertArrayEquals(cell.parameters(), UnitCell.fromBMatrix(a).parameters(), 1e-9);
    }

    /** real_space_a/b/c of the first crystal, rows of a row-major double[9]. */
    static double[] realSpaceVectors(String json) {
        double[] out = new double[9];
        String[] keys = {"real_space_a", "real_space_b", "real_space_c"};
        for (int i = 0; i < 3; i++) {
            Matcher m = Pattern.compile("\"" + keys[i] + "\"\\s*:\\s*\\[([^\\]]*)\\]").matcher(json);
            assertTrue(m.find(), keys[i]);
            List<Double> vals = new ArrayList<>();
            for (String s : m.group(1).split(",")) {
                vals.add(Double.parseDouble(s.trim()));
            }
            for (int j = 0; j < 3; j++) {
                out[3 * i + j] = vals.get(j);
            }
        }
        return out;
    }
}
