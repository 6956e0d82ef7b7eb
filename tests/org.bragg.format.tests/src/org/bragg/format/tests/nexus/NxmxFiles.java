package org.bragg.format.tests.nexus;

import java.nio.file.Path;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import io.jhdf.api.WritableDataset;
import io.jhdf.api.WritableGroup;

import org.bragg.format.nexus.internal.BitshuffleFilter;

/**
 * Writes small NXmx files with jHDF's writer, describing the Pilatus 1M geometry of
 * {@code sim_xray_1a8o_p43212} (λ 0.9795 Å, distance 150 mm, beam centre (479.2, 529.2) px of
 * 0.172 mm, Si 0.45 mm, ω from 0° in 0.5° steps about +x) in NeXus's McStas frame.
 */
final class NxmxFiles {
	private NxmxFiles() {}

	enum Storage { BITSHUFFLE_LZ4, DEFLATE, CONTIGUOUS }

	static final double WAVELENGTH = 0.9795, DISTANCE_MM = 150.0, PIXEL_MM = 0.172, BEAM_X_PX = 479.2, BEAM_Y_PX = 529.2;

	/**
	 * @param frames row-major frames of {@link CbfFrames#NX} × {@link CbfFrames#NY} int32 pixels
	 * @param pixelMask NeXus pixel mask (0 = good), or null
	 */
	static void write(Path file, int[][] frames, Storage storage, int[] pixelMask) {
		int nx = CbfFrames.NX, ny = CbfFrames.NY;
		BitshuffleFilter.register();
		try (WritableHdfFile f = HdfFile.write(file)) {
			WritableGroup entry = nx(f.putGroup("entry"), "NXentry");
			entry.putDataset("definition", "NXmx");
			WritableGroup instrument = nx(entry.putGroup("instrument"), "NXinstrument");
			WritableGroup beam = nx(instrument.putGroup("beam"), "NXbeam");
			beam.putDataset("incident_wavelength", WAVELENGTH).putAttribute("units", "angstrom");
			WritableGroup source = nx(instrument.putGroup("source"), "NXsource");
			source.putDataset("probe", "x-ray");

			WritableGroup det = nx(instrument.putGroup("detector"), "NXdetector");
			det.putDataset("sensor_material", "Silicon");
			det.putDataset("sensor_thickness", 0.00045).putAttribute("units", "m");
			det.putDataset("saturation_value", 1048575);
			det.putDataset("underload_value", 0);
			det.putDataset("frame_time", 0.1).putAttribute("units", "s");
			det.putDataset("depends_on", "/entry/instrument/detector/transformations/det_z");
			if (pixelMask != null) det.putDataset("pixel_mask", reshape(pixelMask, ny, nx));
			WritableGroup dt = nx(det.putGroup("transformations"), "NXtransformations");
			axis(dt.putDataset("det_z", DISTANCE_MM), "translation", "mm", new double[] { 0, 0, 1 }, ".");

			WritableGroup module = nx(det.putGroup("module"), "NXdetector_module");
			module.putDataset("data_origin", new int[] { 0, 0 });
			module.putDataset("data_size", new int[] { ny, nx });
			// McStas: x to the left seen from the source, y up, z along the beam; the beam hits pixel (479.2, 529.2)
			double ox = BEAM_X_PX * PIXEL_MM, oy = BEAM_Y_PX * PIXEL_MM, len = Math.hypot(ox, oy);
			axis(module.putDataset("module_offset", len), "translation", "mm", new double[] { ox / len, oy / len, 0 },
					"/entry/instrument/detector/transformations/det_z");
			axis(module.putDataset("fast_pixel_direction", PIXEL_MM), "translation", "mm", new double[] { -1, 0, 0 },
					"/entry/instrument/detector/module/module_offset");
			axis(module.putDataset("slow_pixel_direction", PIXEL_MM), "translation", "mm", new double[] { 0, -1, 0 },
					"/entry/instrument/detector/module/module_offset");

			WritableGroup sample = nx(entry.putGroup("sample"), "NXsample");
			sample.putDataset("depends_on", "/entry/sample/transformations/omega");
			WritableGroup st = nx(sample.putGroup("transformations"), "NXtransformations");
			double[] omega = new double[frames.length];
			for (int i = 0; i < omega.length; i++) omega[i] = 0.5 * i;
			axis(st.putDataset("omega", omega), "rotation", "deg", new double[] { -1, 0, 0 }, ".");

			WritableGroup data = nx(entry.putGroup("data"), "NXdata");
			data.putAttribute("signal", "data");
			int[][][] cube = new int[frames.length][][];
			for (int i = 0; i < frames.length; i++) cube[i] = reshape(frames[i], ny, nx);
			DatasetCreationOptions o = switch (storage) {
			case BITSHUFFLE_LZ4 -> DatasetCreationOptions.builder().chunkDimensions(1, ny, nx).filter(new BitshuffleFilter(), BitshuffleFilter.lz4FilterData(4)).build();
			case DEFLATE -> DatasetCreationOptions.builder().chunkDimensions(1, ny, nx).deflate(1).build();
			case CONTIGUOUS -> DatasetCreationOptions.DEFAULT;
			};
			data.putDataset("data", cube, o);
		}
	}

	private static WritableGroup nx(WritableGroup g, String cls) {
		g.putAttribute("NX_class", cls);
		return g;
	}

	private static void axis(WritableDataset d, String type, String units, double[] vector, String dependsOn) {
		d.putAttribute("transformation_type", type);
		d.putAttribute("units", units);
		d.putAttribute("vector", vector);
		d.putAttribute("offset", new double[] { 0, 0, 0 });
		d.putAttribute("depends_on", dependsOn);
	}

	static int[][] reshape(int[] v, int ny, int nx) {
		int[][] out = new int[ny][nx];
		for (int y = 0; y < ny; y++) System.arraycopy(v, y * nx, out[y], 0, nx);
		return out;
	}
}
