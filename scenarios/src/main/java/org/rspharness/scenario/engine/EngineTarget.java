package org.rspharness.scenario.engine;

import java.nio.file.Path;
import org.rspharness.scenario.model.Smdp;

/**
 * What {@code rsp-harness run --smdp URL --pki DIR} puts in place of each scenario's own topology:
 * a remote SM-DP+ (with its ES2+ access when given) and the PKI its certificates come from. Null
 * parts keep the scenario's choice.
 *
 * @param smdp the SM-DP+ to use instead of the scenario's
 * @param pki a PKI directory (e.g. SGP.26) to use instead of the scenario's
 * @param resolve host names the LPAs and the operator dial elsewhere ({@code host -> ip[:port]})
 */
public record EngineTarget(Smdp smdp, Path pki, java.util.Map<String, String> resolve) {
  /** Copies the table. */
  public EngineTarget {
    resolve = resolve == null ? java.util.Map.of() : java.util.Map.copyOf(resolve);
  }

  /** A target without a resolve table. */
  public EngineTarget(Smdp smdp, Path pki) {
    this(smdp, pki, null);
  }
}
