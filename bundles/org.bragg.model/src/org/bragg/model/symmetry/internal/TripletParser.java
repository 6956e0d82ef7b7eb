package org.bragg.model.symmetry.internal;

import java.util.Locale;

/**
 * Parser for coordinate triplets such as {@code "-y,x-y,z+1/3"}, {@code "a+b,-a+b,c"},
 * {@code "1/2*a+1/2*b,c,-b"}, {@code "h+k,-h+k,l"} or {@code "X+1/2,-Y,Z"}.
 *
 * <p>Each of the three comma-separated parts is a sum of terms; a term is an optional sign
 * followed by one of: {@code letter}, {@code letter/q}, {@code p*letter}, {@code p/q*letter},
 * {@code p letter} (implicit product), {@code p} or {@code p/q} (a constant). Letters are
 * case-insensitive and must all come from one family: {@code x,y,z}, {@code a,b,c} or
 * {@code h,k,l}. Blanks and {@code '_'} are ignored.
 *
 * <p>The result is the matrix whose row i holds the coefficients of part i, with the
 * constants as translation (not interpreted further: the caller decides what a triplet in a
 * given family means).
 */
public final class TripletParser {

    /** Result: the parsed matrix and the letter family ('x', 'a', 'h'). */
    public record Parsed(RtMx matrix, char family) {
    }

    private TripletParser() {
    }

    /**
     * Parses a triplet.
     *
     * @param s the text, not null
     * @return matrix and letter family
     * @throws IllegalArgumentException on a syntax error, naming the text and the position
     */
    public static Parsed parse(String s) {
        String[] parts = s.split(",", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException(
                    "expected three comma-separated parts in triplet, found " + parts.length
                            + ": '" + s + "'");
        }
        // accumulate as fractions p/q per element, then bring to a common denominator
        long[][] p = new long[3][4];
        long[][] q = new long[3][4];
        char[] family = {0};
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                q[i][j] = 1;
            }
            parsePart(parts[i], s, p[i], q[i], family);
        }
        long den = 1;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                den = lcm(den, q[i][j]);
            }
        }
        long[] num = new long[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                num[3 * i + j] = p[i][j] * (den / q[i][j]);
            }
            num[9 + i] = p[i][3] * (den / q[i][3]);
        }
        if (family[0] == 0) {
            throw new IllegalArgumentException("no x/y/z, a/b/c or h/k/l in triplet: '" + s + "'");
        }
        return new Parsed(RtMx.of(num, den), family[0]);
    }

    private static void parsePart(String part, String whole, long[] p, long[] q, char[] family) {
        String t = part.replace(" ", "").replace("_", "").replace("\t", "")
                .toLowerCase(Locale.ROOT);
        if (t.isEmpty()) {
            throw new IllegalArgumentException("empty part in triplet: '" + whole + "'");
        }
        int pos = 0;
        int n = t.length();
        while (pos < n) {
            long sign = 1;
            if (t.charAt(pos) == '+' || t.charAt(pos) == '-') {
                sign = t.charAt(pos) == '-' ? -1 : 1;
                pos++;
            } else if (pos > 0) {
                throw new IllegalArgumentException(
                        "expected '+' or '-' at '" + t.substring(pos) + "' in triplet: '" + whole + "'");
            }
            if (pos >= n) {
                throw new IllegalArgumentException("trailing sign in triplet: '" + whole + "'");
            }
            long cp = 1;
            long cq = 1;
            boolean haveNumber = false;
            if (Character.isDigit(t.charAt(pos))) {
                int st = pos;
                while (pos < n && Character.isDigit(t.charAt(pos))) {
                    pos++;
                }
                cp = Long.parseLong(t.substring(st, pos));
                haveNumber = true;
                if (pos < n && t.charAt(pos) == '/') {
                    pos++;
                    cq = readInt(t, pos, whole);
                    pos = skipDigits(t, pos);
                }
                if (pos < n && t.charAt(pos) == '*') {
                    pos++;
                    if (pos >= n || letterIndex(t.charAt(pos)) < 0) {
                        throw new IllegalArgumentException("expected a letter after '*' in triplet: '" + whole + "'");
                    }
                }
            }
            int col = 3;
            if (pos < n && letterIndex(t.charAt(pos)) >= 0) {
                char c = t.charAt(pos);
                col = letterIndex(c);
                char fam = familyOf(c);
                if (family[0] != 0 && family[0] != fam) {
                    throw new IllegalArgumentException(
                            "mixed letter families (" + family[0] + " and " + fam + ") in triplet: '" + whole + "'");
                }
                family[0] = fam;
                pos++;
                if (pos < n && t.charAt(pos) == '/') {
                    pos++;
                    long d = readInt(t, pos, whole);
                    pos = skipDigits(t, pos);
                    cq *= d;
                }
            } else if (!haveNumber) {
                throw new IllegalArgumentException(
                        "unexpected character '" + (pos < n ? t.charAt(pos) : ' ') + "' in triplet: '" + whole + "'");
            }
            if (cq == 0) {
                throw new IllegalArgumentException("zero denominator in triplet: '" + whole + "'");
            }
            // p/q += sign*cp/cq
            long np = p[col] * cq + sign * cp * q[col];
            long nq = q[col] * cq;
            long g = RtMx.gcd(np, nq);
            if (g > 1) {
                np /= g;
                nq /= g;
            }
            p[col] = np;
            q[col] = nq;
        }
    }

    private static long readInt(String t, int pos, String whole) {
        int e = skipDigits(t, pos);
        if (e == pos) {
            throw new IllegalArgumentException("expected a number after '/' in triplet: '" + whole + "'");
        }
        return Long.parseLong(t.substring(pos, e));
    }

    private static int skipDigits(String t, int pos) {
        while (pos < t.length() && Character.isDigit(t.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int letterIndex(char c) {
        switch (c) {
            case 'x': case 'a': case 'h':
                return 0;
            case 'y': case 'b': case 'k':
                return 1;
            case 'z': case 'c': case 'l':
                return 2;
            default:
                return -1;
        }
    }

    private static char familyOf(char c) {
        switch (c) {
            case 'x': case 'y': case 'z':
                return 'x';
            case 'a': case 'b': case 'c':
                return 'a';
            default:
                return 'h';
        }
    }

    private static long lcm(long a, long b) {
        return a / RtMx.gcd(a, b) * b;
    }
}
