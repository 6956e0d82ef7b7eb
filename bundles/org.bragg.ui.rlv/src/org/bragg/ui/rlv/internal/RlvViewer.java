package org.bragg.ui.rlv.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.bragg.model.Crystal;
import org.bragg.model.Detector;
import org.bragg.model.ExperimentList;
import org.bragg.model.Vec3;
import org.bragg.model.reflection.Columns;
import org.bragg.model.reflection.ReflectionTable;
import org.bragg.ui.rlv.RlvMapper;
import org.bragg.ui.rlv.RlvParameters;
import org.bragg.ui.rlv.RlvParameters.ColourBy;
import org.bragg.ui.rlv.RlvParameters.Display;
import org.bragg.ui.rlv.RlvParameters.OutlierDisplay;
import org.bragg.ui.rlv.RlvPoints;
import org.bragg.ui.rlv.RlvRenderer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Spinner;

/**
 * The reciprocal lattice viewer: the 3D canvas and a side panel with colouring, lattice toggles, the
 * Max Z and d_min sliders, the crystal-frame switch, beam-centre and distance nudging (which re-maps
 * the spots live with a moved detector), and view buttons.
 */
public final class RlvViewer extends Composite {
	private static final int SLIDER = 1000;
	private final RlvCanvas canvas;
	private final ScrolledComposite scroller;
	private final Composite side;
	private ExperimentList original, current;
	private ReflectionTable table;
	private RlvRenderer renderer;
	private boolean crystalFrame;
	private Group lattices;
	private Scale zSlider, dSlider;
	private Label zLabel, dLabel, bcLabel;
	private Spinner fastSpin, slowSpin, distSpin;
	private Button frameCheck;
	private int bcPanel;
	private double[] zRange = { 0, 1 };
	private double dStarMax = 1;
	private final List<Color> swatches = new ArrayList<>();
	private int hovered = -1;

	public RlvViewer(Composite parent) {
		super(parent, SWT.NONE);
		GridLayout gl = new GridLayout(2, false);
		gl.marginWidth = gl.marginHeight = 0;
		setLayout(gl);
		canvas = new RlvCanvas(this);
		canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		scroller = new ScrolledComposite(this, SWT.V_SCROLL);
		GridData sd = new GridData(SWT.FILL, SWT.FILL, false, true);
		sd.widthHint = 270;
		scroller.setLayoutData(sd);
		scroller.setExpandHorizontal(true);
		scroller.setExpandVertical(true);
		side = new Composite(scroller, SWT.NONE);
		side.setLayout(new GridLayout(1, false));
		scroller.setContent(side);
		canvas.setViewListener(this::status);
		canvas.addListener(SWT.MouseMove, e -> {
			if ((e.stateMask & SWT.BUTTON_MASK) != 0 || renderer == null) return;
			hover(e.x, e.y);
		});
		canvas.addListener(SWT.MouseExit, e -> {
			hovered = -1;
			canvas.redraw();
		});
		canvas.setCaption(this::statusText);
		canvas.setHighlight(() -> hovered);
		addDisposeListener(e -> swatches.forEach(Color::dispose));
	}

	public RlvCanvas canvas() { return canvas; }

	public RlvRenderer renderer() { return renderer; }

	/** @return the experiments with the current (possibly nudged) detector */
	public ExperimentList currentExperiments() { return current; }

