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

  /**
   * The table the devices' ES9+ clients use: a remote SM-DP+ URL with a port keeps that port for
   * its host, since an SM-DP+ signs and hands out its address without one (e.g. confirmOrder's
   * smdpAddress of {@code smdp serve --host HOST}), which would otherwise be dialled on 443. The
   * operator's ES2+ client keeps {@link #resolve()} as given (its URL carries its own port).
   */
  public java.util.Map<String, String> es9Resolve() {
    java.util.Map<String, String> table = new java.util.LinkedHashMap<>(resolve);
    if (smdp instanceof Smdp.Remote r && r.url().getPort() > 0 && r.url().getHost() != null) {
      String host = r.url().getHost().toLowerCase(java.util.Locale.ROOT);
      String port = String.valueOf(r.url().getPort());
      String to = table.get(host);
      if (to == null) {
        table.put(host, host + ":" + port);
      } else if (!hasPort(to)) {
        table.put(host, to + ":" + port);
      }
    }
    return java.util.Map.copyOf(table);
  }

  private static boolean hasPort(String address) {
    return address.startsWith("[")
        ? address.matches("\\[.*]:\\d+")
        : address.indexOf(':') > 0 && address.indexOf(':') == address.lastIndexOf(':');
  }

  /** A target without a resolve table. */
  public EngineTarget(Smdp smdp, Path pki) {
    this(smdp, pki, null);
  }
}
