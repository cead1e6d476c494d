/**
 * The live-update channel: modules publish small events on topics, browsers subscribed over a WebSocket receive
 * those their user may see, on this node and (on PostgreSQL) on every other node.
 */
@NamedInterface("live")
@NullMarked
package dev.holdfast.platform.shared.live;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
