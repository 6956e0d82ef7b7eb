package org.bragg.indexing.internal;

import java.util.Locale;

import org.bragg.model.Crystal;
import org.bragg.model.symmetry.BravaisLattice;
import org.bragg.model.symmetry.ChangeOfBasisOp;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.UnitCell;

/**
 * The known symmetry of an indexing job ({@code known_symmetry.space_group}, {@code unit_cell}), as
 * DIALS {@code SymmetryHandler}: the target in the user's setting, in the reference setting and
 * as a primitive cell, and the matching of P1 lattices to it.
 *
 * <p>{@link #apply} finds, in a P1 (Niggli) model, the conventional basis of the target Bravais type
 * with the smallest Le Page δ (≤ max_delta) whose symmetrized cell matches the target cell, and
 * returns (1) the model with the symmetric metric in the <em>same</em> P1 basis (for scoring and the
 * first refinement, as DIALS) and (2) the change of basis from that P1 basis to the user's setting.
 */
public final class SymmetryHandler {
	private final SpaceGroup input;
	private final UnitCell inputCell;
	private final SpaceGroup reference;
	private final UnitCell referenceCell;
	private final ChangeOfBasisOp cbInpRef;
	private final ChangeOfBasisOp cbRefPrimitive;
	private final UnitCell primitiveCell;
	private final BravaisLattice bravais;
	private final double maxDelta, relLengthTol, angleTol;
	private final double[] targetNiggliEdges; // sorted edges of the reduced target lattice, or null

	/**
	 * @param spaceGroup the target group in the user's setting, or null for P1
	 * @param cell the target cell in the user's setting, or null
	 * @throws IllegalArgumentException if the cell is given without a space group, or is
	 *         incompatible with it
	 */
	public SymmetryHandler(SpaceGroup spaceGroup, UnitCell cell, double maxDelta, double relLengthTol, double angleTol) {
		if (cell != null && spaceGroup == null) throw new IllegalArgumentException("indexing.known_symmetry.unit_cell needs a space_group as well");
		this.input = spaceGroup == null ? SpaceGroup.p1() : spaceGroup;
		this.inputCell = cell;
		this.maxDelta = maxDelta;
		this.relLengthTol = relLengthTol;
		this.angleTol = angleTol;
		this.cbInpRef = input.cbOpToReference();
		this.reference = input.referenceSetting();
		this.bravais = reference.bravaisLattice();
		this.referenceCell = cell == null ? null : cell.changeBasis(cbInpRef);
		this.cbRefPrimitive = toPrimitive(bravais);
		this.primitiveCell = referenceCell == null ? null : referenceCell.changeBasis(cbRefPrimitive);
		if (primitiveCell != null) {
			double[] p = primitiveCell.niggliCell().parameters();
			targetNiggliEdges = new double[] { p[0], p[1], p[2] };
			java.util.Arrays.sort(targetNiggliEdges);
		} else targetNiggliEdges = null;
	}

	/** @return true if a space group other than P1 or a cell was given */
	public boolean hasTarget() { return !(input.order() == 1 && inputCell == null); }

	public SpaceGroup inputSpaceGroup() { return input; }
	public UnitCell inputCell() { return inputCell; }
	public BravaisLattice bravais() { return bravais; }
	/** @return the target cell as a primitive cell (for max_cell and the grid search), or null */
	public UnitCell primitiveCell() { return primitiveCell; }
	/** @return the target cell in the reference setting, or null */
	public UnitCell referenceCell() { return referenceCell; }

	/** The symmetrized P1 model and the change of basis to the user's setting. */
	public record Applied(Crystal p1Symmetrized, ChangeOfBasisOp cbP1ToInput, double deltaDeg) {
		/** @return the model in the user's setting with the target space group */
		public Crystal inInputSetting(SpaceGroup sg) {
			Crystal c = CandidateBases.changeBasis(p1Symmetrized, cbP1ToInput);
			return c.withSpaceGroupHall(hall(sg));
		}
	}

	/**
	 * Matches a P1 model to the target.
	 *
	 * @return the match, or null if the lattice is not compatible with the target (δ &gt; max_delta
	 *         or a cell too different)
	 */
	public Applied apply(Crystal p1) {
		double[] rows = CandidateBases.rows(p1);
		if (targetNiggliEdges != null) {
			// quick rejection: a lattice matching the target has (about) the target's reduced edges
			double[] e;
			try {
				double[] q = UnitCell.fromRealSpaceVectors(rows).niggliCell().parameters();
				e = new double[] { q[0], q[1], q[2] };
			} catch (RuntimeException ex) {
				return null;
			}
			java.util.Arrays.sort(e);
			for (int i = 0; i < 3; i++) if (Math.abs(e[i] / targetNiggliEdges[i] - 1) > 1.5 * relLengthTol + 0.02) return null;
		}
		LatticeSymmetry.Match m = LatticeSymmetry.find(rows, bravais, maxDelta, referenceCell, relLengthTol, angleTol);
		if (m == null) return null;
		// conventional (reference) rows = M · P1 rows, i.e. (a', b', c') = (a, b, c)·Mᵀ
		int[] mt = { m.m()[0], m.m()[3], m.m()[6], m.m()[1], m.m()[4], m.m()[7], m.m()[2], m.m()[5], m.m()[8] };
		ChangeOfBasisOp cbP1Ref = ChangeOfBasisOp.fromBasisMatrix(mt);
		ChangeOfBasisOp cbRefP1 = cbP1Ref.inverse();
		// symmetric model back in the P1 basis
		double[] symP1 = cbRefP1.applyToRealSpaceVectors(m.symmetrizedRows());
		Crystal sym = CandidateBases.fromRows(symP1, p1.spaceGroupHall());
		ChangeOfBasisOp cbRefInp = cbInpRef.inverse();
		return new Applied(sym, cbRefInp.multiply(cbP1Ref), m.deltaDeg());
	}

	/** @return the dxtbx-style Hall symbol (leading space) of a group */
	public static String hall(SpaceGroup sg) {
		String h = sg.hallSymbol();
		return h.startsWith(" ") ? h : " " + h;
	}

	/** Change of basis from the reference setting to a primitive setting of the lattice type (cctbx z2p conventions). */
	static ChangeOfBasisOp toPrimitive(BravaisLattice b) {
		return switch (b) {
			case mC, oC -> ChangeOfBasisOp.parse("1/2*a-1/2*b,1/2*a+1/2*b,c");
			case oI, tI, cI -> ChangeOfBasisOp.parse("-1/2*a+1/2*b+1/2*c,1/2*a-1/2*b+1/2*c,1/2*a+1/2*b-1/2*c");
			case oF, cF -> ChangeOfBasisOp.parse("1/2*b+1/2*c,1/2*a+1/2*c,1/2*a+1/2*b");
			case hR -> ChangeOfBasisOp.parse("2/3*a+1/3*b+1/3*c,-1/3*a+1/3*b+1/3*c,-1/3*a-2/3*b+1/3*c");
			default -> ChangeOfBasisOp.identity();
		};
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s%s", input.hermannMauguin(), inputCell == null ? "" : " " + inputCell);
	}
}
