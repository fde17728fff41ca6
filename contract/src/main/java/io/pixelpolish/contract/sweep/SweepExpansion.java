package io.pixelpolish.contract.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands a sweep into its runs: named arms (or the bare template) times grid points times
 * repeats, each with the config keys it sets on top of the template. Names depend on the sweep
 * alone, so whoever expands it again (a restarted operator, a resumed local sweep) gets the same
 * names and finds the runs it already made.
 */
public final class SweepExpansion {
    /** Longest run name: a TrainingRun's Job is named after it, and Job names stop at 63. */
    public static final int MAX_RUN_NAME = 63;
    /** The config key each repeat sets to its index. */
    public static final String SEED_KEY = "seed";
    /** The arm name of the runs of a sweep that has no named arms and no grid. */
    public static final String TEMPLATE_ARM = "template";

    private static final int MAX_GRID_SLUG = 24;

    private SweepExpansion() {}

    /** One axis of the grid: a dotted config key and the values it takes. */
    public record Axis(String path, List<JsonNode> values) {}

    /** A named set of config keys compared against the other arms. */
    public record Arm(String name, Map<String, JsonNode> set) {}

    /**
     * @param name the sweep's name, the prefix of every run name
     * @param repeats runs of every arm and grid point, with seeds 0 to repeats-1
     */
    public record Sweep(String name, List<Axis> grid, List<Arm> arms, int repeats) {}

    /**
     * One run of the sweep.
     *
     * @param overrides the arm's keys, then the grid point's, then the seed, later ones winning
     */
    public record PlannedRun(
            String arm,
            int repeat,
            long seed,
            Map<String, JsonNode> parameters,
            Map<String, JsonNode> overrides,
            String name) {}

    /** The runs in a fixed order, or what makes the sweep unusable. */
    public record Result(List<PlannedRun> runs, Optional<String> problem) {}

    public static Result expand(Sweep sweep) {
        List<Map<String, JsonNode>> grid = grid(sweep.grid());
        List<String> gridNames = gridNames(grid);
        List<Arm> arms = sweep.arms().isEmpty() ? List.of(new Arm(null, Map.of())) : sweep.arms();
        List<PlannedRun> runs = new ArrayList<>();
        for (Arm arm : arms) {
            for (int point = 0; point < grid.size(); point++) {
                String armName = join(arm.name(), gridNames.get(point));
                Map<String, JsonNode> parameters = new LinkedHashMap<>(arm.set());
                parameters.putAll(grid.get(point));
                for (int repeat = 0; repeat < sweep.repeats(); repeat++) {
                    String runName = join(sweep.name(), join(armName, "r" + repeat));
                    if (runName.length() > MAX_RUN_NAME) {
                        return new Result(
                                List.of(),
                                Optional.of("TrainingRun name '" + runName + "' is longer than " + MAX_RUN_NAME
                                        + " characters: shorten the Ablation name or the arm names"));
                    }
                    Map<String, JsonNode> overrides = new LinkedHashMap<>(parameters);
                    overrides.put(SEED_KEY, JsonNodeFactory.instance.numberNode((long) repeat));
                    runs.add(new PlannedRun(
                            armName == null ? TEMPLATE_ARM : armName,
                            repeat,
                            repeat,
                            Map.copyOf(parameters),
                            overrides,
                            runName));
                }
            }
        }
        return new Result(runs, Optional.empty());
    }

    /** The cross product of the axes' values, the first axis varying slowest. */
    private static List<Map<String, JsonNode>> grid(List<Axis> axes) {
        List<Map<String, JsonNode>> points = new ArrayList<>();
        points.add(Map.of());
        for (Axis axis : axes) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> point : points) {
                for (JsonNode value : axis.values()) {
                    Map<String, JsonNode> extended = new LinkedHashMap<>(point);
                    extended.put(axis.path(), value);
                    next.add(extended);
                }
            }
            points = next;
        }
        return points;
    }

    /**
     * Readable names from the values (ppo-pixel) where they make short, distinct DNS labels, else
     * g0, g1, ... ; no name when there is no grid.
     */
    private static List<String> gridNames(List<Map<String, JsonNode>> grid) {
        List<String> slugs = grid.stream()
                .map(point -> point.isEmpty()
                        ? null
                        : String.join(
                                "-",
                                point.values().stream()
                                        .map(SweepExpansion::slug)
                                        .toList()))
                .toList();
        Set<String> distinct = new HashSet<>();
        boolean readable = slugs.stream()
                .allMatch(slug -> slug == null
                        || (slug.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")
                                && slug.length() <= MAX_GRID_SLUG
                                && distinct.add(slug)));
        if (readable) {
            return slugs;
        }
        List<String> indexed = new ArrayList<>();
        for (int i = 0; i < grid.size(); i++) {
            indexed.add("g" + i);
        }
        return indexed;
    }

    private static String slug(JsonNode value) {
        return value.asText().toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static String join(String first, String second) {
        if (first == null) {
            return second;
        }
        return second == null ? first : first + "-" + second;
    }
}
