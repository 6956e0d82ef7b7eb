import java.nio.ByteBuffer;
import java.nio.file.Path;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;

import org.bragg.format.ImageFile;
import org.bragg.format.PanelData;
import org.bragg.format.nexus.NexusReader;
import org.bragg.format.nexus.internal.Bitshuffle;
import org.bragg.format.nexus.internal.BitshuffleFilter;

/**
 * Bitshuffle-LZ4 decode throughput on one thread (used by dev/bench_hdf5.sh).
 * Args: file.h5 (a /data dataset of shape (n, ny, nx) uint32, one chunk per frame), nxmx.nxs (the same
 * frames as an NXmx master, or "-"), repetitions.
 */
public class BenchHdf5 {
	public static void main(String[] a) throws Exception {
		Path file = Path.of(a[0]);
		int reps = Integer.parseInt(a[2]);
		try (HdfFile h = new HdfFile(file)) {
			Dataset d = h.getDatasetByPath("/data");
			ChunkedDataset cd = (ChunkedDataset) d;
			int[] dims = d.getDimensions();
			int n = dims[0], px = dims[1] * dims[2];
			int[] out = new int[px];
			// 1. the codec alone on raw chunks (chunk already in memory)
			ByteBuffer[] raw = new ByteBuffer[n];
			long bytes = 0;
			for (int i = 0; i < n; i++) {
				raw[i] = cd.getRawChunkBuffer(new int[] { i, 0, 0 });
				bytes += raw[i].remaining();
			}
			long best = Long.MAX_VALUE;
			long checksum = 0;
			for (int r = 0; r < reps; r++) {
				for (int i = 0; i < n; i++) {
					long t0 = System.nanoTime();
					Bitshuffle.decodeLz4(raw[i], 4, false, false, out);
					best = Math.min(best, System.nanoTime() - t0);
					if (r == 0) for (int v : out) checksum += v;
				}
			}
			System.out.printf("frame %d x %d = %.2f Mpx, %d frames, %.2f bits/px compressed, checksum %d%n", dims[2], dims[1], px / 1e6, n, bytes * 8.0 / n / px,
					checksum);
			System.out.printf("bragg_codec     %.4f s/frame  %.3f Gpx/s/core%n", best / 1e9, px / (best / 1e9) / 1e9);
			// 2. jHDF's own bitshuffle filter (bit by bit), once
			long t0 = System.nanoTime();
			cd.getDecompressedChunk(new int[] { 0, 0, 0 });
			long jhdf = System.nanoTime() - t0;
			System.out.printf("jhdf_filter     %.4f s/frame  %.3f Gpx/s/core%n", jhdf / 1e9, px / (jhdf / 1e9) / 1e9);
			// 3. jHDF's pipeline with Bragg's filter registered (generic slicing path)
			BitshuffleFilter.register();
			try (HdfFile h2 = new HdfFile(file)) {
				ChunkedDataset cd2 = (ChunkedDataset) h2.getDatasetByPath("/data");
				long b2 = Long.MAX_VALUE;
				for (int r = 0; r < Math.max(1, reps / 2); r++) {
					long s = System.nanoTime();
					cd2.getDecompressedChunk(new int[] { r % n, 0, 0 });
					b2 = Math.min(b2, System.nanoTime() - s);
				}
				System.out.printf("jhdf_pipeline_bragg_filter  %.4f s/frame  %.3f Gpx/s/core (to bytes, no int conversion)%n", b2 / 1e9, px / (b2 / 1e9) / 1e9);
			}
		}
		// 4. the whole reader: NXmx master → ImageFile.read (chunk fetch + decode + PanelData)
		if (!a[1].equals("-")) {
			try (ImageFile f = new NexusReader().open(Path.of(a[1]))) {
				long best = Long.MAX_VALUE;
				for (int r = 0; r < reps; r++)
					for (int i = 0; i < f.numImages(); i++) {
						long t0 = System.nanoTime();
						PanelData[] p = f.read(i);
						best = Math.min(best, System.nanoTime() - t0);
						if (p[0].size() == 0) throw new IllegalStateException();
					}
				int px = f.detector(0).panel(0).nFast() * f.detector(0).panel(0).nSlow();
				System.out.printf("bragg_reader    %.4f s/frame  %.3f Gpx/s/core (ImageFile.read via FormatNexus)%n", best / 1e9, px / (best / 1e9) / 1e9);
			}
		}
	}
}
