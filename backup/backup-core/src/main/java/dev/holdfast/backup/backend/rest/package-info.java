/** A client of restic's REST protocol v2 (rest-server's API). */
@NullMarked
package dev.holdfast.backup.backend.rest;

import org.jspecify.annotations.NullMarked;
