package io.pixelpolish.inference;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.image.ContactSheet;
import io.pixelpolish.image.DecodedImage;
import io.pixelpolish.image.ImageFiles;
import io.pixelpolish.image.ImageTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a policy does to one image, as PNGs: the input, the image after every curve step, the
 * gamma/alpha/beta maps of every step (normalised to their ranges: black = low end, white = high
 * end) and a contact sheet with one row per step (before | gamma | alpha | beta | after).
 */
public final class CurveVisualization {
    private static final String[] PARAMETERS = {"gamma", "alpha", "beta"};
    /** The names of the files it writes. */
    private static final Pattern WRITTEN =
            Pattern.compile("input\\.png|(step|gamma|alpha|beta)-\\d+\\.png|contact-sheet\\.png");

    private CurveVisualization() {}

    /** @return the number of curve steps pictured */
    public static int write(PolicyEnhancer enhancer, DecodedImage image, Path output) throws IOException {
        Path input = image.source().toRealPath();
        if (ImageFiles.resolved(output).equals(input.getParent())
                && WRITTEN.matcher(input.getFileName().toString()).matches()) {
            throw new InvalidInputException("--output " + output + ": visualize writes " + input.getFileName()
                    + " there, which would replace the input " + input + "; choose another output folder");
        }
        Files.createDirectories(output);
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray x = ImageTensors.toTensor(manager, image);
            write(output.resolve("input.png"), x);
            List<PolicyEnhancer.Step> trace = enhancer.trace(x);
            float[] low = enhancer.curveLow(), span = enhancer.curveSpan();
            List<List<NDArray>> rows = new ArrayList<>();
            NDArray before = x;
            for (int t = 0; t < trace.size(); t++) {
                PolicyEnhancer.Step step = trace.get(t);
                NDArray after = step.image().toDevice(x.getDevice(), false);
                write(output.resolve(String.format("step-%d.png", t + 1)), after);
                List<NDArray> row = new ArrayList<>(List.of(before));
                NDList maps = step.curve().toDevice(x.getDevice(), false).split(3, 1);
                for (int p = 0; p < PARAMETERS.length; p++) {
                    NDArray normalised = maps.get(p).sub(low[p]).div(span[p]).repeat(1, 3);
                    write(output.resolve(String.format("%s-%d.png", PARAMETERS[p], t + 1)), normalised);
                    row.add(normalised);
                }
                row.add(after);
                rows.add(row);
                before = after;
            }
            ContactSheet.write(output.resolve("contact-sheet.png"), rows);
            return trace.size();
        }
    }

    private static void write(Path file, NDArray rgb) throws IOException {
        ContactSheet.write(file, List.of(List.of(rgb)));
    }
}
