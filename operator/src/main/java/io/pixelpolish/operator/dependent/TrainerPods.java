package io.pixelpolish.operator.dependent;

import io.fabric8.kubernetes.api.model.Pod;

/** What the operator needs to know of the trainer pods the Job controller makes. */
public final class TrainerPods {
    private TrainerPods() {}

    /**
     * Whether the pod may still write the run folder: not Succeeded or Failed, whether or not it is
     * being deleted (a deleted pod runs until its grace period ends).
     */
    public static boolean mayStillWrite(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }
}
