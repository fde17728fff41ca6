package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.Optional;
import java.util.function.Supplier;

/** Creation of objects by their fixed names, which is what makes reconciles repeatable. */
public final class Creations {
    private Creations() {}

    /**
     * A create that lost a race with a stale cache finds the object already there: that is success
     * too, and the informer will deliver the existing object.
     *
     * @return the created object, or empty when it existed already
     */
    public static <R> Optional<R> ifAbsent(Supplier<R> create) {
        try {
            return Optional.of(create.get());
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
            return Optional.empty();
        }
    }
}
