package io.pixelpolish.reward.iqa;

import ai.djl.Device;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.pixelpolish.contract.InvalidInputException;
import io.pixelpolish.tensor.Shapes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * CLIP-IQA (Wang, Chan and Loy, "Exploring CLIP for Assessing the Look and Feel of Images", AAAI
 * 2023): how much closer CLIP puts the image to "Good photo." than to "Bad photo.", as the softmax of
 * the two cosine similarities times CLIP's logit scale of 100. Higher is better, in [0, 1].
 *
 * <p>The model is a folder of three files (see docs/iqa.md for exporting them):
 *
 * <ul>
 *   <li>{@value #IMAGE_ENCODER}: TorchScript, {@code [B, 3, H, W]} float32 RGB normalised with CLIP's
 *       mean and standard deviation, any size (CLIP-IQA runs the ResNet-50 encoder without its
 *       positional embedding), to image embeddings {@code [B, D]};
 *   <li>{@value #TEXT_ENCODER}: TorchScript, token ids {@code [N, 77]} int64 (start token, text, end
 *       token, zero padding; the end token has the highest id) to text embeddings {@code [N, D]};
 *   <li>{@value #TOKENIZER}: CLIP's BPE tokenizer in the Hugging Face tokenizers format.
 * </ul>
 *
 * <p>Input as for every {@link QualityMetric}; gray images are replicated to RGB. The prompt
 * embeddings are computed once per device and kept until {@link #close}.
 */
public final class ClipIqa extends DeviceMetric implements AutoCloseable {
    public static final String NAME = "clipiqa";
    /** The antonym pair; the score is the probability of the first. */
    public static final List<String> PROMPTS = List.of("Good photo.", "Bad photo.");

    static final String IMAGE_ENCODER = "image_encoder.pt";
    static final String TEXT_ENCODER = "text_encoder.pt";
    static final String TOKENIZER = "tokenizer.json";
    static final int CONTEXT_LENGTH = 77;
    /** CLIP's learned temperature, trained into its clamp at 100 in every released checkpoint. */
    private static final float LOGIT_SCALE = 100f;

    private static final float[] MEAN = {0.48145466f, 0.4578275f, 0.40821073f};
    private static final float[] STD = {0.26862954f, 0.26130258f, 0.27577711f};

    private final Path folder;
    private final TorchScriptModel imageEncoder;
    private final TorchScriptModel textEncoder;
    private final long[] promptTokens;
    private final Map<Device, NDManager> promptManagers = new ConcurrentHashMap<>();
    private final Map<Device, NDArray> promptEmbeddings = new ConcurrentHashMap<>();

    private ClipIqa(Path folder, TorchScriptModel imageEncoder, TorchScriptModel textEncoder, long[] promptTokens) {
        super(NAME, false);
        this.folder = folder;
        this.imageEncoder = imageEncoder;
        this.textEncoder = textEncoder;
        this.promptTokens = promptTokens;
    }

    /**
     * Opens the model folder and tokenizes the prompts; the encoders load on first use.
     *
     * @throws InvalidInputException naming the folder or file that is missing or unreadable
     */
    public static ClipIqa open(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new InvalidInputException(folder + ": expected a CLIP-IQA model folder holding "
                    + String.join(", ", IMAGE_ENCODER, TEXT_ENCODER, TOKENIZER));
        }
        return new ClipIqa(
                folder,
                new TorchScriptModel(folder.resolve(IMAGE_ENCODER)),
                new TorchScriptModel(folder.resolve(TEXT_ENCODER)),
                tokenize(folder.resolve(TOKENIZER)));
    }

    /** The prompts as CLIP token ids, {@code PROMPTS.size() x CONTEXT_LENGTH}, zero padded. */
    private static long[] tokenize(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(
                    file + ": expected the CLIP tokenizer (tokenizer.json of the Hugging Face tokenizers format)");
        }
        long[] tokens = new long[PROMPTS.size() * CONTEXT_LENGTH];
        try (HuggingFaceTokenizer tokenizer =
                HuggingFaceTokenizer.newInstance(file, Map.of("padding", "false", "truncation", "false"))) {
            for (int p = 0; p < PROMPTS.size(); p++) {
                long[] ids = tokenizer.encode(PROMPTS.get(p)).getIds();
                if (ids.length > CONTEXT_LENGTH) {
                    throw new InvalidInputException(file + ": prompt '" + PROMPTS.get(p) + "' takes " + ids.length
                            + " tokens, more than CLIP's context of " + CONTEXT_LENGTH);
                }
                System.arraycopy(ids, 0, tokens, p * CONTEXT_LENGTH, ids.length);
            }
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(file + ": cannot read the tokenizer (" + e.getMessage() + ")", e);
        }
        return tokens;
    }

    /** The token ids fed to the text encoder, one row of {@link #CONTEXT_LENGTH} per prompt. */
    long[] promptTokens() {
        return promptTokens.clone();
    }

    @Override
    NDArray compute(NDArray images) {
        long batch = images.getShape().get(0);
        NDArray rgb = ImageInput.rgb(images);
        NDManager manager = rgb.getManager();
        NDArray normalised =
                rgb.sub(manager.create(MEAN, new Shape(1, 3, 1, 1))).divi(manager.create(STD, new Shape(1, 3, 1, 1)));
        NDArray embedded = Shapes.require(
                imageEncoder.forward(normalised).singletonOrThrow(),
                folder.resolve(IMAGE_ENCODER) + " output",
                batch,
                Shapes.ANY);
        NDArray prompts = promptEmbeddings(rgb.getDevice());
        if (embedded.getShape().get(1) != prompts.getShape().get(1)) {
            throw new IllegalStateException(
                    folder + ": image embeddings have " + embedded.getShape().get(1) + " dimensions, text embeddings "
                            + prompts.getShape().get(1) + "; the encoders do not belong together");
        }
        NDArray logits = unit(embedded.toType(DataType.FLOAT32, false))
                .matMul(prompts.transpose())
                .muli(LOGIT_SCALE);
        return logits.softmax(1).get(":, 0");
    }

    /** The prompts' unit embeddings {@code [2, D]} on {@code device}, encoded on first request. */
    private NDArray promptEmbeddings(Device device) {
        return promptEmbeddings.computeIfAbsent(device, d -> {
            NDManager manager = promptManagers.computeIfAbsent(d, NDManager::newBaseManager);
            NDArray tokens = manager.create(promptTokens, new Shape(PROMPTS.size(), CONTEXT_LENGTH));
            NDArray embedded = Shapes.require(
                    textEncoder.forward(tokens).singletonOrThrow(),
                    folder.resolve(TEXT_ENCODER) + " output",
                    PROMPTS.size(),
                    Shapes.ANY);
            // Kept across calls: out of the scoring scope that frees the temporaries made here.
            NDArray prompts = unit(embedded.toType(DataType.FLOAT32, false));
            NDScope.unregister(prompts);
            return prompts;
        });
    }

    private static NDArray unit(NDArray rows) {
        return rows.div(rows.norm(new int[] {1}, true));
    }

    @Override
    public void close() {
        imageEncoder.close();
        textEncoder.close();
        promptEmbeddings.clear();
        promptManagers.values().forEach(NDManager::close);
        promptManagers.clear();
    }
}
