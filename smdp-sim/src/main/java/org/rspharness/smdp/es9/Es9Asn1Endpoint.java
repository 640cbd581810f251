package org.rspharness.smdp.es9;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.message.RspResponse;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.function.HttpSupport;

/**
 * SGP.22 v3 section 6.6 ASN.1 binding: POST {@value Es9Asn1Binding#PATH} with a
 * RemoteProfileProvisioningRequest, answered with a RemoteProfileProvisioningResponse, function
 * errors included (their ASN.1 error INTEGER); handleNotification answers 204. Each request is
 * served by the JSON binding's handler of the same server, so both bindings run the same checks
 * (X-Admin-Protocol included), the same protocol faults and quirks: the request is handed to it as
 * JSON and its answer re-encoded. An HTTP answer that is no function result (an injected HTTP
 * error, a quirk's HTML page) stays as it is. What the binding cannot carry as a function error
 * gets an HTTP status and no body: 415 for another media type, 400 for a body that is no
 * RemoteProfileProvisioningRequest or a function this server does not serve; never a 500.
 */
public final class Es9Asn1Endpoint implements RspHttpHandler {

  /**
   * Where a decoded request goes in the JSON binding and how its answer comes back.
   *
   * @param jsonPath the JSON binding's path, e.g. {@code /gsma/rsp2/es9plus/authenticateClient}
   * @param jsonRequest the request record to send as JSON
   * @param responseType the JSON answer's record, or null for handleNotification (no body)
   * @param asn1Function the function whose response CHOICE carries the answer ({@link
   *     Es9Asn1Binding#encodeResponse})
   */
  public record Route(
      String jsonPath,
      Object jsonRequest,
      Class<? extends RspResponse> responseType,
      String asn1Function) {}

  private final RspHttpHandler json;
  private final Function<Es9Asn1Binding.Request, Route> routes;
  private final EventLog events;
  private final String source;

  /**
   * The binding in front of {@code json}; {@code routes} answers null for a function this server
   * does not serve.
   */
  public Es9Asn1Endpoint(
      RspHttpHandler json,
      Function<Es9Asn1Binding.Request, Route> routes,
      EventLog events,
      String source) {
    this.json = json;
    this.routes = routes;
    this.events = events;
    this.source = source;
  }

  /** The SM-DP+'s ES9+ in this binding, served by {@code es9Json} (the JSON ES9+ handler). */
  public static Es9Asn1Endpoint es9(RspHttpHandler es9Json, EventLog events) {
    return new Es9Asn1Endpoint(es9Json, Es9Asn1Endpoint::es9Route, events, "smdp");
  }

  private static Route es9Route(Es9Asn1Binding.Request r) {
    String path = Es9PlusEndpoint.PREFIX + r.function();
    Class<? extends RspResponse> type =
        switch (r.function()) {
          case "initiateAuthentication" -> InitiateAuthenticationResponse.class;
          case "authenticateClient" -> AuthenticateClientResponseEs9.class;
          case "getBoundProfilePackage" -> GetBoundProfilePackageResponse.class;
          case "cancelSession" -> CancelSessionResponseEs9.class;
          default -> null; // handleNotification
        };
    return new Route(path, r.message(), type, r.function());
  }

  @Override
  public RspHttpResponse handle(RspHttpRequest request) {
    String protocol = HttpSupport.protocolOf(request);
    if (!Es9Asn1Binding.PATH.equals(request.path())) {
      return HttpSupport.empty(404, protocol);
    }
    if (!"POST".equals(request.method())) {
      return HttpSupport.empty(405, protocol);
    }
    String ct = request.header("content-type");
    String mediaType = ct == null ? "" : ct.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!mediaType.equals(Es9Asn1Binding.CONTENT_TYPE)) {
      return HttpSupport.empty(415, protocol);
    }
    Es9Asn1Binding.Request decoded;
    try {
      decoded = Es9Asn1Binding.decodeRequest(request.body());
    } catch (CodecException e) {
      events.emit(source, new EventPayload.Note("ASN.1 request refused: " + e.getMessage()));
      return HttpSupport.empty(400, protocol);
    }
    String function = decoded.function();
    Route route = routes.apply(decoded);
    if (route == null) {
      events.emit(source, new EventPayload.Note("ASN.1 " + function + " is not served here"));
      return HttpSupport.empty(400, protocol);
    }
    try {
      Map<String, String> headers = new LinkedHashMap<>(request.headers());
      headers.put("content-type", "application/json;charset=UTF-8");
      RspHttpResponse answer =
          json.handle(
              new RspHttpRequest(
                  "POST",
                  route.jsonPath(),
                  headers,
                  RspJson.strict().write(route.jsonRequest()),
                  request.remoteAddress(),
                  request.peerCertificates()));
      if (route.responseType() == null || answer.status() != 200) {
        // no function result to re-encode: handleNotification's 204, or an HTTP failure
        return answer.status() == 200 || answer.status() == 204
            ? HttpSupport.empty(answer.status(), protocol)
            : answer;
      }
      RspResponse out = RspJson.lenient().read(answer.body(), route.responseType());
      Map<String, String> h = new LinkedHashMap<>();
      h.put("Content-Type", Es9Asn1Binding.CONTENT_TYPE);
      h.put("X-Admin-Protocol", protocol);
      return new RspHttpResponse(200, h, Es9Asn1Binding.encodeResponse(route.asn1Function(), out));
    } catch (RuntimeException e) {
      events.emit(source, new EventPayload.Note("ASN.1 " + function + " error: " + e));
      return HttpSupport.empty(400, protocol);
    }
  }
}
