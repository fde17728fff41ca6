package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn.Type;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** One training run of the PixelPolish trainer, executed as one Kubernetes Job. */
@Group(TrainingRun.GROUP)
@Version(TrainingRun.VERSION)
@ShortNames("tr")
@AdditionalPrinterColumn(name = "Phase", jsonPath = ".status.phase", type = Type.STRING)
@AdditionalPrinterColumn(
        name = "Progress",
        jsonPath = ".status.progress.percent",
        type = Type.NUMBER,
        getDescription = "Percent of the training updates done")
@AdditionalPrinterColumn(
        name = "Reward",
        jsonPath = ".status.lastMetrics.rewardMean",
        type = Type.NUMBER,
        getDescription = "Mean reward of the last reported update")
@AdditionalPrinterColumn(
        name = "Quality",
        jsonPath = ".status.validation.measures['" + Objective.DEFAULT_VALIDATION_METRIC + "']",
        type = Type.NUMBER,
        getDescription = "Pooled validation quality (val/quality) at the last validation; 0 is the input")
@AdditionalPrinterColumn(name = "GPUs", jsonPath = ".spec.resources.gpus", type = Type.INTEGER)
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = Type.DATE)
@ValidationRule(
        value = "size(self.metadata.name) <= 63",
        message = "metadata.name: expected at most 63 characters, the limit for the name of the Job that runs it")
public class TrainingRun extends CustomResource<TrainingRunSpec, TrainingRunStatus> implements Namespaced {
    public static final String GROUP = "pixelpolish.io";
    public static final String VERSION = "v1alpha1";

    @Override
    @JsonPropertyDescription("What to train and with which resources; all but suspend is fixed once the run starts.")
    public TrainingRunSpec getSpec() {
        return super.getSpec();
    }

    @Override
    @JsonPropertyDescription("What the operator observed of the run.")
    public TrainingRunStatus getStatus() {
        return super.getStatus();
    }
}
