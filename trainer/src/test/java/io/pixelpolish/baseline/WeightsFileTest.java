package io.pixelpolish.baseline;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** What the tests of a baseline loaded from weights share: a CPU manager, and a folder to write the weights in. */
abstract class WeightsFileTest {
    protected final NDManager manager = NDManager.newBaseManager(ai.djl.Device.cpu());

    @TempDir
    protected Path dir;

    @AfterEach
    void closeManager() {
        manager.close();
    }
}
