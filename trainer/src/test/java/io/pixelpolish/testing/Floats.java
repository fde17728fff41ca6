package io.pixelpolish.testing;

import java.util.List;
import java.util.stream.IntStream;

/** Float arrays as lists, for AssertJ's element-wise checks. */
public final class Floats {
    private Floats() {}

    public static List<Float> list(float[] values) {
        return IntStream.range(0, values.length).mapToObj(i -> values[i]).toList();
    }
}
