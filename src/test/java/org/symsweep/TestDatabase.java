package org.symsweep;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.symsweep.store.EmbeddedDatabase;

/**
 * The real PostgreSQL every {@code @QuarkusTest} runs against: the server at {@code TEST_DB_URL} when
 * it is set (with {@code TEST_DB_USER}, {@code TEST_DB_PASSWORD}), else an embedded one in a fresh
 * temporary folder. Flyway cleans and migrates the schema at each test boot.
 */
@QuarkusTestResource(value = TestDatabase.class, restrictToAnnotatedClass = false)
public class TestDatabase implements QuarkusTestResourceLifecycleManager {
    private EmbeddedDatabase embedded;
    private Path dataDir;

    @Override
    public Map<String, String> start() {
        String url = System.getenv("TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            return Map.of(
                    "quarkus.datasource.jdbc.url", url,
                    "quarkus.datasource.username", envOr("TEST_DB_USER", "postgres"),
                    "quarkus.datasource.password", envOr("TEST_DB_PASSWORD", ""));
        }
        try {
            dataDir = Files.createTempDirectory("symsweep-test-pg");
            embedded = EmbeddedDatabase.startThrowAway(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "quarkus.datasource.jdbc.url", embedded.jdbcUrl(),
                "quarkus.datasource.username", embedded.user(),
                "quarkus.datasource.password", embedded.password());
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.close();
            TempFolders.delete(dataDir);
        }
    }

    private static String envOr(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
