package org.bragg.format.mrc;

import org.bragg.format.mrc.internal.MrcHeader;

/**
 * MRC files holding a stack of more than one image (NZ &gt; 1), dxtbx {@code FormatMRCstack};
 * models as {@link MrcReader}.
 *
 * @since 0.1
 */
public class MrcStackReader extends MrcReader {

	/** Creates the reader. */
	public MrcStackReader() {}

	@Override
	public String name() { return "FormatMRCstack"; }

	@Override
	public String parent() { return "FormatMRC"; }

	@Override
	protected boolean understand(MrcHeader h) { return h.nz > 1; }
}
