package org.bragg.format.nexus;

/**
 * NXmx files, dxtbx {@code FormatNXmx}: the reader DIALS 3.12 picks for NXmx files, with the models
 * described in {@link NexusReader}. It exists so that the reader name in logs and {@code .expt}
 * files matches DIALS.
 *
 * @since 0.1
 */
public class NxmxReader extends NexusReader {

	/** Creates the reader. */
	public NxmxReader() {}

	@Override
	public String name() { return "FormatNXmx"; }

	@Override
	public String parent() { return "FormatNexus"; }
}
