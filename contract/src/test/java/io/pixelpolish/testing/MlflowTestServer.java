package io.pixelpolish.testing;

import static org.assertj.core.api.Assertions.fail;

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
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real MLflow tracking server for tests, never a mock. {@link #shared()} is the server named by
 * {@value #URI_ENV} ({@code .ci/run} starts one), else one this JVM starts with
 * {@code bin/mlflow-local} when MLflow is installed. {@link #start(Path)} gives a test a server of
 * its own, which it may stop and restart. Without MLflow the calling test is skipped with a loud
 * message, or fails when {@value #REQUIRED_ENV} is true, as it is in CI.
 */
public final class MlflowTestServer implements AutoCloseable {
    public static final String URI_ENV = "PIXELPOLISH_TEST_MLFLOW_URI";
    public static final String REQUIRED_ENV = "PIXELPOLISH_TEST_MLFLOW_REQUIRED";
    /** Starting MLflow means importing a large Python package and migrating a fresh database: slow on a busy machine. */
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static URI shared;

    private final Path dir;
    private final int port;
    private Process process;

    private MlflowTestServer(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    /** The tracking URI of the server that tests share. */
    public static synchronized URI shared() {
        if (shared == null) {
            String configured = System.getenv(URI_ENV);
            if (configured != null && !configured.isBlank()) {
                shared = URI.create(configured.trim());
            } else {
                requireMlflow();
                try {
                    MlflowTestServer server = start(Files.createTempDirectory("pixelpolish-mlflow-"));
                    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "mlflow-test-server-stop"));
                    shared = server.uri();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return shared;
    }

    /** A server of the caller's own on a free port, its database and artifacts under {@code dir}; running when this returns. */
    public static MlflowTestServer start(Path dir) throws IOException {
        requireMlflow();
        MlflowTestServer server = new MlflowTestServer(dir, freePort());
        server.restart();
        return server;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts the server (again, on the same port and data) and waits until it answers. */
    public void restart() throws IOException {
        process = new ProcessBuilder(
                        launcher().toString(), "serve", "--port", Integer.toString(port), "--dir", dir.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(
                        dir.resolve("server.log").toFile()))
                .start();
        Instant deadline = Instant.now().plus(STARTUP);
        while (!answers(uri())) {
            if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                close();
                fail("MLflow server on port " + port + " did not start; its log:\n"
                        + Files.readString(dir.resolve("server.log")));
            }
            sleep(Duration.ofMillis(500));
        }
    }

    /** Stops the server and its workers, the way an outage would: at once. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    private static boolean answers(URI server) {
        try {
            HttpRequest request = HttpRequest.newBuilder(server.resolve("/health"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Path launcher() {
        return SharedData.repoRoot().resolve("bin/mlflow-local");
    }

    /** Skips the test, or fails it in CI, when there is no MLflow to start. */
    private static void requireMlflow() {
        int found;
        try {
            Process check = new ProcessBuilder(launcher().toString(), "check")
                    .redirectErrorStream(true)
                    .start();
            check.getInputStream().readAllBytes();
            found = check.waitFor();
        } catch (IOException e) {
            found = -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            found = -1;
        }
        if (found != 0) {
            String message =
                    "MLflow tests need a real MLflow server: none configured (" + URI_ENV + ") and no mlflow installed;"
                            + " run bin/mlflow-local install (or set " + URI_ENV + " to a running server)";
            if ("true".equalsIgnoreCase(System.getenv(REQUIRED_ENV))) {
                fail(message + " [" + REQUIRED_ENV + "=true: failing instead of skipping]");
            }
            System.err.println("\n!!! SKIPPED: " + message + " !!!\n");
            Assumptions.abort(message);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for MLflow", e);
        }
    }
}
