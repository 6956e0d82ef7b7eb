package org.bragg.format.nexus;

import org.bragg.format.nexus.internal.Nexus;

/**
 * NXmx master files written by the DECTRIS Eiger file writer, recognised by the
 * {@code /entry/instrument/detector/detectorSpecific} group; dxtbx {@code FormatNXmxEigerFilewriter}.
 * Models as {@link NexusReader}, except that where the NXdetector lacks them,
 * {@code detectorSpecific/countrate_correction_count_cutoff} gives the saturation value and
 * {@code detectorSpecific/pixel_mask} the static mask, and the trusted range starts at −1 (Eiger
 * data mark gaps and bad pixels with the largest unsigned value, which reads as −1). The frames are
 * usually in {@code <name>_data_00000N.h5} files next to the master, reached through the external
 * links {@code /entry/data/data_00000N}; a missing file is reported when the master is opened.
 *
 * @since 0.1
 */
public class NxmxEigerFilewriterReader extends NxmxReader {

	/** Creates the reader. */
	public NxmxEigerFilewriterReader() {}

	@Override
	public String name() { return "FormatNXmxEigerFilewriter"; }

	@Override
	public String parent() { return "FormatNXmx"; }

	@Override
	protected boolean understand(Nexus.Kind kind) { return kind == Nexus.Kind.NXMX_EIGER; }

	@Override
	protected boolean eigerFlavour() { return true; }
}
