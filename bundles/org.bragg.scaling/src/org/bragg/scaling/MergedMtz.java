package org.bragg.scaling;

import java.util.ArrayList;
import java.util.List;

import org.bragg.export.mtz.Mtz;

/**
 * Builds the merged MTZ that {@code dials.merge} writes ({@code merged.mtz}, DIALS 3.12): columns
 * H K L IMEAN SIGIMEAN I(+) SIGI(+) I(−) SIGI(−) N(+) N(−) F SIGF F(+) SIGF(+) F(−) SIGF(−) DANO SIGDANO,
 * dataset AUTOMATIC / XTAL / NATIVE. Amplitudes by {@link FrenchWilson}; DANO = F(+) − F(−),
 * SIGDANO = √(σ²F(+) + σ²F(−)) where both exist; centric reflections carry all data in the (+) columns.
 *
 * @since 0.1
 */
public final class MergedMtz {
	private MergedMtz() {}

	/** Result: the MTZ and the number of intensities French–Wilson rejected. @since 0.1 */
	public record Built(Mtz mtz, int nRejected) {}

	/**
	 * @param obs        the observations (for the space group and cell)
	 * @param merged     merged data of {@code obs}
	 * @param wavelength Å
	 * @param title      MTZ title
	 */
	public static Built build(Observations obs, MergedData merged, double wavelength, String title) {
		int n = merged.size();
		FrenchWilson.Result fm = FrenchWilson.apply(merged.hkl(), merged.dStarSq(), merged.iMean(), merged.sigIMean(), obs.spaceGroup);
		FrenchWilson.Result fp = FrenchWilson.apply(merged.hkl(), merged.dStarSq(), merged.iPlus(), merged.sigIPlus(), obs.spaceGroup);
		FrenchWilson.Result fn = FrenchWilson.apply(merged.hkl(), merged.dStarSq(), merged.iMinus(), merged.sigIMinus(), obs.spaceGroup);
		double[] h = new double[n], k = new double[n], l = new double[n], np = new double[n], nn = new double[n], dano = new double[n], sdano = new double[n];
		for (int i = 0; i < n; i++) {
			h[i] = merged.hkl()[3 * i]; k[i] = merged.hkl()[3 * i + 1]; l[i] = merged.hkl()[3 * i + 2];
			np[i] = merged.nPlus()[i] > 0 ? merged.nPlus()[i] : Double.NaN;
			nn[i] = merged.nMinus()[i] > 0 ? merged.nMinus()[i] : Double.NaN;
			boolean both = !Double.isNaN(fp.f()[i]) && !Double.isNaN(fn.f()[i]);
			dano[i] = both ? fp.f()[i] - fn.f()[i] : Double.NaN;
			sdano[i] = both ? Math.hypot(fp.sigF()[i], fn.sigF()[i]) : Double.NaN;
		}
		List<Mtz.Column> cols = new ArrayList<>();
		List<double[]> vals = new ArrayList<>();
		Object[][] spec = { { "H", 'H', h }, { "K", 'H', k }, { "L", 'H', l }, { "IMEAN", 'J', merged.iMean() }, { "SIGIMEAN", 'Q', merged.sigIMean() },
				{ "I(+)", 'K', merged.iPlus() }, { "SIGI(+)", 'M', merged.sigIPlus() }, { "I(-)", 'K', merged.iMinus() }, { "SIGI(-)", 'M', merged.sigIMinus() },
				{ "N(+)", 'I', np }, { "N(-)", 'I', nn }, { "F", 'F', fm.f() }, { "SIGF", 'Q', fm.sigF() }, { "F(+)", 'G', fp.f() }, { "SIGF(+)", 'L', fp.sigF() },
				{ "F(-)", 'G', fn.f() }, { "SIGF(-)", 'L', fn.sigF() }, { "DANO", 'D', dano }, { "SIGDANO", 'Q', sdano } };
		for (Object[] s : spec) { cols.add(new Mtz.Column((String) s[0], (Character) s[1], 1)); vals.add((double[]) s[2]); }
		double[] cell = obs.cell.parameters();
		Mtz mtz = new Mtz().setTitle(title).setCell(cell).setSpaceGroup(obs.spaceGroup);
		mtz.setColumns(cols, vals);
		mtz.datasets().add(new Mtz.Dataset(1, "AUTOMATIC", "XTAL", "NATIVE", cell, wavelength));
		return new Built(mtz, fm.nRejected());
	}
}
