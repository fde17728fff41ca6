package io.pixelpolish.operator.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Puts {@code kubectl get} columns in the order the resource class declares them; the generator
 * sorts them by JSON path, which would print Age first.
 */
final class PrinterColumnOrder {
    private PrinterColumnOrder() {}

    static void apply(CustomResourceDefinition crd, Class<?> resourceClass) {
        List<String> declared = Arrays.stream(resourceClass.getAnnotationsByType(AdditionalPrinterColumn.class))
                .map(AdditionalPrinterColumn::name)
                .toList();
        crd.getSpec()
                .getVersions()
                .forEach(version -> version.getAdditionalPrinterColumns()
                        .sort(Comparator.comparingInt(
                                (CustomResourceColumnDefinition c) -> declared.indexOf(c.getName()))));
    }
}
