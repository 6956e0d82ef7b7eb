package org.bragg.cli.internal;

import java.util.Locale;

import org.bragg.model.Beam;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/** Text of {@code bragg show}, laid out as {@code dials.show} prints models. */
public final class ShowFormatter {
	private ShowFormatter() {}

	/** C++ ostream default formatting (6 significant digits, shortest of fixed/scientific, no trailing zeros). */
	static String g(double v) {
		if (v == 0) return "0";
		if (Double.isNaN(v)) return "nan";
		if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
		int exp = (int) Math.floor(Math.log10(Math.abs(v)));
		String s;
		if (exp < -5 || exp >= 6) {
			s = String.format(Locale.ROOT, "%.5e", v);
			String[] parts = s.split("e");
			String mant = stripZeros(parts[0]);
			int e = Integer.parseInt(parts[1]);
			s = mant + "e" + (e < 0 ? "-" : "+") + String.format(Locale.ROOT, "%02d", Math.abs(e));
		} else {
			s = stripZeros(String.format(Locale.ROOT, "%." + Math.max(0, 5 - exp) + "f", v));
		}
		return s;
	}

	private static String stripZeros(String s) {
		if (!s.contains(".")) return s;
		s = s.replaceAll("0+$", "");
		return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
	}

	static String v(Vec3 x) { return "{" + g(x.x()) + "," + g(x.y()) + "," + g(x.z()) + "}"; }

	static String m(Mat3 x) {
		double[] a = x.toArray();
		StringBuilder b = new StringBuilder("{");
		for (int i = 0; i < 9; i++) b.append(i > 0 ? "," : "").append(g(a[i]));
		return b.append("}").toString();
	}

	public static String show(ExperimentList el) {
		StringBuilder b = new StringBuilder();
		for (int i = 0; i < el.size(); i++) {
			Experiment e = el.get(i);
			b.append("Experiment ").append(i).append(":\n");
			b.append("Experiment identifier: ").append(e.identifier()).append('\n');
			if (e.imageSet() != null) {
				if (e.imageSet().template() != null) b.append("Image template: ").append(e.imageSet().template()).append('\n');
				else if (!e.imageSet().paths().isEmpty()) b.append("Image: ").append(e.imageSet().paths().get(0)).append(
						e.imageSet().paths().size() > 1 ? " (+" + (e.imageSet().paths().size() - 1) + " more)" : "").append('\n');
			}
			if (e.detector() != null) detector(b, e.detector(), e.beam());
			if (e.beam() != null) beam(b, e.beam(), e.detector());
			if (e.scan() != null) scan(b, e.scan());
			if (e.goniometer() != null) goniometer(b, e.goniometer());
			if (e.crystal() != null) crystal(b, e.crystal());
			b.append('\n');
		}
		return b.toString();
	}

	static void detector(StringBuilder b, Detector d, Beam beam) {
		b.append("Detector:\n");
		for (Panel p : d.panels()) {
			b.append("Panel:\n");
			b.append("  name: ").append(p.name()).append('\n');
			b.append("  type: ").append(p.type()).append('\n');
			b.append("  identifier: ").append(p.identifier()).append('\n');
			b.append("  pixel_size:{").append(g(p.pixelSize()[0])).append(',').append(g(p.pixelSize()[1])).append("}\n");
			b.append("  image_size: {").append(p.nFast()).append(',').append(p.nSlow()).append("}\n");
			b.append("  trusted_range: {").append(g(p.trustedRange()[0])).append(',').append(g(p.trustedRange()[1])).append("}\n");
			b.append("  thickness: ").append(g(p.thickness())).append('\n');
			b.append("  material: ").append(p.material()).append('\n');
			b.append("  mu: ").append(g(p.mu())).append('\n');
			b.append("  gain: ").append(g(p.gain())).append('\n');
			b.append("  pedestal: ").append(g(p.pedestal())).append('\n');
			b.append("  fast_axis: ").append(v(p.fastAxis())).append('\n');
			b.append("  slow_axis: ").append(v(p.slowAxis())).append('\n');
			b.append("  origin: ").append(v(p.origin())).append('\n');
			b.append("  distance: ").append(g(p.distance())).append('\n');
			b.append("  pixel to millimeter strategy: ").append(p.pxMmStrategy().dxtbxName()).append('\n');
			if (p.pxMmStrategy().isParallaxCorrected()) {
				b.append("    mu: ").append(g(p.mu())).append('\n');
				b.append("    t0: ").append(g(p.thickness())).append('\n');
			}
			b.append('\n');
		}
		b.append('\n');
		if (beam != null) {
			b.append(String.format(Locale.ROOT, "Max resolution (at corners): %.6f%n", d.maxResolutionAtCorners(beam.s0())));
			b.append(String.format(Locale.ROOT, "Max resolution (inscribed):  %.6f%n", d.maxResolutionInscribed(beam.s0())));
		}
		b.append('\n');
	}

