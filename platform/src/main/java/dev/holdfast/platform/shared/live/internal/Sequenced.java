package dev.holdfast.platform.shared.live.internal;

/** An event as this node delivered it: with its place in the node's sequence. */
record Sequenced(long seq, LiveEvent event) {}
