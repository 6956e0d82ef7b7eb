package org.bragg.model.symmetry;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table of space-group settings: the 230 types in their ITA settings plus the other
 * settings listed by gemmi (559 entries for gemmi 0.5.7: monoclinic unique axes and cell
 * choices, orthorhombic permutations, origin choices, rhombohedral/hexagonal axes, CCP4
 * syminfo.lib extras and enlarged cells).
 *
 * <p>The data come from the class-path resource {@code spacegroups.tsv} next to this class,
 * generated from gemmi by {@code dev/gen_spacegroups.py} (never edited by hand; its header
 * records the command and the gemmi version). It is read lazily on first use with
 * {@code SpaceGroups.class.getResourceAsStream}, which works inside OSGi.
 *
 * @since 0.1
 */
public final class SpaceGroups {

    /** Resource name, relative to this class. */
    public static final String RESOURCE = "spacegroups.tsv";

    /** Enantiomorphic partner of a type and whether the inverted reference setting is the
     * partner's reference setting exactly. */
    record Partner(int number, boolean exact) {
    }

    private SpaceGroups() {
    }

    private static final class Table {
        static final Table INSTANCE = load();

        final List<SpaceGroupEntry> entries;
        final String header;
        final SpaceGroupEntry[] references = new SpaceGroupEntry[231];
        final Map<String, SpaceGroupEntry> names = new HashMap<>();
        final Map<String, Integer> nameRank = new HashMap<>();
        final Map<String, SpaceGroupEntry> halls = new HashMap<>();
        final Map<Integer, SpaceGroupEntry> ccp4 = new HashMap<>();
        final Map<String, List<SpaceGroupEntry>> byKey = new HashMap<>();
        final Map<Integer, Partner> partners = new HashMap<>();

        Table(List<SpaceGroupEntry> entries, String header) {
            this.entries = Collections.unmodifiableList(entries);
            this.header = header;
            for (SpaceGroupEntry e : entries) {
                if (e.isReference() && references[e.number()] == null) {
                    references[e.number()] = e;
                }
                if (e.ccp4() != 0) {
                    ccp4.putIfAbsent(e.ccp4(), e);
                }
                halls.putIfAbsent(HallSymbol.normalise(e.hall()), e);
                int rank = e.ext().equals("2") || e.ext().equals("H") ? 1 : 0;
                String main = nameKey(e.hm());
                putName(main + (e.ext().isEmpty() ? "" : ":" + e.ext()), e, 10);
                putName(main, e, rank);
                putName(nameKey(e.shortName()), e, rank);
                byKey.computeIfAbsent(SpaceGroup.key(e.orderP(), e.operators().size() / e.orderP(), e.pointGroup()),
                        k -> new ArrayList<>()).add(e);
            }
            for (int n = 1; n <= 230; n++) {
                if (references[n] == null) {
                    throw new IllegalStateException(RESOURCE + ": no reference setting for space group " + n);
                }
            }
        }

        private void putName(String key, SpaceGroupEntry e, int rank) {
            Integer old = nameRank.get(key);
            if (old == null || rank > old) {
                names.put(key, e);
                nameRank.put(key, rank);
            }
        }
    }

