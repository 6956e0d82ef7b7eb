package org.bragg.format.smv.internal;

import java.util.List;

import org.bragg.model.Detector;
import org.bragg.model.Panel;
import org.bragg.model.PxMmStrategy;
import org.bragg.model.Vec3;

/**
 * A flat single-panel detector normal to the beam, as dxtbx's {@code DetectorFactory.simple}: the
 * panel plane is at z = −distance, and the beam (along −z) hits it at {@code beamCentre} mm measured
 * along the fast and slow axes from the outer corner of pixel (0, 0).
 *
 * @since 0.1
 */
public final class SimpleDetectors {
	private SimpleDetectors() {}

	/**
	 * @param type dxtbx panel type, e.g. {@code SENSOR_CCD}
	 * @param distanceMm sample–detector distance, mm
	 * @param beamFastMm beam centre along fast, mm
	 * @param beamSlowMm beam centre along slow, mm
	 * @param fast unit fast axis in the lab frame
	 * @param slow unit slow axis in the lab frame
	 */
	public static Detector simple(String type, double distanceMm, double beamFastMm, double beamSlowMm, Vec3 fast, Vec3 slow,
			double pixelSizeMm, int nFast, int nSlow, double trustedMin, double trustedMax, double gain, double pedestal,
			double thickness, String material) {
		Vec3 origin = new Vec3(0, 0, -distanceMm).minus(fast.times(beamFastMm)).minus(slow.times(beamSlowMm));
		Panel p = new Panel("Panel", type, fast, slow, origin, new int[] { 0, 0 }, new int[] { nFast, nSlow },
				new double[] { pixelSizeMm, pixelSizeMm }, new double[] { trustedMin, trustedMax }, thickness, material, 0.0, "",
				List.of(), gain, pedestal, PxMmStrategy.SIMPLE);
		return Detector.single(p);
	}
}
