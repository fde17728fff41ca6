package io.pixelpolish.reward.iqa;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.training.ParameterStore;
import io.pixelpolish.contract.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TorchScript module file, run for inference on the device of its inputs. It is loaded once per
 * device, on first use there (the trainer picks its device after the reward is built), with tensors
 * mapped onto that device whatever device the file was saved from. Outputs land in the first input's
 * manager; no gradient flows through them.
 */
final class TorchScriptModel implements AutoCloseable {
    private final Path file;
    private final Map<Device, Model> loaded = new ConcurrentHashMap<>();

    /** @throws InvalidInputException naming the file when it is missing or unreadable */
    TorchScriptModel(Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new InvalidInputException(file + ": expected a readable TorchScript file (torch.jit.save)");
        }
        this.file = file;
    }

    Path file() {
        return file;
    }

    NDList forward(NDArray... inputs) {
        NDList list = new NDList(inputs);
        Model model = loaded.computeIfAbsent(list.head().getDevice(), this::load);
        NDList outputs = model.getBlock().forward(new ParameterStore(list.head().getManager(), false), list, false);
        // The module runs in libtorch's inference mode, whose tensors refuse in-place updates later
        // (a reward term scales its scores in place): hand out ordinary copies.
        NDList copies = new NDList(outputs.size());
        for (NDArray output : outputs) {
            copies.add(output.duplicate());
            output.close();
        }
        return copies;
    }

    private Model load(Device device) {
        Model model = Model.newInstance(file.getFileName().toString(), device, "PyTorch");
        try {
            model.load(file, null, Map.of("mapLocation", "true"));
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InvalidInputException(
                    file + ": cannot load as a TorchScript module on " + device + " (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        loaded.values().forEach(Model::close);
        loaded.clear();
    }
}
