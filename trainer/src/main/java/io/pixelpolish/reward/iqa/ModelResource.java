package io.pixelpolish.reward.iqa;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Model parameters shipped inside the trainer jar under {@code io/pixelpolish/reward/iqa/} (converted from
 * the public releases by {@code tools/iqa/convert_nss_models.py}; provenance and licences in the
 * {@code NOTICE.md} beside them).
 */
final class ModelResource {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .build();

    private ModelResource() {}

    static <T> T read(String name, Class<T> type) {
        String path = "/io/pixelpolish/reward/iqa/" + name;
        try (InputStream in = ModelResource.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException(
                        path + ": model resource missing from the class path (a broken build?)");
            }
            return JSON.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot read the model parameters (" + e.getMessage() + ")", e);
        }
    }

    /** Checks a parsed vector's length, naming the resource field. */
    static double[] requireLength(double[] values, int length, String what) {
        requireCount(values.length, length, what);
        return values;
    }

    /** Checks how many entries a parsed field has, naming it. */
    static void requireCount(int count, int expected, String what) {
        if (count != expected) {
            throw new IllegalStateException(what + ": expected " + expected + " entries, got " + count);
        }
    }
}
