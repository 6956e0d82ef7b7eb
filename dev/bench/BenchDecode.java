import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.bragg.format.cbf.internal.BinarySection;
import org.bragg.format.cbf.internal.ByteOffset;
import org.bragg.format.cbf.internal.CbfFile;
import org.bragg.format.FormatRegistry;
import org.bragg.format.ImageFile;

/**
 * Single-thread timing of CBF byte-offset decoding (dev/bench_decode.sh). Not a test: prints
 * Mpx/s for (1) the decode loop alone on bytes in memory and (2) open + read of each file through
 * the registry (header parse, file read from the page cache, decode).
 * Usage: java BenchDecode FILE...
 */
public final class BenchDecode {
	public static void main(String[] args) throws Exception {
		List<byte[]> data = new ArrayList<>();
		List<int[]> ranges = new ArrayList<>(); // off, end, n
		long pixels = 0;
		for (String a : args) {
			Path p = Path.of(a);
			byte[] b = Files.readAllBytes(p);
			CbfFile c = CbfFile.of(p, b, true);
			BinarySection s = c.sections().get(0);
			int size = s.size(a), n = s.numElements(a);
			data.add(b);
			ranges.add(new int[] { s.dataOffset(), s.dataOffset() + size, n });
			pixels += n;
		}
		int maxN = ranges.stream().mapToInt(r -> r[2]).max().orElse(0);
		int[] out = new int[maxN];
		long sink = 0;
		// warm-up
		for (int rep = 0; rep < 5; rep++)
			for (int i = 0; i < data.size(); i++) {
				int[] r = ranges.get(i);
				ByteOffset.decode(data.get(i), r[0], r[1], out, r[2]);
				sink += out[r[2] / 2];
			}
		int reps = 10;
		double best = Double.MAX_VALUE;
		for (int rep = 0; rep < reps; rep++) {
			long t0 = System.nanoTime();
			for (int i = 0; i < data.size(); i++) {
				int[] r = ranges.get(i);
				ByteOffset.decode(data.get(i), r[0], r[1], out, r[2]);
				sink += out[r[2] / 2];
			}
			best = Math.min(best, (System.nanoTime() - t0) * 1e-9);
		}
		double decodeMpx = pixels / best / 1e6;

		FormatRegistry reg = FormatRegistry.fromServiceLoader();
		for (int rep = 0; rep < 2; rep++)
			for (String a : args)
				try (ImageFile f = reg.open(Path.of(a))) {
					sink += f.read(0)[0].ints()[7];
				}
		double bestRead = Double.MAX_VALUE;
		for (int rep = 0; rep < 3; rep++) {
			long t0 = System.nanoTime();
			for (String a : args)
				try (ImageFile f = reg.open(Path.of(a))) {
					sink += f.read(0)[0].ints()[7];
				}
			bestRead = Math.min(bestRead, (System.nanoTime() - t0) * 1e-9);
		}
		double readMpx = pixels / bestRead / 1e6;
		System.out.printf("java_decode_mpx_per_s %.1f%n", decodeMpx);
		System.out.printf("java_open_read_mpx_per_s %.1f%n", readMpx);
		System.out.printf("files %d pixels %d (checksum %d)%n", args.length, pixels, sink);
	}
}
