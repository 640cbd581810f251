package org.rspharness.smdp.es2;

import java.util.Optional;
import java.util.Set;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es2.CancelOrderRequest;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.ReleaseProfileRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.function.HttpSupport;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;

/**
 * SGP.22 section 6.5 JSON binding of ES2+: routes POST {@code /gsma/rsp2/es2plus/<function>} to
 * {@link Es2PlusService}, with the same header checks, strict decoding and never-500 rule as ES9+.
 * Mutual TLS (who may call) is the transport's business.
 */
public final class Es2PlusEndpoint implements RspHttpHandler {

  /** The path prefix of ES2+. */
  public static final String PREFIX = "/gsma/rsp2/es2plus/";

  /** The ES2+ functions of SGP.22 section 5.3 the SM-DP+ serves (the last path segment). */
  public static final Set<String> FUNCTIONS =
      Set.of("downloadOrder", "confirmOrder", "cancelOrder", "releaseProfile");

  private final Es2PlusService service;
  private final Quirks quirks;
  private final EventLog events;

  public Es2PlusEndpoint(Es2PlusService service, Quirks quirks, EventLog events) {
    this.service = service;
    this.quirks = quirks;
    this.events = events;
  }

  @Override
  public RspHttpResponse handle(RspHttpRequest request) {
    String protocol = HttpSupport.protocolOf(request);
    String path = request.path() == null ? "" : request.path();
    if (!path.startsWith(PREFIX) || !FUNCTIONS.contains(path.substring(PREFIX.length()))) {
      return HttpSupport.empty(404, protocol);
    }
    String function = path.substring(PREFIX.length());
    if (!"POST".equals(request.method())) {
      return HttpSupport.empty(405, protocol);
    }
    if (quirks.has(Quirk.HTTP_500_HTML) && function.equals(quirks.http500Function())) {
      return HttpSupport.html500();
    }
    Optional<StatusCode> headerProblem = HttpSupport.checkHeaders(request);
    if (headerProblem.isPresent()) {
      return HttpSupport.failure(
          headerProblem.get(), headerProblem.get().meaning(), protocol, quirks);
    }
    RspJson json =
        quirks.has(Quirk.LENIENT_IDENTIFIERS) ? RspJson.strictLenientIds() : RspJson.strict();
    try {
      Object response =
          switch (function) {
            case "downloadOrder" ->
                service.downloadOrder(json.read(request.body(), DownloadOrderRequest.class));
            case "confirmOrder" ->
                service.confirmOrder(json.read(request.body(), ConfirmOrderRequest.class));
            case "cancelOrder" ->
                service.cancelOrder(json.read(request.body(), CancelOrderRequest.class));
            case "releaseProfile" ->
                service.releaseProfile(json.read(request.body(), ReleaseProfileRequest.class));
            default -> throw new IllegalStateException(function);
          };
      return HttpSupport.json(json.write(response), protocol);
    } catch (CodecException e) {
      return HttpSupport.failure(
          HttpSupport.codeFor(e),
          e.getMessage()
              + (e.location() == null || e.location().isEmpty() ? "" : " at " + e.location()),
          protocol,
          quirks);
    } catch (RuntimeException e) {
      events.emit("smdp", new EventPayload.Note("es2+ " + function + " internal error: " + e));
      return HttpSupport.failure(SmdpCodes.INTERNAL, "internal error", protocol, quirks);
    }
  }
}
