/** How live updates reach browsers: the WebSocket endpoint, the dispatcher with its replay buffer, and the PostgreSQL relay; not API. */
@NullMarked
package dev.holdfast.platform.shared.live.internal;

import org.jspecify.annotations.NullMarked;
