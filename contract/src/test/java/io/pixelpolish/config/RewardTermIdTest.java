package io.pixelpolish.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pixelpolish.contract.RewardTermId;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RewardTermIdTest {
    private static final List<String> REGISTRY =
            Arrays.stream(RewardTermId.values()).map(RewardTermId::termName).toList();

    @Test
    void theConfigHasOneWeightPerRegisteredTermInDisplayOrder() {
        List<String> components = Arrays.stream(PixelPolishConfig.TermValues.class.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        assertThat(components).containsExactlyElementsOf(REGISTRY);
        assertThat(PixelPolishConfig.TermValues.class
                        .getAnnotation(JsonPropertyOrder.class)
                        .value())
                .containsExactlyElementsOf(REGISTRY);
    }

    @Test
    void asMapReadsEachTermsOwnField() {
        var values = new PixelPolishConfig.TermValues(1, 2, 3, 4, 5, 6, 7, 8, 9);
        assertThat(values.asMap())
                .containsExactly(
                        java.util.Map.entry("gradient", 1.0),
                        java.util.Map.entry("entropy", 2.0),
                        java.util.Map.entry("eme", 3.0),
                        java.util.Map.entry("exposure", 4.0),
                        java.util.Map.entry("clipping", 5.0),
                        java.util.Map.entry("clipiqa", 6.0),
                        java.util.Map.entry("musiq", 7.0),
                        java.util.Map.entry("niqe", 8.0),
                        java.util.Map.entry("brisque", 9.0));
    }

    @Test
    void namesResolveBothWays() {
        for (RewardTermId term : RewardTermId.values()) {
            assertThat(RewardTermId.byName(term.termName())).contains(term);
        }
        assertThat(RewardTermId.byName("sharpness")).isEmpty();
        assertThat(RewardTermId.GRADIENT.kind()).isEqualTo(RewardTermId.Kind.PHYSICS);
        assertThat(RewardTermId.NIQE.kind()).isEqualTo(RewardTermId.Kind.LEARNED);
    }
}
