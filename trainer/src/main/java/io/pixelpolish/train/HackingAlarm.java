package io.pixelpolish.train;

import io.pixelpolish.contract.metrics.Metric;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds the reward-hacking signs, reports what they see, and stops the run on it when asked to. */
final class HackingAlarm implements UpdateListener {
    private static final Logger LOG = LoggerFactory.getLogger(HackingAlarm.class);

    private final List<HackingSign> signs;
    private final boolean stopOnHacking;
    private final StopSignal stop;
    private final List<RunTracker> trackers;

    HackingAlarm(List<HackingSign> signs, boolean stopOnHacking, StopSignal stop, List<RunTracker> trackers) {
        this.signs = signs.stream().filter(HackingSign::active).toList();
        this.stopOnHacking = stopOnHacking;
        this.stop = stop;
        this.trackers = trackers;
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        if (signs.isEmpty()) {
            return;
        }
        List<String> reasons = signs.stream()
                .map(sign -> sign.observe(update, metrics))
                .flatMap(Optional::stream)
                .toList();
        metrics.put(Metric.REWARD_HACKING.key(), reasons.isEmpty() ? 0.0 : 1.0);
        if (!reasons.isEmpty()) {
            String reason = String.join("; ", reasons);
            LOG.warn("update {}: reward hacking suspected: {}", update, reason);
            trackers.forEach(t -> t.rewardHackingSuspected(update, reason));
            if (stopOnHacking) {
                stop.request("stopped at update " + update + ": reward hacking suspected (" + reason + ")");
            }
        }
    }
}
