/** The web shell every module's pages live in: layout, navigation, request ids and problem details at the edge. */
@NamedInterface("web")
@NullMarked
package dev.holdfast.platform.shared.web;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
