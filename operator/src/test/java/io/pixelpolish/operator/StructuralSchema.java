package io.pixelpolish.operator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks an object against a CRD's OpenAPI schema the way the API server's structural schema does,
 * with kubectl's strict field validation: types, enums, required fields, bounds and patterns, and
 * unknown fields as errors unless the schema preserves them. CEL rules are not evaluated here.
 */
public final class StructuralSchema {
    private StructuralSchema() {}

    /** Every problem, each with its field path; empty when the object is valid. */
    public static List<String> problems(JsonNode value, JsonNode schema) {
        List<String> problems = new ArrayList<>();
        check(value, schema, "", problems);
        return problems;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
            if (!value.isIntegralNumber() && !value.isTextual()) {
                problems.add(path + ": expected an integer or a string, got " + value);
            }
            return;
        }
        String type = schema.path("type").asText("");
        boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
        if (type.isEmpty() && preserve) {
            return;
        }
        switch (type) {
            case "object" -> checkObject(value, schema, path, problems, preserve);
            case "array" -> checkArray(value, schema, path, problems);
            case "string" -> {
                if (!value.isTextual()) {
                    problems.add(path + ": expected a string, got " + value);
                } else {
                    checkString(value.asText(), schema, path, problems);
                }
            }
            case "integer" -> {
                if (!value.isIntegralNumber()) {
                    problems.add(path + ": expected an integer, got " + value);
                } else {
                    checkMinimum(value, schema, path, problems);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    problems.add(path + ": expected a number, got " + value);
                } else {
                    checkMinimum(value, schema, path, problems);
                }
            }
            case "boolean" -> {
                if (!value.isBoolean()) {
                    problems.add(path + ": expected true or false, got " + value);
                }
            }
            default -> problems.add(path + ": schema without a type: " + schema);
        }
    }

    private static void checkObject(
            JsonNode value, JsonNode schema, String path, List<String> problems, boolean preserve) {
        if (!value.isObject()) {
            problems.add(path + ": expected an object, got " + value);
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (properties.has(field.getKey())) {
                check(field.getValue(), properties.get(field.getKey()), fieldPath, problems);
            } else if (additional.isObject()) {
                check(field.getValue(), additional, fieldPath, problems);
            } else if (!preserve) {
                problems.add(fieldPath + ": unknown field");
            }
        }
        schema.path("required").forEach(required -> {
            if (!value.has(required.asText())) {
                problems.add((path.isEmpty() ? "" : path + ".") + required.asText() + ": required");
            }
        });
    }

    private static void checkArray(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (!value.isArray()) {
            problems.add(path + ": expected a list, got " + value);
            return;
        }
        if (schema.has("minItems") && value.size() < schema.get("minItems").asInt()) {
            problems.add(path + ": expected at least " + schema.get("minItems").asInt() + " items");
        }
        if (schema.has("maxItems") && value.size() > schema.get("maxItems").asInt()) {
            problems.add(path + ": expected at most " + schema.get("maxItems").asInt() + " items");
        }
        for (int i = 0; i < value.size(); i++) {
            check(value.get(i), schema.path("items"), path + "[" + i + "]", problems);
        }
    }

    private static void checkString(String text, JsonNode schema, String path, List<String> problems) {
        if (schema.has("enum")) {
            List<String> allowed = new ArrayList<>();
            schema.get("enum").forEach(e -> allowed.add(e.asText()));
            if (!allowed.contains(text)) {
                problems.add(path + ": expected one of " + allowed + ", got '" + text + "'");
            }
        }
        if (schema.has("pattern")
                && !Pattern.compile(schema.get("pattern").asText())
                        .matcher(text)
                        .find()) {
            problems.add(path + ": expected to match " + schema.get("pattern").asText() + ", got '" + text + "'");
        }
    }

    private static void checkMinimum(JsonNode value, JsonNode schema, String path, List<String> problems) {
        if (schema.has("minimum") && value.asDouble() < schema.get("minimum").asDouble()) {
            problems.add(path + ": expected >= " + schema.get("minimum").asText() + ", got " + value);
        }
    }
}
