package org.bragg.ui.core;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.bragg.model.BraggInputException;
import org.bragg.model.Detector;

/**
 * Decodes frames on background threads and keeps the most recently used ones, so that the viewer
 * never blocks the UI thread on a file and never decodes a frame twice while it is cached. Requests
 * for a frame that is being decoded share the one decode. Stacks (sum or maximum of consecutive
 * frames) are combined from cached frames and cached themselves (the most recent stack only).
 *
 * <p>Frames can be read ahead in the direction of travel ({@link #setReadAhead}); {@link #prefetch}
 * starts chosen decodes.
 *
 * <p>Memory: a Pilatus 6M frame takes about 25 MB (int counts) plus 6 MB of mask; the capacity is a
 * number of frames. Decoding threads are daemon threads named {@code bragg-decode-N}.
 *
 * <p>Thread-safe. {@link #close()} stops the threads; pending requests then complete exceptionally.
 *
 * @since 0.1
 */
public final class FrameCache implements AutoCloseable {

	/** Decodes one frame; called on a background thread. */
	@FunctionalInterface
	public interface Loader {
		/**
		 * @param index 0-based frame index
		 * @throws BraggInputException if the image cannot be read
		 */
		DecodedFrame load(int index) throws BraggInputException;
	}

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final Loader loader;
	private final int capacity;
	private final ExecutorService executor;
	private final LinkedHashMap<Integer, CompletableFuture<DecodedFrame>> cache;
	private final AtomicInteger decodes = new AtomicInteger();
	private int readAhead;
	private int frameCount;
	private int lastIndex = -1;
	private String stackKey;
	private CompletableFuture<DecodedFrame> stack;

	/**
	 * @param loader decodes a frame
	 * @param capacity number of decoded frames kept (≥ 1)
	 * @param threads number of decoding threads (≥ 1)
	 */
	public FrameCache(Loader loader, int capacity, int threads) {
		if (capacity < 1 || threads < 1) throw new IllegalArgumentException("capacity and threads must be ≥ 1");
		this.loader = loader;
		this.capacity = capacity;
		this.executor = Executors.newFixedThreadPool(threads, r -> {
			Thread t = new Thread(r, "bragg-decode-" + THREADS.incrementAndGet());
			t.setDaemon(true);
			t.setPriority(Thread.NORM_PRIORITY - 1);
			return t;
		});
		this.cache = new LinkedHashMap<>(16, 0.75f, true);
	}

	/**
	 * @return the frame, decoded on a background thread unless it is cached or being decoded; a failed
	 *         decode completes exceptionally with a {@link CompletionException} wrapping the
	 *         {@link BraggInputException} and is not cached
	 */
	public CompletableFuture<DecodedFrame> get(int index) {
		CompletableFuture<DecodedFrame> f = request(index);
		readAheadFrom(index);
		return f;
	}

	/**
	 * Read-ahead: after every {@link #get}, the next {@code frames} frames in the direction of travel
	 * (forward, or backward when the index went down) are decoded in the background, so that stepping
	 * through a sweep waits only for display while decoding keeps up (plain CBF: ~70 ms per Pilatus 6M
	 * frame; .cbf.bz2 stays decode-bound at about {@code threads} / 2 s frames per second). At most
	 * {@code capacity − 1} frames are read ahead, so the frame asked for is never evicted.
	 *
	 * @param frames number of frames to read ahead, ≥ 0 (0, the default, turns read-ahead off)
	 * @param count  number of frames in the sweep (indices 0 … count−1 exist), ≥ 0
	 * @throws IllegalArgumentException if an argument is negative
	 */
	public void setReadAhead(int frames, int count) {
		if (frames < 0 || count < 0) throw new IllegalArgumentException("read-ahead and frame count must be >= 0");
		synchronized (cache) {
			readAhead = frames;
			frameCount = count;
		}
	}

	/** @return the number of frames read ahead after each {@link #get} (0 = off) */
	public int readAhead() {
		synchronized (cache) {
			return readAhead;
		}
	}

