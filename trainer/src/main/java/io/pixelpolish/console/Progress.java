package io.pixelpolish.console;

import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.LoggerFactory;

/**
 * Progress bars for long CLI work: redrawn in place on a terminal; without one (a pod's log, a CI
 * job) a plain log line every half minute instead of a stream of carriage returns.
 */
public final class Progress {
    private Progress() {}

    public static ProgressBar bar(String task, long max, String unit) {
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setUnit(" " + unit, 1)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .continuousUpdate();
        if (System.console() == null) {
            builder.setConsumer(new DelegatingProgressBarConsumer(LoggerFactory.getLogger(Progress.class)::info))
                    .setUpdateIntervalMillis(30_000);
        }
        return builder.build();
    }
}
