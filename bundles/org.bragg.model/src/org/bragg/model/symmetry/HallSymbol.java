package org.bragg.model.symmetry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Parser for Hall symbols (Hall 1981, Acta Cryst. A37, 517–525; explicit definitions of
 * Grosse-Kunstleve 1999, Acta Cryst. A55, 383–395), e.g. {@code "-P 4 2"},
 * {@code "P 4nw 2abw"}, {@code "F 4d 2 3 -1ad"}, {@code "P 31 2 (0 0 4)"},
 * {@code "P 2yb (x,y,z+1/4)"}.
 *
 * <p>Grammar: {@code [-]L N₁ N₂ … [(V)]}. {@code -} adds the inversion at the origin;
 * L ∈ {P, A, B, C, I, R, S, T, F, H} gives the lattice centring vectors; each matrix symbol
 * is {@code [-]N[axis][translations]} with N ∈ {1, 2, 3, 4, 6}, axis x, y, z (principal) or
 * ', " (2-fold face diagonals, relative to the preceding axis) or * (3-fold body diagonal),
 * translation symbols a, b, c (½ along a, b, c), n (½,½,½), u, v, w (¼ along a, b, c),
 * d (¼,¼,¼) and a screw digit m (m/N along the rotation axis). Default axes: z for the first
 * symbol; for the second, x if N = 2 follows a 2 or 4, ' if N = 2 follows a 3 or 6; * for a
 * 3 in third position. The optional change-of-basis V, either as a triplet
 * {@code (x,y,z+1/4)} or as a shift vector in twelfths {@code (0 0 1)}, transforms every
 * operator s into V·s·V⁻¹.
 *
 * <p>The group is generated from the generators with Dimino's algorithm, keeping centring
 * translations apart, in the same order as gemmi's {@code symops_from_hall}, so that the
 * operator order (and hence MTZ ISYM numbers) matches gemmi.
 */
final class HallSymbol {

    private static final int D = SymOp.T_DEN;

    private HallSymbol() {
    }

    /** Operators of a parsed Hall symbol: coset representatives and centring vectors. */
    record Parsed(SymOp[] smx, int[][] ltr, ChangeOfBasisOp cb) {
    }

    /**
     * Parses and closes a Hall symbol.
     *
     * @throws IllegalArgumentException on a malformed symbol
     */
    static Parsed parse(String hall) {
        String s = hall.replace('_', ' ').replace('\t', ' ').trim();
        ChangeOfBasisOp cb = null;
        int lp = s.indexOf('(');
        if (lp >= 0) {
            int rp = s.indexOf(')', lp);
            if (rp < 0) {
                throw new IllegalArgumentException("missing ')' in Hall symbol '" + hall + "'");
            }
            if (!s.substring(rp + 1).isBlank()) {
                throw new IllegalArgumentException("unexpected characters after ')' in Hall symbol '" + hall + "'");
            }
            cb = parseChangeOfBasis(s.substring(lp + 1, rp), hall);
            s = s.substring(0, lp).trim();
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty Hall symbol '" + hall + "'");
        }
        boolean centro = false;
        int pos = 0;
        if (s.charAt(0) == '-') {
            centro = true;
            pos = 1;
            while (pos < s.length() && s.charAt(pos) == ' ') {
                pos++;
            }
        }
        if (pos >= s.length()) {
            throw new IllegalArgumentException("missing lattice symbol in Hall symbol '" + hall + "'");
        }
        int[][] ltr = centringVectors(Character.toUpperCase(s.charAt(pos)), hall);
        String rest = s.substring(pos + 1).trim();
        List<SymOp> gens = new ArrayList<>();
        if (!rest.isEmpty()) {
            String[] tokens = rest.split(" +");
            int prevN = 0;
            char prevAxis = 'z';
            for (int i = 0; i < tokens.length; i++) {
                String tok = tokens[i];
                if (tok.equals("1")) {
                    continue; // identity placeholder, e.g. "P 1"
                }
                MatrixSymbol m = matrixSymbol(tok, i + 1, prevN, prevAxis, hall);
                gens.add(m.op);
                prevN = m.n;
                prevAxis = m.axis;
            }
        }
        if (centro) {
            gens.add(SymOp.of(new int[] {-1, 0, 0, 0, -1, 0, 0, 0, -1}, new int[3]));
        }
        SymOp[] smx = dimino(gens);
        return new Parsed(smx, ltr, cb);
    }

    private record MatrixSymbol(SymOp op, int n, char axis) {
    }