	/**
	 * Shows spots.
	 *
	 * @param experiments the models to map with
	 * @param reflections strong or indexed spots
	 * @param p display settings and initial geometry overrides
	 * @throws IllegalArgumentException if the spots cannot be mapped with these models
	 */
	public void setData(ExperimentList experiments, ReflectionTable reflections, RlvParameters p) {
		original = experiments;
		table = reflections;
		crystalFrame = p.crystalFrame() && hasCrystal(experiments);
		current = experiments;
		Detector.Intersection bc = RlvMapper.beamCentre(experiments);
		bcPanel = p.beamCentrePanel().orElse(bc == null ? 0 : bc.panel());
		if (p.beamCentre().length == 2) current = RlvMapper.withBeamCentre(current, bcPanel, p.beamCentre()[0], p.beamCentre()[1]);
		if (p.distance().isPresent()) current = RlvMapper.withDistance(current, p.distance().getAsDouble());
		RlvPoints pts = RlvMapper.map(current, table, crystalFrame);
		hovered = -1;
		renderer = new RlvRenderer(pts, current);
		renderer.apply(p);
		zRange = pts.frameRange();
		dStarMax = pts.size() == 0 ? 1 : 1 / pts.dMin();
		canvas.setRenderer(renderer);
		double[] rot = p.output().rotate();
		canvas.resetView();
		if (rot.length == 2) {
			canvas.camera().rotateAboutViewAxis(1, 0, 0, Math.toRadians(rot[0]));
			canvas.camera().rotateAboutViewAxis(0, 1, 0, Math.toRadians(rot[1]));
		}
		buildControls();
		status();
		canvas.redraw();
	}

	private static boolean hasCrystal(ExperimentList e) {
		for (var x : e) if (x.crystal() != null) return true;
		return false;
	}

