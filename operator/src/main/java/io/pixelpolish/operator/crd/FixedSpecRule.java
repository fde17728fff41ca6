package io.pixelpolish.operator.crd;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRuleBuilder;
import io.pixelpolish.operator.api.AblationSpec;
import io.pixelpolish.operator.api.TrainingRunSpec;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The transition rule (it sees oldSelf) that fixes a spec once its resource exists, except for the
 * fields that may change. It is generated from the spec record's components, so a field added to
 * the record is fixed as well without anyone having to remember the rule.
 *
 * <p>Each fixed field must be present in both or in neither, and equal. Written with has() rather
 * than CEL optionals ({@code self.?x == oldSelf.?x}): the API server estimates every optional
 * comparison at its maximal cost and refuses such a CRD.
 */
final class FixedSpecRule {
    /** The fields of a spec that may change, and what to do instead of changing the others. */
    private record Changeable(List<String> fields, String instead) {}

    private static final Map<Class<?>, Changeable> CHANGEABLE = Map.of(
            // The Job's pod template cannot change, and a run must keep the config its checkpoints were written with.
            TrainingRunSpec.class,
                    new Changeable(
                            List.of("suspend"),
                            "to change anything else, delete and re-create"
                                    + " the resource (a TrainingRun re-created with the same name and output resumes from its checkpoints)"),
            // The runs already created must stay comparable with the ones still to come.
            AblationSpec.class,
                    new Changeable(
                            List.of("suspend", "parallelism", "maxFailedArms"), "a changed sweep is a new Ablation"));

    private FixedSpecRule() {}

    static void apply(CustomResourceDefinition crd, Class<?> resourceClass) {
        Class<?> specClass;
        try {
            specClass = resourceClass.getMethod("getSpec").getReturnType();
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(resourceClass + " has no getSpec()", e);
        }
        crd.getSpec()
                .getVersions()
                .forEach(version -> addRules(
                        specClass,
                        version.getSchema().getOpenAPIV3Schema().getProperties().get("spec")));
    }

    /** The rule on the schema of every spec in {@code type}, itself included (an Ablation's template is a TrainingRunSpec). */
    private static void addRules(Class<?> type, JSONSchemaProps schema) {
        if (!type.isRecord() || schema == null) {
            return;
        }
        for (RecordComponent component : type.getRecordComponents()) {
            addRules(component.getType(), schema.getProperties().get(component.getName()));
        }
        Changeable changeable = CHANGEABLE.get(type);
        if (changeable == null) {
            return;
        }
        List<String> fields = Arrays.stream(type.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        List<String> unknown = changeable.fields().stream()
                .filter(field -> !fields.contains(field))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalStateException(type.getSimpleName() + " has no fields " + unknown);
        }
        List<String> clauses = new ArrayList<>();
        for (String field : fields) {
            if (!schema.getProperties().containsKey(field)) {
                throw new IllegalStateException(
                        type.getSimpleName() + "." + field + " is not a property of its schema");
            }
            if (!changeable.fields().contains(field)) {
                clauses.add("(has(self." + field + ") ? has(oldSelf." + field + ") && self." + field + " == oldSelf."
                        + field + " : !has(oldSelf." + field + "))");
            }
        }
        if (schema.getXKubernetesValidations() == null) {
            schema.setXKubernetesValidations(new ArrayList<>());
        }
        schema.getXKubernetesValidations()
                .add(new ValidationRuleBuilder()
                        .withRule(String.join(" && ", clauses))
                        .withMessage("only " + naturalList(changeable.fields()) + " can change once created; "
                                + changeable.instead())
                        .build());
    }

    /** "a", "a and b", "a, b and c". */
    private static String naturalList(List<String> words) {
        if (words.size() == 1) {
            return words.get(0);
        }
        return words.subList(0, words.size() - 1).stream().collect(Collectors.joining(", ")) + " and "
                + words.get(words.size() - 1);
    }
}
