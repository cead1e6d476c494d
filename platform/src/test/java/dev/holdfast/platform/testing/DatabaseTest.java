package dev.holdfast.platform.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the annotated test once on SQLite and once on PostgreSQL. The test takes a {@link TestDatabase} parameter.
 * Each run gets its own SQLite file and its own PostgreSQL schema, so tests never see each other's data.
 * PostgreSQL comes from {@code HOLDFAST_TEST_POSTGRES_URL}; without it that half is skipped (or fails, when
 * {@code HOLDFAST_REQUIRE_PEERS=1}).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@TestTemplate
@ExtendWith(TestDatabases.class)
public @interface DatabaseTest {}
