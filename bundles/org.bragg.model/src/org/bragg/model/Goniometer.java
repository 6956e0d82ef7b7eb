package org.bragg.model;

import java.util.List;
import java.util.Objects;

/**
 * A goniometer, as dxtbx's {@code Goniometer} and {@code MultiAxisGoniometer}.
 *
 * <p>A crystal vector r (lab frame at φ = 0) is at angle φ: r(φ) = S · R(e, φ) · F · r, where
 * e = {@link #rotationAxis()} (unit, lab frame), F = {@link #fixedRotation()}, S =
 * {@link #settingRotation()} and R(e, φ) is a right-handed rotation by φ radians (Waterman et al.
 * 2016). The scan's angles are applied to the scan axis.
 *
 * <p>A multi-axis goniometer lists {@link #axes()} from the innermost (nearest the sample) outwards,
 * with {@link #angles()} in degrees, {@link #names()} and the index of the {@link #scanAxis()}; F is then
 * the product of the rotations of the axes inside the scan axis and S that of the axes outside it,
 * as dxtbx builds them. Single-axis goniometers have empty axis lists.
 *
 * @since 0.1
 */
public final class Goniometer {
	private final Vec3 rotationAxis;
	private final Mat3 fixedRotation;
	private final Mat3 settingRotation;
	private final List<Mat3> settingRotationAtScanPoints;
	private final List<Vec3> axes;
	private final double[] angles;
	private final List<String> names;
	private final int scanAxis;

	public Goniometer(Vec3 rotationAxis, Mat3 fixedRotation, Mat3 settingRotation, List<Mat3> settingRotationAtScanPoints) {
		this(rotationAxis.normalize(), fixedRotation, settingRotation, settingRotationAtScanPoints, List.of(), new double[0], List.of(), 0);
	}

	private Goniometer(Vec3 rotationAxis, Mat3 fixedRotation, Mat3 settingRotation, List<Mat3> sv, List<Vec3> axes, double[] angles,
			List<String> names, int scanAxis) {
		this.rotationAxis = Objects.requireNonNull(rotationAxis);
		this.fixedRotation = Objects.requireNonNull(fixedRotation);
		this.settingRotation = Objects.requireNonNull(settingRotation);
		this.settingRotationAtScanPoints = List.copyOf(sv);
		this.axes = List.copyOf(axes);
		this.angles = angles.clone();
		this.names = List.copyOf(names);
		this.scanAxis = scanAxis;
	}

	/** A single-axis goniometer about {@code axis} with identity F and S. */
	public static Goniometer singleAxis(Vec3 axis) {
		return new Goniometer(axis, Mat3.IDENTITY, Mat3.IDENTITY, List.of());
	}

	/**
	 * A multi-axis goniometer (dxtbx {@code MultiAxisGoniometer}).
	 *
	 * @param axes unit axes, innermost first (lab frame at zero angles)
	 * @param anglesDeg the axis angles in degrees
	 * @param scanAxis index of the axis that is scanned
	 * @throws IllegalArgumentException if the lengths differ or scanAxis is out of range
	 */
	public static Goniometer multiAxis(List<Vec3> axes, double[] anglesDeg, List<String> names, int scanAxis) {
		if (axes.size() != anglesDeg.length || axes.size() != names.size())
			throw new IllegalArgumentException("goniometer axes, angles and names differ in length");
		if (scanAxis < 0 || scanAxis >= axes.size()) throw new IllegalArgumentException("scan_axis " + scanAxis + " out of range");
		Mat3 f = Mat3.IDENTITY;
		for (int i = 0; i < scanAxis; i++) f = Mat3.rotation(axes.get(i), Math.toRadians(anglesDeg[i])).times(f);
		Mat3 s = Mat3.IDENTITY;
		for (int i = scanAxis + 1; i < axes.size(); i++) s = Mat3.rotation(axes.get(i), Math.toRadians(anglesDeg[i])).times(s);
		return new Goniometer(axes.get(scanAxis).normalize(), f, s, List.of(), axes, anglesDeg, names, scanAxis);
	}

	/** @return the unit rotation axis e (lab frame, before the setting rotation) */
	public Vec3 rotationAxis() { return rotationAxis; }
	/** @return the rotation axis in the lab frame: S · e */
	public Vec3 rotationAxisDatum() { return settingRotation.times(rotationAxis); }
	public Mat3 fixedRotation() { return fixedRotation; }
	public Mat3 settingRotation() { return settingRotation; }
	public List<Mat3> settingRotationAtScanPoints() { return settingRotationAtScanPoints; }
	public List<Vec3> axes() { return axes; }
	/** @return multi-axis angles in degrees (copy) */
	public double[] angles() { return angles.clone(); }
	public List<String> names() { return names; }
	public int scanAxis() { return scanAxis; }
	public boolean isMultiAxis() { return !axes.isEmpty(); }

	/** @return the full rotation S · R(e, φ) · F at scan angle φ (radians) */
	public Mat3 rotationAt(double phiRad) {
		return settingRotation.times(Mat3.rotation(rotationAxis, phiRad)).times(fixedRotation);
	}

	public Goniometer withRotationAxis(Vec3 axis) {
		return new Goniometer(axis.normalize(), fixedRotation, settingRotation, settingRotationAtScanPoints, axes, angles, names, scanAxis);
	}

	public Goniometer withSettingRotation(Mat3 s) {
		return new Goniometer(rotationAxis, fixedRotation, s, settingRotationAtScanPoints, axes, angles, names, scanAxis);
	}

	public Goniometer withSettingRotationAtScanPoints(List<Mat3> s) {
		return new Goniometer(rotationAxis, fixedRotation, settingRotation, s, axes, angles, names, scanAxis);
	}

	@Override
	public boolean equals(Object o) {
		return o instanceof Goniometer g && g.rotationAxis.equals(rotationAxis) && g.fixedRotation.equals(fixedRotation)
				&& g.settingRotation.equals(settingRotation) && g.axes.equals(axes);
	}

	@Override
	public int hashCode() { return rotationAxis.hashCode(); }

	@Override
	public String toString() { return "Goniometer[axis=" + rotationAxis + "]"; }
}
