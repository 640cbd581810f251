package org.rspharness.scenario.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rspharness.core.crypto.Curve;
import org.rspharness.lpa.LpaBehaviour;

/**
 * A staged rollout: stages of virtual devices run in order against the scenario's SM-DP+, each
 * gated by the acceptance thresholds of the stage before it. A scenario's load runs after its steps
 * (a scenario may have steps, a load, or both) and before its end-of-scenario expectations.
 *
 * @param curve the curve of every virtual eUICC (and of the SM-DP+ port they dial)
 * @param lpa the behaviour of every virtual device's LPA (a preset and settings, as a device's
 *     {@code lpa})
 * @param stages the stages, in order (names unique)
 */
public record Load(Curve curve, LpaBehaviour lpa, List<Stage> stages) {

  /** Stages with the {@code spec} LPA behaviour. */
  public Load(Curve curve, List<Stage> stages) {
    this(curve, null, stages);
  }

  /** Checks the stages; a missing curve is NIST P-256, a missing behaviour {@code spec}. */
  public Load {
    curve = curve == null ? Curve.NIST_P256 : curve;
    lpa = lpa == null ? LpaBehaviour.SPEC : lpa;
    if (stages == null || stages.isEmpty()) {
      throw new IllegalArgumentException("stages: expected at least one stage");
    }
    stages = List.copyOf(stages);
    Set<String> names = new HashSet<>();
    for (int i = 0; i < stages.size(); i++) {
      if (!names.add(stages.get(i).name())) {
        throw new IllegalArgumentException(
            "stages[" + i + "].name: stage name '" + stages.get(i).name() + "' appears twice");
      }
    }
  }
}
