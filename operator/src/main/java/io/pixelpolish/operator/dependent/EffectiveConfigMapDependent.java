package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.BooleanWithUndefined;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import io.pixelpolish.operator.api.TrainingRun;
import io.pixelpolish.operator.config.EffectiveConfigs;

/** The run's effective config, frozen in an immutable ConfigMap the first time it composes. */
@KubernetesDependent(
        useSSA = BooleanWithUndefined.FALSE,
        informer = @Informer(labelSelector = EffectiveConfigMapDependent.SELECTOR))
public class EffectiveConfigMapDependent extends CreatedOnceDependent<ConfigMap> {
    public static final String NAME = "effective-config";
    static final String SELECTOR =
            RunLabels.MANAGED_SELECTOR + "," + RunLabels.COMPONENT + "=" + TrainerConfigMaps.CONFIG_COMPONENT;

    public EffectiveConfigMapDependent() {
        super(ConfigMap.class, RunResourceNames::configMap);
    }

    /** Asked for only to create the ConfigMap, which {@link UnfinishedRunWithConfig} allows once the config composed. */
    @Override
    protected ConfigMap desired(TrainingRun run, Context<TrainingRun> context) {
        EffectiveConfigs.Outcome.Composed composed = (EffectiveConfigs.Outcome.Composed)
                TrainingRunContext.of(context).effectiveConfig();
        return TrainerConfigMaps.effectiveConfig(run, composed.config().toYaml());
    }
}
