package org.symsweep.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server started as a separate process, exactly as the README's run command starts it,
 * so tests can stop it, kill it and start it again on the same data.
 */
public final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;

    private ServerProcess(Process process, int port, int managementPort, Path log) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
    }

    public static final String ADMIN_TOKEN = "it-admin-token-0123456789";

    /** Starts the jar with the given extra environment; DB_URL is removed unless given. */
    public static ServerProcess start(Path home, Map<String, String> environment) {
        String jar = System.getProperty("symsweep.app.jar", "target/quarkus-app/quarkus-run.jar");
        int port = freePort();
        int managementPort = freePort();
        try {
            Path log = Files.createTempFile(home.getFileName().toString() + "-server", ".log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().remove("DB_URL");
            builder.environment().put("SYMSWEEP_HOME", home.toString());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            // The tests' requests act as the first admin through its token (README, "Accounts").
            builder.environment().put("SYMSWEEP_ADMIN_TOKEN", ADMIN_TOKEN);
            builder.environment().putAll(environment);
            return new ServerProcess(builder.start(), port, managementPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until /q/health answers UP; returns how long that took. */
    public Duration awaitHealthy(Duration timeout) throws InterruptedException {
        Instant start = Instant.now();
        Instant deadline = start.plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited with " + process.exitValue() + "; log:\n" + log());
            }
            try {
                HttpResponse<String> health = get("/q/health");
                if (health.statusCode() == 200 && health.body().contains("\"UP\"")) {
                    return Duration.between(start, Instant.now());
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("server not healthy within " + timeout + "; log:\n" + log());
    }

    public int port() {
        return port;
    }

    /** The server's process id (for jcmd in benchmarks). */
    public long pid() {
        return process.pid();
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, ADMIN_TOKEN);
    }

    /** A GET as the holder of {@code token}. */
    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                        .GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> postJson(String path, String json) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + ADMIN_TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM, as a service manager stops it; returns the exit code. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server did not stop within 60 s; log:\n" + log());
        }
        return process.exitValue();
    }

    /** SIGKILL: no shutdown hook runs, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(60, TimeUnit.SECONDS);
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    /** Health and metrics are served on the management port, everything else on the HTTP port. */
    private URI uri(String path) {
        boolean management = path.startsWith("/q/health") || path.startsWith("/q/metrics");
        return URI.create("http://127.0.0.1:" + (management ? managementPort : port) + path);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
