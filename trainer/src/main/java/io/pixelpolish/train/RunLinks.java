package io.pixelpolish.train;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Where else a run can be found (its MLflow run id and page, ...), published by the tracker that
 * learns them and copied by trackers that report the run elsewhere, so that neither knows the
 * other. Keys are snake_case, the form they take in progress.json. Safe to use from any thread:
 * a tracker may learn a link on a background thread.
 */
public final class RunLinks {
    private final Map<String, String> links = new ConcurrentSkipListMap<>();

    public void publish(String key, String value) {
        links.put(key, value);
    }

    /** The links known now, sorted by key. */
    public Map<String, String> snapshot() {
        return Map.copyOf(links);
    }
}
