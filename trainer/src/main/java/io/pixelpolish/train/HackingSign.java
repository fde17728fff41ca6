package io.pixelpolish.train;

import java.util.Map;
import java.util.Optional;

/** One way of telling that the policy pleases its reward rather than improving the images. */
interface HackingSign {
    /** Whether this sign can ever show for this run's reward and config. */
    boolean active();

    /** Records one update's metrics; why the policy looks like it is hacking the reward, when it does now. */
    Optional<String> observe(int update, Map<String, Double> metrics);
}
