package org.bragg.format.mrc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.bragg.model.BraggInputException;

/**
 * The 1024-byte main header of an MRC file (CCP-EM MRC2014, Cheng et al. 2015, J. Struct. Biol. 192,
 * 146–150) and, if present, the first record of an FEI extended header ({@code EXTTYP} FEI1/FEI2,
 * Thermo Fisher "MRC2014 file format used by Thermo Scientific software"; one record per frame,
 * the first describing the stack, as dxtbx and mrcfile read it). Immutable.
 *
 * <p>Byte order from the machine stamp at byte 212 (0x44 0x44 or 0x44 0x41 little endian,
 * 0x11 0x11 big endian); an unknown stamp is resolved by which order gives plausible sizes.
 *
 * @since 0.1
 */
public final class MrcHeader {
	/** Size of the main header in bytes. */
	public static final int HEADER_BYTES = 1024;
	/** Offset of the {@code MAP } identifier. */
	public static final int MAP_OFFSET = 208;

	public final String file;
	public final ByteOrder order;
	public final int nx, ny, nz, mode, mx, my, mz, nsymbt;
	public final String exttyp;
	public final int nversion;
	/** FEI extended header values of the first record, or null if there is none. */
	public final Fei fei;

	/**
	 * Values of the first FEI extended-header record used for diffraction geometry.
	 *
	 * @param htVolts accelerating voltage, V
	 * @param alphaTiltDeg stage α tilt, degrees
	 * @param tiltAxisDeg tilt axis angle on the image, degrees
	 * @param pixelSpacing calibrated pixel size X (1/m in diffraction mode)
	 * @param pixelSpacingY calibrated pixel size Y
	 * @param integrationTime exposure, s
	 * @param binning binning width
	 * @param camera camera name
	 * @param tiltPerImageDeg FEI2 tilt per image in degrees, NaN for FEI1
	 */
	public record Fei(double htVolts, double alphaTiltDeg, double tiltAxisDeg, double pixelSpacing, double pixelSpacingY, double integrationTime,
			int binning, String camera, double tiltPerImageDeg) {}

	private MrcHeader(String file, ByteOrder order, ByteBuffer h, Fei fei) {
		this.file = file;
		this.order = order;
		nx = h.getInt(0);
		ny = h.getInt(4);
		nz = h.getInt(8);
		mode = h.getInt(12);
		mx = h.getInt(28);
		my = h.getInt(32);
		mz = h.getInt(36);
		nsymbt = h.getInt(92);
		exttyp = new String(bytes(h, 104, 4), StandardCharsets.ISO_8859_1);
		nversion = h.getInt(108);
		this.fei = fei;
	}

	private static byte[] bytes(ByteBuffer b, int off, int len) {
		byte[] a = new byte[len];
		b.get(off, a);
		return a;
	}

	/** @return true if the bytes hold {@code MAP } at byte 208 */
	public static boolean hasMapId(byte[] head) {
		return head.length >= MAP_OFFSET + 4 && head[MAP_OFFSET] == 'M' && head[MAP_OFFSET + 1] == 'A' && head[MAP_OFFSET + 2] == 'P'
				&& head[MAP_OFFSET + 3] == ' ';
	}

	/**
	 * Parses the header.
	 *
	 * @param head the first 1024 bytes of the file, or more to include the extended header
	 * @param extended whether to read the FEI extended header (then {@code head} must hold it)
	 * @throws BraggInputException if the header is shorter than 1024 bytes, lacks {@code MAP }, has
	 *         non-positive sizes, or the extended header is truncated
	 */
	public static MrcHeader parse(Path path, byte[] head, boolean extended) throws BraggInputException {
		String f = path.getFileName().toString();
		if (head.length < HEADER_BYTES) throw new BraggInputException(f + ": truncated MRC header: " + head.length + " bytes, expected 1024");
		if (!hasMapId(head)) throw new BraggInputException(f + ": not an MRC file (expected 'MAP ' at byte 208)");
		ByteOrder order = stampOrder(head);
		if (order == null) order = plausible(head, ByteOrder.LITTLE_ENDIAN) || !plausible(head, ByteOrder.BIG_ENDIAN) ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
		ByteBuffer h = ByteBuffer.wrap(head).order(order);
		int nx = h.getInt(0), ny = h.getInt(4), nz = h.getInt(8), nsymbt = h.getInt(92);
		if (nx <= 0 || ny <= 0 || nz <= 0)
			throw new BraggInputException(f + ": MRC header NX, NY, NZ expected positive sizes, found " + nx + ", " + ny + ", " + nz);
		if (nsymbt < 0) throw new BraggInputException(f + ": MRC header NSYMBT expected ≥ 0, found " + nsymbt);
		String exttyp = new String(head, 104, 4, StandardCharsets.ISO_8859_1);
		Fei fei = null;
		if (extended && exttyp.startsWith("FEI") && nsymbt > 0) {
			if (head.length < HEADER_BYTES + Math.min(nsymbt, 888))
				throw new BraggInputException(f + ": truncated FEI extended header (NSYMBT=" + nsymbt + ")");
			fei = fei(ByteBuffer.wrap(head, HEADER_BYTES, head.length - HEADER_BYTES).slice().order(order), exttyp, nsymbt);
		}
		return new MrcHeader(f, order, h, fei);
	}

	private static ByteOrder stampOrder(byte[] b) {
		int s0 = b[212] & 0xff, s1 = b[213] & 0xff;
		if (s0 == 0x44 && (s1 == 0x44 || s1 == 0x41)) return ByteOrder.LITTLE_ENDIAN;
		if (s0 == 0x11 && s1 == 0x11) return ByteOrder.BIG_ENDIAN;
		return null;
	}

	private static boolean plausible(byte[] head, ByteOrder o) {
		ByteBuffer h = ByteBuffer.wrap(head).order(o);
		int nx = h.getInt(0), ny = h.getInt(4), nz = h.getInt(8), mode = h.getInt(12);
		return nx > 0 && ny > 0 && nz > 0 && nx < (1 << 20) && ny < (1 << 20) && mode >= 0 && mode < 200;
	}

	private static Fei fei(ByteBuffer x, String exttyp, int nsymbt) {
		double ht = x.getDouble(84), alpha = x.getDouble(100), tiltAxis = x.getDouble(140), psx = x.getDouble(156), psy = x.getDouble(164);
		double integration = x.getDouble(419);
		int binning = x.getInt(427);
		byte[] cam = new byte[16];
		x.get(435, cam);
		String camera = new String(cam, StandardCharsets.ISO_8859_1).replace("\0", "").trim();
		double tiltPerImage = Double.NaN;
		if (exttyp.equals("FEI2") && nsymbt >= 844) tiltPerImage = x.getDouble(836);
		return new Fei(ht, alpha, tiltAxis, psx, psy, integration, binning, camera, tiltPerImage);
	}

	/** @return bytes per pixel of MODE, or −1 for modes Bragg does not read */
	public static int bytesPerPixel(int mode) {
		return switch (mode) {
		case 0 -> 1;
		case 1, 6, 12 -> 2;
		case 2 -> 4;
		default -> -1;
		};
	}

	/** @return the byte offset of the first frame */
	public long dataOffset() { return HEADER_BYTES + (long) nsymbt; }

	/** @return bytes per frame */
	public long frameBytes() { return (long) nx * ny * bytesPerPixel(mode); }
}
