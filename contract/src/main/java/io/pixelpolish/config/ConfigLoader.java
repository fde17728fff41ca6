package io.pixelpolish.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the effective config: layers merged in order (mappings deep-merged, lists and scalars
 * replaced), then {@code a.b=v} assignments, then strict binding to {@link PixelPolishConfig}. An
 * unknown key, a wrong type or a bad value fails with the key path, where it came from and what was
 * expected.
 */
public final class ConfigLoader {
    static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            // A key given twice in one file is a mistake YAML parsers otherwise settle silently (the last wins).
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_CREATOR_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();

    private ConfigLoader() {}

    /** The command-line form: a base file or built-in name, override files in order, then dotlist. */
    public static EffectiveConfig load(String config, List<String> overrides, List<String> assignments) {
        List<ConfigLayer> layers = new ArrayList<>();
        layers.add(ConfigLayer.resolve(config));
        overrides.forEach(o -> layers.add(ConfigLayer.resolve(o)));
        return compose(layers, assignments);
    }

    public static EffectiveConfig compose(List<ConfigLayer> layers, List<String> assignments) {
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("at least one config layer is needed");
        }
        ObjectNode merged = YAML.createObjectNode();
        for (ConfigLayer layer : layers) {
            deepMerge(merged, layer.tree());
        }
        List<ConfigLayer> all = new ArrayList<>(layers);
        for (String assignment : assignments) {
            ConfigLayer layer = assignmentLayer(assignment);
            deepMerge(merged, layer.tree());
            all.add(layer);
        }
        PixelPolishConfig config = bind(merged, all);
        List<String> problems = ConfigValidator.validate(config);
        if (!problems.isEmpty()) {
            throw new ConfigException(describe(all), problems);
        }
        return new EffectiveConfig(config, all.stream().map(ConfigLayer::source).toList());
    }

    /**
     * The config a checkpoint or run folder recorded, read over the current base config so that keys
     * added since it was written take their defaults.
     */
    public static EffectiveConfig recorded(String source, String yaml) {
        return compose(List.of(ConfigLayer.builtin("base"), ConfigLayer.parse(source, yaml)), List.of());
    }

    /** Parses {@code a.b.c=value}; the value is read as YAML, so numbers, booleans and [lists] work. */
    static ConfigLayer assignmentLayer(String assignment) {
        int eq = assignment.indexOf('=');
        String source = "--set " + assignment;
        if (eq <= 0) {
            throw new ConfigException(source, "expected key.path=value");
        }
        String[] keys = assignment.substring(0, eq).trim().split("\\.", -1);
        if (Arrays.stream(keys).anyMatch(String::isBlank)) {
            throw new ConfigException(source, "key path has an empty part: '" + assignment.substring(0, eq) + "'");
        }
        JsonNode value;
        try {
            String text = assignment.substring(eq + 1);
            value = text.isBlank() ? YAML.getNodeFactory().textNode("") : YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw new ConfigException(source, "value is not valid YAML: " + e.getOriginalMessage());
        }
        ObjectNode root = YAML.createObjectNode();
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            node = node.putObject(keys[i]);
        }
        node.set(keys[keys.length - 1], value);
        return new ConfigLayer(source, root);
    }

    private static void deepMerge(ObjectNode target, ObjectNode source) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode existing = target.get(field.getKey());
            if (existing instanceof ObjectNode existingObject && field.getValue() instanceof ObjectNode incoming) {
                deepMerge(existingObject, incoming);
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    private static PixelPolishConfig bind(ObjectNode merged, List<ConfigLayer> layers) {
        try {
            return YAML.treeToValue(merged, PixelPolishConfig.class);
        } catch (JsonMappingException e) {
            String path = keyPath(e.getPath());
            throw new ConfigException(sourceOf(path, layers), explain(path, e, merged.at(pointer(e.getPath()))));
        } catch (JsonProcessingException e) {
            throw new ConfigException(describe(layers), e.getOriginalMessage());
        }
    }

    private static String explain(String path, JsonMappingException e, JsonNode actual) {
        if (e instanceof UnrecognizedPropertyException u) {
            String section = path.contains(".") ? path.substring(0, path.lastIndexOf('.')) : "the top level";
            String known = u.getKnownPropertyIds().stream()
                    .map(Object::toString)
                    .sorted()
                    .collect(Collectors.joining(", "));
            return "unknown key '" + path + "'; known keys in " + section + ": " + known;
        }
        if (actual.isMissingNode() || actual.isNull()) {
            return path + ": missing; a base config must set every key (start from configs/base.yaml)";
        }
        if (e instanceof InvalidFormatException f) {
            return path + ": expected " + expectedType(f.getTargetType()) + ", got '" + f.getValue() + "'";
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            return path + ": expected " + expectedType(m.getTargetType()) + ", got " + actual;
        }
        return path + ": " + e.getOriginalMessage();
    }

    private static String expectedType(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type.isEnum()) {
            return "one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(c -> c.toString().toLowerCase())
                            .collect(Collectors.joining("|"));
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "an integer";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == PixelPolishConfig.Range.class) {
            return "a [min, max] pair of numbers";
        }
        if (type.isRecord()) {
            return "a mapping (section " + type.getSimpleName() + ")";
        }
        if (List.class.isAssignableFrom(type)) {
            return "a list";
        }
        return type.getSimpleName();
    }

    private static com.fasterxml.jackson.core.JsonPointer pointer(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : String.valueOf(ref.getIndex()));
        }
        return com.fasterxml.jackson.core.JsonPointer.compile(sb.toString());
    }

    private static String keyPath(List<JsonMappingException.Reference> refs) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : refs) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "<root>" : sb.toString();
    }

    /** The last layer that set {@code path} (or its nearest parent), since later layers win. */
    private static String sourceOf(String path, List<ConfigLayer> layers) {
        String[] keys = path.replaceAll("\\[\\d+]", "").split("\\.");
        for (int depth = keys.length; depth > 0; depth--) {
            for (int i = layers.size() - 1; i >= 0; i--) {
                JsonNode node = layers.get(i).tree();
                for (int k = 0; k < depth && node != null; k++) {
                    node = node.get(keys[k]);
                }
                if (node != null) {
                    return layers.get(i).source();
                }
            }
        }
        return describe(layers);
    }

    private static String describe(List<ConfigLayer> layers) {
        return layers.stream().map(ConfigLayer::source).collect(Collectors.joining(" + "));
    }

    /** The config as YAML, every key present: what a run folder's config.yaml holds. */
    public static String toYaml(PixelPolishConfig config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("config cannot be written as YAML", e);
        }
    }

    /** The config as a flat map of dotted keys to values, e.g. for experiment-tracking parameters. */
    public static Map<String, String> flatten(PixelPolishConfig config) {
        Map<String, String> flat = new java.util.LinkedHashMap<>();
        flattenInto("", YAML.valueToTree(config), flat);
        return flat;
    }

    private static void flattenInto(String prefix, JsonNode node, Map<String, String> out) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(f ->
                            flattenInto(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(), f.getValue(), out));
        } else if (node.isArray()) {
            out.put(prefix, node.toString());
        } else {
            out.put(prefix, node.asText());
        }
    }
}
