package io.pixelpolish.operator.mlflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pixelpolish.contract.metrics.Metric;
import io.pixelpolish.contract.metrics.ValidationMeasure;
import io.pixelpolish.operator.api.AblationStatus;
import io.pixelpolish.operator.api.ArmStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The sweep's results as one table, a row per TrainingRun and a column per pooled validation
 * measure any run reported, in MLflow's table format ({@code {"columns": [...], "data": [[...]]}},
 * what {@code mlflow.log_table} writes), so the MLflow UI shows the arms side by side on the
 * parent run.
 */
final class SweepTable {
    static final String ARTIFACT = "sweep_results.json";
    /** The tag through which the MLflow UI finds a run's tables, as {@code mlflow.log_table} sets it. */
    static final String LOGGED_ARTIFACTS_TAG = "mlflow.loggedArtifacts";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIXED_COLUMNS =
            List.of("arm", "repeat", "seed", "training_run", "phase", "objective");

    private SweepTable() {}

    static String json(AblationStatus status) {
        List<ArmStatus> rows = status.arms() == null ? List.of() : status.arms();
        List<String> measures = new ArrayList<>();
        for (ValidationMeasure measure : ValidationMeasure.values()) {
            String key = Metric.validation(measure.measureName());
            if (rows.stream()
                    .anyMatch(
                            row -> row.validation() != null && row.validation().containsKey(key))) {
                measures.add(key);
            }
        }
        ObjectNode table = JSON.createObjectNode();
        ArrayNode columns = table.putArray("columns");
        FIXED_COLUMNS.forEach(columns::add);
        measures.forEach(columns::add);
        ArrayNode data = table.putArray("data");
        for (ArmStatus row : rows) {
            ArrayNode cells = data.addArray()
                    .add(row.name())
                    .add(row.repeat())
                    .add(row.seed())
                    .add(row.trainingRun())
                    .add(row.phase() == null ? null : row.phase().name())
                    .add(row.objectiveValue());
            Map<String, Double> validation = row.validation() == null ? Map.of() : row.validation();
            measures.forEach(key -> cells.add(validation.get(key)));
        }
        return table.toString();
    }

    /** The value of {@link #LOGGED_ARTIFACTS_TAG} that lists {@link #ARTIFACT} as a table. */
    static String loggedArtifacts() {
        ArrayNode logged = JSON.createArrayNode();
        logged.addObject().put("path", ARTIFACT).put("type", "table");
        return logged.toString();
    }
}