    private static MatrixSymbol matrixSymbol(String tok, int position, int prevN, char prevAxis, String hall) {
        int p = 0;
        boolean neg = false;
        if (tok.charAt(0) == '-') {
            neg = true;
            p = 1;
        }
        if (p >= tok.length()) {
            throw new IllegalArgumentException("bad matrix symbol '" + tok + "' in Hall symbol '" + hall + "'");
        }
        char nc = tok.charAt(p++);
        if (nc != '1' && nc != '2' && nc != '3' && nc != '4' && nc != '6') {
            throw new IllegalArgumentException("rotation order must be 1, 2, 3, 4 or 6 in '" + tok
                    + "' of Hall symbol '" + hall + "'");
        }
        int n = nc - '0';
        int screw = 0;
        char principal = 0;
        char diagonal = 0;
        int[] t = new int[3];
        for (; p < tok.length(); p++) {
            char ch = Character.toLowerCase(tok.charAt(p));
            switch (ch) {
                case '1': case '2': case '3': case '4': case '5':
                    if (screw != 0) {
                        throw new IllegalArgumentException("two screw subscripts in '" + tok + "' of Hall symbol '" + hall + "'");
                    }
                    screw = ch - '0';
                    break;
                case '\'': case '"': case '*':
                    if (n != (ch == '*' ? 3 : 2)) {
                        throw new IllegalArgumentException("axis symbol " + ch + " not allowed for order " + n
                                + " in '" + tok + "' of Hall symbol '" + hall + "'");
                    }
                    diagonal = ch;
                    break;
                case 'x': case 'y': case 'z':
                    principal = ch;
                    break;
                case 'a': add(t, D / 2, 0, 0); break;
                case 'b': add(t, 0, D / 2, 0); break;
                case 'c': add(t, 0, 0, D / 2); break;
                case 'n': add(t, D / 2, D / 2, D / 2); break;
                case 'u': add(t, D / 4, 0, 0); break;
                case 'v': add(t, 0, D / 4, 0); break;
                case 'w': add(t, 0, 0, D / 4); break;
                case 'd': add(t, D / 4, D / 4, D / 4); break;
                default:
                    throw new IllegalArgumentException("unknown character '" + tok.charAt(p) + "' in '" + tok
                            + "' of Hall symbol '" + hall + "'");
            }
        }
        if (principal == 0 && diagonal == 0) {
            if (position == 1) {
                principal = 'z';
            } else if (position == 2 && n == 2 && (prevN == 2 || prevN == 4)) {
                principal = 'x';
            } else if (position == 2 && n == 2 && (prevN == 3 || prevN == 6)) {
                diagonal = '\'';
            } else if (position == 3 && n == 3) {
                diagonal = '*';
            } else if (n != 1) {
                throw new IllegalArgumentException("missing axis in '" + tok + "' of Hall symbol '" + hall + "'");
            }
        }
        // the face diagonals ' and " refer to the preceding axis unless an axis is given
        char frame = principal != 0 ? principal : (diagonal == '*' ? 'z' : (diagonal != 0 ? prevAxis : 'z'));
        int[] r = zRotation(diagonal != 0 ? diagonal : (char) ('0' + n));
        r = permute(r, frame);
        if (neg) {
            for (int i = 0; i < 9; i++) {
                r[i] = -r[i];
            }
        }
        if (screw != 0) {
            if (principal == 0 && diagonal != 0) {
                throw new IllegalArgumentException("screw subscript on a diagonal axis in '" + tok
                        + "' of Hall symbol '" + hall + "'");
            }
            t[frame - 'x'] += D / n * screw;
        }
        char axisOut = principal != 0 ? principal : frame;
        return new MatrixSymbol(SymOp.of(r, t), n, axisOut);
    }

    private static void add(int[] t, int x, int y, int z) {
        t[0] += x;
        t[1] += y;
        t[2] += z;
    }

