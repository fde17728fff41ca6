package io.pixelpolish.cli;

import io.pixelpolish.data.DataSplit;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "split",
        mixinStandardHelpOptions = true,
        description = {
            "Split an image tree into <out>/train/ and <out>/validation/ (same layout), so one folder serves",
            "train --data-root and validation.data_root without an image in both. Each image's side depends only",
            "on its path and --seed: the same on every machine, and new images never move old ones; a paired set's",
            "low/ and high/ images stay together. Hard links where possible, else copies; <out> must be new or empty."
        })
final class SplitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-root", required = true, paramLabel = "DIR", description = "Image tree to split.")
    Path dataRoot;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where train/ and validation/ go.")
    Path out;

    @Option(
            names = "--validation-fraction",
            defaultValue = "0.2",
            paramLabel = "F",
            description = "Share of the images that go to validation, in (0, 1). Default: ${DEFAULT-VALUE}.")
    double validationFraction;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Changes which images go where. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--copy", description = "Copy the images instead of hard-linking them.")
    boolean copy;

    @Override
    public Integer call() throws Exception {
        DataSplit.Summary summary = new DataSplit(dataRoot, validationFraction, seed).write(out, copy);
        spec.commandLine()
                .getOut()
                .printf(
                        "%d images in %s, %d in %s (%s)%n",
                        summary.trainImages(),
                        out.resolve(DataSplit.TRAIN),
                        summary.validationImages(),
                        out.resolve(DataSplit.VALIDATION),
                        summary.linked() ? "hard links" : "copies");
        return 0;
    }
}
