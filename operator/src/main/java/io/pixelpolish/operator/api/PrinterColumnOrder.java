package io.pixelpolish.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.crdv2.generator.CRDPostProcessor;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Puts {@code kubectl get} columns in the order the resource class declares them; the generator
 * sorts them by JSON path, which would print Age first. Named by {@code
 * quarkus.operator-sdk.crd.post-processor} and used by the CRD test, so both produce one CRD.
 */
public class PrinterColumnOrder implements CRDPostProcessor {
    private static final Map<String, Class<?>> RESOURCE_CLASSES =
            Map.of("TrainingRun", TrainingRun.class, "Ablation", Ablation.class);

    @Override
    public HasMetadata process(HasMetadata crd, String crdSpecVersion) {
        if (crd instanceof CustomResourceDefinition definition) {
            Class<?> resourceClass = RESOURCE_CLASSES.get(definition.getSpec().getNames().getKind());
            if (resourceClass != null) {
                List<String> declared = Arrays.stream(resourceClass.getAnnotationsByType(AdditionalPrinterColumn.class))
                        .map(AdditionalPrinterColumn::name)
                        .toList();
                definition.getSpec().getVersions().forEach(version -> version.getAdditionalPrinterColumns()
                        .sort(Comparator.comparingInt((CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
            }
        }
        return crd;
    }
}
