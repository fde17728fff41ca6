package io.pixelpolish.inference;

import ai.djl.ndarray.NDArray;

/** An image-enhancement method: the trained policy or a baseline it is compared with. */
public interface Enhancer extends AutoCloseable {

    /** Short name used in reports ({@code pixelpolish}, {@code he}, {@code zerodce}, ...). */
    String name();

    /**
     * @param rgb one image {@code [1, 3, H, W]} in [0, 1]; a gray or infrared image has three equal
     *     channels
     * @return the enhanced image, same shape
     */
    NDArray enhance(NDArray rgb);

    @Override
    default void close() {}

    /** Whether the three channels are equal, i.e. the image is gray or infrared. */
    static boolean isGray(NDArray rgb) {
        return rgb.get(":, 0").contentEquals(rgb.get(":, 1")) && rgb.get(":, 1").contentEquals(rgb.get(":, 2"));
    }
}
