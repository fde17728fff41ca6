package io.pixelpolish.testing;

import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig;
import java.util.ArrayList;
import java.util.List;

/** Configs for tests: the shipped base and local_dev configs, made tiny (width 8, small crops). */
public final class TestConfigs {
    private static final List<String> TINY =
            List.of("device=cpu", "model.width=8", "train.batch_size=4", "train.crop_size=32", "train.minibatches=4");

    private TestConfigs() {}

    /** Tiny config with {@code assignments} applied last. */
    public static PixelPolishConfig tiny(String... assignments) {
        List<String> all = new ArrayList<>(TINY);
        all.addAll(List.of(assignments));
        return ConfigLoader.load("base", List.of("local_dev"), all).config();
    }
}
