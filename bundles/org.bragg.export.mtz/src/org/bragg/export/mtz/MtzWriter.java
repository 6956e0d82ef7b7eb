package org.bragg.export.mtz;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.SymOp;

/**
 * Writes an {@link Mtz} as a little-endian CCP4 MTZ file (format {@code MTZ:V1.1}): a 20-word
 * preamble (magic {@code "MTZ "}, header position, machine stamp {@code 0x4441}), the reflection data
 * as float32 rows from word 21, the 80-character header records ({@code VERS … END}), history,
 * batch headers ({@code MTZBATS}) and {@code MTZENDOFHEADERS}. Column min/max and the resolution range
 * are computed from the data; missing values are NaN ({@code VALM NAN}).
 *
 * <p>Output is atomic: the file is written as {@code name.tmp} beside the target, then moved.
 * Follows the CCP4 MTZ format description (CCP4 {@code mtzformat.html}).
 *
 * @since 0.1
 */
public final class MtzWriter {
	private MtzWriter() {}

	/** Writes {@code mtz} to {@code target} (atomically). @throws IOException on write failure */
	public static void write(Mtz mtz, Path target) throws IOException {
		Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
		try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
			write(mtz, out);
		} catch (IOException | RuntimeException e) {
			Files.deleteIfExists(tmp);
			throw e;
		}
		try {
			Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		} catch (IOException e) {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}

	/** Writes {@code mtz} to a stream (not closed). */
	public static void write(Mtz mtz, OutputStream out) throws IOException {
		int ncol = mtz.numColumns(), nref = mtz.numReflections();
		float[] data = mtz.data();
		long headerWord = 21L + (long) ncol * nref;
		if (headerWord > Integer.MAX_VALUE) throw new IllegalArgumentException("MTZ too large: " + nref + " × " + ncol);
		ByteBuffer pre = ByteBuffer.allocate(80).order(ByteOrder.LITTLE_ENDIAN);
		pre.put("MTZ ".getBytes(StandardCharsets.US_ASCII));
		pre.putInt((int) headerWord);
		pre.put((byte) 0x44).put((byte) 0x41).put((byte) 0).put((byte) 0);
		out.write(pre.array());
		ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
		for (float v : data) {
			if (!buf.hasRemaining()) { out.write(buf.array(), 0, buf.position()); buf.clear(); }
			buf.putFloat(v);
		}
		out.write(buf.array(), 0, buf.position());
		for (String rec : headerRecords(mtz)) out.write(record(rec));
		if (!mtz.batches().isEmpty()) {
			out.write(record("MTZBATS"));
			for (Mtz.Batch b : mtz.batches()) {
				out.write(record(String.format(Locale.ROOT, "BH %8d %7d %7d %7d", b.number(), BatchHeaders.NWORDS, BatchHeaders.NINTS, BatchHeaders.NREALS)));
				out.write(record("TITLE " + (b.title().length() > 70 ? b.title().substring(0, 70) : b.title())));
				ByteBuffer bb = ByteBuffer.allocate(4 * BatchHeaders.NWORDS).order(ByteOrder.LITTLE_ENDIAN);
				int[] ints = b.ints().clone();
				ints[0] = BatchHeaders.NWORDS;
				ints[1] = BatchHeaders.NINTS;
				ints[2] = BatchHeaders.NREALS;
				for (int v : ints) bb.putInt(v);
				for (float v : b.floats()) bb.putFloat(v);
				out.write(bb.array());
				StringBuilder bh = new StringBuilder("BHCH ");
				for (String ax : b.axes()) bh.append(String.format(Locale.ROOT, " %7.7s", ax));
				out.write(record(bh.toString()));
			}
		}
		out.write(record("MTZENDOFHEADERS"));
		out.flush();
	}

