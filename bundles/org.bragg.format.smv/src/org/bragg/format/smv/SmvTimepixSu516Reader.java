package org.bragg.format.smv;

import org.bragg.format.ImageFile;
import org.bragg.format.smv.internal.SimpleDetectors;
import org.bragg.format.smv.internal.SmvImageFile;
import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;
import org.bragg.model.Vec3;

/**
 * The Stockholm TimePix quad stored as 516×516 pixels, with every wide edge pixel split into three
 * normal ones, dxtbx {@code FormatSMVTimePix_SU_516x516}: one flat {@code SENSOR_PAD} panel
 * (Si, 0.3 mm) at z = −{@code DISTANCE}, fast +x, slow −y, beam centre
 * ({@code BEAM_CENTER_X}, {@code BEAM_CENTER_Y}) pixels × {@code PIXEL_SIZE}, trusted range
 * (−1, 65535), no mask for the central cross. The goniometer axis fixed by this layout is
 * (0.7826, −0.6226, 0) normalised.
 *
 * @since 0.1
 */
public class SmvTimepixSu516Reader extends SmvTimepixSuReader {

	/** Creates the reader. */
	public SmvTimepixSu516Reader() {}

	@Override
	public String name() { return "FormatSMVTimePix_SU_516x516"; }

	@Override
	public String parent() { return "FormatSMVTimePix_SU"; }

	@Override
	protected boolean understand(SmvHeader h) {
		return "516".equals(h.get("SIZE1")) && "516".equals(h.get("SIZE2"));
	}

	@Override
	protected Vec3 rotationAxis() { return new Vec3(0.7826, -0.6226, 0.0); }

	@Override
	protected ImageFile open(SmvHeader h) throws BraggInputException {
		int nx = h.getInt("SIZE1"), ny = h.getInt("SIZE2");
		double p = h.getDouble("PIXEL_SIZE");
		Detector d = SimpleDetectors.simple("SENSOR_PAD", h.getDouble("DISTANCE"), h.getDouble("BEAM_CENTER_X") * p,
				h.getDouble("BEAM_CENTER_Y") * p, new Vec3(1, 0, 0), new Vec3(0, -1, 0), p, nx, ny, -1, 65535, 1.0, 0.0, 0.3, "Si");
		return new SmvImageFile(h, name(), beam(h), d, goniometer(), scan(h), nx, ny);
	}
}