	private void buildControls() {
		for (Control c : side.getChildren()) c.dispose();
		swatches.forEach(Color::dispose);
		swatches.clear();
		RlvPoints pts = renderer.points();

		Group colour = group("Colour by");
		Combo colourBy = new Combo(colour, SWT.READ_ONLY);
		String[] names = { "lattice", "indexed / unindexed", "inlier / outlier", "frame" };
		colourBy.setItems(names);
		colourBy.select(renderer.colourBy().ordinal());
		colourBy.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		Label legend = new Label(colour, SWT.WRAP);
		GridData lg = new GridData(SWT.FILL, SWT.CENTER, true, false);
		lg.widthHint = 220;
		legend.setLayoutData(lg);
		legend.setText(legend(renderer.colourBy(), renderer.blackBackground()));
		colourBy.addListener(SWT.Selection, e -> {
			renderer.setColourBy(ColourBy.values()[colourBy.getSelectionIndex()]);
			legend.setText(legend(renderer.colourBy(), renderer.blackBackground()));
			side.layout(true, true);
			canvas.redraw();
		});

		Group show = group("Show");
		Combo display = new Combo(show, SWT.READ_ONLY);
		display.setItems("all spots", "unindexed only", "indexed only", "integrated only");
		display.select(renderer.display().ordinal());
		display.addListener(SWT.Selection, e -> {
			renderer.setDisplay(Display.values()[display.getSelectionIndex()]);
			redrawStatus();
		});
		Combo outliers = new Combo(show, SWT.READ_ONLY);
		outliers.setItems("inliers and outliers", "centroid outliers only", "inliers only");
		outliers.select(renderer.outlierDisplay() == null ? 0 : renderer.outlierDisplay().ordinal() + 1);
		outliers.addListener(SWT.Selection, e -> {
			int i = outliers.getSelectionIndex();
			renderer.setOutlierDisplay(i == 0 ? null : OutlierDisplay.values()[i - 1]);
			redrawStatus();
		});
		check(show, "Reciprocal cell (a*, b*, c*)", renderer.showCell(), b -> renderer.setShowCell(b));
		check(show, "Rotation axis", renderer.showRotationAxis(), b -> renderer.setShowRotationAxis(b));
		check(show, "Beam vector", renderer.showBeam(), b -> renderer.setShowBeam(b));
		check(show, "Black background", renderer.blackBackground(), b -> renderer.setBlackBackground(b));
		frameCheck = new Button(show, SWT.CHECK);
		frameCheck.setText("Crystal frame");
		frameCheck.setSelection(crystalFrame);
		frameCheck.setEnabled(hasCrystal(original));
		frameCheck.addListener(SWT.Selection, e -> {
			crystalFrame = frameCheck.getSelection();
			remap();
		});

		lattices = group("Lattices");
		((GridLayout) lattices.getLayout()).numColumns = 2;
		int[] counts = new int[pts.maxLattice() + 2];
		for (int l : pts.lattice()) counts[l + 1]++;
		for (int l = -1; l <= pts.maxLattice(); l++) {
			if (counts[l + 1] == 0) continue;
			int lat = l, rgb = renderer.latticeColour(l);
			Color sw = new Color(getDisplay(), (rgb >> 16) & 255, (rgb >> 8) & 255, rgb & 255);
			swatches.add(sw);
			Label swatch = new Label(lattices, SWT.BORDER);
			swatch.setBackground(sw);
			GridData g = new GridData(14, 14);
			swatch.setLayoutData(g);
			Button b = new Button(lattices, SWT.CHECK);
			b.setText((l < 0 ? "unindexed" : "lattice " + l) + " (" + counts[l + 1] + ")");
			b.setSelection(renderer.isLatticeVisible(l));
			b.addListener(SWT.Selection, e -> {
				renderer.setLatticeVisible(lat, b.getSelection());
				redrawStatus();
			});
		}

		Group filters = group("Filters");
		zLabel = new Label(filters, SWT.NONE);
		zLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		zSlider = slider(filters);
		double zMax = Math.min(renderer.zMax(), zRange[1]);
		zSlider.setSelection((int) Math.round(SLIDER * (zMax - zRange[0]) / Math.max(zRange[1] - zRange[0], 1e-9)));
		zSlider.addListener(SWT.Selection, e -> {
			renderer.setZRange(renderer.zMin(), zFromSlider());
			redrawStatus();
		});
		dLabel = new Label(filters, SWT.NONE);
		dLabel.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		dSlider = slider(filters);
		double dStar = renderer.dMin() > 0 ? Math.min(1 / renderer.dMin(), dStarMax) : dStarMax;
		dSlider.setSelection((int) Math.round(SLIDER * dStar / dStarMax));
		dSlider.addListener(SWT.Selection, e -> {
			renderer.setDMin(dFromSlider());
			redrawStatus();
		});

		Group geom = group("Geometry (re-maps live)");
		((GridLayout) geom.getLayout()).numColumns = 2;
		bcLabel = new Label(geom, SWT.NONE);
		GridData bl = new GridData(SWT.FILL, SWT.CENTER, true, false);
		bl.horizontalSpan = 2;
		bcLabel.setLayoutData(bl);
		Detector.Intersection bc = RlvMapper.beamCentre(current);
		fastSpin = spinner(geom, "Beam fast (mm)", bc == null ? 0 : bc.xMm(), 2, 5);
		slowSpin = spinner(geom, "Beam slow (mm)", bc == null ? 0 : bc.yMm(), 2, 5);
		distSpin = spinner(geom, "Distance (mm)", RlvMapper.distance(current), 2, 10);
		Button reset = new Button(geom, SWT.PUSH);
		reset.setText("Reset geometry");
		GridData rd = new GridData(SWT.FILL, SWT.CENTER, true, false);
		rd.horizontalSpan = 2;
		reset.setLayoutData(rd);
		reset.addListener(SWT.Selection, e -> {
			current = original;
			Detector.Intersection b0 = RlvMapper.beamCentre(original);
			set(fastSpin, b0 == null ? 0 : b0.xMm());
			set(slowSpin, b0 == null ? 0 : b0.yMm());
			set(distSpin, RlvMapper.distance(original));
			remap();
		});

		Group view = group("View");
		((GridLayout) view.getLayout()).numColumns = 3;
		button(view, "Reset", canvas::resetView);
		button(view, "Along axis", () -> lookAlongAxis());
		button(view, "Along beam", () -> {
			canvas.camera().resetView();
			canvas.redraw();
		});
		Crystal c = firstCrystal();
		if (c != null) {
			String[] ax = { "a*", "b*", "c*" };
			for (int k = 0; k < 3; k++) {
				int kk = k;
				button(view, "Along " + ax[k], () -> lookAlongReciprocal(kk));
			}
		}
		side.layout(true, true);
		scroller.setMinSize(side.computeSize(SWT.DEFAULT, SWT.DEFAULT));
		updateLabels();
	}

