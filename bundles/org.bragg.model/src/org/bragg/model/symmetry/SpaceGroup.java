package org.bragg.model.symmetry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.bragg.model.symmetry.internal.RtMx;

/**
 * A crystallographic space group in a given setting: the symmetry operators without
 * centring ({@link #symOps()}, cctbx "smx", gemmi {@code sym_ops}; identity first) and the
 * centring translations ({@link #centringVectors()}, cctbx "ltr", gemmi {@code cen_ops};
 * zero vector first). The full group is every symmetry operator plus every centring vector,
 * translations taken modulo 1.
 *
 * <p><b>Creation.</b> {@link #fromHall(String)} parses Hall symbols (Hall 1981,
 * Acta Cryst. A37, 517; Grosse-Kunstleve 1999, Acta Cryst. A55, 383);
 * {@link #fromNumber(int)}, {@link #fromSymbol(String)} and {@link #parse(String)} use the
 * table of {@link SpaceGroups} (generated from gemmi); {@link #fromOps(Collection)} closes
 * any set of operators, keeping their order. Groups equal (as operator sets) to a table
 * entry know that entry ({@link #entry()}); groups obtained by {@link #changeBasis} from a
 * known group remember the change of basis from the reference setting, so that the
 * space-group type, symbols and the reciprocal ASU stay available.
 *
 * <p><b>Operator order and ISYM.</b> Table and Hall-symbol groups list operators in gemmi's
 * order (Dimino's algorithm on the Hall generators), groups made by {@link #fromOps} in the
 * given order. MTZ ISYM codes returned by {@link #toAsu} refer to this order, so an MTZ
 * writer must write {@link #symOps()} as its SYMM records (as gemmi does). cctbx orders
 * the operators of 159 of the 559 table settings differently (e.g. P 4 2 2), so to
 * interpret the M/ISYM column of a file written by DIALS/iotbx, build the group from that
 * file's SYMM records with {@link #fromOps(Collection)}.
 *
 * <p><b>Reflections</b> are row vectors transformed as h·R (cctbx/gemmi). Systematic
 * absences, centric flags and ε follow cctbx {@code space_group.is_sys_absent},
 * {@code is_centric} and {@code epsilon}; the reciprocal asymmetric unit follows CCP4 as
 * described at {@link #toAsu(int, int, int)}.
 *
 * <p>Immutable and thread-safe; {@link #toAsu(int, int, int, int[], int)} does not
 * allocate.
 *
 * @since 0.1
 */
public final class SpaceGroup {

    private static final int D = SymOp.T_DEN;

    private final SymOp[] smx;
    private final int[][] ltr;
    private final int[] rot;   // 9 per smx, row-major
    private final int[] tr;    // 3 per smx, in 1/24
    private final SpaceGroupEntry entry;       // exact table match, or null
    private final SpaceGroupEntry reference;   // reference-setting entry of the type, or null
    private final ChangeOfBasisOp cbFromReference; // reference -> this, or null
    private final boolean exact;               // this == reference changed by cbFromReference
    private final String pointGroup;
    private volatile ReciprocalAsu asu;
    private volatile Set<SymOp> opSet;

    SpaceGroup(SymOp[] smx, int[][] ltr, SpaceGroupEntry entry, SpaceGroupEntry reference,
            ChangeOfBasisOp cbFromReference, boolean exact) {
        this.smx = smx;
        this.ltr = ltr;
        this.entry = entry;
        this.reference = reference;
        this.cbFromReference = cbFromReference;
        this.exact = exact && reference != null;
        int n = smx.length;
        rot = new int[9 * n];
        tr = new int[3 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(smx[i].r, 0, rot, 9 * i, 9);
            System.arraycopy(smx[i].t, 0, tr, 3 * i, 3);
        }
        pointGroup = classifyPointGroup(smx);
    }

    // ------------------------------------------------------------------ factories

