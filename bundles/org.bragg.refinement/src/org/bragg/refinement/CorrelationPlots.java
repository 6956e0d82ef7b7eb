package org.bragg.refinement;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

import org.bragg.refinement.Diagnostics.CorrelationMatrix;

/**
 * Writes the parameter correlation matrices ("corrgrams") of a refinement as {@code dials.refine
 * output.correlation_plot.filename=<base>} does: one image per residual block, {@code <root>_X.png},
 * {@code <root>_Y.png}, {@code <root>_Phi.png} (or {@code _DeltaPsi}), and {@code <root>.json} with
 * {@code {"corrmats": {"X": [[...]], ...}, "labels": [...]}}. Images are labelled heat maps drawn with
 * {@link BufferedImage} (headless-safe): red for positive, blue for negative correlation, circles scaled
 * by |r|. Files are written atomically (temporary file, then move).
 *
 * @since 0.1
 */
public final class CorrelationPlots {
	private CorrelationPlots() {}

	/**
	 * Writes the JSON file and one PNG per block.
	 *
	 * @param base the base filename; an extension other than {@code .png} is replaced by {@code .png}
	 * @param colSelect parameter names (partial) or 0-based indices to include; empty for all
	 * @return the files written
	 * @throws IOException on a write error
	 */
	public static List<Path> write(List<CorrelationMatrix> mats, Path base, List<String> colSelect) throws IOException {
		String name = base.getFileName().toString();
		int dot = name.lastIndexOf('.');
		String root = dot > 0 ? name.substring(0, dot) : name;
		Path dir = base.toAbsolutePath().getParent();
		List<Path> out = new ArrayList<>();
		List<CorrelationMatrix> sel = new ArrayList<>();
		for (CorrelationMatrix m : mats) sel.add(select(m, colSelect));
		for (CorrelationMatrix m : sel) {
			Path f = dir.resolve(root + "_" + m.block() + ".png");
			byte[] png = png(m);
			atomic(f, png);
			out.add(f);
		}
		Path json = dir.resolve(root + ".json");
		atomic(json, json(sel).getBytes(StandardCharsets.UTF_8));
		out.add(json);
		return out;
	}

	static CorrelationMatrix select(CorrelationMatrix m, List<String> colSelect) {
		if (colSelect == null || colSelect.isEmpty()) return m;
		List<Integer> keep = new ArrayList<>();
		List<String> labels = m.labels();
		for (int i = 0; i < labels.size(); i++) {
			boolean k = false;
			for (String s : colSelect) {
				for (String part : s.split(",")) {
					String p = part.trim();
					if (p.isEmpty()) continue;
					try {
						k |= Integer.parseInt(p) == i;
					} catch (NumberFormatException e) {
						k |= labels.get(i).contains(p);
					}
				}
			}
			if (k) keep.add(i);
		}
		double[][] v = m.values();
		double[][] o = new double[keep.size()][keep.size()];
		List<String> l = new ArrayList<>();
		for (int a = 0; a < keep.size(); a++) {
			l.add(labels.get(keep.get(a)));
			for (int b = 0; b < keep.size(); b++) o[a][b] = v[keep.get(a)][keep.get(b)];
		}
		return new CorrelationMatrix(m.block(), l, o);
	}

