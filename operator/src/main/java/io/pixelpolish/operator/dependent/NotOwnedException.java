package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.pixelpolish.operator.api.TrainingRun;

/**
 * An object under a name the run needs (its config, its progress-writer Role, ...) that the run
 * does not own. Using it would let whoever made it choose what the trainer reads or may do, so the
 * run waits, with reason NotOwned, until it is deleted or the run is created under another name.
 */
public class NotOwnedException extends RuntimeException {
    NotOwnedException(String message) {
        super(message);
    }

    /** {@code object} if {@code run} is its controller, else this exception naming it. */
    static <R extends HasMetadata> R requireOwned(TrainingRun run, R object) {
        boolean owned = object.getMetadata().getOwnerReferences().stream()
                .anyMatch(ref -> Boolean.TRUE.equals(ref.getController())
                        && ref.getUid().equals(run.getMetadata().getUid()));
        if (!owned) {
            throw new NotOwnedException(
                    object.getKind() + " " + object.getMetadata().getName()
                            + " exists but was not created for TrainingRun "
                            + run.getMetadata().getName()
                            + " (no controller reference to it): not used; delete it, or create the run under another name");
        }
        return object;
    }
}
