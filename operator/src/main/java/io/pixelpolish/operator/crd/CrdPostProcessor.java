package io.pixelpolish.operator.crd;

import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.pixelpolish.operator.api.Ablation;
import io.pixelpolish.operator.api.TrainingRun;
import java.util.Map;

/**
 * What the CRD generator cannot take from the annotations of the api classes: the order of the
 * printer columns and the rule that fixes a spec once created. Named by {@code
 * quarkus.operator-sdk.crd.post-processor} and used by the CRD tests, so both produce one CRD.
 */
public class CrdPostProcessor implements CRDPostProcessor {
    private static final Map<String, Class<?>> RESOURCE_CLASSES =
            Map.of("TrainingRun", TrainingRun.class, "Ablation", Ablation.class);

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            Class<?> resourceClass =
                    RESOURCE_CLASSES.get(definition.getSpec().getNames().getKind());
            if (resourceClass != null) {
                PrinterColumnOrder.apply(definition, resourceClass);
                FixedSpecRule.apply(definition, resourceClass);
            }
        }
        return crd;
    }
}
