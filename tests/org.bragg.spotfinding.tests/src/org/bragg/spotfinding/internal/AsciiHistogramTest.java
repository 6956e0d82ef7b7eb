package org.bragg.spotfinding.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The spots-per-image plot, compared with the strings DIALS 3.12's flex_histogram prints for the same z. */
class AsciiHistogramTest {

	@Test
	void matchesDialsForATypicalSweep() {
		double[] z = new double[500];
		for (int i = 0; i < z.length; i++) z[i] = 0.5 + (i * 7919L % 60) + ((i * 31) % 10) / 20.0;
		String dials = "500 spots found on 60 images (max 18 / bin)\n                                          * * * * * * * * * \n       * *            *         * * * *   * * * * * * * * * \n       * *            *         * * * *   * * * * * * * * * \n       * *            *         * * * *   * * * * * * * * * \n       * *            *         * * * *   * * * * * * * * * \n*      * *            *         * * * *   * * * * * * * * **\n******** * ********** ********* * * * *** * * * * * * * * **\n******** * ********** ********* * * * *** * * * * * * * * **\n******** * ********** ********* * * * *** * * * * * * * * **\n******** * ********** ********* * * * *** * * * * * * * * **\n1                          image                          60";
		assertEquals(dials, AsciiHistogram.spotCountsPerImage(z));
	}

	@Test
	void matchesDialsForMoreImagesThanColumns() {
		double[] z = new double[1000];
		for (int i = 0; i < z.length; i++) z[i] = 0.5 + (i * 13 % 150) + ((i * 7) % 5) / 10.0;
		String dials = "1000 spots found on 150 images (max 27 / bin)\n   *   *   *   *                                         *  \n   *   *   *   *                                         *  \n   *   *   *   *    *            * *     *               * *\n*  *   *   *   *   **  **  **  * * * * * *  **  **  **   * *\n*  *   *   *   *   **  **  **  * * * * * *  **  **  **   * *\n************* ******* ************ ******* ******* **** ****\n************************************************************\n************************************************************\n************************************************************\n************************************************************\n1                         image                          150";
		assertEquals(dials, AsciiHistogram.spotCountsPerImage(z));
	}

	@Test
	void smallAndDegenerateCases() {
		assertEquals("3 spots found on 2 images (max 2 / bin)\n* \n* \n* \n* \n* \n**\n**\n**\n**\n**\n12",
				AsciiHistogram.spotCountsPerImage(new double[] { 0.5, 0.5, 1.5 }));
		assertEquals("3 spots found on 1 image", AsciiHistogram.spotCountsPerImage(new double[] { 10.2, 10.7, 10.4 }));
		double[] z = new double[50];
		for (int i = 0; i < z.length; i++) z[i] = 3.5 + (i % 4);
		assertEquals("50 spots found on 4 images (max 13 / bin)\n**  \n****\n****\n****\n****\n****\n****\n****\n****\n****\n4  7",
				AsciiHistogram.spotCountsPerImage(z));
		assertEquals("\n", AsciiHistogram.spotCountsPerImage(new double[0]));
	}

	@Test
	void pythonCentre() {
		assertEquals("  image  ", AsciiHistogram.center("image", 9));
		assertEquals(" image  ", AsciiHistogram.center("image", 8));
		assertEquals("  ", AsciiHistogram.center(" ", 2).substring(0, 2));
	}
}
