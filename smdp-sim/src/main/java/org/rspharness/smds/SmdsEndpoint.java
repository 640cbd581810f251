package org.rspharness.smds;

import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.Set;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es11.InitiateAuthenticationRequestEs11;
import org.rspharness.core.es12.DeleteEventRequest;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.Es9Asn1Binding;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Role;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.smdp.es9.Es9Asn1Endpoint;
import org.rspharness.smdp.function.HttpSupport;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.quirk.Quirks;
import org.rspharness.smds.es11.Es11Service;
import org.rspharness.smds.es12.Es12Service;

/**
 * SGP.22 sections 6.5 (JSON binding) for the SM-DS: ES11 at {@code /gsma/rsp2/es11/<function>} and,
 * as LPAs in the field send it, at {@code /gsma/rsp2/es9plus/<function>}; ES12 at {@code
 * /gsma/rsp2/es12/<function>} for callers whose mutual-TLS certificate is an SM-DP+'s (DPtls) or
 * another SM-DS's (DStls), HTTP 403 for anyone else; ES11 also in the SGP.22 v3 ASN.1 binding at
 * {@code /gsma/rsp2/asn1}. Function errors are SGP.22 codes in an HTTP 200 body (ASN.1 error
 * INTEGERs in that binding), never a 500.
 */
public final class SmdsEndpoint implements RspHttpHandler {

  /** The ES11 path prefix of SGP.22 section 6.5. */
  public static final String ES11 = "/gsma/rsp2/es11/";

  /** The ES9+ prefix, on which field LPAs send their ES11 calls. */
  public static final String ES9PLUS = "/gsma/rsp2/es9plus/";

  /** The ES12 path prefix. */
  public static final String ES12 = "/gsma/rsp2/es12/";

  private static final Set<String> ES11_FUNCTIONS =
      Set.of("initiateAuthentication", "authenticateClient");
  private static final Set<String> ES12_FUNCTIONS = Set.of("registerEvent", "deleteEvent");

  private final Es11Service es11;
  private final Es12Service es12;
  private final boolean servesEs12;
  private final EventLog events;
  private final String source;
  private final Es9Asn1Endpoint asn1;

  SmdsEndpoint(
      Es11Service es11, Es12Service es12, boolean servesEs12, EventLog events, String src) {
    this.es11 = es11;
    this.es12 = es12;
    this.servesEs12 = servesEs12;
    this.events = events;
    this.source = src;
    this.asn1 = new Es9Asn1Endpoint(this, SmdsEndpoint::es11Route, events, src);
  }

  /**
   * SGP.22 v3 ES11 in the ASN.1 binding: InitiateAuthentication (BF39, the SM-DS's address in
   * smdpAddress) and AuthenticateClient (BF3B, answered by authenticateClientResponseEs11, BF40),
   * served through the JSON ES11 functions; the other functions are not the SM-DS's.
   */
  private static Es9Asn1Endpoint.Route es11Route(Es9Asn1Binding.Request r) {
    if (r.message() instanceof InitiateAuthenticationRequest ia) {
      return new Es9Asn1Endpoint.Route(
          ES11 + "initiateAuthentication",
          new InitiateAuthenticationRequestEs11(
              ia.euiccChallenge(), ia.euiccInfo1(), ia.smdpAddress()),
          InitiateAuthenticationResponse.class,
          Es9Asn1Binding.INITIATE_AUTHENTICATION_ES11);
    }
    if (r.message() instanceof AuthenticateClientRequest) {
      return new Es9Asn1Endpoint.Route(
          ES11 + "authenticateClient",
          r.message(),
          AuthenticateClientResponseEs11.class,
          Es9Asn1Binding.AUTHENTICATE_CLIENT_ES11);
    }
    return null;
  }

  @Override
  public RspHttpResponse handle(RspHttpRequest request) {
    String protocol = HttpSupport.protocolOf(request);
    String path = request.path() == null ? "" : request.path();
    if (!servesEs12 && Es9Asn1Binding.PATH.equals(path)) {
      return asn1.handle(request);
    }
    String function;
    boolean es12Call;
    if (servesEs12 && path.startsWith(ES12)) {
      function = path.substring(ES12.length());
      es12Call = true;
      if (!ES12_FUNCTIONS.contains(function)) {
        return HttpSupport.empty(404, protocol);
      }
    } else if (!servesEs12 && (path.startsWith(ES11) || path.startsWith(ES9PLUS))) {
      function = path.substring(path.startsWith(ES11) ? ES11.length() : ES9PLUS.length());
      es12Call = false;
      if (!ES11_FUNCTIONS.contains(function)) {
        return HttpSupport.empty(404, protocol);
      }
    } else {
      return HttpSupport.empty(404, protocol);
    }
    if (!"POST".equals(request.method())) {
      return HttpSupport.empty(405, protocol);
    }
    if (es12Call && !rspServer(request)) {
      events.emit(
          source,
          new EventPayload.Note(
              "ES12 " + function + " refused: the client certificate is no DPtls or DStls"));
      return HttpSupport.empty(403, protocol);
    }
    Optional<StatusCode> headerProblem = HttpSupport.checkHeaders(request);
    if (headerProblem.isPresent()) {
      return HttpSupport.failure(
          headerProblem.get(), headerProblem.get().meaning(), protocol, Quirks.none());
    }
    RspJson json = RspJson.strict();
    try {
      Object out =
          switch (function) {
            case "initiateAuthentication" ->
                es11.initiateAuthentication(
                    json.read(request.body(), InitiateAuthenticationRequestEs11.class));
            case "authenticateClient" ->
                es11.authenticateClient(json.read(request.body(), AuthenticateClientRequest.class));
            case "registerEvent" ->
                es12.registerEvent(json.read(request.body(), RegisterEventRequest.class));
            default -> es12.deleteEvent(json.read(request.body(), DeleteEventRequest.class));
          };
      return HttpSupport.json(json.write(out), protocol);
    } catch (CodecException e) {
      return HttpSupport.failure(HttpSupport.codeFor(e), e.getMessage(), protocol, Quirks.none());
    } catch (RuntimeException e) {
      events.emit(source, new EventPayload.Note("SM-DS " + function + " internal error: " + e));
      return HttpSupport.failure(SmdpCodes.INTERNAL, "internal error", protocol, Quirks.none());
    }
  }

  /** SGP.22 section 2.6.6: an ES12 client is an SM-DP+ (DPtls) or, for ES15, an SM-DS (DStls). */
  private static boolean rspServer(RspHttpRequest request) {
    if (request.peerCertificates().isEmpty()) {
      return false;
    }
    X509Certificate leaf = request.peerCertificates().get(0);
    Optional<Role> role = CertFacts.role(leaf);
    return role.equals(Optional.of(Role.DP_TLS)) || role.equals(Optional.of(Role.DS_TLS));
  }
}
