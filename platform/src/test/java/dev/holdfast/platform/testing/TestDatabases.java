package dev.holdfast.platform.testing;

import dev.holdfast.platform.shared.database.DatabaseKind;
import dev.holdfast.testkit.Peers;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestTemplateInvocationContext;
import org.junit.jupiter.api.extension.TestTemplateInvocationContextProvider;
import org.junit.jupiter.api.extension.Extension;

/** Supplies each {@link DatabaseTest} run with a fresh {@link TestDatabase} of its kind. */
public class TestDatabases implements TestTemplateInvocationContextProvider {

    /** The PostgreSQL server tests use, from {@code HOLDFAST_TEST_POSTGRES_URL}; null if not set. */
    public static String postgresUrl() {
        String url = System.getenv("HOLDFAST_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? null : url;
    }

    @Override
    public boolean supportsTestTemplate(ExtensionContext context) {
        return true;
    }

    @Override
    public Stream<TestTemplateInvocationContext> provideTestTemplateInvocationContexts(ExtensionContext context) {
        return Stream.of(DatabaseKind.SQLITE, DatabaseKind.POSTGRESQL).map(kind -> invocation(kind, context));
    }

    private static TestTemplateInvocationContext invocation(DatabaseKind kind, ExtensionContext context) {
        return new TestTemplateInvocationContext() {
            @Override
            public String getDisplayName(int index) {
                return kind == DatabaseKind.SQLITE ? "on SQLite" : "on PostgreSQL";
            }

            @Override
            public List<Extension> getAdditionalExtensions() {
                return List.of(new PeerCheck(kind), new Resolver(kind));
            }
        };
    }

    /** Skips (or, with peers required, fails) the PostgreSQL run before anything else when there is no server. */
    private record PeerCheck(DatabaseKind kind) implements BeforeEachCallback {

        @Override
        public void beforeEach(ExtensionContext context) {
            if (kind == DatabaseKind.POSTGRESQL) {
                Peers.assume(postgresUrl() != null, "PostgreSQL",
                        "set HOLDFAST_TEST_POSTGRES_URL, e.g. jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
            }
        }
    }

    /** Resolves the test's database of one kind, creating it on first use and dropping it after the test. */
    private record Resolver(DatabaseKind kind) implements ParameterResolver {

        @Override
        public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
            return parameter.getParameter().getType() == TestDatabase.class;
        }

        @Override
        public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
            var store = extension.getStore(ExtensionContext.Namespace.create(TestDatabases.class, kind));
            return store.getOrComputeIfAbsent("database",
                    key -> TestDatabase.create(kind, extension.getRequiredTestClass(), postgresUrl()), TestDatabase.class);
        }
    }
}
