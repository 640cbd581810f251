package org.rspharness.load;

import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.transport.http.RspHttpServer;
import org.rspharness.smdp.transport.SmdpServer;

/**
 * A remote SM-DP+ at {@code https://host[:port]}: its orders must exist already; the run uses the
 * given matchingIds, one per download attempt, in order, and stops when they are used up. The PKI
 * directory gives the CI the LPAs trust and the EUM that issues the virtual eUICCs' certificates
 * (the SM-DP+ must trust that CI).
 */
public final class RemoteSmdp implements LoadTarget {

  private final URI url;
  private final CredentialSource pki;
  private final List<String> matchingIds;
  private final AtomicInteger next = new AtomicInteger();
  private final MeterRegistry registry = SmdpServer.newRegistry();
  private final RspHttpServer metrics;
  private final String address;
  private final Map<String, String> resolve;

  /**
   * @param url the SM-DP+ base URL, {@code https://host[:port]}
   * @param matchingIds one per download attempt
   * @param metricsPort where to serve the run's meters (plain HTTP /metrics), -1 for nowhere
   * @param resolve host names to dial at other addresses instead of asking DNS (may be empty)
   */
  public RemoteSmdp(
      URI url,
      CredentialSource pki,
      List<String> matchingIds,
      int metricsPort,
      Map<String, String> resolve) {
    if (url == null || !"https".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("smdp: expected https://host[:port], got " + url);
    }
    if (matchingIds.isEmpty()) {
      throw new IllegalArgumentException(
          "matchingIds: a remote SM-DP+ needs released orders; give their matchingIds");
    }
    this.url = url;
    this.pki = pki;
    this.matchingIds = List.copyOf(matchingIds);
    this.resolve = Map.copyOf(resolve);
    this.address = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    this.metrics =
        metricsPort < 0
            ? null
            : RspHttpServer.start(
                RspHttpServer.Config.plain(
                    "127.0.0.1", metricsPort, 64 * 1024, 60, 1, "load.metrics"),
                SmdpServer.scrapeHandler(registry),
                EventLog.disabled());
  }

  @Override
  public CredentialSource pki() {
    return pki;
  }

  @Override
  public Map<String, String> resolve() {
    return resolve;
  }

  @Override
  public ActivationCode nextActivationCode() {
    int i = next.getAndIncrement();
    if (i >= matchingIds.size()) {
      return null;
    }
    return ActivationCode.parse("LPA:1$" + address + "$" + matchingIds.get(i));
  }

  @Override
  public MeterRegistry registry() {
    return registry;
  }

  @Override
  public String describe() {
    return "remote SM-DP+ " + url + " (" + matchingIds.size() + " matchingIds)";
  }

  @Override
  public void close() {
    if (metrics != null) {
      metrics.close();
    }
  }
}
