package org.bragg.format.tests.cbf;

import static org.bragg.format.tests.cbf.ExptReference.close;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.CbfFullReader;
import org.bragg.format.cbf.CbfMiniReader;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.bragg.format.tests.TestData;
import org.bragg.model.Panel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FormatCBFFull} (single panel, flat geometry) on a full imgCIF file whose {@code _axis}
 * chains dxtbx's {@code FullCBFWriter} wrote from the synthetic GENERIC_MINI image
 * ({@code dev/make_cbf_synthetic.py}): the detector built from the axis chains equals the one built
 * from the miniCBF header, and the pixels are the same.
 */
class CbfFullReaderTest extends GenericFormatReaderChecks {
	@TempDir
	static Path dir;
	static Path full, mini;

	@BeforeAll
	static void copy() throws Exception {
		full = SyntheticMiniCbf.copy(dir, "full_generic_0003.cbf");
		mini = SyntheticMiniCbf.copy(dir, "generic_syn_0003.cbf");
	}

	@Override protected List<FormatReader> knownReaders() { return CbfReaders.all(); }
	@Override protected FormatReader reader() { return new CbfFullReader(); }
	@Override protected List<Path> sampleFiles() { return List.of(full); }
	@Override protected Path foreignFile() { return TestData.file("sim_xray_1a8o_p43212/images/lyso1a8o_0001.cbf.bz2"); }

	@Test
	void axisChainsGiveTheHeaderGeometry() throws Exception {
		try (ImageFile f = reader().open(full); ImageFile m = new CbfMiniReader().open(mini)) {
			Panel p = f.detector(0).panel(0), q = m.detector(0).panel(0);
			assertEquals(1, f.detector(0).size());
			assertFalse(f.detector(0).hasExplicitHierarchy(), "one panel: flat detector");
			close(q.fastAxis(), p.fastAxis(), ModelChecks.REL, "fast_axis");
			close(q.slowAxis(), p.slowAxis(), ModelChecks.REL, "slow_axis");
			close(q.origin(), p.origin(), ModelChecks.REL, "origin");
			close(q.pixelSize(), p.pixelSize(), ModelChecks.REL, "pixel_size");
			assertArrayEquals(q.imageSize(), p.imageSize(), "image_size");
			close(new double[] { -1, 1000000 }, p.trustedRange(), ModelChecks.REL, "trusted_range from _array_intensities");
			assertEquals("SENSOR_UNKNOWN", p.type());
			close(0.5, f.beam(0).wavelength(), ModelChecks.REL, "wavelength");
			close(m.beam(0).direction(), f.beam(0).direction(), ModelChecks.REL, "beam direction");
			assertNull(f.goniometer(0), "no goniometer axes: a still");
			assertTrue(f.isStill(0));
			assertArrayEquals(m.read(0)[0].ints(), f.read(0)[0].ints(), "pixels");
		}
	}
}
