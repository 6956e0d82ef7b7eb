package org.bragg.ui.core;

import org.bragg.format.PanelData;
import org.eclipse.january.dataset.BooleanDataset;
import org.eclipse.january.dataset.Dataset;
import org.eclipse.january.dataset.DatasetFactory;
import org.eclipse.january.dataset.DoubleDataset;
import org.eclipse.january.dataset.IntegerDataset;

/**
 * Converts Bragg's pixel arrays to and from Eclipse January datasets, the array type of DAWN, so
 * that DAWN tools (plotting, processing operations) can work on Bragg images.
 *
 * <p>Shapes follow January's row-major convention: a panel becomes a 2D dataset of shape
 * {@code [nSlow, nFast]} (rows = slow index), element (y, x) = pixel (x, y). Integer counts give an
 * {@link IntegerDataset}, floating-point values a {@link DoubleDataset}, masks a {@link BooleanDataset}
 * (true = valid). The data are copied.
 *
 * @since 0.1
 */
public final class Datasets {
	private Datasets() {}

	/** @return the panel as a 2D dataset of shape [nSlow, nFast], named {@code name} */
	public static Dataset toDataset(PanelData panel, String name) {
		Dataset d = panel.isInteger()
				? DatasetFactory.createFromObject(IntegerDataset.class, panel.ints().clone(), panel.nSlow(), panel.nFast())
				: DatasetFactory.createFromObject(DoubleDataset.class, panel.doubles().clone(), panel.nSlow(), panel.nFast());
		d.setName(name);
		return d;
	}

	/** @return every panel of a frame as datasets named {@code "<label> panel k"} */
	public static Dataset[] toDatasets(DecodedFrame frame) {
		Dataset[] out = new Dataset[frame.panelCount()];
		for (int k = 0; k < out.length; k++) out[k] = toDataset(frame.panel(k), frame.label() + " panel " + k);
		return out;
	}

	/**
	 * @param mask boolean[nFast·nSlow], true = valid
	 * @return the mask as a dataset of shape [nSlow, nFast]
	 * @throws IllegalArgumentException if the length is not nFast·nSlow
	 */
	public static BooleanDataset toMaskDataset(boolean[] mask, int nFast, int nSlow) {
		if (mask.length != nFast * nSlow) throw new IllegalArgumentException("mask has " + mask.length + " values for " + nFast + "×" + nSlow + " pixels");
		return DatasetFactory.createFromObject(BooleanDataset.class, mask.clone(), nSlow, nFast);
	}

	/**
	 * @return a 2D dataset of shape [nSlow, nFast] as panel data: integer datasets (8 to 32 bit) as
	 *         counts, anything else as doubles
	 * @throws IllegalArgumentException if the dataset is not 2D
	 */
	public static PanelData toPanelData(Dataset d) {
		int[] shape = d.getShapeRef();
		if (shape.length != 2) throw new IllegalArgumentException("expected a 2D dataset [nSlow, nFast], got rank " + shape.length);
		int ns = shape[0], nf = shape[1];
		if (d instanceof IntegerDataset i) return PanelData.ofInts(nf, ns, i.getData().clone());
		Class<?> e = d.getElementClass();
		if (e == Byte.class || e == Short.class || e == Integer.class) {
			int[] v = new int[nf * ns];
			for (int y = 0, k = 0; y < ns; y++) for (int x = 0; x < nf; x++, k++) v[k] = d.getInt(y, x);
			return PanelData.ofInts(nf, ns, v);
		}
		double[] v = new double[nf * ns];
		for (int y = 0, k = 0; y < ns; y++) for (int x = 0; x < nf; x++, k++) v[k] = d.getDouble(y, x);
		return PanelData.ofDoubles(nf, ns, v);
	}
}
