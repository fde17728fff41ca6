package io.pixelpolish.run;

import io.pixelpolish.console.Progress;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.train.RunInfo;
import io.pixelpolish.train.RunTracker;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;

/** A progress bar with ETA and the latest reward and KL on the console (see {@link Progress}). */
public final class ConsoleProgress implements RunTracker {
    private ProgressBar bar;

    @Override
    public void started(RunInfo info) {
        bar = Progress.bar(info.runName(), info.totalUpdates(), "updates");
        bar.stepTo(info.startUpdate());
    }

    @Override
    public void updated(int update, Map<String, Double> metrics) {
        bar.setExtraMessage(String.format(
                "R %+.4f kl %.4f", metrics.get(Metric.REWARD_MEAN.key()), metrics.get(Metric.APPROX_KL.key())));
        bar.stepTo(update);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
