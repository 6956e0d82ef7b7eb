package org.bragg.ui.imageviewer.internal;

import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import org.bragg.format.FormatRegistry;
import org.bragg.model.Beam;
import org.bragg.model.Detector;
import org.bragg.ui.core.ColourScheme;
import org.bragg.ui.core.DecodedFrame;
import org.bragg.ui.core.DisplaySettings;
import org.bragg.ui.core.FrameCache;
import org.bragg.ui.core.ImageCanvas;
import org.bragg.ui.core.MaskDefinition;
import org.bragg.ui.core.MaskTool;
import org.bragg.ui.core.OverlaySettings;
import org.bragg.ui.core.PixelInfo;
import org.bragg.ui.core.ReflectionOverlay;
import org.bragg.ui.core.StackMode;
import org.bragg.ui.imageviewer.DataSession;
import org.bragg.ui.imageviewer.DataSet;
import org.bragg.ui.imageviewer.UserMask;
import org.bragg.spotfinding.SpotFindingParameters;
import org.bragg.spotfinding.ThresholdAlgorithm;
import org.bragg.spotfinding.ThresholdDebug;
import org.bragg.ui.imageviewer.ViewerPreferences;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.layout.RowData;
import org.eclipse.swt.layout.RowLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Scale;
import org.eclipse.swt.widgets.Slider;
import org.eclipse.swt.widgets.Spinner;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The image viewer (e4 POJO part, registered as an {@code e4view} in {@code plugin.xml}): shows the
 * images of the {@linkplain DataSession#active() active data set} in an {@link ImageCanvas}, with a
 * frame slider, step and play buttons, stacking of N frames (sum or maximum), colour scheme,
 * brightness, contrast, fit/100 % buttons, overlay switches, a pixel read-out line, and the threshold
 * preview ({@link ThresholdPreview}: mean, variance, dispersion, σ_b, σ_s, global and threshold maps of
 * the spot-finding kernels, with live controls for algorithm, gain, kernel size, σ_b, σ_s and the global
 * threshold).
 *
 * <p>Frames are decoded by a {@link FrameCache} on background threads (the next frames are prefetched);
 * every display setting re-maps the cached frame only. Reflections come from the data set's most
 * recent reflection table.
 */
public class ImageViewerPart {
	/** View id in {@code plugin.xml}. */
	public static final String ID = "org.bragg.ui.imageviewer.imageView";

	private final DataSession session;
	private final FormatRegistry registry;

	private Composite root;
	private ImageCanvas canvas;
	private Combo schemeCombo, stackModeCombo;
	private Scale brightnessScale, contrastScale;
	private Label brightnessLabel, contrastLabel, frameLabel, status, readout;
	private Slider frameSlider;
	private Spinner frameSpinner, stackSpinner;
	private Button playButton, beamCheck, ringsCheck, spotsCheck, predCheck, hklCheck, maskCheck;

	private Combo thresholdModeCombo, algorithmCombo;
	private Spinner gainSpinner, kernelSpinner, sigmaBSpinner, sigmaSSpinner, globalSpinner;
	private Label thresholdInfo;
	private Combo maskCombo;
	private Label maskInfo;
	private final MaskTool maskTool = new MaskTool();
	private DecodedFrame rawFrame;
	private Detector rawDetector;
	private ThresholdPreview preview;
	private String previewKey;
	private int thresholdSerial;
	private final ExecutorService thresholdExecutor = Executors.newSingleThreadExecutor(r -> {
		Thread t = new Thread(r, "bragg-threshold-preview");
		t.setDaemon(true);
		return t;
	});

	private DisplaySettings display = DisplaySettings.defaults();
	private OverlaySettings overlays = OverlaySettings.defaults();
	private int cacheSize = 8;

	private DataSet dataSet;
	private FrameList frames;
	private org.bragg.model.ExperimentList framesSource;
	private FrameCache cache;
	private int current = -1;
	private int requestSerial, shownSerial;
	private boolean playing;
	private long playStarted;
	private int playShown;

	private final Consumer<DataSession.Event> sessionListener = e -> {
		Display d = root == null || root.isDisposed() ? null : root.getDisplay();
		if (d == null) return;
		d.asyncExec(() -> onSessionEvent(e));
	};

	/**
	 * @param session the open data sets (OSGi service)
	 * @param registry the format readers (OSGi service of {@code org.bragg.format})
	 */
	@Inject
	public ImageViewerPart(DataSession session, @Optional FormatRegistry registry) {
		this.session = session;
		this.registry = registry;
	}

	/** Builds the controls and shows the active data set, if any. */
	@PostConstruct
	public void createControls(Composite parent) {
		if (registry == null) {
			missingFormats(parent);
			return;
		}
		root = new Composite(parent, SWT.NONE);
		root.setLayout(grid(1, 0, 2));

		Composite bar = new Composite(root, SWT.NONE);
		bar.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		bar.setLayout(rows());
		new Label(bar, SWT.NONE).setText("Colours");
		schemeCombo = new Combo(bar, SWT.READ_ONLY);
		for (ColourScheme c : ColourScheme.values()) schemeCombo.add(c.label());
		schemeCombo.addListener(SWT.Selection, e -> setDisplay(display.withScheme(ColourScheme.values()[schemeCombo.getSelectionIndex()])));
		new Label(bar, SWT.NONE).setText("Brightness");
		brightnessScale = new Scale(bar, SWT.HORIZONTAL);
		brightnessScale.setMinimum(0);
		brightnessScale.setMaximum(300);
		brightnessScale.setPageIncrement(10);
		brightnessScale.setLayoutData(new RowData(110, SWT.DEFAULT));
		brightnessScale.addListener(SWT.Selection, e -> setDisplay(display.withBrightness(Math.pow(10, brightnessScale.getSelection() / 100.0))));
		brightnessLabel = new Label(bar, SWT.NONE);
		brightnessLabel.setLayoutData(new RowData(44, SWT.DEFAULT));
		new Label(bar, SWT.NONE).setText("Contrast");
		contrastScale = new Scale(bar, SWT.HORIZONTAL);
		contrastScale.setMinimum(0);
		contrastScale.setMaximum(200);
		contrastScale.setPageIncrement(10);
		contrastScale.setLayoutData(new RowData(90, SWT.DEFAULT));
		contrastScale.addListener(SWT.Selection, e -> setDisplay(display.withContrast(Math.pow(10, 1 + contrastScale.getSelection() / 100.0))));
		contrastLabel = new Label(bar, SWT.NONE);
		contrastLabel.setLayoutData(new RowData(44, SWT.DEFAULT));
		button(bar, SWT.PUSH, "Fit", "Fit the whole detector into the view (key f)", () -> canvas.fit());
		button(bar, SWT.PUSH, "100%", "One screen pixel per detector pixel (key 1)", () -> canvas.zoomToActualPixels());
		beamCheck = button(bar, SWT.CHECK, "Beam", "Beam centre", this::overlaysFromChecks);
		ringsCheck = button(bar, SWT.CHECK, "Rings", "Resolution rings", this::overlaysFromChecks);
		spotsCheck = button(bar, SWT.CHECK, "Spots", "Strong spots: bounding boxes and centroids", this::overlaysFromChecks);
		predCheck = button(bar, SWT.CHECK, "Predictions", "Predicted positions (xyzcal.px)", this::overlaysFromChecks);
		hklCheck = button(bar, SWT.CHECK, "hkl", "Miller indices of predictions", this::overlaysFromChecks);
		maskCheck = button(bar, SWT.CHECK, "Mask", "Show untrusted pixels (module gaps, static mask) in the mask colour", () -> setDisplay(display.withShowMask(maskCheck.getSelection())));

		canvas = new ImageCanvas(root, SWT.BORDER);
		canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
		canvas.addPixelListener(this::showReadout);
		createThresholdRow(root);
		createMaskRow(root);

		Composite nav = new Composite(root, SWT.NONE);
		nav.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		nav.setLayout(grid(9, 4, 0));
		button(nav, SWT.PUSH, "◀", "Previous image (Page Up)", () -> step(-1));
		frameSlider = new Slider(nav, SWT.HORIZONTAL);
		frameSlider.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		frameSlider.addListener(SWT.Selection, e -> showFrame(frameSlider.getSelection()));
		button(nav, SWT.PUSH, "▶", "Next image (Page Down)", () -> step(1));
		frameSpinner = new Spinner(nav, SWT.BORDER);
		frameSpinner.addListener(SWT.Selection, e -> showFrame(frameSpinner.getSelection() - 1));
		frameLabel = new Label(nav, SWT.NONE);
		frameLabel.setLayoutData(new GridData(60, SWT.DEFAULT));
		playButton = button(nav, SWT.TOGGLE, "Play", "Step through the images continuously", () -> setPlaying(playButton.getSelection()));
		new Label(nav, SWT.NONE).setText("Stack");
		stackSpinner = new Spinner(nav, SWT.BORDER);
		stackSpinner.setMinimum(1);
		stackSpinner.setMaximum(1000);
		stackSpinner.setToolTipText("Number of consecutive images combined into one view");
		stackSpinner.addListener(SWT.Selection, e -> showFrame(Math.max(current, 0)));
		stackModeCombo = new Combo(nav, SWT.READ_ONLY);
		stackModeCombo.setItems("sum", "max");
		stackModeCombo.select(0);
		stackModeCombo.addListener(SWT.Selection, e -> showFrame(Math.max(current, 0)));
		Composite line = new Composite(root, SWT.NONE);
		line.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		line.setLayout(grid(2, 12, 0));
		readout = new Label(line, SWT.NONE);
		readout.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		status = new Label(line, SWT.RIGHT);
		status.setLayoutData(new GridData(SWT.END, SWT.CENTER, false, false));
		readout.setText("Open images, an .expt or a .refl in the Data Explorer (or drop files there).");

		canvas.addListener(SWT.KeyDown, e -> {
			if (e.keyCode == SWT.PAGE_DOWN || e.keyCode == SWT.ARROW_RIGHT) step(1);
			else if (e.keyCode == SWT.PAGE_UP || e.keyCode == SWT.ARROW_LEFT) step(-1);
		});
		syncControls();
		session.addListener(sessionListener);
		if (session.active() != null) show(session.active(), session.activeImage());
		else updateNavigation();
	}

	/** The mask tool: shape to draw (or pan), undo, clear, save as mask.phil + pixels.mask. */
	private void createMaskRow(Composite parent) {
		Composite row = new Composite(parent, SWT.NONE);
		row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		row.setLayout(rows());
		new Label(row, SWT.NONE).setText("Mask tool");
		maskCombo = new Combo(row, SWT.READ_ONLY);
		maskCombo.add("off (pan)");
		for (MaskTool.Shape sh : MaskTool.Shape.values()) maskCombo.add(sh.label());
		maskCombo.select(0);
		maskCombo.setToolTipText("Draw untrusted shapes with the left button: polygon (click the corners, double-click to close), circle and rectangle (drag), "
				+ "resolution range (drag from one ring to the other). Esc abandons, Backspace removes the last shape; the middle button pans.");
		maskCombo.addListener(SWT.Selection, e -> setMaskShape(maskCombo.getSelectionIndex() == 0 ? null : MaskTool.Shape.values()[maskCombo.getSelectionIndex() - 1]));
		button(row, SWT.PUSH, "Undo", "Remove the last shape (Backspace)", () -> maskTool.undo());
		button(row, SWT.PUSH, "Clear", "Remove all shapes", () -> maskTool.setDefinition(MaskDefinition.EMPTY));
		button(row, SWT.PUSH, "Save mask", "Write mask.phil (bragg generate_mask imported.expt mask.phil) and pixels.mask "
				+ "(bragg apply_mask imported.expt mask=pixels.mask) into the data set's directory", this::saveMaskFromButton);
		maskInfo = new Label(row, SWT.NONE);
		maskInfo.setLayoutData(new RowData(420, SWT.DEFAULT));
		maskTool.addChangeListener(d -> updateUserMask());
	}

	/** Selects the shape the mask tool draws, or null to pan with the left button again. */
	public void setMaskShape(MaskTool.Shape shape) {
		if (shape == null) canvas.setTool(null);
		else {
			maskTool.setShape(shape);
			canvas.setTool(maskTool);
		}
		int idx = shape == null ? 0 : shape.ordinal() + 1;
		if (maskCombo.getSelectionIndex() != idx) maskCombo.select(idx);
	}

	/** @return the mask tool (its shapes are shown as the user mask on the image) */
	public MaskTool maskTool() { return maskTool; }

	/** Recomputes the user mask pixels of the drawn shapes with the generate_mask code and shows them. */
	private void updateUserMask() {
		if (canvas.getProjection() == null) return;
		MaskDefinition def = maskTool.getDefinition();
		if (def.isEmpty()) {
			canvas.setUserMask(null);
			maskInfo.setText("");
			return;
		}
		try {
			java.util.List<boolean[]> m = UserMask.pixels(def, canvas.getProjection().detector(), canvas.getBeam());
			canvas.setUserMask(m);
			maskInfo.setText(def.regions().size() + " shape(s), " + org.bragg.spotfinding.MaskGeneration.countMasked(m) + " pixels masked");
		} catch (RuntimeException ex) {
			maskInfo.setText("mask: " + ex.getMessage());
		}
	}

	/**
	 * Saves the drawn mask into the data set's directory as {@code mask.phil} and {@code pixels.mask}.
	 *
	 * @return the files written
	 * @throws java.io.IOException if a file cannot be written
	 * @throws IllegalStateException if no image is shown
	 */
	public java.util.List<java.nio.file.Path> saveMask() throws java.io.IOException {
		if (canvas.getProjection() == null || dataSet == null) throw new IllegalStateException("no image shown");
		java.util.List<java.nio.file.Path> files = UserMask.save(maskTool.getDefinition(), canvas.getProjection().detector(), canvas.getBeam(), dataSet.directory());
		session.log("Mask saved: " + files.get(0) + " and " + files.get(1) + "\n  apply it with: bragg apply_mask "
				+ (dataSet.experimentsFile() != null ? dataSet.experimentsFile() : "imported.expt") + " mask=" + files.get(1) + "\n");
		return files;
	}

	private void saveMaskFromButton() {
		try {
			java.util.List<java.nio.file.Path> f = saveMask();
			maskInfo.setText("saved " + f.get(0).getFileName() + ", " + f.get(1).getFileName() + " in " + f.get(0).getParent());
		} catch (Exception ex) {
			maskInfo.setText("cannot save the mask: " + ex.getMessage());
		}
	}

	/** The threshold preview controls: map to show and the live parameters of the spot-finding threshold. */
	private void createThresholdRow(Composite parent) {
		Composite row = new Composite(parent, SWT.NONE);
		row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
		row.setLayout(rows());
		new Label(row, SWT.NONE).setText("Show");
		thresholdModeCombo = new Combo(row, SWT.READ_ONLY);
		thresholdModeCombo.add("image");
		for (ThresholdDebug.Mode m : ThresholdPreview.MODES) thresholdModeCombo.add(m.name().toLowerCase(java.util.Locale.ROOT));
		thresholdModeCombo.select(0);
		thresholdModeCombo.setToolTipText("Threshold preview: the maps of the spot-finding threshold, computed by its own kernels");
		thresholdModeCombo.addListener(SWT.Selection, e -> updateDisplayedMap());
		algorithmCombo = new Combo(row, SWT.READ_ONLY);
		algorithmCombo.setItems("dispersion_extended", "dispersion");
		algorithmCombo.select(0);
		algorithmCombo.addListener(SWT.Selection, e -> updateDisplayedMap());
		SpotFindingParameters.Dispersion d0 = SpotFindingParameters.Dispersion.defaults();
		gainSpinner = spinner(row, "gain", 2, 1, 100000, 100, "spotfinder.threshold.dispersion.gain (1.00 = None, the DIALS default)");
		kernelSpinner = spinner(row, "kernel", 0, 1, 50, d0.kernelSize()[0], "spotfinder.threshold.dispersion.kernel_size (half-width, px)");
		sigmaBSpinner = spinner(row, "σ_b", 1, 0, 1000, (int) Math.round(10 * d0.sigmaBackground()), "spotfinder.threshold.dispersion.sigma_background");
		sigmaSSpinner = spinner(row, "σ_s", 1, 0, 1000, (int) Math.round(10 * d0.sigmaStrong()), "spotfinder.threshold.dispersion.sigma_strong");
		globalSpinner = spinner(row, "global", 0, 0, 1_000_000, (int) d0.globalThreshold().orElse(0), "spotfinder.threshold.dispersion.global_threshold (counts)");
		thresholdInfo = new Label(row, SWT.NONE);

		enableThresholdControls(false);
	}

	private Spinner spinner(Composite row, String label, int digits, int min, int max, int value, String tip) {
		new Label(row, SWT.NONE).setText(label);
		Spinner sp = new Spinner(row, SWT.BORDER);
		sp.setDigits(digits);
		sp.setValues(value, min, max, digits, 1, 10);
		sp.setToolTipText(tip);
		sp.addListener(SWT.Selection, e -> updateDisplayedMap());
		return sp;
	}

	private void enableThresholdControls(boolean on) {
		for (org.eclipse.swt.widgets.Control c : new org.eclipse.swt.widgets.Control[] { algorithmCombo, gainSpinner, kernelSpinner, sigmaBSpinner,
				sigmaSSpinner, globalSpinner })
			c.setEnabled(on);
	}

	/** @return the threshold parameters of the live controls */
	public SpotFindingParameters.Threshold thresholdParameters() {
		SpotFindingParameters.Dispersion d0 = SpotFindingParameters.Dispersion.defaults();
		int g = gainSpinner.getSelection(), k = kernelSpinner.getSelection();
		SpotFindingParameters.Dispersion d = new SpotFindingParameters.Dispersion(g == 100 ? OptionalDouble.empty() : OptionalDouble.of(g / 100.0),
				new int[] { k, k }, sigmaBSpinner.getSelection() / 10.0, sigmaSSpinner.getSelection() / 10.0, d0.minLocal(),
				OptionalDouble.of(globalSpinner.getSelection()));
		return new SpotFindingParameters.Threshold(algorithmCombo.getSelectionIndex() == 1 ? ThresholdAlgorithm.DISPERSION : ThresholdAlgorithm.DISPERSION_EXTENDED,
				d, SpotFindingParameters.RadialProfile.defaults());
	}

	/**
	 * Selects what the canvas shows: 0 = the image, i &gt; 0 = map {@code ThresholdPreview.MODES[i−1]}.
	 */
	public void setThresholdMode(int index) {
		thresholdModeCombo.select(index);
		updateDisplayedMap();
	}

	/** @return the last computed threshold preview, or null */
	public ThresholdPreview thresholdPreview() { return preview; }

	/** Shows the raw frame or the selected threshold map, computing the maps in the background when the frame or a parameter changed. */
	private void updateDisplayedMap() {
		int idx = thresholdModeCombo.getSelectionIndex();
		enableThresholdControls(idx > 0);
		if (rawFrame == null) return;
		if (idx <= 0) {
			canvas.setFrame(rawFrame);
			setThresholdInfo("");
			return;
		}
		ThresholdDebug.Mode mode = ThresholdPreview.MODES[idx - 1];
		SpotFindingParameters.Threshold params = thresholdParameters();
		String key = algorithmCombo.getSelectionIndex() + "/" + gainSpinner.getSelection() + "/" + kernelSpinner.getSelection() + "/"
				+ sigmaBSpinner.getSelection() + "/" + sigmaSSpinner.getSelection() + "/" + globalSpinner.getSelection();
		if (preview != null && preview.source() == rawFrame && key.equals(previewKey) && preview.has(mode)) {
			showPreview(preview, mode);
			return;
		}
		int serial = ++thresholdSerial;
		DecodedFrame raw = rawFrame;
		Detector det = rawDetector;
		setThresholdInfo("computing…");
		thresholdExecutor.submit(() -> {
			ThresholdPreview p;
			String error = null;
			try {
				p = ThresholdPreview.compute(raw, det, params, mode);
			} catch (RuntimeException e) {
				p = null;
				error = e.getMessage();
			}
			ThresholdPreview result = p;
			String err = error;
			Display d = root.isDisposed() ? null : root.getDisplay();
			if (d != null) d.asyncExec(() -> {
				if (root.isDisposed() || serial != thresholdSerial) return;
				if (result == null) {
					setThresholdInfo("threshold failed: " + err);
					return;
				}
				preview = result;
				previewKey = key;
				int i = thresholdModeCombo.getSelectionIndex();
				if (i > 0) showPreview(result, ThresholdPreview.MODES[i - 1]);
			});
		});
	}

	private void showPreview(ThresholdPreview p, ThresholdDebug.Mode mode) {
		canvas.setFrame(p.frame(mode));
		setThresholdInfo(String.format("%d strong pixels  (%.0f ms)", p.strongPixels(), p.millis()));
	}

	/** Says why nothing can be shown when the format registry service is missing. */
	static void missingFormats(Composite parent) {
		Label l = new Label(parent, SWT.WRAP);
		l.setText("Bragg cannot read images: the FormatRegistry service of bundle org.bragg.format is not running.\n"
				+ "Start org.bragg.format and the reader bundles (org.bragg.format.cbf, …) or give them Bundle-ActivationPolicy: lazy.");
	}

	@PreDestroy
	public void dispose() {
		thresholdExecutor.shutdownNow();
		session.removeListener(sessionListener);
		playing = false;
		if (cache != null) cache.close();
		if (frames != null) frames.close();
	}

	@Focus
	public void setFocus() {
		if (canvas != null && root != null && !canvas.isDisposed()) canvas.setFocus();
	}

	// ------------------------------------------------------------------ preferences (injected)

	@Inject
	@Optional
	void setColourScheme(@Preference(nodePath = ViewerPreferences.NODE, value = ViewerPreferences.COLOUR_SCHEME) String scheme) {
		if (scheme != null && !scheme.isBlank()) setDisplay(display.withScheme(ColourScheme.fromString(scheme)));
	}

	@Inject
	@Optional
	void setBrightness(@Preference(nodePath = ViewerPreferences.NODE, value = ViewerPreferences.BRIGHTNESS) String b) {
		Double v = parse(b, DisplaySettings.MIN_BRIGHTNESS, DisplaySettings.MAX_BRIGHTNESS);
		if (v != null) setDisplay(display.withBrightness(v));
	}

	@Inject
	@Optional
	void setContrast(@Preference(nodePath = ViewerPreferences.NODE, value = ViewerPreferences.CONTRAST) String c) {
		Double v = parse(c, DisplaySettings.MIN_CONTRAST, DisplaySettings.MAX_CONTRAST);
		if (v != null) setDisplay(display.withContrast(v));
	}

	@Inject
	@Optional
	void setCacheSize(@Preference(nodePath = ViewerPreferences.NODE, value = ViewerPreferences.FRAME_CACHE_SIZE) String n) {
		Double v = parse(n, 2, 200);
		if (v != null) cacheSize = v.intValue();
	}

	private static Double parse(String s, double min, double max) {
		if (s == null || s.isBlank()) return null;
		try {
			double v = Double.parseDouble(s.trim());
			return v >= min && v <= max ? v : null;
		} catch (NumberFormatException e) {
			return null;
		}
	}

	// ------------------------------------------------------------------ state

	/** @return the canvas (for tests and screenshots) */
	public ImageCanvas canvas() { return canvas; }

	/** @return the data set shown, or null */
	public DataSet dataSet() { return dataSet; }

	/** @return index of the image shown (0-based), −1 if none */
	public int currentFrame() { return current; }

	/** @return number of images of the data set shown */
	public int frameCount() { return frames == null ? 0 : frames.size(); }

	/** @return true once the last requested frame is on screen */
	public boolean isFrameShown() { return shownSerial == requestSerial && current >= 0; }

	/** @return the frame cache of the data set shown, or null */
	public FrameCache frameCache() { return cache; }

	private void onSessionEvent(DataSession.Event e) {
		if (root.isDisposed()) return;
		switch (e.change()) {
			case ACTIVE -> {
				if (e.dataSet() == null) show(null, 0);
				else if (e.dataSet() != dataSet || frames == null || framesSource != e.dataSet().experiments()) show(e.dataSet(), session.activeImage());
				else {
					refreshReflections();
					showFrame(session.activeImage());
				}
			}
			case CONTENT -> {
				if (e.dataSet() == dataSet) {
					if (framesSource != dataSet.experiments()) show(dataSet, Math.max(current, 0));
					else refreshReflections();
				}
			}
			case DATA_SETS -> {
				if (dataSet != null && !session.dataSets().contains(dataSet)) show(session.active(), 0);
			}
		}
	}

	/** Shows a data set, starting at image {@code first}. */
	public void show(DataSet ds, int first) {
		setPlaying(false);
		if (cache != null) cache.close();
		if (frames != null) frames.close();
		cache = null;
		frames = null;
		framesSource = null;
		dataSet = ds;
		current = -1;
		if (ds != null) {
			framesSource = ds.experiments();
			frames = new FrameList(framesSource, registry);
			FrameList fl = frames;
			cache = new FrameCache(i -> {
				FrameList.Frame fr = fl.get(i);
				// decode and build the zoomed-out display pyramid on the cache's thread, not the UI thread
				return ImageCanvas.prepare(DecodedFrame.decode(fr.source(), fr.sourceIndex(), fr.experiment().detector()));
			}, cacheSize, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())));
		}
		updateNavigation();
		if (frames != null && !frames.isEmpty()) showFrame(Math.min(first, frames.size() - 1));
		else {
			canvas.setReflections(null);
			setStatus(ds == null ? "" : ds.name() + ": no images");
		}
	}

	private void updateNavigation() {
		int n = frames == null ? 0 : frames.size();
		frameSlider.setEnabled(n > 1);
		frameSlider.setValues(Math.max(0, current), 0, Math.max(1, n), 1, 1, Math.max(1, n / 10));
		frameSpinner.setEnabled(n > 0);
		frameSpinner.setValues(Math.max(1, current + 1), 1, Math.max(1, n), 0, 1, 10);
		frameLabel.setText("of " + n);
		playButton.setEnabled(n > 1);
		stackSpinner.setMaximum(Math.max(1, n));
	}

	private void step(int delta) {
		if (frames == null || frames.isEmpty()) return;
		int n = frames.size();
		showFrame(((Math.max(current, 0) + delta) % n + n) % n);
	}

	/** Requests image {@code index}; it appears when decoded (at once if cached). */
	public void showFrame(int index) {
		if (frames == null || frames.isEmpty() || index < 0 || index >= frames.size()) return;
		current = index;
		frameSlider.setSelection(index);
		frameSpinner.setSelection(index + 1);
		FrameList.Frame fr = frames.get(index);
		Detector det = fr.experiment().detector();
		int n = 1;
		while (n < stackSpinner.getSelection() && index + n < frames.size() && frames.get(index + n).experiment().detector().equals(det)) n++;
		StackMode mode = stackModeCombo.getSelectionIndex() == 1 ? StackMode.MAX : StackMode.SUM;
		CompletableFuture<DecodedFrame> f = n > 1 ? cache.stack(index, n, mode, det) : cache.get(index);
		int serial = ++requestSerial;
		FrameCache c = cache;
		long t0 = System.nanoTime();
		f.whenComplete((frame, ex) -> {
			Display d = root.isDisposed() ? null : root.getDisplay();
			if (d != null) d.asyncExec(() -> {
				if (root.isDisposed() || serial != requestSerial || c != cache) return;
				if (ex != null) {
					Throwable cause = ex instanceof CompletionException && ex.getCause() != null ? ex.getCause() : ex;
					setStatus("Cannot read image " + (index + 1) + ": " + cause.getMessage());
					session.log("Cannot read image " + (index + 1) + ": " + cause.getMessage() + "\n");
					shownSerial = serial;
					return;
				}
				apply(frame, fr, (System.nanoTime() - t0) / 1e6);
				shownSerial = serial;
			});
		});
		// read ahead in the direction of travel
		int ahead = Math.min(frames.size() - 1, index + n + (playing ? 3 : 1));
		for (int i = index + n; i <= ahead; i++) cache.prefetch(i);
	}

	private void apply(DecodedFrame frame, FrameList.Frame fr, double waitMs) {
		Detector det = fr.experiment().detector();
		Beam beam = fr.experiment().beam();
		if (canvas.getProjection() == null || !canvas.getProjection().detector().equals(det) || !java.util.Objects.equals(canvas.getBeam(), beam)) {
			canvas.setImage(frame, det, beam);
			updateUserMask();
		} else canvas.setFrame(frame);
		rawFrame = frame;
		rawDetector = det;
		session.imageShown(frame.label());
		if (thresholdModeCombo.getSelectionIndex() > 0) updateDisplayedMap();
		refreshReflections();
		if (playing) playShown++;
		String rate = playing && playShown > 1 ? String.format("  %.1f images/s", playShown / ((System.nanoTime() - playStarted) / 1e9)) : "";
		setStatus(frame.label() + "  (expt " + fr.experimentId() + (waitMs > 5 ? String.format(", ready in %.0f ms", waitMs) : "") + ")" + rate);
		canvas.update();
	}

	private void refreshReflections() {
		if (frames == null || current < 0 || dataSet == null) return;
		FrameList.Frame fr = frames.get(current);
		canvas.setReflections(ReflectionOverlay.forImage(dataSet.latestReflections(), fr.experimentId(), fr.experiment().scan(), fr.imageInScan()));
	}

	// ------------------------------------------------------------------ playback

	/** Starts or stops stepping through the images (as fast as they decode, at most 20 images/s). */
	public void setPlaying(boolean on) {
		if (playButton == null || playButton.isDisposed()) return;
		playing = on && frames != null && frames.size() > 1;
		playButton.setSelection(playing);
		playButton.setText(playing ? "Stop" : "Play");
		if (playing) {
			playStarted = System.nanoTime();
			playShown = 0;
			root.getDisplay().timerExec(50, this::tick);
		}
	}

	private void tick() {
		if (!playing || root.isDisposed()) return;
		if (isFrameShown()) step(Math.max(1, stackSpinner.getSelection()));
		root.getDisplay().timerExec(50, this::tick);
	}

	// ------------------------------------------------------------------ settings

	private void setDisplay(DisplaySettings s) {
		display = s;
		if (canvas != null && !canvas.isDisposed()) {
			canvas.setDisplaySettings(s);
			syncControls();
		}
	}

	private void overlaysFromChecks() {
		overlays = new OverlaySettings(beamCheck.getSelection(), ringsCheck.getSelection(), overlays.ringCount(), spotsCheck.getSelection(),
				predCheck.getSelection(), hklCheck.getSelection());
		canvas.setOverlaySettings(overlays);
	}

	private void syncControls() {
		schemeCombo.select(display.scheme().ordinal());
		brightnessScale.setSelection((int) Math.round(100 * Math.log10(display.brightness())));
		brightnessLabel.setText(Math.round(display.brightness()) + "%");
		contrastScale.setSelection((int) Math.round(100 * (Math.log10(display.contrast()) - 1)));
		contrastLabel.setText(Math.round(display.contrast()) + "%");
		beamCheck.setSelection(overlays.beamCentre());
		ringsCheck.setSelection(overlays.resolutionRings());
		spotsCheck.setSelection(overlays.strongSpots());
		predCheck.setSelection(overlays.predictions());
		hklCheck.setSelection(overlays.millerIndices());
		maskCheck.setSelection(display.showMask());
		canvas.setDisplaySettings(display);
		canvas.setOverlaySettings(overlays);
	}

	private void setThresholdInfo(String text) {
		if (thresholdInfo.isDisposed()) return;
		thresholdInfo.setText(text);
		root.layout(true, true);
	}

	private void setStatus(String text) {
		if (status.isDisposed()) return;
		status.setText(text);
		status.getParent().layout();
	}

	private void showReadout(PixelInfo info) {
		if (readout.isDisposed()) return;
		readout.setText(info == null ? "" : info.describe());
	}

	// ------------------------------------------------------------------ helpers

	private static GridLayout grid(int cols, int hSpacing, int margin) {
		GridLayout g = new GridLayout(cols, false);
		g.marginWidth = margin;
		g.marginHeight = margin;
		g.horizontalSpacing = hSpacing;
		return g;
	}

	private static RowLayout rows() {
		RowLayout r = new RowLayout(SWT.HORIZONTAL);
		r.wrap = true;
		r.center = true;
		r.marginTop = r.marginBottom = 1;
		r.spacing = 4;
		return r;
	}

	private static Button button(Composite parent, int style, String text, String tip, Runnable action) {
		Button b = new Button(parent, style);
		b.setText(text);
		b.setToolTipText(tip);
		b.addListener(SWT.Selection, e -> action.run());
		return b;
	}
}
