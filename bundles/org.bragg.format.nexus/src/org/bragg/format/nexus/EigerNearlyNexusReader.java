package org.bragg.format.nexus;

import java.nio.file.Path;

import io.jhdf.HdfFile;

import org.bragg.format.ImageFile;
import org.bragg.format.nexus.internal.Nexus;
import org.bragg.format.nexus.internal.NexusModels;
import org.bragg.model.BraggInputException;

/**
 * DECTRIS Eiger master files that are not NXmx ("nearly NeXus": an {@code /entry} NXentry without
 * {@code definition}, with {@code /entry/instrument/detector/detectorSpecific} or a detector
 * description containing "Dectris Eiger"), dxtbx {@code FormatHDF5EigerNearlyNexus}. A sibling of
 * {@link NexusReader}: the two never understand the same file. The models are described at
 * {@link NexusModels#eigerNearlyNexus}; frames come from the {@code /entry/data/data_00000N}
 * external links, resolved in the master's directory.
 *
 * @since 0.1
 */
public class EigerNearlyNexusReader extends NexusReader {

	/** Creates the reader. */
	public EigerNearlyNexusReader() {}

	@Override
	public String name() { return "FormatHDF5EigerNearlyNexus"; }

	@Override
	public String parent() { return ROOT; }

	@Override
	protected boolean understand(Nexus.Kind kind) { return kind == Nexus.Kind.EIGER_NEARLY_NEXUS; }

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		HdfFile h = Nexus.openHdf(file);
		try {
			return NexusModels.eigerNearlyNexus(h, file, name());
		} catch (BraggInputException | RuntimeException e) {
			h.close();
			if (e instanceof io.jhdf.exceptions.HdfException he)
				throw new BraggInputException(file.getFileName() + ": cannot read Eiger master file (" + he.getMessage() + ")", he);
			throw e;
		}
	}
}
