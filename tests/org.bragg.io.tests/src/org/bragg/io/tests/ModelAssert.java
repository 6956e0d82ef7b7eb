package org.bragg.io.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.bragg.model.Beam;
import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.DetectorNode;
import org.bragg.model.Experiment;
import org.bragg.model.ExperimentList;
import org.bragg.model.Goniometer;
import org.bragg.model.Mat3;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;

/** Field-by-field comparison of experiment lists with an absolute tolerance, including model sharing. */
final class ModelAssert {
	private ModelAssert() {}

	static void assertListsEqual(ExperimentList a, ExperimentList b, double tol, String where) {
		assertEquals(a.size(), b.size(), where + ": number of experiments");
		assertSameSharing(a, b, Experiment::beam, where + " beams");
		assertSameSharing(a, b, Experiment::detector, where + " detectors");
		assertSameSharing(a, b, Experiment::goniometer, where + " goniometers");
		assertSameSharing(a, b, Experiment::scan, where + " scans");
		assertSameSharing(a, b, Experiment::crystal, where + " crystals");
		assertSameSharing(a, b, Experiment::imageSet, where + " imagesets");
		assertSameSharing(a, b, Experiment::profile, where + " profiles");
		assertSameSharing(a, b, Experiment::scalingModel, where + " scaling models");
		for (int i = 0; i < a.size(); i++) {
			Experiment x = a.get(i), y = b.get(i);
			String w = where + " experiment " + i;
			assertEquals(x.identifier(), y.identifier(), w + " identifier");
			if (both(x.beam(), y.beam(), w + " beam")) beam(x.beam(), y.beam(), tol, w + " beam");
			if (both(x.detector(), y.detector(), w + " detector")) detector(x.detector(), y.detector(), tol, w + " detector");
			if (both(x.goniometer(), y.goniometer(), w + " goniometer")) goniometer(x.goniometer(), y.goniometer(), tol, w + " goniometer");
			if (both(x.scan(), y.scan(), w + " scan")) scan(x.scan(), y.scan(), tol, w + " scan");
			if (both(x.crystal(), y.crystal(), w + " crystal")) crystal(x.crystal(), y.crystal(), tol, w + " crystal");
			if (both(x.imageSet(), y.imageSet(), w + " imageset")) assertEquals(x.imageSet(), y.imageSet(), w + " imageset");
			if (both(x.imageSet(), y.imageSet(), w + " imageset")) assertEquals(x.imageSet().params(), y.imageSet().params(), w + " imageset params");
			assertEquals(x.profile(), y.profile(), w + " profile");
			assertEquals(x.scalingModel(), y.scalingModel(), w + " scaling model");
		}
	}

	/** Experiments i and j share a model in a exactly when they do in b. */
	static <T> void assertSameSharing(ExperimentList a, ExperimentList b, Function<Experiment, T> get, String what) {
		for (int i = 0; i < a.size(); i++)
			for (int j = i + 1; j < a.size(); j++) {
				boolean sa = get.apply(a.get(i)) == get.apply(a.get(j)) && get.apply(a.get(i)) != null;
				boolean sb = get.apply(b.get(i)) == get.apply(b.get(j)) && get.apply(b.get(i)) != null;
				assertEquals(sa, sb, what + ": sharing between experiments " + i + " and " + j);
			}
	}

	private static boolean both(Object x, Object y, String w) {
		if (x == null) {
			assertNull(y, w + " should be absent");
			return false;
		}
		assertNotNull(y, w + " should be present");
		return true;
	}

	static void vec(Vec3 x, Vec3 y, double tol, String w) {
		assertTrue(x.approxEquals(y, tol), w + ": " + x + " vs " + y);
	}

	static void mat(Mat3 x, Mat3 y, double tol, String w) {
		assertTrue(x.approxEquals(y, tol), w + ": " + x + " vs " + y);
	}

	private static void mats(List<Mat3> x, List<Mat3> y, double tol, String w) {
		assertEquals(x.size(), y.size(), w + " count");
		for (int i = 0; i < x.size(); i++) mat(x.get(i), y.get(i), tol, w + "[" + i + "]");
	}

	static void beam(Beam x, Beam y, double tol, String w) {
		vec(x.direction(), y.direction(), tol, w + " direction");
		assertEquals(x.wavelength(), y.wavelength(), tol, w + " wavelength");
		assertEquals(x.divergence(), y.divergence(), tol, w + " divergence");
		assertEquals(x.sigmaDivergence(), y.sigmaDivergence(), tol, w + " sigma_divergence");
		vec(x.polarizationNormal(), y.polarizationNormal(), tol, w + " polarization_normal");
		assertEquals(x.polarizationFraction(), y.polarizationFraction(), tol, w + " polarization_fraction");
		assertEquals(x.flux(), y.flux(), tol, w + " flux");
		assertEquals(x.transmission(), y.transmission(), tol, w + " transmission");
		assertEquals(x.probe(), y.probe(), w + " probe");
		assertEquals(x.s0AtScanPoints().size(), y.s0AtScanPoints().size(), w + " s0 scan points");
		for (int i = 0; i < x.s0AtScanPoints().size(); i++) vec(x.s0AtScanPoints().get(i), y.s0AtScanPoints().get(i), tol, w + " s0[" + i + "]");
	}

	static void detector(Detector x, Detector y, double tol, String w) {
		assertEquals(x.size(), y.size(), w + " panels");
		for (int i = 0; i < x.size(); i++) panel(x.panel(i), y.panel(i), tol, w + " panel " + i);
		assertEquals(x.hasExplicitHierarchy(), y.hasExplicitHierarchy(), w + " explicit hierarchy");
		if (x.hasExplicitHierarchy()) node(x.hierarchy(), y.hierarchy(), tol, w + " hierarchy");
	}