    /**
     * The group of a Hall symbol (Hall 1981, Acta Cryst. A37, 517; explicit definitions of
     * Grosse-Kunstleve 1999, Acta Cryst. A55, 383), e.g. {@code "-P 4 2"},
     * {@code "P 4nw 2abw"}, {@code "F 4d 2 3 -1ad"}, {@code "P 31 2 (0 0 4)"},
     * {@code "P 2yb (x,y,z+1/4)"}.
     *
     * <p>Grammar: {@code [-]L N₁ N₂ … [(V)]}. A leading {@code -} adds the inversion at the
     * origin; L ∈ {P, A, B, C, I, R, S, T, F, H} gives the centring vectors; each matrix
     * symbol is {@code [-]N[axis][translations]} with N ∈ {1, 2, 3, 4, 6}, axis x, y, z, or
     * ' and " (2-fold face diagonals, relative to the preceding axis) or * (3-fold along
     * a+b+c); translation symbols a, b, c (½ along a, b, c), n (½,½,½), u, v, w (¼ along a,
     * b, c), d (¼,¼,¼) and a screw digit m (m/N along the axis). Default axes: z first; x for
     * a 2 after a 2 or 4, ' for a 2 after a 3 or 6; * for a 3 in third position. The
     * optional change of basis V, a triplet {@code (x,y,z+1/4)} or a shift in twelfths
     * {@code (0 0 1)}, transforms every operator s into V·s·V⁻¹ (cctbx and gemmi
     * convention). The generators are closed with Dimino's algorithm in gemmi's order, so
     * operator order and ISYM numbers match gemmi.
     *
     * @throws IllegalArgumentException if the symbol is malformed
     */
    public static SpaceGroup fromHall(String hall) {
        HallSymbol.Parsed p = HallSymbol.parse(hall);
        SpaceGroup core = identify(p.smx(), p.ltr(), null, null);
        return p.cb() == null ? core : core.changeBasis(p.cb());
    }

    /**
     * The reference setting of space-group type {@code number} (1–230), as cctbx
     * {@code space_group_info(number)}.
     *
     * @throws IllegalArgumentException if the number is out of range
     */
    public static SpaceGroup fromNumber(int number) {
        return SpaceGroups.referenceEntry(number).spaceGroup();
    }

    /**
     * Looks up a Hermann–Mauguin symbol in the table (see {@link SpaceGroups#findByName}).
     *
     * @throws IllegalArgumentException if the symbol is not in the table
     */
    public static SpaceGroup fromSymbol(String hm) {
        return SpaceGroups.findByName(hm)
                .orElseThrow(() -> new IllegalArgumentException("unknown space-group symbol '" + hm + "'"))
                .spaceGroup();
    }

