package org.bragg.model;

import java.util.List;

/**
 * A node of a detector hierarchy (dxtbx {@code DetectorNode}): either a reference to a panel or a
 * group with its own frame and children. Group frames are in the global DIALS laboratory frame
 * (mm); refinement of a group moves all panels below it rigidly.
 *
 * @since 0.1
 */
public sealed interface DetectorNode {

	/** A leaf: the panel with index {@code panel} in {@link Detector#panels()}. */
	record PanelRef(int panel) implements DetectorNode {}

	/**
	 * A group of nodes with a frame: origin (mm), fast and slow unit axes, all in the global lab frame.
	 */
	record Group(String name, String type, Vec3 fastAxis, Vec3 slowAxis, Vec3 origin, List<DetectorNode> children) implements DetectorNode {
		public Group {
			children = List.copyOf(children);
		}

		/** @return the unit normal fast × slow */
		public Vec3 normal() { return fastAxis.cross(slowAxis).normalize(); }
	}
}
