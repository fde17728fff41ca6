package io.pixelpolish.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RewardHackingWatchTest {
    private static final List<String> TERMS = List.of("gradient", "entropy", "clipiqa");

    private static Map<String, Double> metrics(double clipiqa, double gradient, double entropy) {
        return Map.of("rewards/clipiqa", clipiqa, "rewards/gradient", gradient, "rewards/entropy", entropy);
    }

    @Test
    void firesWhenTheLearnedRewardRisesWhilePhysicsFalls() {
        RewardHackingWatch watch = new RewardHackingWatch(10, TERMS);
        Random noise = new Random(1);
        boolean fired = false;
        for (int u = 0; u < 10; u++) {
            fired = watch.observe(metrics(0.1 * u + 0.02 * noise.nextGaussian(), 1 - 0.05 * u, 0.5 - 0.02 * u));
            if (u < 9) {
                assertThat(fired).as("needs a full window, update %d", u).isFalse();
            }
        }
        assertThat(fired).isTrue();
        assertThat(watch.describe()).contains("[clipiqa]", "[gradient, entropy]");
    }

    @Test
    void staysQuietWhenEverythingImprovesOrOnNoise() {
        RewardHackingWatch rising = new RewardHackingWatch(10, TERMS);
        RewardHackingWatch noisy = new RewardHackingWatch(10, TERMS);
        Random random = new Random(2);
        for (int u = 0; u < 40; u++) {
            assertThat(rising.observe(metrics(0.1 * u, 0.05 * u, 0.01 * u))).isFalse();
            assertThat(noisy.observe(metrics(random.nextGaussian(), random.nextGaussian(), random.nextGaussian())))
                    .isFalse();
        }
    }

    @Test
    void inactiveWithoutLearnedTerms() {
        RewardHackingWatch physicsOnly = new RewardHackingWatch(5, List.of("gradient", "entropy", "eme"));
        assertThat(physicsOnly.active()).isFalse();
        assertThat(new RewardHackingWatch(0, TERMS).active()).isFalse();
    }
}
