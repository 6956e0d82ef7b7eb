package org.bragg.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A crystal model, as dxtbx's {@code Crystal}.
 *
 * <p>Frame: DIALS laboratory frame at φ = 0 (the goniometer's rotation is applied on top). The
 * real-space basis vectors a, b, c are in Å and include the orientation U. The reciprocal-space
 * setting matrix A = U·B has the reciprocal basis vectors a*, b*, c* (Å⁻¹) as its columns, so a
 * reciprocal lattice point is r = A·h (Busing &amp; Levy 1967; Parkhurst et al. 2014); A is the inverse
 * of the matrix whose rows are a, b, c.
 *
 * <p>Scan-varying crystals carry {@link #aAtScanPoints()}: one A per scan point (number of images + 1)
 * in the same convention; empty for a static model. The space group is kept as its Hall symbol
 * (as in {@code .expt}). Other dxtbx fields (B covariance, mosaicity, recalculated cell) are kept
 * verbatim in {@link #extras()} so that files round-trip.
 *
 * @since 0.1
 */
public final class Crystal {
	private final Vec3 a, b, c;
	private final String spaceGroupHall;
	private final List<Mat3> aAtScanPoints;
	private final Map<String, Object> extras;
	private final Mat3 aMatrix;

	/**
	 * @param a real-space a (Å, lab frame at φ = 0)
	 * @param spaceGroupHall Hall symbol, e.g. {@code " P 1"} or {@code " P 4nw 2abw"}
	 * @param extras other dxtbx crystal keys (JSON-like values, nulls allowed), kept verbatim in their order
	 * @throws IllegalArgumentException if a, b, c are coplanar
	 */
	public Crystal(Vec3 a, Vec3 b, Vec3 c, String spaceGroupHall, List<Mat3> aAtScanPoints, Map<String, Object> extras) {
		this.a = Objects.requireNonNull(a);
		this.b = Objects.requireNonNull(b);
		this.c = Objects.requireNonNull(c);
		Mat3 rows = Mat3.fromRows(a, b, c);
		if (Math.abs(rows.determinant()) < 1e-9) throw new IllegalArgumentException("crystal basis vectors are coplanar");
		this.aMatrix = rows.inverse();
		this.spaceGroupHall = Objects.requireNonNull(spaceGroupHall);
		this.aAtScanPoints = List.copyOf(aAtScanPoints);
		this.extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
	}

	/** Creates a crystal from its setting matrix A = U·B (columns a*, b*, c*, Å⁻¹). */
	public static Crystal fromA(Mat3 aMat, String spaceGroupHall) {
		Mat3 real = aMat.inverse();
		return new Crystal(real.row(0), real.row(1), real.row(2), spaceGroupHall, List.of(), Map.of());
	}

	public Vec3 realSpaceA() { return a; }
	public Vec3 realSpaceB() { return b; }
	public Vec3 realSpaceC() { return c; }
	/** @return A = U·B (Å⁻¹), columns a*, b*, c* */
	public Mat3 a() { return aMatrix; }
	public String spaceGroupHall() { return spaceGroupHall; }
	/** @return A at each scan point; empty for a static model */
	public List<Mat3> aAtScanPoints() { return aAtScanPoints; }
	public boolean isScanVarying() { return !aAtScanPoints.isEmpty(); }
	public Map<String, Object> extras() { return extras; }

	/** @return {a, b, c, α, β, γ} in Å and degrees, from the real-space vectors */
	public double[] unitCellParameters() { return cellFromVectors(a, b, c); }

	/** @return {a, b, c, α, β, γ} of the model at scan point i (Å, degrees) */
	public double[] unitCellParametersAtScanPoint(int i) {
		Mat3 r = aAtScanPoints.get(i).inverse();
		return cellFromVectors(r.row(0), r.row(1), r.row(2));
	}

	/** @return {a, b, c, α, β, γ} (Å, degrees) of the basis given as real-space vectors */
	public static double[] cellFromVectors(Vec3 a, Vec3 b, Vec3 c) {
		return new double[] { a.length(), b.length(), c.length(), Math.toDegrees(b.angle(c)), Math.toDegrees(c.angle(a)),
				Math.toDegrees(a.angle(b)) };
	}

	/** @return unit cell volume in Å³ */
	public double volume() { return Math.abs(a.dot(b.cross(c))); }

	public Crystal withA(Mat3 newA) {
		Mat3 real = newA.inverse();
		return new Crystal(real.row(0), real.row(1), real.row(2), spaceGroupHall, aAtScanPoints, extras);
	}

	public Crystal withSpaceGroupHall(String hall) { return new Crystal(a, b, c, hall, aAtScanPoints, extras); }

	public Crystal withAAtScanPoints(List<Mat3> l) { return new Crystal(a, b, c, spaceGroupHall, l, extras); }

	public Crystal withExtras(Map<String, Object> e) { return new Crystal(a, b, c, spaceGroupHall, aAtScanPoints, e); }

	@Override
	public boolean equals(Object o) {
		return o instanceof Crystal x && x.a.equals(a) && x.b.equals(b) && x.c.equals(c) && x.spaceGroupHall.equals(spaceGroupHall)
				&& x.aAtScanPoints.equals(aAtScanPoints);
	}

	@Override
	public int hashCode() { return Objects.hash(a, b, c); }

	@Override
	public String toString() {
		double[] p = unitCellParameters();
		return String.format("Crystal[%.3f %.3f %.3f %.2f %.2f %.2f, %s]", p[0], p[1], p[2], p[3], p[4], p[5], spaceGroupHall.strip());
	}
}
