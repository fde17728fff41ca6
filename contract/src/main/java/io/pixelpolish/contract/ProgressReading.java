package io.pixelpolish.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.pixelpolish.contract.metrics.Metric;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A {@link ProgressReport} as the operator may use it. The report is written by the trainer, i.e.
 * by whatever image the run chose, so it is untrusted input: it is read only up to {@link
 * #MAX_BYTES}, into the record's types, and then every value that could freeze the status (a
 * number the API server refuses: NaN, Infinity, as {@code 1e999} becomes) or sway other runs of a
 * sweep (an update past the run's total, a metric that is no metric) is dropped, with a problem
 * that says so. A report that is too large or not the record's shape is refused whole.
 *
 * @param report what is left of the report; empty when there was none or it was refused whole
 * @param problems what was dropped or refused, and why; empty for a report taken as it was
 */
public record ProgressReading(Optional<ProgressReport> report, List<String> problems) {
    /** Far above a real report (a few KiB with dozens of validation sets), far below a ConfigMap's 1 MiB. */
    public static final int MAX_BYTES = 64 * 1024;
    /** Entries of one map (rewards, validation, validation_best). */
    public static final int MAX_ENTRIES = 512;
    /** Characters of a free-text field (message, reward_hacking_reason) kept. */
    public static final int MAX_TEXT = 1024;

    public static final ProgressReading NONE = new ProgressReading(Optional.empty(), List.of());

    private static final int MAX_PROBLEMS = 5;
    private static final int MAX_QUOTED = 64;
    private static final Pattern REWARD_TERM = Pattern.compile("^[a-z0-9_]{1,64}$");
    private static final Pattern VALIDATION_KEY = Pattern.compile(Metric.VALIDATION_KEY_PATTERN);
    private static final Pattern CHECKPOINT = Pattern.compile("^checkpoints/[A-Za-z0-9._-]{1,128}$");
    private static final Pattern MLFLOW_RUN_ID = Pattern.compile("^[A-Za-z0-9_-]{1,64}$");
    private static final Pattern STATE = Pattern.compile("^[a-z_]{1,32}$");
    private static final int MAX_URL = 2048;

    private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(8)
                            .maxNumberLength(64)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    public boolean refused() {
        return report.isEmpty() && !problems.isEmpty();
    }

    /**
     * @param totalUpdates the run's train.total_updates as its frozen config says, or null when
     *     unknown; the report's own total is replaced by it, and updates past it are dropped
     */
    public static ProgressReading read(String json, Integer totalUpdates) {
        if (json == null || json.isBlank()) {
            return NONE;
        }
        int bytes = json.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_BYTES) {
            return refusedWhole(bytes + " bytes, over the limit of " + MAX_BYTES);
        }
        ProgressReport raw;
        try {
            raw = JSON.readValue(json, ProgressReport.class);
        } catch (JsonProcessingException e) {
            return refusedWhole("not a progress report: " + quoted(e.getOriginalMessage()));
        }
        Checks checks = new Checks();
        return new ProgressReading(Optional.of(checks.apply(raw, totalUpdates)), checks.problems());
    }

    private static ProgressReading refusedWhole(String why) {
        return new ProgressReading(Optional.empty(), List.of(ProgressReport.CONFIGMAP_KEY + " refused: " + why));
    }

    /** A value the report chose, short enough for a condition message whatever its length. */
    private static String quoted(String value) {
        String text = String.valueOf(value);
        return "'" + (text.length() > MAX_QUOTED ? text.substring(0, MAX_QUOTED) + "…" : text) + "'";
    }

    /** Collects what it drops; at most {@link #MAX_PROBLEMS} are spelled out, the rest counted. */
    private static final class Checks {
        private final List<String> spelled = new ArrayList<>();
        private int count;

        void problem(String problem) {
            if (count++ < MAX_PROBLEMS) {
                spelled.add(problem);
            }
        }

        List<String> problems() {
            List<String> all = new ArrayList<>(spelled);
            if (count > MAX_PROBLEMS) {
                all.add("and " + (count - MAX_PROBLEMS) + " more");
            }
            return List.copyOf(all);
        }

        ProgressReport apply(ProgressReport r, Integer total) {
            Integer totalUpdates = r.totalUpdates();
            if (total != null && !total.equals(totalUpdates)) {
                if (totalUpdates != null) {
                    problem("total_updates " + totalUpdates + " is not the config's " + total + ": replaced");
                }
                totalUpdates = total;
            }
            Integer update = withinTotal("update", r.update(), totalUpdates);
            Integer validationUpdate = withinTotal("validation_update", r.validationUpdate(), totalUpdates);
            if (validationUpdate != null && update != null && validationUpdate > update) {
                problem("validation_update " + validationUpdate + " is after update " + update + ": dropped");
                validationUpdate = null;
            }
            Map<String, Double> validation = metrics("validation", r.validation(), VALIDATION_KEY);
            if (validation != null && validationUpdate == null) {
                problem("validation without a valid validation_update: dropped");
                validation = null;
            }
            return new ProgressReport(
                    update,
                    totalUpdates,
                    range("percent", r.percent(), 0, 100),
                    finite("reward_mean", r.rewardMean()),
                    metrics("rewards", r.rewards(), REWARD_TERM),
                    finite("greedy_reward", r.greedyReward()),
                    r.rewardHacking(),
                    text("reward_hacking_reason", r.rewardHackingReason()),
                    validation,
                    validationUpdate,
                    metrics("validation_best", r.validationBest(), VALIDATION_KEY),
                    matching("last_checkpoint", r.lastCheckpoint(), CHECKPOINT.asMatchPredicate()),
                    range("elapsed_s", r.elapsedSeconds(), 0, Double.MAX_VALUE),
                    range("eta_s", r.etaSeconds(), 0, Double.MAX_VALUE),
                    range("images_per_s", r.imagesPerSecond(), 0, Double.MAX_VALUE),
                    matching("state", r.state(), STATE.asMatchPredicate()),
                    text("message", r.message()),
                    matching(ProgressReport.MLFLOW_RUN_ID, r.mlflowRunId(), MLFLOW_RUN_ID.asMatchPredicate()),
                    matching(ProgressReport.MLFLOW_RUN_URL, r.mlflowRunUrl(), ProgressReading::webAddress),
                    matching("time", r.time(), ProgressReading::timestamp));
        }

        private Integer withinTotal(String field, Integer value, Integer total) {
            if (value == null || value >= 0 && (total == null || value <= total)) {
                return value;
            }
            problem(field + " " + value + " is outside 0.." + (total == null ? "" : total) + ": dropped");
            return null;
        }

        private Double finite(String field, Double value) {
            return range(field, value, -Double.MAX_VALUE, Double.MAX_VALUE);
        }

        private Double range(String field, Double value, double min, double max) {
            if (value == null || value >= min && value <= max) {
                return value;
            }
            problem(field + " " + value + (Double.isFinite(value) ? " is out of range" : " is not finite")
                    + ": dropped");
            return null;
        }

        /** Only finite values under names the contract knows the shape of; an oversized map is dropped whole. */
        private Map<String, Double> metrics(String field, Map<String, Double> values, Pattern names) {
            if (values == null) {
                return null;
            }
            if (values.size() > MAX_ENTRIES) {
                problem(field + " has " + values.size() + " entries, over the limit of " + MAX_ENTRIES + ": dropped");
                return null;
            }
            Map<String, Double> kept = new LinkedHashMap<>();
            values.forEach((name, value) -> {
                if (!names.matcher(name).matches()) {
                    problem(field + ": " + quoted(name) + " is not a metric name: dropped");
                } else if (value == null || !Double.isFinite(value)) {
                    problem(field + "[" + name + "] " + value + " is not finite: dropped");
                } else {
                    kept.put(name, value);
                }
            });
            return kept.isEmpty() ? null : kept;
        }

        private String text(String field, String value) {
            if (value == null || value.length() <= MAX_TEXT) {
                return value;
            }
            problem(field + " has " + value.length() + " characters: cut to " + MAX_TEXT);
            return value.substring(0, MAX_TEXT);
        }

        private String matching(String field, String value, Predicate<String> valid) {
            if (value == null || valid.test(value)) {
                return value;
            }
            problem(field + " " + quoted(value) + " is not of the expected form: dropped");
            return null;
        }
    }

    private static boolean webAddress(String value) {
        if (value.length() > MAX_URL) {
            return false;
        }
        try {
            URI uri = URI.create(value);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean timestamp(String value) {
        try {
            OffsetDateTime.parse(value);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
