package io.pixelpolish.run.mlflow;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.stream.Collectors;
import org.mlflow.tracking.creds.MlflowHostCreds;

/**
 * Run artifacts over the tracking server's HTTP artifact API ({@code /api/2.0/mlflow-artifacts},
 * served when the server runs with artifact serving), so the trainer needs neither the Python
 * MLflow CLI (the Java client's only way to upload) nor credentials for the artifact store. Files
 * are streamed from and to disk, never held in memory whole, so checkpoints of any size go.
 */
public final class MlflowArtifacts {
    private static final String SCHEME = "mlflow-artifacts";
    private static final String API = "/api/2.0/mlflow-artifacts/artifacts/";

    private final MlflowHostCreds creds;
    private final HttpClient http;
    private final Duration transferTimeout;

    /** @param transferTimeout how long one upload or download may take before it counts as failed */
    public MlflowArtifacts(MlflowHostCreds creds, Duration transferTimeout) {
        this.creds = creds;
        this.transferTimeout = transferTimeout;
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Uploads {@code file} as {@code artifactPath} (e.g. {@code checkpoints/final.ckpt}) of the run
     * whose artifact root is {@code artifactUri}; an existing artifact of that path is replaced.
     *
     * @throws IOException when the server cannot be reached or refuses the upload
     */
    public void upload(String artifactUri, Path file, String artifactPath) throws IOException {
        HttpRequest request = authorized(HttpRequest.newBuilder(endpoint(artifactUri, artifactPath)))
                .timeout(transferTimeout)
                .PUT(HttpRequest.BodyPublishers.ofFile(file))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException("uploading " + file + " to " + request.uri() + ": HTTP " + response.statusCode() + " "
                    + response.body());
        }
    }

    /** Downloads the artifact {@code artifactPath} of the run whose artifact root is {@code artifactUri} to {@code target}. */
    public Path download(String artifactUri, String artifactPath, Path target) throws IOException {
        HttpRequest request = authorized(HttpRequest.newBuilder(endpoint(artifactUri, artifactPath)))
                .timeout(transferTimeout)
                .GET()
                .build();
        HttpResponse<Path> response = send(request, HttpResponse.BodyHandlers.ofFile(target));
        if (response.statusCode() / 100 != 2) {
            throw new IOException("downloading " + request.uri() + ": HTTP " + response.statusCode());
        }
        return target;
    }

    /**
     * The proxy URL of an artifact: {@code mlflow-artifacts:/<exp>/<run>/artifacts} maps onto the
     * tracking server, {@code mlflow-artifacts://host:port/...} onto that host.
     */
    URI endpoint(String artifactUri, String artifactPath) throws IOException {
        URI root = URI.create(artifactUri);
        if (!SCHEME.equals(root.getScheme())) {
            throw new IOException(
                    "the run's artifact root " + artifactUri + " is not served by the tracking server: start"
                            + " `mlflow server` with artifact serving (--serve-artifacts, the default, and --artifacts-destination)"
                            + " instead of --default-artifact-root or --no-serve-artifacts");
        }
        String base = root.getRawAuthority() == null
                ? creds.getHost()
                : URI.create(creds.getHost()).getScheme() + "://" + root.getRawAuthority();
        String path =
                (root.getRawPath() + "/" + artifactPath).replaceAll("/+", "/").replaceAll("^/", "");
        String encoded = Arrays.stream(path.split("/"))
                .map(part -> URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"))
                .collect(Collectors.joining("/"));
        return URI.create(base + API + encoded);
    }

    private HttpRequest.Builder authorized(HttpRequest.Builder request) {
        if (creds.getUsername() != null && creds.getPassword() != null) {
            String basic = Base64.getEncoder()
                    .encodeToString((creds.getUsername() + ":" + creds.getPassword()).getBytes(StandardCharsets.UTF_8));
            request.header("Authorization", "Basic " + basic);
        } else if (creds.getToken() != null) {
            request.header("Authorization", "Bearer " + creds.getToken());
        }
        return request;
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) throws IOException {
        try {
            return http.send(request, body);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while talking to " + request.uri(), e);
        }
    }
}
