/** A backend on a local filesystem in restic's default layout (data/xx/ subfolders). */
@NullMarked
package dev.holdfast.backup.backend.local;

import org.jspecify.annotations.NullMarked;