    private static Table load() {
        try (InputStream in = SpaceGroups.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + RESOURCE + " next to "
                        + SpaceGroups.class.getName() + " is missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<SpaceGroupEntry> entries = new ArrayList<>(600);
            StringBuilder header = new StringBuilder();
            String line;
            boolean columns = false;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.startsWith("#")) {
                    header.append(line).append('\n');
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (!columns) {
                    if (!f[0].equals("index") || f.length != 22) {
                        throw new IllegalStateException(RESOURCE + " line " + lineNo
                                + ": expected the 22-column header starting with 'index', found '" + line + "'");
                    }
                    columns = true;
                    continue;
                }
                if (f.length != 22) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNo + ": expected 22 columns, found " + f.length);
                }
                entries.add(new SpaceGroupEntry(f));
            }
            return new Table(entries, header.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** All table entries in gemmi order (unmodifiable). */
    public static List<SpaceGroupEntry> entries() {
        return Table.INSTANCE.entries;
    }

    /** The comment header of the resource (generator command and gemmi version). */
    public static String provenance() {
        return Table.INSTANCE.header;
    }

    /**
     * The reference-setting entry of type {@code number}.
     *
     * @throws IllegalArgumentException if number is not in 1..230
     */
    public static SpaceGroupEntry referenceEntry(int number) {
        if (number < 1 || number > 230) {
            throw new IllegalArgumentException("space-group number must be 1..230, found " + number);
        }
        return Table.INSTANCE.references[number];
    }

    /** The entry with a CCP4 space-group number (e.g. 3005 = C 1 21 1 setting). */
    public static Optional<SpaceGroupEntry> byCcp4Number(int ccp4) {
        return Optional.ofNullable(Table.INSTANCE.ccp4.get(ccp4));
    }

    /**
     * Finds an entry by Hermann–Mauguin symbol, ignoring blanks and the case of all but the
     * first letter: full symbols ({@code "P 1 21 1"}), short names ({@code "P21"},
     * {@code "P43212"}, {@code "C2"}, {@code "H3"}) and extended symbols ({@code "R 3:R"},
     * {@code "P n -3 :1"}, {@code "F d -3 m:2"}). Without an extension, origin choice 2 and
     * hexagonal axes are preferred, as in cctbx {@code space_group_info} (gemmi would pick
     * origin choice 1).
     */
    public static Optional<SpaceGroupEntry> findByName(String symbol) {
        return Optional.ofNullable(Table.INSTANCE.names.get(nameKey(symbol)));
    }

    /**
     * Finds an entry by its Hall symbol text (blanks normalised); other spellings of the same
     * group are found by {@code SpaceGroup.fromHall(s).entry()}.
     */
    public static Optional<SpaceGroupEntry> findByHall(String hall) {
        return Optional.ofNullable(Table.INSTANCE.halls.get(HallSymbol.normalise(hall)));
    }

    /** Finds the entry whose full operator set equals the group's, or null. */
    static SpaceGroupEntry findByOps(SymOp[] smx, int[][] ltr) {
        List<SpaceGroupEntry> cands = Table.INSTANCE.byKey.get(
                SpaceGroup.key(smx.length, ltr.length, SpaceGroup.classifyPointGroup(smx)));
        if (cands == null) {
            return null;
        }
        Set<SymOp> mine = new HashSet<>();
        for (int[] c : ltr) {
            for (SymOp s : smx) {
                mine.add(s.translated(c).wrapped());
            }
        }
        for (SpaceGroupEntry e : cands) {
            if (e.spaceGroup().opSet().equals(mine)) {
                return e;
            }
        }
        return null;
    }

    /** Enantiomorphic partner of an enantiomorphic type (e.g. 76 → 78). */
    static Partner enantiomorphPartner(int number) {
        Table t = Table.INSTANCE;
        synchronized (t.partners) {
            Partner p = t.partners.get(number);
            if (p != null) {
                return p;
            }
            SpaceGroupEntry ref = referenceEntry(number);
            if (!ref.isEnantiomorphic()) {
                throw new IllegalArgumentException("space group " + number + " is not enantiomorphic");
            }
            SpaceGroup g = ref.spaceGroup();
            List<SymOp> inv = new ArrayList<>();
            for (SymOp s : g.allOps()) {
                int[] tt = s.translation24();
                inv.add(SymOp.of(s.rotation(), new int[] {-tt[0], -tt[1], -tt[2]}).wrapped());
            }
            Set<SymOp> target = new HashSet<>(inv);
            SpaceGroupEntry found = null;
            for (SpaceGroupEntry e : t.entries) {
                if (e.number() != number && e.isEnantiomorphic() && e.pointGroup().equals(ref.pointGroup())
                        && e.spaceGroup().opSet().equals(target)) {
                    found = e;
                    break;
                }
            }
            if (found == null) {
                throw new IllegalStateException("no enantiomorphic partner found for space group " + number);
            }
            p = new Partner(found.number(), found.isReference());
            t.partners.put(number, p);
            return p;
        }
    }

    /** Normalised lookup key of a Hermann–Mauguin symbol. */
    static String nameKey(String symbol) {
        String s = symbol.replace("_", "").replaceAll("\\s+", "");
        String ext = "";
        int colon = s.indexOf(':');
        if (colon >= 0) {
            ext = s.substring(colon + 1).toUpperCase(Locale.ROOT);
            s = s.substring(0, colon);
        }
        if (s.isEmpty()) {
            return ":" + ext;
        }
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1).toLowerCase(Locale.ROOT);
        return ext.isEmpty() ? s : s + ":" + ext;
    }
}
