package org.bragg.format.nexus;

import java.nio.file.Path;
import java.util.List;

import io.jhdf.HdfFile;
import io.jhdf.api.Group;

import org.bragg.format.FileHeader;
import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.nexus.internal.FrameStack;
import org.bragg.format.nexus.internal.Nexus;
import org.bragg.format.nexus.internal.NexusModels;
import org.bragg.model.BraggInputException;

/**
 * NeXus/HDF5 files following the NXmx application definition (Bernstein et al. 2020, IUCrJ 7,
 * 784–792), dxtbx {@code FormatNexus}; read with jHDF.
 *
 * <p><b>Understands</b> files that start with the HDF5 signature {@code \x89HDF\r\n\x1a\n} and hold a
 * top-level NXentry whose {@code definition} is {@code NXmx} (the file is opened to check; the answer
 * is cached per file).
 *
 * <p><b>Models</b>, in the DIALS frame after converting from NeXus's McStas frame by x ↦ −x, z ↦ −z:
 * <ul>
 * <li>Beam: λ from the NXbeam's {@code incident_wavelength} (units converted to Å; one per frame if
 * it is an array), direction −z, polarisation 0.999 normal to +y; the probe from NXsource
 * {@code probe} (x-ray unless electron or neutron).</li>
 * <li>Detector: one {@code SENSOR_PAD} panel per NXdetector_module, named by the module's path.
 * The fast and slow axes are the {@code vector}s of {@code fast_pixel_direction} and
 * {@code slow_pixel_direction}, turned by the rotations of their {@code depends_on} chains; the
 * origin (outer corner of pixel (0, 0)) is where the {@code depends_on} chain of
 * {@code fast_pixel_direction} (usually {@code module_offset} → detector axes) takes the point 0;
 * each {@code NXtransformations} axis maps p to R·p + offset (rotation) or p + offset + value·vector
 * (translation), with units (m, mm, µm, deg, rad…) converted. Pixel sizes are the values of the
 * pixel-direction fields; image size from {@code data_size}; pixels of module k are the
 * {@code data_origin}/{@code data_size} window of each frame. Trusted range
 * ({@code underload_value} − 1, {@code saturation_value}), defaults (−2³¹, 2³¹ − 1). Sensor material,
 * thickness and μ (NIST tables at the wavelength) give a parallax-corrected px↔mm mapping. A panel
 * facing the beam on the source side is moved downstream (dxtbx does the same for such files).</li>
 * <li>Goniometer and scan from the NXsample's {@code depends_on} chain: every rotation axis in
 * it (innermost first), the scan axis being the one whose values vary; the scan starts at that
 * axis's first value with the median step (or {@code <axis>_end} − value), one image per value;
 * exposure and epoch spacing from the detector's {@code frame_time}. No {@code depends_on} (or ".")
 * means stills: no goniometer and no scan.</li>
 * <li>Static mask: {@code pixel_mask} (2-D, bit field, 0 = good). Pixel data: the NXdata
 * {@code signal}, else {@code data}, else all its {@code data_00000N} datasets in order, followed
 * through external links and HDF5 virtual datasets (VDS) into files in the master's directory only
 * (looked up by file name); a missing file fails with one line naming the master and the file.
 * With {@code bit_depth_readout} b, values 2^b − 1 and 2^b − 2 read as −1 and −2.</li>
 * </ul>
 * Not supported: VDS mappings other than contiguous blocks of whole frames (point, strided,
 * irregular or unlimited selections), groups with dense link storage holding a VDS, multi-module
 * detector hierarchies (modules become independent panels in global frames), NXdetector_group.
 *
 * @since 0.1
 */
public class NexusReader implements FormatReader {

	/** Creates the reader. */
	public NexusReader() {}

	@Override
	public String name() { return "FormatNexus"; }

	@Override
	public String parent() { return ROOT; }

	@Override
	public boolean understand(FileHeader header) {
		if (!Nexus.hasSignature(header.bytes())) return false;
		return understand(Nexus.classify(header.path()));
	}

	/** @return true for the kinds of file this reader takes */
	protected boolean understand(Nexus.Kind kind) {
		return kind == Nexus.Kind.NXMX || kind == Nexus.Kind.NXMX_EIGER;
	}

	/** @return true if DECTRIS detectorSpecific values complete the NXdetector (see {@link NxmxEigerFilewriterReader}) */
	protected boolean eigerFlavour() { return false; }

	@Override
	public ImageFile open(Path file) throws BraggInputException {
		HdfFile h = Nexus.openHdf(file);
		try {
			Group entry = Nexus.nxmxEntry(h);
			if (entry == null) throw new BraggInputException(file.getFileName() + ": no NXentry with definition NXmx");
			return NexusModels.nxmx(h, entry, file, name(), eigerFlavour());
		} catch (BraggInputException | RuntimeException e) {
			h.close();
			if (e instanceof io.jhdf.exceptions.HdfException he)
				throw new BraggInputException(file.getFileName() + ": cannot read NeXus file (" + he.getMessage() + ")", he);
			throw e;
		}
	}

	/** @return the data files the master links to (in its directory), present or not */
	@Override
	public List<Path> companionFiles(Path file) throws BraggInputException {
		try (HdfFile h = Nexus.openHdf(file)) {
			Group entry = Nexus.nxmxEntry(h);
			if (entry == null) entry = (Group) h.getChild("entry");
			Group data = (Group) entry.getChild("data");
			return FrameStack.linkedFiles(data, file);
		} catch (RuntimeException e) {
			return List.of();
		}
	}
}
