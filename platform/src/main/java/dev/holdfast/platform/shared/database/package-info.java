/** The one relational database (SQLite embedded, PostgreSQL in production): connections, per-module schema migrations, health. */
@NamedInterface("database")
@NullMarked
package dev.holdfast.platform.shared.database;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
