package org.bragg.spotfinding.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Connected-component labelling of the strong pixels of one panel over consecutive frames, streamed
 * frame by frame: 4-connectivity within a frame (±x, ±y) and, in 3D mode, ±z links between the same
 * pixel on adjacent frames (6-connectivity overall), as DIALS's {@code PixelListLabeller.labels_3d}
 * ({@code labels_2d} in 2D mode, for stills and {@code force_2d}).
 *
 * <p><b>Streaming.</b> Each frame's pixels are labelled in 2D with a union–find over the frame's
 * pixel list (sorted by flat index y·width + x), then its 2D blobs are joined to the components that
 * own the same pixels on the previous frame (a merge of the two sorted lists). A component with no
 * pixel on the newest frame can grow no more: it is handed to the sink and its pixels are released.
 * Memory is therefore proportional to the strong pixels of the components still open (plus the previous
 * frame's list), not to the number of frames. In 2D mode every component is complete after its frame.
 *
 * <p><b>Order.</b> DIALS numbers components by their first pixel in (z, y, x) order and reports them in
 * that order; {@link Component#firstKey} carries that key so the caller can sort the finished
 * components into DIALS's order.
 *
 * <p>Not thread-safe: frames must be added by one thread, in increasing consecutive order.
 */
public final class StreamingLabeller {
	private final int width;
	private final int height;
	private final boolean twoD;
	private final Consumer<Component> sink;
	private int prevFrame = Integer.MIN_VALUE;
	private int[] prevIndex = new int[0];
	private Component[] prevComp = new Component[0];
	private List<Component> open = new ArrayList<>();
	private long numComponents;
	private long merged;
	private int[] hot;
	private final boolean trackHot;
	private int framesSeen;

	/**
	 * @param width    panel width (fast) in pixels
	 * @param height   panel height (slow) in pixels
	 * @param twoD     label each frame separately
	 * @param trackHot also track the pixels that are strong on every frame (DIALS hot pixels)
	 * @param sink     receives each finished component, in completion order
	 */
	public StreamingLabeller(int width, int height, boolean twoD, boolean trackHot, Consumer<Component> sink) {
		this.width = width;
		this.height = height;
		this.twoD = twoD;
		this.trackHot = trackHot;
		this.sink = sink;
	}

	/** A connected set of strong pixels. Pixel arrays are in no particular order. */
	public static final class Component {
		Component parent = this;
		/** number of pixels */
		public int size;
		/** DIALS order key of the first pixel: (z · height + y) · width + x */
		public long firstKey;
		int lastFrame;
		/** frame (z) of each pixel */
		public int[] z;
		/** flat in-frame index y·width + x of each pixel */
		public int[] index;
		/** value of each pixel */
		public double[] value;

		Component(int capacity) {
			z = new int[capacity];
			index = new int[capacity];
			value = new double[capacity];
		}

		void add(int frame, int idx, double v) {
			if (size == z.length) grow(size + 1);
			z[size] = frame;
			index[size] = idx;
			value[size] = v;
			size++;
		}

		private void grow(int min) {
			int cap = Math.max(min, z.length * 2 + 4);
			z = Arrays.copyOf(z, cap);
			index = Arrays.copyOf(index, cap);
			value = Arrays.copyOf(value, cap);
		}

		void absorb(Component o) {
			if (size + o.size > z.length) grow(size + o.size);
			System.arraycopy(o.z, 0, z, size, o.size);
			System.arraycopy(o.index, 0, index, size, o.size);
			System.arraycopy(o.value, 0, value, size, o.size);
			size += o.size;
			firstKey = Math.min(firstKey, o.firstKey);
			lastFrame = Math.max(lastFrame, o.lastFrame);
			o.z = null;
			o.index = null;
			o.value = null;
			o.size = 0;
			o.parent = this;
		}
	}

	private static Component find(Component c) {
		Component r = c;
		while (r.parent != r) r = r.parent;
		while (c.parent != r) {
			Component n = c.parent;
			c.parent = r;
			c = n;
		}
		return r;
	}

	private Component union(Component a, Component b) {
		Component ra = find(a), rb = find(b);
		if (ra == rb) return ra;
		merged++;
		if (ra.size < rb.size) {
			Component t = ra;
			ra = rb;
			rb = t;
		}
		ra.absorb(rb);
		return ra;
	}

	/**
	 * Adds the strong pixels of one frame.
	 *
	 * @param frame  the frame number (array index z); must be the previous frame + 1 in 3D mode
	 * @param index  flat in-frame indices y·width + x, strictly increasing. Not modified, not kept.
	 * @param value  pixel values, parallel to {@code index}. Not modified, not kept.
	 * @param count  number of pixels used from the arrays
	 * @throws IllegalArgumentException if indices are not increasing or frames not consecutive (3D)
	 */
	public void addFrame(int frame, int[] index, double[] value, int count) {
		if (!twoD && prevFrame != Integer.MIN_VALUE && frame != prevFrame + 1)
			throw new IllegalArgumentException("frame " + frame + " does not follow frame " + prevFrame);
		for (int p = 1; p < count; p++)
			if (index[p] <= index[p - 1]) throw new IllegalArgumentException("pixel indices must increase");
		if (trackHot) trackHot(index, count);
		// 2D union-find over the frame's pixel list
		int[] parent = new int[count];
		for (int p = 0; p < count; p++) parent[p] = p;
		int q = 0;
		for (int p = 0; p < count; p++) {
			int idx = index[p];
			if (p + 1 < count && index[p + 1] == idx + 1 && (idx % width) != width - 1) unionInt(parent, p, p + 1);
			int below = idx + width;
			if (below < width * height) {
				if (q < p + 1) q = p + 1;
				while (q < count && index[q] < below) q++;
				if (q < count && index[q] == below) unionInt(parent, p, q);
			}
		}
		// blob labels in order of first pixel
		int[] blob = new int[count];
		int nBlobs = 0;
		int[] rootLabel = new int[count];
		Arrays.fill(rootLabel, -1);
		for (int p = 0; p < count; p++) {
			int r = findInt(parent, p);
			if (rootLabel[r] < 0) rootLabel[r] = nBlobs++;
			blob[p] = rootLabel[r];
		}
		Component[] blobComp = new Component[nBlobs];
		// link with the previous frame
		if (!twoD && frame == prevFrame + 1 && prevIndex.length > 0) {
			int a = 0;
			for (int p = 0; p < count; p++) {
				int idx = index[p];
				while (a < prevIndex.length && prevIndex[a] < idx) a++;
				if (a == prevIndex.length) break;
				if (prevIndex[a] == idx) {
					int b = blob[p];
					Component c = find(prevComp[a]);
					blobComp[b] = blobComp[b] == null ? c : union(blobComp[b], c);
				}
			}
		}
		long frameKey = (long) frame * height * width;
		for (int b = 0; b < nBlobs; b++) {
			if (blobComp[b] == null) {
				Component c = new Component(8);
				c.firstKey = Long.MAX_VALUE;
				blobComp[b] = c;
				open.add(c);
				numComponents++;
			}
		}
		Component[] pixComp = new Component[count];
		for (int b = 0; b < nBlobs; b++) blobComp[b] = find(blobComp[b]);
		for (int p = 0; p < count; p++) {
			Component c = find(blobComp[blob[p]]);
			c.add(frame, index[p], value[p]);
			c.firstKey = Math.min(c.firstKey, frameKey + index[p]);
			c.lastFrame = frame;
			pixComp[p] = c;
		}
		prevIndex = Arrays.copyOf(index, count);
		prevComp = pixComp;
		prevFrame = frame;
		framesSeen++;
		flush(twoD ? Integer.MAX_VALUE : frame);
	}

	/** Emits every open root component whose last frame is before {@code frame} (all in 2D). */
	private void flush(int frame) {
		List<Component> still = new ArrayList<>();
		for (Component c : open) {
			if (c.parent != c) continue;
			if (twoD || c.lastFrame < frame) sink.accept(c);
			else still.add(c);
		}
		open = still;
	}

	/** Emits all remaining components. */
	public void finish() {
		List<Component> rest = open;
		open = new ArrayList<>();
		for (Component c : rest) if (c.parent == c) sink.accept(c);
		prevIndex = new int[0];
		prevComp = new Component[0];
	}

	/** @return the number of distinct components found so far (merges counted once) */
	public long numComponents() { return numComponents - merged; }

	private static void unionInt(int[] parent, int a, int b) {
		int ra = findInt(parent, a), rb = findInt(parent, b);
		if (ra == rb) return;
		if (ra < rb) parent[rb] = ra;
		else parent[ra] = rb;
	}

	private static int findInt(int[] parent, int a) {
		int r = a;
		while (parent[r] != r) r = parent[r];
		while (parent[a] != r) {
			int n = parent[a];
			parent[a] = r;
			a = n;
		}
		return r;
	}

	private void trackHot(int[] index, int count) {
		if (framesSeen == 0) {
			hot = Arrays.copyOf(index, count);
			return;
		}
		int[] out = new int[Math.min(hot.length, count)];
		int n = 0, a = 0, b = 0;
		while (a < hot.length && b < count) {
			if (hot[a] < index[b]) a++;
			else if (hot[a] > index[b]) b++;
			else {
				out[n++] = hot[a];
				a++;
				b++;
			}
		}
		hot = Arrays.copyOf(out, n);
	}

	/**
	 * @return flat indices of the pixels strong on every frame added (DIALS hot pixels), or an empty
	 *         array if none or not tracked
	 */
	public int[] hotPixels() { return hot == null ? new int[0] : hot.clone(); }
}
