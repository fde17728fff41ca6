package io.pixelpolish.train;

import java.util.Optional;

/** A request to end the run after the current update, from a signal handler or a listener, with why. */
final class StopSignal {
    private volatile boolean requested;
    private volatile String reason;

    void request() {
        requested = true;
    }

    void request(String why) {
        reason = why;
        requested = true;
    }

    boolean requested() {
        return requested;
    }

    /** Why a listener stopped the run; empty when it was asked from outside (a signal). */
    Optional<String> reason() {
        return Optional.ofNullable(reason);
    }
}
