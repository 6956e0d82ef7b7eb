package org.bragg.ui.rlv.internal;

import java.nio.file.Path;
import java.util.Locale;

import org.bragg.io.ExperimentListIO;
import org.bragg.model.Crystal;
import org.bragg.model.ExperimentList;
import org.bragg.model.Mat3;
import org.bragg.ui.rlv.RlvParameters;
import org.bragg.ui.rlv.RlvPoints;
import org.bragg.ui.rlv.RlvRenderer;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Rotation frame rate of the viewer (run by {@code dev/bench_rlv.sh}, not a test): the reciprocal
 * lattice of the crystal in an {@code .expt} file out to the resolution that gives N points (default
 * 100 000), drawn in an SWT window of W×H pixels while the view turns by 1° per frame. Each frame is
 * a synchronous repaint ({@code redraw} + {@code update}): renderer, image upload, overlay, display.
 * Prints frames per second for the whole paint and for the point renderer alone.
 *
 * <p>Usage: {@code RlvBenchmark file.expt [points=100000] [frames=200] [width=1000] [height=760]}
 */
public final class RlvBenchmark {
	private RlvBenchmark() {}

	public static void main(String[] args) throws Exception {
		ExperimentList e = ExperimentListIO.read(Path.of(args[0]));
		int n = 100_000, frames = 200, w = 1000, h = 760;
		for (int i = 1; i < args.length; i++) {
			String[] kv = args[i].split("=", 2);
			int v = Integer.parseInt(kv[1]);
			switch (kv[0]) {
				case "points" -> n = v;
				case "frames" -> frames = v;
				case "width" -> w = v;
				case "height" -> h = v;
				default -> throw new IllegalArgumentException("unknown argument " + args[i]);
			}
		}
		RlvPoints pts = lattice(e.get(0).crystal(), n);
		RlvRenderer r = new RlvRenderer(pts, e);
		r.apply(RlvParameters.defaults());
		r.setColourBy(RlvParameters.ColourBy.FRAME);
		Display display = new Display();
		Shell shell = new Shell(display);
		shell.setLayout(new FillLayout());
		RlvCanvas canvas = new RlvCanvas(shell);
		canvas.setRenderer(r);
		canvas.addListener(org.eclipse.swt.SWT.Paint, ev -> PAINTS[0]++);
		shell.setSize(w, h);
		shell.open();
		for (int i = 0; i < 20; i++) display.readAndDispatch();
		System.out.printf(Locale.ROOT, "points=%d canvas=%dx%d java=%s%n", pts.size(), canvas.getSize().x, canvas.getSize().y,
				System.getProperty("java.version"));
		// warm-up
		for (int i = 0; i < 30; i++) frame(canvas, display);
		long t0 = System.nanoTime();
		for (int i = 0; i < frames; i++) frame(canvas, display);
		double full = (System.nanoTime() - t0) / 1e9;
		byte[] buf = new byte[canvas.camera().width() * canvas.camera().height()];
		t0 = System.nanoTime();
		for (int i = 0; i < frames; i++) {
			canvas.camera().rotateAboutViewAxis(0, 1, 0, Math.toRadians(1));
			r.render(canvas.camera(), buf);
		}
		double renderOnly = (System.nanoTime() - t0) / 1e9;
		System.out.printf(Locale.ROOT, "full repaint: %.1f frames/s (%.2f ms/frame over %d frames)%n", frames / full, 1e3 * full / frames, frames);
		System.out.printf(Locale.ROOT, "point renderer only: %.1f frames/s (%.2f ms/frame)%n", frames / renderOnly, 1e3 * renderOnly / frames);
		display.dispose();
	}

	private static final int[] PAINTS = { 0 };

	/** One rotation step, then the event loop runs until the canvas has painted it (2 s time-out). */
	private static void frame(RlvCanvas canvas, Display display) {
		canvas.camera().rotateAboutViewAxis(0, 1, 0, Math.toRadians(1));
		int before = PAINTS[0];
		canvas.redraw();
		long limit = System.nanoTime() + 2_000_000_000L;
		while (PAINTS[0] == before && System.nanoTime() < limit) {
			if (!display.readAndDispatch()) Thread.onSpinWait();
		}
		if (PAINTS[0] == before) throw new IllegalStateException("the canvas did not repaint within 2 s (no display?)");
	}

	/** The first {@code n} lattice points A·h (nearest the origin first, h ≠ 0) of a crystal, as one lattice, frame = |h| order. */
	static RlvPoints lattice(Crystal c, int n) {
		Mat3 a = c.a();
		double[] m = a.toArray();
		// radius in Å⁻¹ that holds about n points: n ≈ (4/3)π r³ V
		double r = Math.cbrt(3.0 * n * 1.05 / (4 * Math.PI * c.volume()));
		double[] ra = { c.realSpaceA().length(), c.realSpaceB().length(), c.realSpaceC().length() };
		int hm = (int) Math.ceil(r * ra[0]) + 1, km = (int) Math.ceil(r * ra[1]) + 1, lm = (int) Math.ceil(r * ra[2]) + 1;
		float[] xyz = new float[3 * n];
		int k = 0;
		for (int h = -hm; h <= hm && k < n; h++)
			for (int kk = -km; kk <= km && k < n; kk++)
				for (int l = -lm; l <= lm && k < n; l++) {
					if (h == 0 && kk == 0 && l == 0) continue;
					double x = m[0] * h + m[1] * kk + m[2] * l, y = m[3] * h + m[4] * kk + m[5] * l, z = m[6] * h + m[7] * kk + m[8] * l;
					if (x * x + y * y + z * z > r * r) continue;
					xyz[3 * k] = (float) x;
					xyz[3 * k + 1] = (float) y;
					xyz[3 * k + 2] = (float) z;
					k++;
				}
		int cnt = k;
		float[] p = java.util.Arrays.copyOf(xyz, 3 * cnt);
		float[] fr = new float[cnt], d = new float[cnt];
		for (int i = 0; i < cnt; i++) {
			double len = Math.sqrt(p[3 * i] * p[3 * i] + p[3 * i + 1] * p[3 * i + 1] + p[3 * i + 2] * p[3 * i + 2]);
			d[i] = (float) (1 / len);
			fr[i] = (float) (Math.atan2(p[3 * i + 1], p[3 * i]) * 180 / Math.PI);
		}
		boolean[] t = new boolean[cnt];
		java.util.Arrays.fill(t, true);
		return new RlvPoints(p, new int[cnt], fr, d, new long[cnt], t, t.clone(), false);
	}
}