	private static String legend(ColourBy c, boolean black) {
		return switch (c) {
			case LATTICE -> (black ? "white" : "black") + ": unindexed; one colour per lattice (see Lattices)";
			case INDEXED -> black ? "blue: indexed; white: unindexed" : "brown: indexed; black: unindexed";
			case INLIER -> "green: used in refinement; red: centroid outlier; dark blue: indexed, not used; grey: unindexed";
			case FRAME -> "purple (first frame) to yellow (last frame)";
		};
	}

	private Crystal firstCrystal() {
		for (var e : current) if (e.crystal() != null) return e.crystal();
		return null;
	}

	/** Looks down reciprocal axis k (0 = a*, 1 = b*, 2 = c*) of the first crystal. */
	public void lookAlongReciprocal(int k) {
		Crystal c = firstCrystal();
		if (c == null) return;
		Vec3[] abc = RlvMapper.reciprocalBasis(c, crystalFrame);
		canvas.camera().lookAlong(abc[k].toArray(), abc[(k + 1) % 3].toArray());
		canvas.redraw();
		status();
	}

	/** Looks down the rotation axis (at φ = 0). */
	public void lookAlongAxis() {
		var g = current.get(0).goniometer();
		if (g == null) return;
		Vec3 axis = g.fixedRotation().transpose().times(g.rotationAxis());
		Vec3 up = Math.abs(axis.y()) < 0.9 ? new Vec3(0, 1, 0) : new Vec3(0, 0, 1);
		canvas.camera().lookAlong(axis.toArray(), up.toArray());
		canvas.redraw();
	}

	private double zFromSlider() {
		return zRange[0] + (zRange[1] - zRange[0]) * zSlider.getSelection() / (double) SLIDER;
	}

	private double dFromSlider() {
		int s = dSlider.getSelection();
		return s >= SLIDER ? 0 : s <= 0 ? Double.POSITIVE_INFINITY : 1 / (dStarMax * s / SLIDER);
	}

	/** Re-maps the spots with the geometry in the spinners (beam centre, distance) and the frame switch. */
	private void remap() {
		ExperimentList e = RlvMapper.withBeamCentre(original, bcPanel, value(fastSpin), value(slowSpin));
		current = RlvMapper.withDistance(e, value(distSpin));
		renderer.setPoints(RlvMapper.map(current, table, crystalFrame), current);
		redrawStatus();
	}

	/**
	 * Nudges the geometry as the spinners do and re-maps.
	 *
	 * @param fastMm beam centre, fast (mm)
	 * @param slowMm beam centre, slow (mm)
	 * @param distanceMm distance (mm)
	 */
	public void setGeometry(double fastMm, double slowMm, double distanceMm) {
		set(fastSpin, fastMm);
		set(slowSpin, slowMm);
		set(distSpin, distanceMm);
		remap();
	}

	/** Sets the Max Z slider to the frame {@code z} (clamped) as a user would. */
	public void setMaxZ(double z) {
		zSlider.setSelection((int) Math.round(SLIDER * (z - zRange[0]) / Math.max(zRange[1] - zRange[0], 1e-9)));
		renderer.setZRange(renderer.zMin(), zFromSlider());
		redrawStatus();
	}

	private void redrawStatus() {
		updateLabels();
		status();
		canvas.redraw();
	}

	private void updateLabels() {
		if (zLabel == null || zLabel.isDisposed()) return;
		zLabel.setText(String.format(Locale.ROOT, "Max Z: %.1f (frames %.0f–%.0f)", Math.min(renderer.zMax(), zRange[1]), zRange[0], zRange[1]));
		double d = renderer.dMin();
		dLabel.setText(d <= 0 ? String.format(Locale.ROOT, "d_min: all (data to %.2f Å)", 1 / dStarMax)
				: String.format(Locale.ROOT, "d_min: %.2f Å", d));
		Detector.Intersection bc = RlvMapper.beamCentre(current);
		bcLabel.setText(bc == null ? "beam misses the detector"
				: String.format(Locale.ROOT, "beam centre panel %d: %.2f, %.2f mm", bcPanel, bc.xMm(), bc.yMm()));
	}

