package org.bragg.format.mrc;

import org.bragg.format.mrc.internal.MrcHeader;

/**
 * MRC files holding one image each (NZ = 1), dxtbx {@code FormatMRCimages}; models as
 * {@link MrcReader}, the image number taken from the last digits of the file name.
 *
 * @since 0.1
 */
public class MrcImagesReader extends MrcReader {

	/** Creates the reader. */
	public MrcImagesReader() {}

	@Override
	public String name() { return "FormatMRCimages"; }

	@Override
	public String parent() { return "FormatMRC"; }

	@Override
	protected boolean understand(MrcHeader h) { return h.nz == 1; }
}
