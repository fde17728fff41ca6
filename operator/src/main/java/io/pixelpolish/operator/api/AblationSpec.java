package io.pixelpolish.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/**
 * The sweep: every named arm (or the template alone) crossed with every point of the parameter
 * grid, each run {@code repeats} times with seeds 0, 1, ... Only suspend, parallelism and
 * maxFailedArms can change once the sweep exists ({@code crd.FixedSpecRule}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
        value = "!has(self.parameters) || self.parameters.all(p, self.parameters.exists_one(q, q.path == p.path))",
        message = "parameters: expected each path once")
@ValidationRule(
        value = "!has(self.arms) || self.arms.all(a, self.arms.exists_one(b, b.name == a.name))",
        message = "arms: expected unique names")
// The metric resolves as Objective.resolve does: unset, it is val/quality exactly when the template validates.
@ValidationRule(
        value = "!has(self.objective) || !has(self.objective.aggregation) || self.objective.aggregation == 'last'"
                + " || (has(self.objective.metric) ? self.objective.metric.startsWith('val/')"
                + " : has(self.template.validation))",
        message = "objective.aggregation: best needs a val/* metric; a training reward has no best")
public record AblationSpec(
        @Required
        @JsonPropertyDescription(
                "The TrainingRun spec every arm starts from; an arm adds its set keys, its grid values and"
                        + " its seed to config.set.")
        TrainingRunSpec template,

        @Size(max = 8) @JsonPropertyDescription("Config keys to sweep; their values are crossed into a grid.")
        List<SweepParameter> parameters,

        @Size(max = 32)
        @JsonPropertyDescription(
                "Named override sets compared against each other (e.g. ppo-scalar, ppo-pixel, grpo); each is"
                        + " crossed with the parameter grid.")
        List<ArmSpec> arms,

        @Min(1)
        @Default("1")
        @JsonPropertyDescription("Runs of every arm, with seeds 0 to repeats-1 (sets the config key seed).")
        Integer repeats,

        @Min(1) @Default("1") @JsonPropertyDescription("TrainingRuns active at the same time.")
        Integer parallelism,

        @Min(0)
        @Default("0")
        @JsonPropertyDescription(
                "Failed TrainingRuns tolerated; one more stops the remaining runs and fails the Ablation.")
        Integer maxFailedArms,

        @JsonPropertyDescription("The metric that ranks arms. Unset: maximize val/quality (the latest) when the"
                + " template has validation, else maximize rewards/mean.")
        Objective objective,

        @JsonPropertyDescription("Stop runs that fall behind the others early.")
        EarlyStopping earlyStopping,

        @Default("false") @JsonPropertyDescription("Suspend every active run and start no new one; false resumes them.")
        Boolean suspend) {

    public boolean suspended() {
        return Boolean.TRUE.equals(suspend);
    }

    public int effectiveRepeats() {
        return repeats == null ? 1 : repeats;
    }

    public int effectiveParallelism() {
        return parallelism == null ? 1 : parallelism;
    }

    public int failureBudget() {
        return maxFailedArms == null ? 0 : maxFailedArms;
    }

    public Objective effectiveObjective() {
        return Objective.resolve(objective, template.validation() != null);
    }

    public List<SweepParameter> gridParameters() {
        return parameters == null ? List.of() : parameters;
    }

    public List<ArmSpec> namedArms() {
        return arms == null ? List.of() : arms;
    }
}
