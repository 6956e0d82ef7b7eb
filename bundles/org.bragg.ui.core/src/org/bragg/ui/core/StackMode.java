package org.bragg.ui.core;

/**
 * How several consecutive images are combined for display ({@link DecodedFrame#stack}).
 *
 * @since 0.1
 */
public enum StackMode {
	/** Pixel-wise sum of counts. */
	SUM,
	/** Pixel-wise maximum. */
	MAX
}