	private static void node(DetectorNode x, DetectorNode y, double tol, String w) {
		if (x instanceof DetectorNode.PanelRef r) {
			assertEquals(r, y, w);
			return;
		}
		DetectorNode.Group gx = (DetectorNode.Group) x;
		if (!(y instanceof DetectorNode.Group gy)) {
			fail(w + ": group vs " + y);
			return;
		}
		assertEquals(gx.name(), gy.name(), w + " name");
		assertEquals(gx.type(), gy.type(), w + " type");
		vec(gx.fastAxis(), gy.fastAxis(), tol, w + " fast_axis");
		vec(gx.slowAxis(), gy.slowAxis(), tol, w + " slow_axis");
		vec(gx.origin(), gy.origin(), tol, w + " origin");
		assertEquals(gx.children().size(), gy.children().size(), w + " children");
		for (int i = 0; i < gx.children().size(); i++) node(gx.children().get(i), gy.children().get(i), tol, w + "/" + i);
	}

	static void panel(Panel x, Panel y, double tol, String w) {
		assertEquals(x.name(), y.name(), w + " name");
		assertEquals(x.type(), y.type(), w + " type");
		vec(x.fastAxis(), y.fastAxis(), tol, w + " fast_axis");
		vec(x.slowAxis(), y.slowAxis(), tol, w + " slow_axis");
		vec(x.origin(), y.origin(), tol, w + " origin");
		assertArrayEquals(x.rawImageOffset(), y.rawImageOffset(), w + " raw_image_offset");
		assertArrayEquals(x.imageSize(), y.imageSize(), w + " image_size");
		assertArrayEquals(x.pixelSize(), y.pixelSize(), tol, w + " pixel_size");
		assertArrayEquals(x.trustedRange(), y.trustedRange(), tol, w + " trusted_range");
		assertEquals(x.thickness(), y.thickness(), tol, w + " thickness");
		assertEquals(x.material(), y.material(), w + " material");
		assertEquals(x.mu(), y.mu(), tol, w + " mu");
		assertEquals(x.identifier(), y.identifier(), w + " identifier");
		assertEquals(x.mask().size(), y.mask().size(), w + " mask");
		for (int i = 0; i < x.mask().size(); i++) assertArrayEquals(x.mask().get(i), y.mask().get(i), w + " mask " + i);
		assertEquals(x.gain(), y.gain(), tol, w + " gain");
		assertEquals(x.pedestal(), y.pedestal(), tol, w + " pedestal");
		assertEquals(x.pxMmStrategy(), y.pxMmStrategy(), w + " px_mm_strategy");
	}

	static void goniometer(Goniometer x, Goniometer y, double tol, String w) {
		vec(x.rotationAxis(), y.rotationAxis(), tol, w + " rotation_axis");
		mat(x.fixedRotation(), y.fixedRotation(), tol, w + " fixed_rotation");
		mat(x.settingRotation(), y.settingRotation(), tol, w + " setting_rotation");
		mats(x.settingRotationAtScanPoints(), y.settingRotationAtScanPoints(), tol, w + " setting_rotation_at_scan_points");
		assertEquals(x.isMultiAxis(), y.isMultiAxis(), w + " multi-axis");
		assertEquals(x.axes().size(), y.axes().size(), w + " axes");
		for (int i = 0; i < x.axes().size(); i++) vec(x.axes().get(i), y.axes().get(i), tol, w + " axis " + i);
		assertArrayEquals(x.angles(), y.angles(), tol, w + " angles");
		assertEquals(x.names(), y.names(), w + " names");
		assertEquals(x.scanAxis(), y.scanAxis(), w + " scan_axis");
	}

	static void scan(Scan x, Scan y, double tol, String w) {
		assertArrayEquals(x.imageRange(), y.imageRange(), w + " image_range");
		assertArrayEquals(x.oscillation(), y.oscillation(), tol, w + " oscillation");
		assertArrayEquals(x.exposureTimes(), y.exposureTimes(), tol, w + " exposure_time");
		assertArrayEquals(x.epochs(), y.epochs(), tol, w + " epochs");
		assertEquals(x.batchOffset(), y.batchOffset(), w + " batch_offset");
		assertEquals(x.validImageRanges().keySet(), y.validImageRanges().keySet(), w + " valid_image_ranges");
		for (Map.Entry<String, List<int[]>> e : x.validImageRanges().entrySet()) {
			List<int[]> o = y.validImageRanges().get(e.getKey());
			assertEquals(e.getValue().size(), o.size(), w + " valid_image_ranges " + e.getKey());
			for (int i = 0; i < o.size(); i++) assertArrayEquals(e.getValue().get(i), o.get(i), w + " valid_image_ranges " + e.getKey());
		}
		assertEquals(x.extras(), y.extras(), w + " extras");
	}

	static void crystal(Crystal x, Crystal y, double tol, String w) {
		vec(x.realSpaceA(), y.realSpaceA(), tol, w + " real_space_a");
		vec(x.realSpaceB(), y.realSpaceB(), tol, w + " real_space_b");
		vec(x.realSpaceC(), y.realSpaceC(), tol, w + " real_space_c");
		assertEquals(x.spaceGroupHall(), y.spaceGroupHall(), w + " space group");
		mats(x.aAtScanPoints(), y.aAtScanPoints(), tol, w + " A_at_scan_points");
		assertEquals(x.extras(), y.extras(), w + " extras");
	}
}
