package org.bragg.export.mtz;

/**
 * Slot numbers of the CCP4 MTZ batch orientation block ({@code MTZBAT}: 29 integers followed by 156
 * reals), as written by CCP4's {@code cmtzlib} and by DIALS's {@code dials.export} and read by gemmi.
 * Angles are in degrees, lengths in Å (cell, wavelength) or mm (distance); vectors are in the
 * Cambridge (Mosflm) laboratory frame, where the rotation axis is along z and the beam along x.
 *
 * @since 0.1
 */
public final class BatchHeaders {
	private BatchHeaders() {}

	/** Number of integers and reals in a batch header. */
	public static final int NINTS = 29, NREALS = 156, NWORDS = NINTS + NREALS;

	// integer slots
	/** Orientation block type (0). */ public static final int I_IORTYP = 3;
	/** First of 6 cell refinement flags (−1: not refined). */ public static final int I_LBCELL = 4;
	/** Missetting angle flag. */ public static final int I_MISFLG = 10;
	/** Reciprocal axis closest to the rotation axis. */ public static final int I_JUMPAX = 11;
	/** Crystal number. */ public static final int I_NCRYST = 12;
	/** Mosaicity model flag. */ public static final int I_LCRFLG = 13;
	/** Data type: 1 2D, 2 3D (rotation), 3 Laue. */ public static final int I_LDTYPE = 14;
	/** Goniometer scan axis number. */ public static final int I_JSAXS = 15;
	/** Number of batch scales and B factors. */ public static final int I_NBSCAL = 16;
	/** Number of goniometer axes. */ public static final int I_NGONAX = 17;
	/** Beam information flag. */ public static final int I_LBMFLG = 18;
	/** Number of detectors. */ public static final int I_NDET = 19;
	/** Dataset id. */ public static final int I_NBSETID = 20;

	// real slots
	/** First of 6 cell parameters (Å, °). */ public static final int R_CELL = 0;
	/** First of 9 elements of the Mosflm U matrix, column-major. */ public static final int R_UMAT = 6;
	/** Missetting angles (2×3). */ public static final int R_PHIXYZ = 15;
	/** Mosaicity etc. (12); {@code crydat[0]} is the mosaic spread in degrees. */ public static final int R_CRYDAT = 21;
	/** Datum goniometer angles (3). */ public static final int R_DATUM = 33;
	/** Start and end of the rotation of this batch (°). */ public static final int R_PHISTT = 36, R_PHIEND = 37;
	/** Rotation (scan) axis (3). */ public static final int R_SCANAX = 38;
	/** Start and stop times. */ public static final int R_TIME1 = 41, R_TIME2 = 42;
	/** Batch scale and B factor and their σ. */ public static final int R_BSCALE = 43, R_BBFAC = 44, R_SDBSCALE = 45, R_SDBFAC = 46;
	/** Rotation range of the batch (°). */ public static final int R_PHIRANGE = 47;
	/** Goniometer axes e1, e2, e3 (3 each). */ public static final int R_E1 = 59, R_E2 = 62, R_E3 = 65;
	/** Idealised source vector (3). */ public static final int R_SOURCE = 80;
	/** Sample-to-source vector (3). */ public static final int R_SO = 83;
	/** Wavelength (Å) and its dispersion. */ public static final int R_ALAMBD = 86, R_DELAMB = 87;
	/** Crystal-to-detector distances of up to 2 detectors (mm). */ public static final int R_DX = 111;
	/** Detector limits detlm[det][x|y][min|max] in pixels (8). */ public static final int R_DETLM = 113;
}