	private void readAheadFrom(int index) {
		int n, count, step;
		synchronized (cache) {
			n = Math.min(readAhead, capacity - 1);
			count = frameCount;
			step = index < lastIndex ? -1 : 1;
			lastIndex = index;
		}
		for (int k = 1; k <= n; k++) {
			int i = index + step * k;
			if (i < 0 || i >= count) break;
			request(i);
		}
	}

	private CompletableFuture<DecodedFrame> request(int index) {
		synchronized (cache) {
			CompletableFuture<DecodedFrame> f = cache.get(index);
			if (f != null && !f.isCompletedExceptionally()) return f;
			CompletableFuture<DecodedFrame> nf = CompletableFuture.supplyAsync(() -> {
				try {
					decodes.incrementAndGet();
					DecodedFrame frame = loader.load(index);
					// build the zoomed-out display data here, off the UI thread
					org.bragg.ui.core.internal.MaxPyramid.of(frame);
					return frame;
				} catch (BraggInputException e) {
					throw new CompletionException(e);
				}
			}, executor);
			// Callers see the failure only after the failed entry has left the cache.
			java.util.concurrent.atomic.AtomicReference<CompletableFuture<DecodedFrame>> self = new java.util.concurrent.atomic.AtomicReference<>();
			CompletableFuture<DecodedFrame> guarded = nf.whenComplete((v, ex) -> {
				if (ex != null) synchronized (cache) {
					CompletableFuture<DecodedFrame> mine = self.get();
					if (mine != null) cache.remove(index, mine);
				}
			});
			self.set(guarded);
			if (!guarded.isCompletedExceptionally()) cache.put(index, guarded);
			trim();
			return guarded;
		}
	}

	/** @return the frame if it is decoded and cached, else null (never blocks, never starts a decode) */
	public DecodedFrame getIfReady(int index) {
		synchronized (cache) {
			CompletableFuture<DecodedFrame> f = cache.get(index);
			return f != null && f.isDone() && !f.isCompletedExceptionally() ? f.join() : null;
		}
	}

	/** Starts decoding frames in the background (ignored if cached); the cache capacity limits how many are kept. */
	public void prefetch(int... indices) {
		for (int i : indices) request(i);
	}

	/**
	 * Sum or maximum of frames {@code first … first+count−1}; the single most recent stack is cached.
	 *
	 * @param detector the detector of the frames (trusted ranges)
	 */
	public CompletableFuture<DecodedFrame> stack(int first, int count, StackMode mode, Detector detector) {
		if (count <= 1) return get(first);
		String key = first + "/" + count + "/" + mode;
		synchronized (cache) {
			if (key.equals(stackKey) && stack != null && !stack.isCompletedExceptionally()) return stack;
		}
		List<CompletableFuture<DecodedFrame>> parts = new ArrayList<>();
		for (int i = first; i < first + count; i++) parts.add(request(i));
		CompletableFuture<DecodedFrame> s = CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new))
				.thenApplyAsync(v -> DecodedFrame.stack(parts.stream().map(CompletableFuture::join).toList(), mode, detector), executor);
		synchronized (cache) {
			stackKey = key;
			stack = s;
		}
		return s;
	}

	private void trim() {
		// drop least-recently-used finished entries beyond the capacity (in-flight decodes are kept)
		int excess = cache.size() - capacity;
		for (Iterator<Map.Entry<Integer, CompletableFuture<DecodedFrame>>> it = cache.entrySet().iterator(); it.hasNext() && excess > 0;) {
			if (it.next().getValue().isDone()) {
				it.remove();
				excess--;
			}
		}
	}

	/** @return how many decodes have been started since creation (for tests and benchmarks) */
	public int decodeCount() { return decodes.get(); }

	/** @return the number of frames held (decoded or being decoded) */
	public int size() {
		synchronized (cache) {
			return cache.size();
		}
	}

	/** @return the capacity in frames */
	public int capacity() { return capacity; }

	/** Forgets all frames (e.g. after the files changed on disk). */
	public void clear() {
		synchronized (cache) {
			cache.clear();
			stack = null;
			stackKey = null;
		}
	}

	@Override
	public void close() {
		executor.shutdownNow();
		clear();
	}
}
