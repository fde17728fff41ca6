package io.pixelpolish.io;

import java.util.Map;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A progress bar with ETA and the latest reward on the console. Without a terminal (a pod's log)
 * it prints a plain line every half minute instead of redrawing one.
 */
public final class ConsoleProgress implements RunTracker {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);
    private ProgressBar bar;

    @Override
    public void started(RunInfo info) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(info.runName())
                .setInitialMax(info.totalUpdates())
                .setUnit(" updates", 1)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .continuousUpdate();
        if (System.console() == null) {
            builder.setConsumer(new DelegatingProgressBarConsumer(LOG::info)).setUpdateIntervalMillis(30_000);
        }
        bar = builder.build();
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
