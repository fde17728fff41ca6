package io.pixelpolish.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads what a run left in MLflow straight from the tracking server's REST API (the same calls the
 * MLflow UI makes), independent of the client the trainer writes with.
 */
public final class MlflowRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI server;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public MlflowRest(URI server) {
        this.server = server;
    }

    /** {@code GET runs/get}: the run's info and data (params, tags, latest metrics). */
    public JsonNode run(String runId) throws IOException {
        return get("runs/get", Map.of("run_id", runId)).get("run");
    }

    /** {@code GET metrics/get-history}, every page: one node per logged value. */
    public List<JsonNode> metricHistory(String runId, String key) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        String pageToken = "";
        do {
            JsonNode page = get(
                    "metrics/get-history",
                    pageToken.isEmpty()
                            ? Map.of("run_id", runId, "metric_key", key, "max_results", "1000")
                            : Map.of(
                                    "run_id",
                                    runId,
                                    "metric_key",
                                    key,
                                    "max_results",
                                    "1000",
                                    "page_token",
                                    pageToken));
            page.path("metrics").forEach(all::add);
            pageToken = page.path("next_page_token").asText("");
        } while (!pageToken.isEmpty());
        return all;
    }

    /** {@code GET artifacts/list} of a folder of the run's artifacts ("" for the root). */
    public JsonNode artifacts(String runId, String path) throws IOException {
        return get("artifacts/list", Map.of("run_id", runId, "path", path));
    }

    /** {@code POST runs/search} in one experiment with an MLflow filter string. */
    public JsonNode searchRuns(String experimentId, String filter) throws IOException {
        String body = JSON.createObjectNode()
                .put("filter", filter)
                .set("experiment_ids", JSON.createArrayNode().add(experimentId))
                .toString();
        HttpRequest request = HttpRequest.newBuilder(server.resolve("/api/2.0/mlflow/runs/search"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return send(request);
    }

    /** The run's params as a map. */
    public static Map<String, String> params(JsonNode run) {
        return map(run.path("data").path("params"));
    }

    /** The run's tags as a map. */
    public static Map<String, String> tags(JsonNode run) {
        return map(run.path("data").path("tags"));
    }

    private static Map<String, String> map(JsonNode keyValues) {
        Map<String, String> map = new java.util.TreeMap<>();
        keyValues.forEach(kv -> map.put(kv.get("key").asText(), kv.get("value").asText()));
        return map;
    }

    private JsonNode get(String endpoint, Map<String, String> query) throws IOException {
        String encoded = query.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(server.resolve("/api/2.0/mlflow/" + endpoint + "?" + encoded))
                .GET()
                .build());
    }

    private JsonNode send(HttpRequest request) throws IOException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IOException(request.method() + " " + request.uri() + ": HTTP " + response.statusCode() + " "
                        + response.body());
            }
            return JSON.readTree(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
