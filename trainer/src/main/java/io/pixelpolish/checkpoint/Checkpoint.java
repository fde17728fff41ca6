package io.pixelpolish.checkpoint;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

/**
 * What a checkpoint file holds: everything needed to continue a run exactly where it stopped, or
 * to rebuild its policy for inference without the original config files.
 *
 * @param update updates completed when it was written
 * @param optimizerSteps Adam steps taken (its bias correction depends on them)
 * @param elapsedSeconds training time spent so far, across resumes
 * @param configYaml the run's effective config
 * @param model encoded {@link NDList} of the network parameters, named by block path
 * @param optimizer encoded {@link NDList} of Adam's moments
 */
public record Checkpoint(
        int update, long optimizerSteps, double elapsedSeconds, String configYaml, byte[] model, byte[] optimizer) {

    public NDList modelArrays(NDManager manager) {
        return NDList.decode(manager, model);
    }

    public NDList optimizerArrays(NDManager manager) {
        return NDList.decode(manager, optimizer);
    }
}