	static void beam(StringBuilder b, Beam beam, Detector d) {
		b.append("Beam:\n");
		b.append("    probe: ").append(beam.probe().dxtbxName()).append('\n');
		b.append("    wavelength: ").append(g(beam.wavelength())).append('\n');
		b.append("    sample to source direction : ").append(v(beam.direction())).append('\n');
		b.append("    divergence: ").append(g(beam.divergence())).append('\n');
		b.append("    sigma divergence: ").append(g(beam.sigmaDivergence())).append('\n');
		b.append("    polarization normal: ").append(v(beam.polarizationNormal())).append('\n');
		b.append("    polarization fraction: ").append(g(beam.polarizationFraction())).append('\n');
		b.append("    flux: ").append(g(beam.flux())).append('\n');
		b.append("    transmission: ").append(g(beam.transmission())).append('\n');
		b.append('\n');
		if (d != null) {
			Detector.Intersection bc = d.beamCentre(beam.s0());
			if (bc != null) {
				Panel p = d.panel(bc.panel());
				double[] px = p.millimetreToPixel(bc.xMm(), bc.yMm());
				b.append("Beam centre: \n");
				String panel = d.size() > 1 ? "panel " + bc.panel() + ", " : "";
				b.append(String.format(Locale.ROOT, "    mm: %s(%.2f,%.2f)%n", panel, bc.xMm(), bc.yMm()));
				b.append(String.format(Locale.ROOT, "    px: %s(%.2f,%.2f)%n", panel, px[0], px[1]));
				b.append('\n');
			}
		}
	}

	static void scan(StringBuilder b, Scan s) {
		b.append("Scan:\n");
		b.append("    number of images:   ").append(s.numImages()).append('\n');
		b.append("    image range:   {").append(s.firstImage()).append(',').append(s.lastImage()).append("}\n");
		b.append("    oscillation:   {").append(g(s.oscillationStart())).append(',').append(g(s.oscillationWidth())).append("}\n");
		double[] et = s.exposureTimes();
		b.append("    exposure time: ").append(g(et.length > 0 ? et[0] : 0)).append('\n');
		b.append('\n');
	}

	static void goniometer(StringBuilder b, Goniometer g) {
		b.append("Goniometer:\n");
		b.append("    Rotation axis:   ").append(v(g.rotationAxis())).append('\n');
		b.append("    Fixed rotation:  ").append(m(g.fixedRotation())).append('\n');
		b.append("    Setting rotation:").append(m(g.settingRotation())).append('\n');
		b.append('\n');
	}

	static void crystal(StringBuilder b, Crystal c) {
		double[] p = c.unitCellParameters();
		b.append("Crystal:\n");
		b.append(String.format(Locale.ROOT, "    Unit cell: %.3f, %.3f, %.3f, %.3f, %.3f, %.3f%n", p[0], p[1], p[2], p[3], p[4], p[5]));
		b.append("    Space group (Hall): ").append(c.spaceGroupHall().strip()).append('\n');
		Mat3 a = c.a();
		b.append("    A = UB:    ").append(row(a, 0)).append('\n');
		b.append("               ").append(row(a, 1)).append('\n');
		b.append("               ").append(row(a, 2)).append('\n');
		if (c.isScanVarying()) b.append("    A sampled at ").append(c.aAtScanPoints().size()).append(" scan points\n");
	}

	private static String row(Mat3 a, int r) {
		return String.format(Locale.ROOT, "{{%8.4f, %8.4f, %8.4f}}", a.get(r, 0), a.get(r, 1), a.get(r, 2));
	}
}
