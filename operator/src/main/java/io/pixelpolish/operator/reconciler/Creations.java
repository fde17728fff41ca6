package io.pixelpolish.operator.reconciler;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import java.net.HttpURLConnection;
import java.util.Optional;

/** Creation of secondary objects by their fixed names, which is what makes reconciles repeatable. */
final class Creations {
    private Creations() {}

    /**
     * Creates through JOSDK, which puts the result in the informer cache at once so the next
     * reconcile sees it. A create that lost a race with a stale cache finds the object already
     * there: that is success too, and the informer will deliver the existing object.
     *
     * @return the created object, or empty when it existed already
     */
    static <R extends HasMetadata> Optional<R> createIfAbsent(Context<?> context, R resource) {
        try {
            return Optional.of(context.resourceOperations().create(resource));
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
