package io.pixelpolish.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidationHackingWatchTest {
    private static final List<String> TERMS = List.of("gradient", "clipiqa");

    /** Six updates, a validation every second one: clipiqa's reward rises throughout. */
    private static List<Optional<String>> run(HackingSign sign, double... qualities) {
        List<Optional<String>> seen = new ArrayList<>();
        for (int update = 1; update <= 2 * qualities.length; update++) {
            Map<String, Double> metrics =
                    new HashMap<>(Map.of("rewards/clipiqa", 0.1 * update, "rewards/gradient", 1.0));
            if (update % 2 == 0) {
                metrics.put("val/quality", qualities[update / 2 - 1]);
            }
            seen.add(sign.observe(update, metrics));
        }
        return seen;
    }

    @Test
    void firesWhenTheLearnedRewardRisesWhileValidationQualityFallsThreeTimesRunning() {
        List<Optional<String>> seen = run(new ValidationHackingWatch(TERMS, true), 0.3, 0.2, 0.1);
        assertThat(seen.subList(0, 5)).allSatisfy(s -> assertThat(s).isEmpty());
        assertThat(seen.get(5))
                .hasValueSatisfying(reason -> assertThat(reason)
                        .contains("[rewards/clipiqa]", "updates 2 to 6", "val/quality fell (0.3000 -> 0.1000)"));
    }

    @Test
    void quietWhileQualityHoldsOrWithoutLearnedTermsOrValidation() {
        assertThat(run(new ValidationHackingWatch(TERMS, true), 0.3, 0.2, 0.25, 0.1))
                .allSatisfy(s -> assertThat(s).isEmpty());
        assertThat(new ValidationHackingWatch(List.of("gradient"), true).active())
                .isFalse();
        assertThat(new ValidationHackingWatch(TERMS, false).active()).isFalse();
    }

    @Test
    void theAlarmFlagsTheUpdateTellsTheTrackersAndStopsWhenAsked() {
        List<String> told = new ArrayList<>();
        RunTracker tracker = new RunTracker() {
            @Override
            public void updated(int update, Map<String, Double> metrics) {}

            @Override
            public void rewardHackingSuspected(int update, String reason) {
                told.add(update + ": " + reason);
            }
        };
        StopSignal stop = new StopSignal();
        HackingAlarm alarm =
                new HackingAlarm(List.of(new ValidationHackingWatch(TERMS, true)), true, stop, List.of(tracker));
        List<Double> flags = new ArrayList<>();
        for (int update = 1; update <= 6; update++) {
            Map<String, Double> metrics = new HashMap<>(Map.of("rewards/clipiqa", 0.1 * update));
            if (update % 2 == 0) {
                metrics.put("val/quality", 1.0 / update);
            }
            alarm.updated(update, metrics);
            flags.add(metrics.get("diagnostics/reward_hacking"));
        }
        assertThat(flags).containsExactly(0.0, 0.0, 0.0, 0.0, 0.0, 1.0);
        assertThat(told).singleElement().asString().startsWith("6: learned-IQA rewards [rewards/clipiqa]");
        assertThat(stop.reason()).hasValueSatisfying(r -> assertThat(r).startsWith("stopped at update 6"));
    }
}
