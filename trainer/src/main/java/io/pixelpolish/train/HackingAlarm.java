package io.pixelpolish.train;

import io.pixelpolish.contract.metrics.Metric;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Feeds the {@link RewardHackingWatch}, reports what it sees, and stops the run on it when asked to. */
final class HackingAlarm implements UpdateListener {
    private static final Logger LOG = LoggerFactory.getLogger(HackingAlarm.class);

    private final RewardHackingWatch watch;
    private final boolean stopOnHacking;
    private final StopSignal stop;

    HackingAlarm(RewardHackingWatch watch, boolean stopOnHacking, StopSignal stop) {
        this.watch = watch;
        this.stopOnHacking = stopOnHacking;
        this.stop = stop;
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        if (!watch.active()) {
            return;
        }
        boolean suspected = watch.observe(metrics);
        metrics.put(Metric.REWARD_HACKING.key(), suspected ? 1.0 : 0.0);
        if (suspected) {
            LOG.warn("update {}: reward hacking suspected: {}", update, watch.describe());
            if (stopOnHacking) {
                stop.request("stopped at update " + update + ": reward hacking suspected (" + watch.describe() + ")");
            }
        }
    }
}
