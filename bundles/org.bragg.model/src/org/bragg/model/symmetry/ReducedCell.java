package org.bragg.model.symmetry;

/**
 * Result of a Niggli reduction ({@link UnitCell#niggliReduction()}): the reduced cell and
 * the integer change of basis that produces it from the input cell.
 *
 * <p>The basis matrix P (row-major {@code int[9]}, det = +1) has the reduced basis vectors
 * as columns, expressed in the input basis: (a′, b′, c′) = (a, b, c)·P. It equals cctbx
 * {@code reduction.r_inv()}, and {@link #cbOp()} equals cctbx
 * {@code change_of_basis_op_to_niggli_cell()} (whose c⁻¹ has rotation part P), so
 * {@code input.changeBasis(cbOp())} reproduces {@link #cell()} and Miller indices are
 * reindexed with {@code cbOp().apply(h, k, l)} = h·P.
 *
 * @since 0.1
 */
public final class ReducedCell {

    private final UnitCell cell;
    private final int[] p;
    private final int iterations;

    ReducedCell(UnitCell cell, int[] p, int iterations) {
        this.cell = cell;
        this.p = p.clone();
        this.iterations = iterations;
    }

    /** The Niggli-reduced cell (Å, degrees). */
    public UnitCell cell() {
        return cell;
    }

    /** Basis matrix P, row-major int[9] (copy); columns are the reduced basis vectors. */
    public int[] basisMatrix() {
        return p.clone();
    }

    /** Change-of-basis operator from the input cell to the reduced cell. */
    public ChangeOfBasisOp cbOp() {
        return ChangeOfBasisOp.fromBasisMatrix(p);
    }

    /** Number of basis changes applied (cctbx {@code n_iterations()}). */
    public int iterations() {
        return iterations;
    }

    @Override
    public String toString() {
        return cell + " via " + cbOp();
    }
}
