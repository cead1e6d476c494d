/** The holdfast-backup command line: one thin command per restic verb, exit codes as documented in the usage. */
@NullMarked
package dev.holdfast.backup.cli;

import org.jspecify.annotations.NullMarked;
