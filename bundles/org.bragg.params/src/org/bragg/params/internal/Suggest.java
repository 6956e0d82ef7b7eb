package org.bragg.params.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** "Did you mean" suggestions by edit distance. */
public final class Suggest {

    private Suggest() {
    }

    /** Levenshtein distance. */
    public static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Up to {@code limit} paths of {@code pool} close to {@code name}: scored by the smallest edit
     * distance between the last components, between {@code name} and the path's tail with as many
     * components, and between {@code name} and the whole path, accepted if at most max(1, n/5) where n
     * is the length of the last component asked for; then paths whose last component contains the one
     * asked for, or is contained in it (partial names such as {@code spot_size}).
     *
     * @param skip number of leading path components to ignore (the enclosing block's path)
     */
    public static List<String> similar(String name, List<Tree.Entry> pool, int skip, int limit) {
        String[] want = name.split("\\.");
        String wantLast = want[want.length - 1];
        int threshold = Math.max(1, wantLast.length() / 5);
        record Scored(String path, int score) {
        }
        List<Scored> hits = new ArrayList<>();
        for (Tree.Entry e : pool) {
            String[] c = e.comps();
            if (c.length <= skip) {
                continue;
            }
            String last = c[c.length - 1];
            int score = distance(wantLast, last);
            int from = Math.max(skip, c.length - want.length);
            score = Math.min(score, distance(name, String.join(".", java.util.Arrays.copyOfRange(c, from, c.length))));
            score = Math.min(score, distance(name, String.join(".", java.util.Arrays.copyOfRange(c, skip, c.length))));
            if (score > threshold && wantLast.length() >= 3 && (last.contains(wantLast) || wantLast.contains(last))) {
                score = threshold + 1; // partial name: after the typo matches
                hits.add(new Scored(e.path(), score));
                continue;
            }
            if (score <= threshold) {
                hits.add(new Scored(e.path(), score));
            }
        }
        hits.sort(Comparator.comparingInt(Scored::score).thenComparing(Scored::path));
        List<String> out = new ArrayList<>();
        for (Scored s : hits) {
            if (out.size() == limit) {
                break;
            }
            out.add(s.path());
        }
        return out;
    }
}