    /** Rotation matrices for axes along z (Hall 1981 Tables 3 and 4), row-major. */
    private static int[] zRotation(char kind) {
        switch (kind) {
            case '1': return new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1};
            case '2': return new int[] {-1, 0, 0, 0, -1, 0, 0, 0, 1};
            case '3': return new int[] {0, -1, 0, 1, -1, 0, 0, 0, 1};
            case '4': return new int[] {0, -1, 0, 1, 0, 0, 0, 0, 1};
            case '6': return new int[] {1, -1, 0, 1, 0, 0, 0, 0, 1};
            case '\'': return new int[] {0, -1, 0, -1, 0, 0, 0, 0, -1}; // 2-fold along a-b
            case '"': return new int[] {0, 1, 0, 1, 0, 0, 0, 0, -1};    // 2-fold along a+b
            case '*': return new int[] {0, 0, 1, 1, 0, 0, 0, 1, 0};     // 3-fold along a+b+c
            default: throw new IllegalStateException("no rotation " + kind);
        }
    }

    /** Re-expresses a z-axis matrix for an axis along x or y by cyclic permutation. */
    private static int[] permute(int[] r, char axis) {
        int[] q;
        if (axis == 'x') {
            q = new int[] {2, 0, 1};
        } else if (axis == 'y') {
            q = new int[] {1, 2, 0};
        } else {
            return r;
        }
        int[] o = new int[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                o[3 * i + j] = r[3 * q[i] + q[j]];
            }
        }
        return o;
    }

    /** Centring vectors (in 1/24) of a lattice symbol, the zero vector first. */
    static int[][] centringVectors(char lattice, String hall) {
        int h = D / 2;
        int t = D / 3;
        int d = 2 * t;
        switch (lattice) {
            case 'P': return new int[][] {{0, 0, 0}};
            case 'A': return new int[][] {{0, 0, 0}, {0, h, h}};
            case 'B': return new int[][] {{0, 0, 0}, {h, 0, h}};
            case 'C': return new int[][] {{0, 0, 0}, {h, h, 0}};
            case 'I': return new int[][] {{0, 0, 0}, {h, h, h}};
            case 'R': return new int[][] {{0, 0, 0}, {d, t, t}, {t, d, d}};
            case 'S': return new int[][] {{0, 0, 0}, {t, t, d}, {d, d, t}};
            case 'T': return new int[][] {{0, 0, 0}, {t, d, t}, {d, t, d}};
            case 'H': return new int[][] {{0, 0, 0}, {d, t, 0}, {t, d, 0}};
            case 'F': return new int[][] {{0, 0, 0}, {0, h, h}, {h, 0, h}, {h, h, 0}};
            default:
                throw new IllegalArgumentException("unknown lattice symbol '" + lattice + "' in Hall symbol '" + hall + "'");
        }
    }

    private static ChangeOfBasisOp parseChangeOfBasis(String v, String hall) {
        String s = v.trim();
        if (s.indexOf(',') >= 0) {
            return ChangeOfBasisOp.parse(s);
        }
        String[] parts = s.split("\\s+");
        if (parts.length != 3) {
            throw new IllegalArgumentException("expected three twelfths in origin shift '(" + v + ")' of Hall symbol '" + hall + "'");
        }
        StringBuilder sb = new StringBuilder();
        String[] xyz = {"x", "y", "z"};
        for (int i = 0; i < 3; i++) {
            int n;
            try {
                n = Integer.parseInt(parts[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad origin shift '(" + v + ")' in Hall symbol '" + hall + "'", e);
            }
            if (i > 0) {
                sb.append(',');
            }
            sb.append(xyz[i]);
            if (n != 0) {
                sb.append(n > 0 ? "+" : "-").append(Math.abs(n)).append("/12");
            }
        }
        return ChangeOfBasisOp.parse(sb.toString());
    }

    /**
     * Dimino's algorithm over rotation parts (centring vectors are kept separately, so
     * elements are compared by rotation only), translations wrapped into [0, 1).
     *
     * @param gens generators (identity excluded), in order
     * @return the coset representatives, identity first
     */
    static SymOp[] dimino(List<SymOp> gens) {
        List<SymOp> el = new ArrayList<>();
        el.add(SymOp.identity());
        if (gens.isEmpty()) {
            return el.toArray(new SymOp[0]);
        }
        final int max = 192;
        SymOp g0 = gens.get(0).wrapped();
        if (!g0.isPureTranslation()) {
            el.add(g0);
            for (SymOp p = g0.multiplyWrapped(g0); !p.isPureTranslation(); p = p.multiplyWrapped(g0)) {
                el.add(p);
                if (el.size() > max) {
                    throw new IllegalArgumentException("generators do not form a crystallographic group");
                }
            }
        }
        List<SymOp> g = new ArrayList<>();
        for (SymOp s : gens) {
            g.add(s.wrapped());
        }
        for (int i = 1; i < g.size(); i++) {
            List<SymOp> reps = new ArrayList<>();
            reps.add(SymOp.identity());
            int initSize = el.size();
            while (true) {
                int len = reps.size();
                for (int j = 0; j < len; j++) {
                    for (int n = 0; n <= i; n++) {
                        SymOp sg = g.get(n).multiplyWrapped(reps.get(j));
                        if (findByRotation(el, sg.r) < 0) {
                            el.add(sg);
                            for (int k = 1; k < initSize; k++) {
                                el.add(sg.multiplyWrapped(el.get(k)));
                            }
                            reps.add(sg);
                        }
                    }
                }
                if (len == reps.size()) {
                    break;
                }
                if (el.size() > max) {
                    throw new IllegalArgumentException("generators do not form a crystallographic group");
                }
            }
        }
        return el.toArray(new SymOp[0]);
    }

    static int findByRotation(List<SymOp> ops, int[] r) {
        for (int i = 0; i < ops.size(); i++) {
            if (Arrays.equals(ops.get(i).r, r)) {
                return i;
            }
        }
        return -1;
    }

    /** Normalises whitespace of a Hall symbol for comparisons. */
    static String normalise(String hall) {
        return hall.replace('_', ' ').trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    }
}