	private void status() {
		canvas.redraw();
	}

	private String statusText() {
		if (renderer == null) return "";
		String s = String.format(Locale.ROOT, "%,d of %,d spots%s   %s", renderer.visibleCount(), renderer.points().size(),
				crystalFrame ? "   crystal frame" : "", "drag: rotate, wheel: zoom, right-drag: pan");
		String h = describe(hovered);
		return h.isEmpty() ? s : s + "\n" + h;
	}

	/**
	 * Marks the spot nearest to a screen position (within 6 px) for the status line.
	 *
	 * @return the reflection row, or −1
	 */
	public int hover(int x, int y) {
		int h = renderer.nearest(canvas.camera(), x, y, 6);
		if (h != hovered) {
			hovered = h;
			canvas.redraw();
		}
		return h;
	}

	/** @return "row …: hkl …, d …, frame …, panel …, lattice …" for a reflection row, or "" for −1 */
	public String describe(int row) {
		if (row < 0 || renderer == null || row >= renderer.points().size()) return "";
		RlvPoints p = renderer.points();
		StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "spot %d: d %.2f Å, frame %.1f", row, p.d()[row], p.frame()[row]));
		if (table.has(Columns.PANEL)) b.append(", panel ").append(table.get(Columns.PANEL)[row]);
		int l = p.lattice()[row];
		if (l >= 0 && table.has(Columns.MILLER_INDEX)) {
			int[] hkl = table.get(Columns.MILLER_INDEX);
			b.append(String.format(Locale.ROOT, ", lattice %d, hkl %d %d %d", l, hkl[3 * row], hkl[3 * row + 1], hkl[3 * row + 2]));
		} else {
			b.append(", unindexed");
		}
		return b.toString();
	}

	private Group group(String title) {
		Group g = new Group(side, SWT.NONE);
		g.setText(title);
		g.setLayout(new GridLayout(1, false));
		g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
		return g;
	}

	private Scale slider(Composite parent) {
		Scale s = new Scale(parent, SWT.HORIZONTAL);
		s.setMinimum(0);
		s.setMaximum(SLIDER);
		s.setPageIncrement(50);
		s.setIncrement(5);
		s.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		return s;
	}

	private void check(Composite parent, String text, boolean on, java.util.function.Consumer<Boolean> action) {
		Button b = new Button(parent, SWT.CHECK);
		b.setText(text);
		b.setSelection(on);
		b.addListener(SWT.Selection, e -> {
			action.accept(b.getSelection());
			if (text.startsWith("Black")) getDisplay().asyncExec(() -> {
				if (!isDisposed()) buildControls();
			});
			canvas.redraw();
		});
	}

	private void button(Composite parent, String text, Runnable r) {
		Button b = new Button(parent, SWT.PUSH);
		b.setText(text);
		b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		b.addListener(SWT.Selection, e -> r.run());
	}

	private Spinner spinner(Composite parent, String label, double value, int digits, int increment) {
		new Label(parent, SWT.NONE).setText(label);
		Spinner s = new Spinner(parent, SWT.BORDER);
		s.setDigits(digits);
		s.setMinimum(-100000000);
		s.setMaximum(100000000);
		s.setIncrement(increment);
		s.setPageIncrement(increment * 10);
		set(s, value);
		s.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		s.addListener(SWT.Selection, e -> remap());
		return s;
	}

	private static void set(Spinner s, double v) {
		s.setSelection((int) Math.round(v * Math.pow(10, s.getDigits())));
	}

	private static double value(Spinner s) {
		return s.getSelection() / Math.pow(10, s.getDigits());
	}
}
