package io.pixelpolish.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** The manifests `helm template` renders from the chart, parsed into Fabric8's typed objects. */
public final class RenderedChart {
    public static final String RELEASE = "pp";
    public static final String NAMESPACE = "pixelpolish-system";
    /** Helm's offline default (1.20) is older than the chart's kubeVersion; Job podFailurePolicy needs 1.26+. */
    public static final String KUBE_VERSION = "1.31.0";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<HasMetadata> objects;

    private RenderedChart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    public static Path chart() {
        return repoRoot().resolve("charts").resolve("pixelpolish");
    }

    /** Maven sets pixelpolish.repo.root; from an IDE the tests run in charts/. */
    public static Path repoRoot() {
        String root = System.getProperty("pixelpolish.repo.root");
        return (root != null ? Path.of(root) : Path.of("..")).toAbsolutePath().normalize();
    }

    public static Path valuesFile(String name) {
        return repoRoot().resolve("charts/src/test/resources/values").resolve(name);
    }

    public static RenderedChart withDefaults() {
        return render(command -> command);
    }

    public static RenderedChart withValues(String valuesFileName) {
        return render(command -> command.withValuesFile(valuesFile(valuesFileName)));
    }

    public static RenderedChart render(UnaryOperator<TemplateCommand> options) {
        String manifests = options.apply(new Helm(chart())
                        .template()
                        .withName(RELEASE)
                        .withNamespace(NAMESPACE)
                        .withKubeVersion(KUBE_VERSION))
                .call();
        return new RenderedChart(parse(manifests));
    }

    private static List<HasMetadata> parse(String manifests) {
        List<HasMetadata> objects = new ArrayList<>();
        try (var documents = YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests)) {
            while (documents.hasNext()) {
                JsonNode document = documents.next();
                if (document != null && !document.isEmpty()) {
                    objects.add(SERIALIZATION.convertValue(document, HasMetadata.class));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return objects;
    }

    public List<HasMetadata> all() {
        return objects;
    }

    public <T extends HasMetadata> List<T> all(Class<T> kind) {
        return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> kind, String name) {
        return all(kind).stream()
                .filter(o -> o.getMetadata().getName().equals(name))
                .findFirst();
    }

    public <T extends HasMetadata> T get(Class<T> kind, String name) {
        return find(kind, name)
                .orElseThrow(() -> new AssertionError("no " + kind.getSimpleName() + " " + name + " among "
                        + objects.stream()
                                .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                                .toList()));
    }
}
