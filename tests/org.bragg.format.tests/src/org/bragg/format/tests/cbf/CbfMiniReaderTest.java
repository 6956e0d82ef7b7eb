package org.bragg.format.tests.cbf;

import java.nio.file.Path;
import java.util.List;

import org.bragg.format.FormatReader;
import org.bragg.format.ImageFile;
import org.bragg.format.cbf.CbfMiniReader;
import org.bragg.format.tests.GenericFormatReaderChecks;
import org.bragg.format.tests.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code FormatCBFMini} on a synthetic GENERIC_MINI file (200 × 150 px, 1-mm CdTe sensor, no
 * timestamp; {@code dev/make_cbf_synthetic.py}): models (CdTe μ, no gap mask, epoch 0) and pixels
 * equal dxtbx's.
 */
class CbfMiniReaderTest extends GenericFormatReaderChecks {
	static final String NAME = "generic_syn_0003.cbf";

	@TempDir
	static Path dir;
	static Path file;

	@BeforeAll
	static void copy() throws Exception {
		file = SyntheticMiniCbf.copy(dir, NAME);
	}

	@Override protected List<FormatReader> knownReaders() { return CbfReaders.all(); }
	@Override protected FormatReader reader() { return new CbfMiniReader(); }
	@Override protected List<Path> sampleFiles() { return List.of(file); }
	@Override protected Path foreignFile() { return TestData.file("real_thermolysin_cspad/images/idx-20130301060858401.cbf"); }

	@Test
	void modelsAndPixelsMatchDxtbx() throws Exception {
		try (ImageFile f = reader().open(file)) {
			SyntheticMiniCbf.check(f, SyntheticMiniCbf.reference(NAME), 3);
		}
	}
}
