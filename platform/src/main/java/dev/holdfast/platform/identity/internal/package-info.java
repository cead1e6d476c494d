/** How the identity module keeps users and lets them in; not API. */
@NullMarked
package dev.holdfast.platform.identity.internal;

import org.jspecify.annotations.NullMarked;
