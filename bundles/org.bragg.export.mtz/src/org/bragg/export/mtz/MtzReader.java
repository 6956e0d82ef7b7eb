package org.bragg.export.mtz;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bragg.model.BraggInputException;
import org.bragg.model.symmetry.SpaceGroup;
import org.bragg.model.symmetry.SymOp;

/**
 * Reads a CCP4 MTZ file (either byte order, as given by the machine stamp) into an {@link Mtz}:
 * header records, datasets, columns, data, history and batch headers. The space group is built from
 * the {@code SYMM} records (falling back to the {@code SYMINF} name). Follows the CCP4 MTZ format
 * description (CCP4 {@code mtzformat.html}).
 *
 * @since 0.1
 */
public final class MtzReader {
	private MtzReader() {}

	/**
	 * Reads {@code file}.
	 * @throws BraggInputException if the file is not an MTZ file or a header record is malformed
	 * @throws IOException on read failure
	 */
	public static Mtz read(Path file) throws IOException, BraggInputException {
		byte[] all = Files.readAllBytes(file);
		if (all.length < 80 || !new String(all, 0, 4, StandardCharsets.US_ASCII).equals("MTZ "))
			throw new BraggInputException(file + ": expected MTZ magic 'MTZ ' in bytes 0-3, found a file of " + all.length + " bytes without it");
		int stamp = all[9] & 0xff;
		ByteOrder order = (stamp >> 4) == 1 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
		ByteBuffer bb = ByteBuffer.wrap(all).order(order);
		long headerPos = 4L * (bb.getInt(4) - 1);
		if (headerPos < 80 || headerPos >= all.length)
			throw new BraggInputException(file + ": header position word expected within the file, found " + bb.getInt(4));
		Mtz mtz = new Mtz();
		List<Mtz.Column> cols = new ArrayList<>();
		List<SymOp> ops = new ArrayList<>();
		String sgName = null;
		int ncol = -1, nref = -1;
		int p = (int) headerPos;
		java.util.Map<Integer, String[]> ds = new java.util.LinkedHashMap<>();
		java.util.Map<Integer, double[]> dcell = new java.util.HashMap<>();
		java.util.Map<Integer, Double> dwavel = new java.util.HashMap<>();
		while (true) {
			String rec = rec(all, p, file);
			p += 80;
			String key = rec.length() >= 4 ? rec.substring(0, Math.min(rec.length(), rec.indexOf(' ') < 0 ? rec.length() : rec.indexOf(' '))) : rec.trim();
			String rest = rec.length() > key.length() ? rec.substring(key.length()).trim() : "";
			try {
				switch (key) {
				case "END" -> { }
				case "TITLE" -> mtz.setTitle(rest);
				case "NCOL" -> { String[] t = rest.split("\\s+"); ncol = Integer.parseInt(t[0]); nref = Integer.parseInt(t[1]); }
				case "CELL" -> mtz.setCell(doubles(rest, 6));
				case "SYMINF" -> { int a = rest.indexOf('\''), b = rest.indexOf('\'', a + 1); if (a >= 0 && b > a) sgName = rest.substring(a + 1, b); }
				case "SYMM" -> ops.add(SymOp.parse(rest.replace(" ", "").toLowerCase(java.util.Locale.ROOT)));
				case "COLUMN" -> {
					String[] t = rest.split("\\s+");
					cols.add(new Mtz.Column(t[0], t[1].charAt(0), t.length > 4 ? Integer.parseInt(t[4]) : 0));
				}
				case "PROJECT", "CRYSTAL", "DATASET" -> {
					String[] t = rest.split("\\s+", 2);
					int id = Integer.parseInt(t[0]);
					String[] names = ds.computeIfAbsent(id, k -> new String[3]);
					names[key.equals("PROJECT") ? 0 : key.equals("CRYSTAL") ? 1 : 2] = t.length > 1 ? t[1].trim() : "";
				}
				case "DCELL" -> { String[] t = rest.split("\\s+", 2); dcell.put(Integer.parseInt(t[0]), doubles(t[1], 6)); }
				case "DWAVEL" -> { String[] t = rest.split("\\s+"); dwavel.put(Integer.parseInt(t[0]), Double.parseDouble(t[1])); }
				default -> { }
				}
			} catch (RuntimeException e) {
				throw new BraggInputException(file + ": header record " + key + " malformed: '" + rec.trim() + "'");
			}
			if (key.equals("END")) break;
		}
		if (ncol < 0) throw new BraggInputException(file + ": header record NCOL expected, not found");
		if (cols.size() != ncol) throw new BraggInputException(file + ": NCOL says " + ncol + " columns, found " + cols.size() + " COLUMN records");
		for (var e : ds.entrySet()) {
			String[] n = e.getValue();
			mtz.datasets().add(new Mtz.Dataset(e.getKey(), n[0], n[1], n[2], dcell.getOrDefault(e.getKey(), mtz.cell()), dwavel.getOrDefault(e.getKey(), 0.0)));
		}
		SpaceGroup sg;
		try {
			sg = !ops.isEmpty() ? SpaceGroup.fromOps(ops) : sgName != null ? SpaceGroup.parse(sgName) : SpaceGroup.p1();
		} catch (RuntimeException e) {
			throw new BraggInputException(file + ": SYMM/SYMINF records do not give a space group (" + sgName + "): " + e.getMessage());
		}
		mtz.setSpaceGroup(sg);
		// history and batches
		List<Integer> batchNums = new ArrayList<>();
		while (p + 80 <= all.length) {
			String rec = rec(all, p, file);
			p += 80;
			if (rec.startsWith("MTZENDOFHEADERS")) break;
			if (rec.startsWith("MTZHIST")) {
				int n = Integer.parseInt(rec.substring(7).trim());
				for (int i = 0; i < n; i++, p += 80) mtz.history().add(rec(all, p, file).trim());
			} else if (rec.startsWith("BH")) {
				String[] t = rec.substring(2).trim().split("\\s+");
				int num = Integer.parseInt(t[0]);
				String title = rec(all, p, file);
				p += 80;
				title = title.startsWith("TITLE") ? title.substring(5).trim() : title.trim();
				int[] ints = new int[BatchHeaders.NINTS];
				float[] fl = new float[BatchHeaders.NREALS];
				for (int i = 0; i < ints.length; i++, p += 4) ints[i] = bb.getInt(p);
				for (int i = 0; i < fl.length; i++, p += 4) fl[i] = bb.getFloat(p);
				String bhch = rec(all, p, file);
				p += 80;
				List<String> axes = bhch.startsWith("BHCH") ? Arrays.stream(bhch.substring(4).trim().split("\\s+")).filter(s -> !s.isEmpty()).toList() : List.of();
				mtz.batches().add(new Mtz.Batch(num, title, ints, fl, axes, ints[BatchHeaders.I_NBSETID]));
				batchNums.add(num);
			}
		}
		mtz.columns().addAll(cols);
		long need = 80L + 4L * ncol * nref;
		if (need > headerPos) throw new BraggInputException(file + ": NCOL expected " + nref + " reflections × " + ncol + " columns before the header, found room for fewer");
		float[] data = new float[ncol * nref];
		for (int i = 0; i < data.length; i++) data[i] = bb.getFloat(80 + 4 * i);
		if (ncol > 0) mtz.setData(data);
		return mtz;
	}

	private static String rec(byte[] all, int p, Path file) throws BraggInputException {
		if (p + 80 > all.length) throw new BraggInputException(file + ": header record expected at byte " + p + ", found end of file");
		return new String(all, p, 80, StandardCharsets.US_ASCII);
	}

	private static double[] doubles(String s, int n) {
		String[] t = s.trim().split("\\s+");
		double[] d = new double[n];
		for (int i = 0; i < n; i++) d[i] = Double.parseDouble(t[i]);
		return d;
	}
}
