package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A sweep of TrainingRuns over config variants and seeds, compared on one objective. */
@Group(TrainingRun.GROUP)
@Version(TrainingRun.VERSION)
@ShortNames("abl")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(
        name = "Done/Total",
        jsonPath = ".status.progress",
        type = Type.STRING,
        getDescription = "Finished (succeeded, failed or stopped) TrainingRuns of all")
@AdditionalPrinterColumn(name = "Best", jsonPath = ".status.bestArm.name", type = Type.STRING)
@AdditionalPrinterColumn(
        name = "Metric",
        jsonPath = ".status.objective.metric",
        type = Type.STRING,
        getDescription = "The metric the arms are ranked by")
@AdditionalPrinterColumn(name = "Objective", jsonPath = ".status.bestArm.objectiveValue", type = Type.NUMBER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
public class Ablation extends CustomResource<AblationSpec, AblationStatus> implements Namespaced {
    @Override
    @JsonPropertyDescription(
            "The sweep: a TrainingRun template, the arms and grid to expand it into, and how to compare them.")
    public AblationSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("Progress of the sweep, one row per TrainingRun, and the best arm.")
    public AblationStatus getStatus() {
        return super.getStatus();
    }
}