    /**
     * Interprets a user-supplied space group as DIALS/cctbx {@code space_group_info(symbol)}
     * does: a number 1–230 (reference setting), {@code "Hall: …"}, a Hermann–Mauguin symbol
     * with optional {@code :1}/{@code :2}/{@code :H}/{@code :R} (full, e.g.
     * {@code "P 1 21 1"}, or short, e.g. {@code "P21"}, {@code "P43212"}; without an
     * extension origin choice 2 and hexagonal axes are chosen, as in cctbx), or finally a
     * Hall symbol.
     *
     * @throws IllegalArgumentException if nothing matches; callers reading user input should
     *         wrap it with the parameter name
     */
    public static SpaceGroup parse(String symbol) {
        String s = symbol.trim();
        if (s.regionMatches(true, 0, "hall:", 0, 5)) {
            return fromHall(s.substring(5));
        }
        if (!s.isEmpty() && s.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 230) {
                return fromNumber(n);
            }
            return SpaceGroups.byCcp4Number(n)
                    .orElseThrow(() -> new IllegalArgumentException("no space group number " + s)).spaceGroup();
        }
        var e = SpaceGroups.findByName(s);
        if (e.isPresent()) {
            return e.get().spaceGroup();
        }
        try {
            return fromHall(s);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("unknown space group '" + symbol
                    + "': neither a number, a Hermann-Mauguin symbol of the table nor a Hall symbol", ex);
        }
    }

    /** The space group P 1. */
    public static SpaceGroup p1() {
        return fromNumber(1);
    }

    /**
     * Closes a set of operators into a group. The operators keep their order (duplicates
     * and operators equal modulo lattice translations dropped; identity moved first);
     * products needed for closure are appended. Pure translations become centring vectors.
     *
     * @param ops operators, e.g. the SYMM records of an MTZ file
     * @throws IllegalArgumentException if the closure is not a crystallographic space group
     */
    public static SpaceGroup fromOps(Collection<SymOp> ops) {
        List<SymOp> gens = new ArrayList<>(ops.size());
        for (SymOp o : ops) {
            gens.add(o.wrapped());
        }
        SymOp[][] split = new SymOp[1][];
        int[][][] cen = new int[1][][];
        close(gens, Collections.emptyList(), split, cen);
        return identify(split[0], cen[0], null, null);
    }

    /** Identifies a raw group against the table, or keeps a derivation. */
    private static SpaceGroup identify(SymOp[] smx, int[][] ltr, SpaceGroupEntry ref, ChangeOfBasisOp cbFromRef) {
        SpaceGroupEntry e = SpaceGroups.findByOps(smx, ltr);
        if (e != null) {
            return new SpaceGroup(smx, ltr, e, SpaceGroups.referenceEntry(e.number()),
                    ChangeOfBasisOp.parse(e.basisOp()), true);
        }
        return new SpaceGroup(smx, ltr, null, ref, cbFromRef, true);
    }

    /**
     * General closure. {@code first} are group elements (kept in order, identity inserted
     * first), {@code extra} further generators (e.g. lattice translations). Results: split
     * coset representatives (first occurrence per rotation) and centring vectors.
     */
    private static void close(List<SymOp> first, List<SymOp> extra, SymOp[][] smxOut, int[][][] ltrOut) {
        LinkedHashSet<SymOp> el = new LinkedHashSet<>();
        el.add(SymOp.identity());
        el.addAll(first);
        List<SymOp> gens = new ArrayList<>(first);
        gens.addAll(extra);
        for (SymOp g : extra) {
            el.add(g);
        }
        List<SymOp> list = new ArrayList<>(el);
        final int max = 48 * 64;
        for (int i = 0; i < list.size(); i++) {
            SymOp x = list.get(i);
            for (SymOp g : gens) {
                SymOp p = g.multiplyWrapped(x);
                if (el.add(p)) {
                    list.add(p);
                    if (list.size() > max) {
                        throw new IllegalArgumentException("operators do not generate a finite crystallographic space group");
                    }
                }
            }
        }
        List<SymOp> reps = new ArrayList<>();
        List<int[]> cen = new ArrayList<>();
        for (SymOp o : list) {
            if (o.rotationType() == 0) {
                throw new IllegalArgumentException("not a crystallographic rotation: " + o);
            }
            if (o.isPureTranslation()) {
                cen.add(o.t.clone());
            }
            if (HallSymbol.findByRotation(reps, o.r) < 0) {
                reps.add(o);
            }
        }
        if (reps.size() * cen.size() != list.size() || reps.size() > 48) {
            throw new IllegalArgumentException("operators do not form a space group (" + list.size() + " elements, "
                    + reps.size() + " rotations, " + cen.size() + " centring vectors)");
        }
        smxOut[0] = reps.toArray(new SymOp[0]);
        ltrOut[0] = cen.toArray(new int[0][]);
    }

    // ------------------------------------------------------------------ operators

    /** Number of operators without centring (cctbx {@code order_p}). */
    public int orderP() {
        return smx.length;
    }

    /** Order of the group including centring (cctbx {@code order_z}). */
    public int order() {
        return smx.length * ltr.length;
    }

    /** Symmetry operator i (0 ≤ i &lt; {@link #orderP()}), translation in [0, 1). */
    public SymOp symOp(int i) {
        return smx[i];
    }

    /** The symmetry operators without centring, identity first (unmodifiable). */
    public List<SymOp> symOps() {
        return List.of(smx);
    }

    /** Number of centring vectors including the zero vector. */
    public int centringCount() {
        return ltr.length;
    }

    /** Centring vector i as numerators over {@link SymOp#T_DEN} (new int[3]); vector 0 is zero. */
    public int[] centringVector(int i) {
        return ltr[i].clone();
    }

    /** All centring vectors as fractions, [n][3]. */
    public double[][] centringVectors() {
        double[][] o = new double[ltr.length][3];
        for (int i = 0; i < ltr.length; i++) {
            for (int j = 0; j < 3; j++) {
                o[i][j] = ltr[i][j] / (double) D;
            }
        }
        return o;
    }

    /**
     * All operators (every symmetry operator plus every centring vector, translation in
     * [0, 1)), in gemmi's iteration order: all {@link #symOps()} for centring vector 0,
     * then for vector 1, ...
     */
    public List<SymOp> allOps() {
        List<SymOp> o = new ArrayList<>(order());
        for (int[] c : ltr) {
            for (SymOp s : smx) {
                o.add(s.translated(c).wrapped());
            }
        }
        return Collections.unmodifiableList(o);
    }

    /** The full operator set (unmodifiable), for comparisons. */
    public Set<SymOp> opSet() {
        Set<SymOp> s = opSet;
        if (s == null) {
            s = Collections.unmodifiableSet(new HashSet<>(allOps()));
            opSet = s;
        }
        return s;
    }

    /**
     * The same group expressed in a new basis: every operator s becomes c·s·c⁻¹ (cctbx
     * {@code space_group.change_basis}). When the new cell is larger, the old lattice
     * translations become centring vectors. The space-group type is carried over when the
     * new basis vectors are lattice vectors of this group (any reindexing of the same
     * lattice); otherwise the result is only identified if it is a tabulated setting.
     *
     * @throws IllegalArgumentException if the operator is incompatible with the group (a
     *         transformed rotation is not integral or a translation is not a multiple of 1/24)
     */
    public SpaceGroup changeBasis(ChangeOfBasisOp cb) {
        if (cb.isIdentity()) {
            return this;
        }
        RtMx c = cb.c();
        RtMx ci = cb.cInv();
        List<SymOp> first = new ArrayList<>();
        List<SymOp> extra = new ArrayList<>();
        try {
            for (SymOp s : smx) {
                first.add(SymOp.fromRtMx(c.multiply(s.toRtMx()).multiply(ci)).wrapped());
            }
            for (int i = 1; i < ltr.length; i++) {
                SymOp t = SymOp.of(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, ltr[i]);
                extra.add(SymOp.fromRtMx(c.multiply(t.toRtMx()).multiply(ci)).wrapped());
            }
            for (int i = 0; i < 3; i++) {
                int[] e = new int[3];
                e[i] = D;
                SymOp t = SymOp.of(new int[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, e);
                SymOp tt = SymOp.fromRtMx(c.multiply(t.toRtMx()).multiply(ci)).wrapped();
                if (!tt.isIdentity()) {
                    extra.add(tt);
                }
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("change of basis " + cb + " is incompatible with " + this + ": "
                    + e.getMessage(), e);
        }
        SymOp[][] split = new SymOp[1][];
        int[][][] cen = new int[1][][];
        close(first, extra, split, cen);
        SpaceGroupEntry ref = reference;
        ChangeOfBasisOp cbRef = cbFromReference == null ? null : cb.multiply(cbFromReference);
        boolean ex = exact;
        if (!keepsLattice(cb)) {
            // the new basis vectors are not lattice vectors of this group: the result is a
            // different crystal structure whose type is not inherited
            ref = null;
            cbRef = null;
        }
        if (cbRef != null && cbRef.determinant() < 0 && ref != null && ref.isEnantiomorphic()) {
            // the enantiomorphic partner's reference setting is the inverted reference
            // setting (checked when the table is loaded), so -I keeps this derivation exact
            SpaceGroups.Partner partner = SpaceGroups.enantiomorphPartner(ref.number());
            ref = SpaceGroups.referenceEntry(partner.number());
            cbRef = cbRef.multiply(ChangeOfBasisOp.parse("-x,-y,-z"));
            ex = ex && partner.exact();
        }
        SpaceGroupEntry e = SpaceGroups.findByOps(split[0], cen[0]);
        if (e != null) {
            return new SpaceGroup(split[0], cen[0], e, SpaceGroups.referenceEntry(e.number()),
                    ChangeOfBasisOp.parse(e.basisOp()), true);
        }
        return new SpaceGroup(split[0], cen[0], null, ref, cbRef, ex);
    }

    /**
     * True if every new basis vector (column of P, in old fractional coordinates) is a
     * lattice translation of this group (an integer vector plus a centring vector), so that
     * the change of basis describes the same lattice.
     */
    private boolean keepsLattice(ChangeOfBasisOp cb) {
        RtMx p = cb.cInv();
        long den = p.den();
        for (int j = 0; j < 3; j++) {
            int[] v = new int[3];
            for (int i = 0; i < 3; i++) {
                long num = p.rotNum(i, j) * D;
                if (num % den != 0) {
                    return false;
                }
                v[i] = (int) Math.floorMod(num / den, (long) D);
            }
            boolean found = false;
            for (int[] c : ltr) {
                if (c[0] == v[0] && c[1] == v[1] && c[2] == v[2]) {
                    found = true;
                    break;
                }
            }
            if (!found) {
                return false;
            }
        }
        return true;
    }

    // ------------------------------------------------------------------ type information

    /** The table entry this group equals (as an operator set), or null. */
    public SpaceGroupEntry entry() {
        return entry;
    }

    /** True if the space-group type (and hence number, ASU, Bravais type) is known. */
    public boolean isTypeKnown() {
        return reference != null;
    }

    private SpaceGroupEntry requireReference() {
        if (reference == null) {
            throw new IllegalStateException("space-group type unknown: " + this
                    + " is neither a setting in the table nor derived from one by a change of basis");
        }
        return reference;
    }

    /**
     * ITA space-group number 1–230.
     *
     * @throws IllegalStateException if the type is unknown ({@link #isTypeKnown()})
     */
    public int number() {
        return requireReference().number();
    }

    /**
     * Change of basis from the reference setting of this group's type to this setting
     * (cctbx {@code type().cb_op().inverse()}; gemmi {@code basisop}).
     *
     * @throws IllegalStateException if the type is unknown
     */
    public ChangeOfBasisOp cbOpFromReference() {
        requireReference();
        return cbFromReference;
    }

    /**
     * Change of basis from this setting to the reference setting (cctbx
     * {@code type().cb_op()}), e.g. to move a crystal to the reference setting.
     *
     * @throws IllegalStateException if the type is unknown
     */
    public ChangeOfBasisOp cbOpToReference() {
        return cbOpFromReference().inverse();
    }

    /** The reference setting of this group's type. */
    public SpaceGroup referenceSetting() {
        return requireReference().spaceGroup();
    }

    /**
     * Canonical Hall symbol: the table's for a tabulated setting, otherwise the reference
     * setting's Hall symbol followed by the change of basis from it, e.g.
     * {@code "P 2ac 2ab (x-1/4,y,z)"} (the form cctbx prints).
     *
     * @throws IllegalStateException if the group is not tabulated and not derived exactly
     *         from a tabulated setting
     */
    public String hallSymbol() {
        if (entry != null) {
            return entry.hall();
        }
        if (!exact) {
            throw new IllegalStateException("no Hall symbol known for " + describeOps());
        }
        return reference.hall() + " (" + cbFromReference.toXyz() + ")";
    }

    /**
     * Hermann–Mauguin symbol: gemmi's extended symbol (e.g. {@code "P 43 21 2"},
     * {@code "R 3:H"}, {@code "P n -3:2"}) for a tabulated setting, otherwise the reference
     * symbol followed by the change of basis from it, e.g. {@code "C 1 2 1 (a,b,2*c)"} (as
     * cctbx prints).
     *
     * @throws IllegalStateException if the type is unknown
     */
    public String hermannMauguin() {
        if (entry != null) {
            return entry.xhm();
        }
        return requireReference().xhm() + " (" + cbFromReference + ")";
    }

    /** The CCP4 number of a tabulated setting, 0 if none. */
    public int ccp4Number() {
        return entry == null ? 0 : entry.ccp4();
    }

    /**
     * Point-group symbol (Hermann–Mauguin, gemmi spelling: one of 1, -1, 2, m, 2/m, 222,
     * mm2, mmm, 4, -4, 4/m, 422, 4mm, -42m, 4/mmm, 3, -3, 32, 3m, -3m, 6, -6, 6/m, 622,
     * 6mm, -62m, 6/mmm, 23, m-3, 432, -43m, m-3m), determined from the rotation parts.
     */
    public String pointGroupSymbol() {
        return pointGroup;
    }

    /** Laue class symbol, e.g. {@code "4/mmm"}. */
    public String laueGroupSymbol() {
        return laueOf(pointGroup);
    }

    /** Crystal system (from the point group). */
    public CrystalSystem crystalSystem() {
        return crystalSystemOf(pointGroup);
    }

    /**
     * Bravais lattice type (aP … cF) from the crystal system and the centring of the
     * reference setting, as DIALS {@code bravais_types.bravais_lattice(group)}.
     *
     * @throws IllegalStateException if the type is unknown (triclinic groups always give aP)
     */
    public BravaisLattice bravaisLattice() {
        CrystalSystem cs = crystalSystem();
        if (cs == CrystalSystem.TRICLINIC) {
            return BravaisLattice.aP;
        }
        return BravaisLattice.of(cs, requireReference().hm().charAt(0));
    }

    /**
     * Centring type of this setting from its centring vectors: P, A, B, C, I, F, R, H, S, T,
     * or X for any other set of vectors (e.g. after enlarging the cell).
     */
    public char centringType() {
        Set<List<Integer>> mine = new HashSet<>();
        for (int[] v : ltr) {
            mine.add(List.of(v[0], v[1], v[2]));
        }
        for (char c : new char[] {'P', 'A', 'B', 'C', 'I', 'F', 'R', 'H', 'S', 'T'}) {
            Set<List<Integer>> s = new HashSet<>();
            for (int[] v : HallSymbol.centringVectors(c, "")) {
                s.add(List.of(v[0], v[1], v[2]));
            }
            if (s.equals(mine)) {
                return c;
            }
        }
        return 'X';
    }

    /** True if the group contains a rotation part −I (the inversion, anywhere). */
    public boolean isCentrosymmetric() {
        for (SymOp s : smx) {
            if (s.rotationType() == -1) {
                return true;
            }
        }
        return false;
    }

    /**
     * True if every operator is a proper rotation (det = +1): a Sohncke group, the only
     * kind possible for a chiral (e.g. protein) crystal.
     */
    public boolean isChiral() {
        for (SymOp s : smx) {
            if (s.determinant() < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * True if the type belongs to one of the 11 enantiomorphic pairs (P41/P43, P3121/P3221,
     * …), whose two members cannot be told apart by intensities alone.
     *
     * @throws IllegalStateException if the type is unknown
     */
    public boolean isEnantiomorphic() {
        return requireReference().isEnantiomorphic();
    }

    /**
     * The enantiomorphic group in the same basis: the image under inversion, every
     * operator (R, t) becoming (R, −t) (cctbx {@code change_of_hand_op} = −x,−y,−z). For
     * a group that is not of an enantiomorphic type this is the same type (possibly with a
     * different origin); for a centrosymmetric group the same group.
     */
    public SpaceGroup enantiomorph() {
        return changeBasis(ChangeOfBasisOp.parse("-x,-y,-z"));
    }

    /**
     * The point group as a space group: the rotation parts with zero translations and no
     * centring (cctbx {@code build_derived_point_group}).
     */
    public SpaceGroup pointGroup() {
        return derivedRotationGroup(false);
    }

    /**
     * The Laue group as a space group: the point group plus the inversion, no translations,
     * no centring (cctbx {@code build_derived_laue_group}).
     */
    public SpaceGroup laueGroup() {
        return derivedRotationGroup(true);
    }

    private SpaceGroup derivedRotationGroup(boolean addInversion) {
        List<SymOp> ops = new ArrayList<>();
        for (SymOp s : smx) {
            ops.add(s.rotationPart());
        }
        if (addInversion) {
            for (SymOp s : smx) {
                ops.add(s.rotationPart().negatedRotation());
            }
        }
        SymOp[][] split = new SymOp[1][];
        int[][][] cen = new int[1][][];
        close(ops, Collections.emptyList(), split, cen);
        SpaceGroupEntry e = SpaceGroups.findByOps(split[0], cen[0]);
        if (e != null) {
            return new SpaceGroup(split[0], cen[0], e, SpaceGroups.referenceEntry(e.number()),
                    ChangeOfBasisOp.parse(e.basisOp()), true);
        }
        if (reference == null || (entry != null && entry.isReference())) {
            return new SpaceGroup(split[0], cen[0], null, null, null, false);
        }
        // Not tabulated: same rotational frame as this group, with the type of the derived
        // group of the reference setting. Usable for the ASU, not for a Hall symbol.
        SpaceGroup refDerived = referenceSetting().derivedRotationGroup(addInversion);
        if (refDerived.reference == null) {
            return new SpaceGroup(split[0], cen[0], null, null, null, false);
        }
        ChangeOfBasisOp frame = ChangeOfBasisOp.fromC(cbFromReference.c().rotationPart())
                .multiply(refDerived.cbFromReference);
        return new SpaceGroup(split[0], cen[0], null, refDerived.reference, frame, false);
    }

    // ------------------------------------------------------------------ reflections

    /**
     * True if reflection h is systematically absent: some centring vector or some operator
     * (R, t) with h·R = h gives a phase h·t that is not an integer (cctbx
     * {@code is_sys_absent}).
     */
    public boolean isSysAbsent(int h, int k, int l) {
        for (int c = 1; c < ltr.length; c++) {
            if ((h * ltr[c][0] + k * ltr[c][1] + l * ltr[c][2]) % D != 0) {
                return true;
            }
        }
        for (int i = 1, b = 9; i < smx.length; i++, b += 9) {
            if (h * rot[b] + k * rot[b + 3] + l * rot[b + 6] == h
                    && h * rot[b + 1] + k * rot[b + 4] + l * rot[b + 7] == k
                    && h * rot[b + 2] + k * rot[b + 5] + l * rot[b + 8] == l) {
                int ht = h * tr[3 * i] + k * tr[3 * i + 1] + l * tr[3 * i + 2];
                for (int[] c : ltr) {
                    if ((ht + h * c[0] + k * c[1] + l * c[2]) % D != 0) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** True if some operator maps h to −h (h·R = −h): the reflection is centric. */
    public boolean isCentric(int h, int k, int l) {
        for (int b = 0; b < rot.length; b += 9) {
            if (h * rot[b] + k * rot[b + 3] + l * rot[b + 6] == -h
                    && h * rot[b + 1] + k * rot[b + 4] + l * rot[b + 7] == -k
                    && h * rot[b + 2] + k * rot[b + 5] + l * rot[b + 8] == -l) {
                return true;
            }
        }
        return false;
    }

    /**
     * Statistical weight ε of h: the number of symmetry operators (without centring)
     * with h·R = h, as cctbx {@code space_group.epsilon} (gemmi
     * {@code epsilon_factor_without_centering}).
     */
    public int epsilon(int h, int k, int l) {
        int e = 0;
        for (int b = 0; b < rot.length; b += 9) {
            if (h * rot[b] + k * rot[b + 3] + l * rot[b + 6] == h
                    && h * rot[b + 1] + k * rot[b + 4] + l * rot[b + 7] == k
                    && h * rot[b + 2] + k * rot[b + 5] + l * rot[b + 8] == l) {
                e++;
            }
        }
        return e;
    }

    /**
     * Number of distinct symmetry-equivalent indices of h (cctbx {@code multiplicity}):
     * orderP/ε, doubled for acentric reflections when Friedel mates are merged
     * ({@code anomalous = false}).
     */
    public int multiplicity(int h, int k, int l, boolean anomalous) {
        int m = smx.length / epsilon(h, k, l);
        if (!anomalous && !isCentric(h, k, l)) {
            m *= 2;
        }
        return m;
    }

    /**
     * The distinct symmetry equivalents h·R (and, if {@code withFriedelMates}, −h·R), first
     * occurrence order.
     *
     * @return packed int[3m]
     */
    public int[] equivalentIndices(int h, int k, int l, boolean withFriedelMates) {
        LinkedHashSet<List<Integer>> s = new LinkedHashSet<>();
        for (SymOp o : smx) {
            int[] x = o.applyToHkl(h, k, l);
            s.add(List.of(x[0], x[1], x[2]));
            if (withFriedelMates) {
                s.add(List.of(-x[0], -x[1], -x[2]));
            }
        }
        int[] out = new int[3 * s.size()];
        int i = 0;
        for (List<Integer> x : s) {
            out[i++] = x.get(0);
            out[i++] = x.get(1);
            out[i++] = x.get(2);
        }
        return out;
    }

    private ReciprocalAsu asu() {
        ReciprocalAsu a = asu;
        if (a == null) {
            SpaceGroupEntry ref = requireReference();
            RtMx frame = (entry != null ? ChangeOfBasisOp.parse(entry.basisOp()) : cbFromReference).c();
            a = new ReciprocalAsu(ReciprocalAsu.kindOf(ref.asuCondition()), frame, smx);
            asu = a;
        }
        return a;
    }

    /**
     * True if h lies in the CCP4 reciprocal-space asymmetric unit of this setting.
     *
     * @throws IllegalStateException if the type is unknown
     */
    public boolean isInAsu(int h, int k, int l) {
        return asu().contains(h, k, l);
    }

    /**
     * Maps h into the CCP4 reciprocal-space asymmetric unit and returns the MTZ ISYM code,
     * exactly as gemmi {@code ReciprocalAsu::to_asu} (and iotbx.mtz/CCP4 for unmerged files):
     * symmetry operators (R, t) are tried in the order of {@link #symOps()}; the first k
     * (1-based) for which h·R lies in the ASU gives ISYM = 2k − 1, and if instead −h·R lies
     * in the ASU ISYM = 2k. The ASU is the CCP4 one of the Laue class in the reference
     * setting (e.g. h ≥ k ≥ 0, l ≥ 0 for 4/mmm), applied through the change of basis for
     * other settings; it is the same as cctbx's for all table settings.
     *
     * <p>Allocation-free; suitable for hot loops.
     *
     * @param out receives the ASU index at {@code out[off..off+2]}
     * @return ISYM ≥ 1
     * @throws IllegalStateException if the space-group type is unknown
     */
    public int toAsu(int h, int k, int l, int[] out, int off) {
        return asu().map(h, k, l, out, off);
    }

    /** Allocating convenience form of {@link #toAsu(int, int, int, int[], int)}. */
    public AsuIndex toAsu(int h, int k, int l) {
        int[] o = new int[3];
        int isym = asu().map(h, k, l, o, 0);
        return new AsuIndex(o[0], o[1], o[2], isym);
    }

    /**
     * Bulk ASU mapping.
     *
     * @param hkl packed int[3n] (not modified unless it is also {@code outHkl})
     * @param outHkl packed int[3n] receiving the ASU indices; may be {@code hkl}
     * @param outIsym int[n] receiving ISYM codes; may be null
     */
    public void toAsu(int[] hkl, int[] outHkl, int[] outIsym) {
        ReciprocalAsu a = asu();
        int n = hkl.length / 3;
        for (int i = 0; i < n; i++) {
            int isym = a.map(hkl[3 * i], hkl[3 * i + 1], hkl[3 * i + 2], outHkl, 3 * i);
            if (outIsym != null) {
                outIsym[i] = isym;
            }
        }
    }

    /**
     * Inverse of {@link #toAsu}: the original index from an ASU index and ISYM,
     * h = ±hAsu·R⁻¹ (as CCP4 uses M/ISYM to recover the measured index).
     *
     * @return new int[3]
     */
    public int[] fromAsu(int h, int k, int l, int isym) {
        if (isym < 1 || isym > 2 * smx.length) {
            throw new IllegalArgumentException("ISYM " + isym + " out of range 1.." + 2 * smx.length);
        }
        SymOp inv = smx[(isym - 1) / 2].inverse();
        int[] o = inv.applyToHkl(h, k, l);
        if ((isym & 1) == 0) {
            o[0] = -o[0];
            o[1] = -o[1];
            o[2] = -o[2];
        }
        return o;
    }

    // ------------------------------------------------------------------ object

    /** Same operator set (order and representation of operators ignored). */
    @Override
    public boolean equals(Object o) {
        return o instanceof SpaceGroup g && g.order() == order() && g.opSet().equals(opSet());
    }

    @Override
    public int hashCode() {
        return opSet().hashCode();
    }

    /** The Hermann–Mauguin symbol if known, otherwise the operators. */
    @Override
    public String toString() {
        if (entry != null || reference != null) {
            return hermannMauguin();
        }
        return describeOps();
    }

    private String describeOps() {
        StringBuilder sb = new StringBuilder("SpaceGroup[");
        for (int i = 0; i < smx.length; i++) {
            sb.append(i == 0 ? "" : "; ").append(smx[i]);
        }
        for (int i = 1; i < ltr.length; i++) {
            sb.append(" +(").append(ltr[i][0]).append(',').append(ltr[i][1]).append(',').append(ltr[i][2]).append(")/24");
        }
        return sb.append(']').toString();
    }

    // ------------------------------------------------------------------ classification

    /** Point-group symbol from counts of rotation types (the 32 classes are distinguished). */
    static String classifyPointGroup(SymOp[] ops) {
        int n = ops.length;
        int[] cnt = new int[13]; // index type+6
        for (SymOp o : ops) {
            int t = o.rotationType();
            if (t == 0) {
                throw new IllegalArgumentException("not a crystallographic rotation: " + o);
            }
            cnt[t + 6]++;
        }
        boolean inv = cnt[-1 + 6] > 0;
        boolean has4 = cnt[4 + 6] > 0;
        boolean hasM4 = cnt[-4 + 6] > 0;
        boolean has6 = cnt[6 + 6] > 0;
        boolean hasM6 = cnt[-6 + 6] > 0;
        int n2 = cnt[2 + 6];
        int n3 = cnt[3 + 6];
        switch (n) {
            case 1: return "1";
            case 2: return inv ? "-1" : (n2 == 1 ? "2" : "m");
            case 3: return "3";
            case 4:
                if (has4) {
                    return "4";
                }
                if (hasM4) {
                    return "-4";
                }
                if (inv) {
                    return "2/m";
                }
                return n2 == 3 ? "222" : "mm2";
            case 6:
                if (inv) {
                    return "-3";
                }
                if (has6) {
                    return "6";
                }
                if (hasM6) {
                    return "-6";
                }
                return n2 == 3 ? "32" : "3m";
            case 8:
                if (inv) {
                    return has4 ? "4/m" : "mmm";
                }
                if (hasM4) {
                    return "-42m";
                }
                return n2 == 5 ? "422" : "4mm";
            case 12:
                if (inv) {
                    return has6 ? "6/m" : "-3m";
                }
                if (n3 == 8) {
                    return "23";
                }
                if (hasM6) {
                    return "-62m";
                }
                return n2 == 7 ? "622" : "6mm";
            case 16: return "4/mmm";
            case 24:
                if (inv) {
                    return has6 ? "6/mmm" : "m-3";
                }
                return has4 ? "432" : "-43m";
            case 48: return "m-3m";
            default:
                throw new IllegalArgumentException("not a crystallographic point group: " + n + " operators");
        }
    }

    static String laueOf(String pg) {
        switch (pg) {
            case "1": case "-1": return "-1";
            case "2": case "m": case "2/m": return "2/m";
            case "222": case "mm2": case "mmm": return "mmm";
            case "4": case "-4": case "4/m": return "4/m";
            case "422": case "4mm": case "-42m": case "4/mmm": return "4/mmm";
            case "3": case "-3": return "-3";
            case "32": case "3m": case "-3m": return "-3m";
            case "6": case "-6": case "6/m": return "6/m";
            case "622": case "6mm": case "-62m": case "6/mmm": return "6/mmm";
            case "23": case "m-3": return "m-3";
            case "432": case "-43m": case "m-3m": return "m-3m";
            default: throw new IllegalArgumentException("unknown point group " + pg);
        }
    }

    static CrystalSystem crystalSystemOf(String pg) {
        switch (laueOf(pg)) {
            case "-1": return CrystalSystem.TRICLINIC;
            case "2/m": return CrystalSystem.MONOCLINIC;
            case "mmm": return CrystalSystem.ORTHORHOMBIC;
            case "4/m": case "4/mmm": return CrystalSystem.TETRAGONAL;
            case "-3": case "-3m": return CrystalSystem.TRIGONAL;
            case "6/m": case "6/mmm": return CrystalSystem.HEXAGONAL;
            default: return CrystalSystem.CUBIC;
        }
    }

    /** Raw operator arrays for the table matcher. */
    SymOp[] smxArray() {
        return smx;
    }

    int[][] ltrArray() {
        return ltr;
    }

    static String key(int nSmx, int nLtr, String pg) {
        return nSmx + "/" + nLtr + "/" + pg;
    }
}