	/** @return {@code {"corrmats": {...}, "labels": [...]}} */
	public static String json(List<CorrelationMatrix> mats) {
		StringBuilder b = new StringBuilder("{\"corrmats\": {");
		for (int k = 0; k < mats.size(); k++) {
			CorrelationMatrix m = mats.get(k);
			if (k > 0) b.append(", ");
			b.append('"').append(m.block()).append("\": [");
			double[][] v = m.values();
			for (int i = 0; i < v.length; i++) {
				if (i > 0) b.append(", ");
				b.append('[');
				for (int j = 0; j < v[i].length; j++) {
					if (j > 0) b.append(", ");
					b.append(Double.isFinite(v[i][j]) ? Double.toString(v[i][j]) : "NaN");
				}
				b.append(']');
			}
			b.append(']');
		}
		b.append("}, \"labels\": [");
		List<String> labels = mats.isEmpty() ? List.of() : mats.get(0).labels();
		for (int i = 0; i < labels.size(); i++) {
			if (i > 0) b.append(", ");
			b.append('"').append(labels.get(i).replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
		}
		return b.append("]}").toString();
	}

	private static Color colour(double r) {
		double t = Math.max(-1, Math.min(1, Double.isFinite(r) ? r : 0));
		// diverging blue–white–red
		int c1 = (int) Math.round(255 * (1 - Math.abs(t)));
		return t >= 0 ? new Color(255, c1, c1) : new Color(c1, c1, 255);
	}

	/** Renders one corrgram as PNG bytes. */
	public static byte[] png(CorrelationMatrix m) throws IOException {
		int n = m.labels().size();
		int cell = Math.max(16, Math.min(48, 900 / Math.max(1, n)));
		Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(9, Math.min(13, cell / 3)));
		BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
		Graphics2D pg = probe.createGraphics();
		pg.setFont(font);
		FontMetrics fm = pg.getFontMetrics();
		int labelW = 0;
		for (String l : m.labels()) labelW = Math.max(labelW, fm.stringWidth(l));
		pg.dispose();
		int margin = labelW + 20, title = 30, legend = 60;
		int w = margin + n * cell + legend + 20, h = title + margin + n * cell + 20;
		BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
		Graphics2D g = img.createGraphics();
		g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
		g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
		g.setColor(Color.WHITE);
		g.fillRect(0, 0, w, h);
		g.setFont(font.deriveFont(Font.BOLD, font.getSize() + 2f));
		g.setColor(Color.BLACK);
		g.drawString("Parameter correlations, " + m.block() + " residuals", 10, 20);
		g.setFont(font);
		int x0 = margin, y0 = title + margin;
		double[][] v = m.values();
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++) {
				int x = x0 + j * cell, y = y0 + i * cell;
				g.setColor(new Color(245, 245, 245));
				g.fillRect(x, y, cell, cell);
				double r = v[i][j];
				double d = Math.sqrt(Math.abs(Double.isFinite(r) ? r : 0)) * (cell - 4);
				g.setColor(colour(r));
				g.fill(new Ellipse2D.Double(x + (cell - d) / 2, y + (cell - d) / 2, d, d));
				g.setColor(new Color(200, 200, 200));
				g.drawRect(x, y, cell, cell);
			}
		g.setColor(Color.BLACK);
		for (int i = 0; i < n; i++) {
			String l = m.labels().get(i);
			g.drawString(l, x0 - 6 - fm.stringWidth(l), y0 + i * cell + cell / 2 + fm.getAscent() / 2 - 2);
			AffineTransform old = g.getTransform();
			g.translate(x0 + i * cell + cell / 2 + fm.getAscent() / 2 - 2, y0 - 6);
			g.rotate(-Math.PI / 2);
			g.drawString(l, 0, 0);
			g.setTransform(old);
		}
		// colour bar
		int lx = x0 + n * cell + 20, ly = y0, lh = Math.max(100, n * cell);
		for (int k = 0; k < lh; k++) {
			g.setColor(colour(1 - 2.0 * k / lh));
			g.drawLine(lx, ly + k, lx + 15, ly + k);
		}
		g.setColor(Color.BLACK);
		g.setStroke(new BasicStroke(1));
		g.drawRect(lx, ly, 15, lh);
		g.drawString("+1", lx + 18, ly + fm.getAscent());
		g.drawString("0", lx + 18, ly + lh / 2 + fm.getAscent() / 2);
		g.drawString("-1", lx + 18, ly + lh);
		g.dispose();
		ByteArrayOutputStream bo = new ByteArrayOutputStream();
		ImageIO.write(img, "png", bo);
		return bo.toByteArray();
	}

	private static void atomic(Path target, byte[] data) throws IOException {
		Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
		try (OutputStream o = Files.newOutputStream(tmp)) {
			o.write(data);
		}
		try {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		} catch (java.nio.file.AtomicMoveNotSupportedException e) {
			Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
		}
	}
}
