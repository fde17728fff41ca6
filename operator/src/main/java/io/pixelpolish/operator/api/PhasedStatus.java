package io.pixelpolish.operator.api;

import io.fabric8.kubernetes.api.model.Condition;
import java.util.List;

/** What both statuses share, so one recorder writes them and their events. */
public interface PhasedStatus {
    Phase phase();

    List<Condition> conditions();
}
