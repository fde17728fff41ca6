package io.pixelpolish.io;

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
        bar.setExtraMessage(String.format("R %+.4f kl %.4f", metrics.get("reward_mean"), metrics.get("approx_kl")));
        bar.stepTo(update);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
