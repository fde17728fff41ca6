package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pixelpolish.operator.api.TrainingRun;

/** The ConfigMap the trainer writes its progress report to. */
@KubernetesDependent(
        useSSA = BooleanWithUndefined.FALSE,
        informer = @Informer(labelSelector = ProgressConfigMapDependent.SELECTOR))
public class ProgressConfigMapDependent extends CreatedOnceDependent<ConfigMap> {
    public static final String NAME = "progress";
    static final String SELECTOR =
            RunLabels.MANAGED_SELECTOR + "," + RunLabels.COMPONENT + "=" + TrainerConfigMaps.PROGRESS_COMPONENT;

    public ProgressConfigMapDependent() {
        super(ConfigMap.class, RunResourceNames::progressConfigMap);
    }

    @Override
    protected ConfigMap desired(TrainingRun run, Context<TrainingRun> context) {
        return TrainerConfigMaps.progress(run);
    }
}
