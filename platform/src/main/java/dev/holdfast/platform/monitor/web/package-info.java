/** The monitor module's pages, its JSON API ({@code /api/monitor/v1}) and the public push endpoint. */
@NullMarked
package dev.holdfast.platform.monitor.web;

import org.jspecify.annotations.NullMarked;
