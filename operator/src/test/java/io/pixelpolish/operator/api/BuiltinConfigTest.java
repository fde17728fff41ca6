package io.pixelpolish.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pixelpolish.config.ConfigLayer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BuiltinConfigTest {
    @Test
    void crdEnumListsExactlyTheTrainersBuiltinConfigs() {
        assertThat(Arrays.stream(BuiltinConfig.values()).map(BuiltinConfig::trainerName))
                .as("BuiltinConfig must follow ConfigLayer.BUILTIN, then refresh crds/")
                .containsExactlyInAnyOrderElementsOf(ConfigLayer.BUILTIN);
    }
}
