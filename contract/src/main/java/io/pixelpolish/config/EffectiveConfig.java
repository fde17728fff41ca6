package io.pixelpolish.config;

import java.util.List;

/** A bound, validated config and the layers it was merged from, in order. */
public record EffectiveConfig(PixelPolishConfig config, List<String> sources) {

    /** YAML of every key, headed by the sources: the run folder's config.yaml. */
    public String toYaml() {
        return "# effective PixelPolish config, merged from: " + String.join(" + ", sources) + "\n"
                + ConfigLoader.toYaml(config);
    }
}
