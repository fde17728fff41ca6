package io.pixelpolish.data;

import io.pixelpolish.config.ConfigLoader;
import io.pixelpolish.config.PixelPolishConfig.Data;
import io.pixelpolish.config.PixelPolishConfig.ModalityMix;
import java.util.List;

/** {@code data} sections for tests: the shipped base config with a few fields replaced. */
final class DataConfigs {

    static final Data BASE =
            ConfigLoader.load("base", List.of(), List.of()).config().data();

    private DataConfigs() {}

    static Data with(ModalityMix mix, boolean deriveGray, int maxSide, boolean flips) {
        return new Data(
                mix,
                deriveGray,
                BASE.irPathPattern(),
                maxSide,
                BASE.maxPixels(),
                flips,
                BASE.raw16Byteswap(),
                BASE.degrade());
    }

    static Data withMaxSide(int maxSide) {
        return with(BASE.modalityMix(), BASE.deriveGray(), maxSide, BASE.flips());
    }
}
