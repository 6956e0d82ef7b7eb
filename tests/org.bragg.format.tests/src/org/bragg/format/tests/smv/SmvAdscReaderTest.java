package org.bragg.format.tests.smv;

import static org.bragg.format.tests.smv.Close.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.model.Beam;
import org.bragg.model.Panel;
import org.bragg.model.Scan;
import org.bragg.model.Vec3;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ADSC reader on a small synthetic big-endian image (48×40 px, pedestal, negative OSC_RANGE,
 * 2×2 hardware binning) against the models dxtbx builds for the same bytes
 * ({@code dev/reference_pixel_sums_smv.py}).
 */
class SmvAdscReaderTest {
	private static final double REL = 1e-9;

	/** Writes the synthetic ADSC image exactly as the reference script does. */
	static Path writeSynthetic(Path dir, String name) throws IOException {
		byte[] header;
		try (InputStream in = SmvAdscReaderTest.class.getResourceAsStream("adsc_synthetic_header.txt")) {
			header = in.readAllBytes();
		}
		int n = 48 * 40;
		byte[] file = new byte[512 + 2 * n];
		Arrays.fill(file, 0, 512, (byte) ' ');
		System.arraycopy(header, 0, file, 0, header.length);
		for (int i = 0; i < n; i++) {
			int v = (37 * i + 11) % 65536;
			file[512 + 2 * i] = (byte) (v >> 8);
			file[512 + 2 * i + 1] = (byte) v;
		}
		Path p = dir.resolve(name);
		Files.write(p, file);
		return p;
	}

	@Test
	void modelsAndPixelsMatchDxtbx(@TempDir Path tmp) throws Exception {
		SmvReferenceFile ref = SmvReferenceFile.load();
		Path file = writeSynthetic(tmp, "adsc_synth_007.img");
		FormatRegistry reg = FormatRegistry.fromServiceLoader();
		assertEquals(ref.adsc.get("class")[0], reg.find(file).name());
		try (ImageFile f = reg.open(file)) {
			Beam b = f.beam(0);
			Panel p = f.detector(0).panel(0);
			Scan s = f.scan(0);
			assertClose(Vec3.of(ref.adscDoubles("beam_direction")), b.direction(), REL, "beam direction");
			assertClose(ref.adscDoubles("wavelength")[0], b.wavelength(), REL, "wavelength");
			double[] pol = ref.adscDoubles("polarization");
			assertClose(new Vec3(pol[0], pol[1], pol[2]), b.polarizationNormal(), REL, "polarization normal");
			assertClose(pol[3], b.polarizationFraction(), REL, "polarization fraction");
			assertClose(Vec3.of(ref.adscDoubles("origin")), p.origin(), REL, "origin");
			assertClose(Vec3.of(ref.adscDoubles("fast_axis")), p.fastAxis(), REL, "fast axis");
			assertClose(Vec3.of(ref.adscDoubles("slow_axis")), p.slowAxis(), REL, "slow axis");
			assertClose(ref.adscDoubles("pixel_size"), p.pixelSize(), REL, "pixel size");
			assertClose(ref.adscDoubles("image_size"), new double[] { p.nFast(), p.nSlow() }, 0, "image size");
			assertClose(ref.adscDoubles("trusted_range"), p.trustedRange(), REL, "trusted range");
			assertClose(ref.adscDoubles("gain")[0], p.gain(), REL, "gain");
			assertClose(ref.adscDoubles("pedestal")[0], p.pedestal(), REL, "pedestal");
			assertEquals(ref.adsc.get("type")[0], p.type());
			assertClose(ref.adscDoubles("beam_centre_mm"), p.beamCentreMm(b.s0()), 1e-12, "beam centre (mm)");
			assertClose(Vec3.of(ref.adscDoubles("rotation_axis")), f.goniometer(0).rotationAxis(), REL, "rotation axis");
			double[] range = ref.adscDoubles("image_range");
			assertEquals((int) range[0], s.firstImage());
			assertEquals((int) range[1], s.lastImage());
			assertClose(ref.adscDoubles("oscillation"), s.oscillation(), REL, "oscillation");
			assertClose(ref.adscDoubles("exposure_time")[0], s.exposureTimes()[0], REL, "exposure");
			assertClose(ref.adscDoubles("epoch")[0], s.epochs()[0], REL, "epoch");
			PanelData[] d = f.read(0);
			double[] sum = ref.adscDoubles("sum");
			assertEquals((int) sum[0], d[0].size());
			assertEquals(sum[1], d[0].sum());
			int min = Arrays.stream(d[0].ints()).min().getAsInt(), max = Arrays.stream(d[0].ints()).max().getAsInt();
			assertEquals((int) sum[2], min);
			assertEquals((int) sum[3], max);
			assertEquals((int) sum[4], d[0].ints()[0]);
			assertEquals((int) sum[5], d[0].ints()[1], "pixel (x=1, y=0)");
			assertEquals((int) sum[6], d[0].ints()[48], "pixel (x=0, y=1)");
		}
	}
}