	static List<String> headerRecords(Mtz mtz) {
		List<String> r = new ArrayList<>();
		int ncol = mtz.numColumns(), nref = mtz.numReflections();
		r.add("VERS MTZ:V1.1");
		r.add("TITLE " + mtz.title());
		r.add(String.format(Locale.ROOT, "NCOL %8d %12d %8d", ncol, nref, mtz.batches().size()));
		double[] c = mtz.cell();
		r.add(String.format(Locale.ROOT, "CELL  %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f", c[0], c[1], c[2], c[3], c[4], c[5]));
		r.add("SORT    0   0   0   0   0");
		SpaceGroup sg = mtz.spaceGroup();
		List<SymOp> ops = sg.allOps();
		String hm = sg.hermannMauguin();
		r.add(String.format(Locale.ROOT, "SYMINF %3d %2d %c %5d %22s %5s", ops.size(), sg.orderP(), sg.centringType(), sg.ccp4Number() > 0 ? sg.ccp4Number() : sg.number(),
				"'" + hm + "'", "PG" + sg.pointGroupSymbol().replace("/", "")));
		for (SymOp op : ops) r.add("SYMM " + op.toXyz().toUpperCase(Locale.ROOT).replace(",", ",  "));
		double[] res = mtz.resolutionRange();
		r.add(String.format(Locale.ROOT, "RESO %-20.12f %-20.12f", res[0], res[1]));
		r.add("VALM NAN");
		float[] d = mtz.data();
		for (int j = 0; j < ncol; j++) {
			double mn = Double.POSITIVE_INFINITY, mx = Double.NEGATIVE_INFINITY;
			for (int i = 0; i < nref; i++) {
				float v = d[i * ncol + j];
				if (Float.isNaN(v)) continue;
				mn = Math.min(mn, v);
				mx = Math.max(mx, v);
			}
			if (mn > mx) mn = mx = 0;
			Mtz.Column col = mtz.columns().get(j);
			r.add(String.format(Locale.ROOT, "COLUMN %-30s %c %17.9g %17.9g %4d", col.label(), col.type(), mn, mx, col.datasetId()));
		}
		r.add(String.format(Locale.ROOT, "NDIF %8d", mtz.datasets().size()));
		for (Mtz.Dataset ds : mtz.datasets()) {
			r.add(String.format(Locale.ROOT, "PROJECT %7d %s", ds.id(), ds.project()));
			r.add(String.format(Locale.ROOT, "CRYSTAL %7d %s", ds.id(), ds.crystal()));
			r.add(String.format(Locale.ROOT, "DATASET %7d %s", ds.id(), ds.dataset()));
			double[] dc = ds.cell();
			r.add(String.format(Locale.ROOT, "DCELL %9d %10.4f%10.4f%10.4f%10.4f%10.4f%10.4f", ds.id(), dc[0], dc[1], dc[2], dc[3], dc[4], dc[5]));
			r.add(String.format(Locale.ROOT, "DWAVEL %8d %10.5f", ds.id(), ds.wavelength()));
		}
		List<Mtz.Batch> bs = mtz.batches();
		for (int i = 0; i < bs.size(); i += 12) {
			StringBuilder sb = new StringBuilder("BATCH ");
			for (int j = i; j < Math.min(bs.size(), i + 12); j++) sb.append(String.format(Locale.ROOT, "%6d", bs.get(j).number()));
			r.add(sb.toString());
		}
		r.add("END");
		if (!mtz.history().isEmpty()) {
			r.add(String.format(Locale.ROOT, "MTZHIST %3d", Math.min(30, mtz.history().size())));
			for (String h : mtz.history().subList(0, Math.min(30, mtz.history().size()))) r.add(h);
		}
		return r;
	}

	private static byte[] record(String s) {
		byte[] b = new byte[80];
		java.util.Arrays.fill(b, (byte) ' ');
		byte[] t = s.getBytes(StandardCharsets.US_ASCII);
		System.arraycopy(t, 0, b, 0, Math.min(80, t.length));
		return b;
	}
}
