package io.pixelpolish.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.ArmSpec;
import io.pixelpolish.operator.api.SweepParameter;
import io.pixelpolish.operator.api.TrainerConfigSpec;
import io.pixelpolish.operator.api.TrainingRunSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Expands an Ablation into its runs: named arms (or the bare template) times grid points times
 * repeats. Names depend on the spec alone, which the CRD keeps fixed, so a restarted operator
 * computes the same names and finds the runs it already created.
 */
final class ArmExpansion {
    /** Longest child name: a TrainingRun's Job is named after it, and Job names stop at 63. */
    static final int MAX_CHILD_NAME = 63;
    private static final int MAX_GRID_SLUG = 24;
    private static final String SEED_KEY = "seed";

    private ArmExpansion() {}

    /** One TrainingRun of the sweep. */
    record PlannedRun(String arm, int repeat, long seed, Map<String, JsonNode> parameters, String childName, TrainingRunSpec spec) {}

    /** The runs in a fixed order, or what makes the spec unusable. */
    record Result(List<PlannedRun> runs, Optional<String> problem) {}

    static Result expand(Ablation ablation) {
        AblationSpec spec = ablation.getSpec();
        List<Map<String, JsonNode>> grid = grid(spec.gridParameters());
        List<String> gridNames = gridNames(grid);
        List<ArmSpec> arms = spec.namedArms().isEmpty() ? List.of(new ArmSpec(null, null)) : spec.namedArms();
        List<PlannedRun> runs = new ArrayList<>();
        for (ArmSpec arm : arms) {
            for (int point = 0; point < grid.size(); point++) {
                String armName = join(arm.name(), gridNames.get(point));
                Map<String, JsonNode> parameters = new LinkedHashMap<>(arm.setKeys());
                parameters.putAll(grid.get(point));
                for (int repeat = 0; repeat < spec.effectiveRepeats(); repeat++) {
                    String childName = join(ablation.getMetadata().getName(), join(armName, "r" + repeat));
                    if (childName.length() > MAX_CHILD_NAME) {
                        return new Result(List.of(), Optional.of("TrainingRun name '" + childName + "' is longer than "
                                + MAX_CHILD_NAME + " characters: shorten the Ablation name or the arm names"));
                    }
                    runs.add(new PlannedRun(armName == null ? "template" : armName, repeat, repeat, parameters,
                            childName, childSpec(spec.template(), parameters, repeat)));
                }
            }
        }
        return new Result(runs, Optional.empty());
    }

    /** The template with the arm's keys, grid values and seed added to config.set, later ones winning. */
    private static TrainingRunSpec childSpec(TrainingRunSpec template, Map<String, JsonNode> parameters, long seed) {
        TrainerConfigSpec config = template.effectiveConfig();
        Map<String, JsonNode> set = new LinkedHashMap<>(config.setKeys());
        set.putAll(parameters);
        set.put(SEED_KEY, JsonNodeFactory.instance.numberNode(seed));
        return template.withConfig(new TrainerConfigSpec(config.base(), config.overrides(), set), false);
    }

    /** The cross product of the parameters' values, the first parameter varying slowest. */
    private static List<Map<String, JsonNode>> grid(List<SweepParameter> parameters) {
        List<Map<String, JsonNode>> points = new ArrayList<>();
        points.add(Map.of());
        for (SweepParameter parameter : parameters) {
            List<Map<String, JsonNode>> next = new ArrayList<>();
            for (Map<String, JsonNode> point : points) {
                for (JsonNode value : parameter.values()) {
                    Map<String, JsonNode> extended = new LinkedHashMap<>(point);
                    extended.put(parameter.path(), value);
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
                .map(point -> point.isEmpty() ? null : String.join("-", point.values().stream().map(ArmExpansion::slug).toList()))
                .toList();
        Set<String> distinct = new HashSet<>();
        boolean readable = slugs.stream().allMatch(slug -> slug == null
                || (slug.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?") && slug.length() <= MAX_GRID_SLUG && distinct.add(slug)));
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
