package org.rspharness.smdp.es9;

import java.util.Set;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.event.Deviations;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.core.message.ResponseHeader;
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
 * SGP.22 section 6.5 JSON binding of ES9+: routes POST {@code /gsma/rsp2/es9plus/<function>},
 * checks the headers, decodes strictly ({@link RspJson#strict()}), calls {@link Es9PlusService} and
 * writes the response. Malformed input of any kind gets a {@code Failed} header in an HTTP 200,
 * never a 500 (unless {@link Quirk#HTTP_500_HTML} asks for one); handleNotification answers 204.
 */
public final class Es9PlusEndpoint implements RspHttpHandler {

  /** The path prefix of ES9+. */
  public static final String PREFIX = "/gsma/rsp2/es9plus/";

  /** The ES9+ functions of SGP.22 section 5.6 (the last path segment). */
  public static final Set<String> FUNCTIONS =
      Set.of(
          "initiateAuthentication",
          "authenticateClient",
          "getBoundProfilePackage",
          "handleNotification",
          "cancelSession");

  private static final Set<String> BINARY_MEMBERS =
      Set.of(
          "serverSigned1",
          "serverSignature1",
          "euiccCiPKIdToBeUsed",
          "serverCertificate",
          "profileMetadata",
          "smdpSigned2",
          "smdpSignature2",
          "smdpCertificate",
          "boundProfilePackage");

  private final Es9PlusService service;
  private final Quirks quirks;
  private final EventLog events;
  private final org.rspharness.core.crypto.Curve portCurve;

  private final Deviations deviations;

  /** An endpoint that records LPA deviations and serves them (tolerant). */
  public Es9PlusEndpoint(Es9PlusService service, Quirks quirks, EventLog events) {
    this(service, quirks, events, new Deviations(events, "smdp", false), null);
  }

  /** An endpoint that treats LPA deviations as {@code deviations} says. */
  public Es9PlusEndpoint(
      Es9PlusService service, Quirks quirks, EventLog events, Deviations deviations) {
    this(service, quirks, events, deviations, null);
  }

  /** The endpoint of the ES9+ port of {@code portCurve} (null: a port serving every curve). */
  public Es9PlusEndpoint(
      Es9PlusService service,
      Quirks quirks,
      EventLog events,
      Deviations deviations,
      org.rspharness.core.crypto.Curve portCurve) {
    this.service = service;
    this.quirks = quirks;
    this.events = events;
    this.deviations = deviations;
    this.portCurve = portCurve;
  }

  @Override
  public RspHttpResponse handle(RspHttpRequest request) {
    String protocol = HttpSupport.protocolOf(request);
    String path = request.path() == null ? "" : request.path();
    if (!path.startsWith(PREFIX)) {
      return HttpSupport.empty(404, protocol);
    }
    String function = path.substring(PREFIX.length());
    if (!FUNCTIONS.contains(function)) {
      return HttpSupport.empty(404, protocol);
    }
    if (!"POST".equals(request.method())) {
      return HttpSupport.empty(405, protocol);
    }
    if (quirks.has(Quirk.HTTP_500_HTML) && function.equals(quirks.http500Function())) {
      return HttpSupport.html500();
    }
    for (StatusCode problem : HttpSupport.headerProblems(request)) {
      if (!HttpSupport.tolerated(problem, request, deviations)) {
        return HttpSupport.failure(problem, problem.meaning(), protocol, quirks);
      }
    }
    try {
      return dispatch(function, request.body(), protocol);
    } catch (CodecException e) {
      return HttpSupport.failure(
          HttpSupport.codeFor(e),
          e.getMessage()
              + (e.location() == null || e.location().isEmpty() ? "" : " at " + e.location()),
          protocol,
          quirks);
    } catch (RuntimeException e) {
      events.emit("smdp", new EventPayload.Note("es9+ " + function + " internal error: " + e));
      return HttpSupport.failure(SmdpCodes.INTERNAL, "internal error", protocol, quirks);
    }
  }

  /**
   * SGP.22 section 6.5: the request as the strict codec reads it. A body only the lenient codec
   * reads (members SGP.22 does not define, base64 with line breaks) is a deviation: served, as
   * field SM-DP+s serve it, unless strict.
   */
  private <T> T read(String function, byte[] body, Class<T> type) {
    try {
      return RspJson.strict().read(body, type);
    } catch (CodecException strictError) {
      T lenient;
      try {
        lenient = RspJson.lenient().read(body, type);
      } catch (CodecException bothFail) {
        throw strictError;
      }
      String where =
          strictError.location() == null || strictError.location().isEmpty()
              ? ""
              : " at " + strictError.location();
      if (!deviations.tolerate(
          "LPA",
          "SGP.22 6.5",
          "JSON body of " + function,
          strictError.getMessage() + where,
          "members, types and base64 as SGP.22 defines them")) {
        throw strictError;
      }
      return lenient;
    }
  }

  private RspHttpResponse dispatch(String function, byte[] body, String protocol) {
    RspJson json = RspJson.strict();
    Object response =
        switch (function) {
          case "initiateAuthentication" ->
              service.initiateAuthentication(
                  read(function, body, InitiateAuthenticationRequest.class), portCurve);
          case "authenticateClient" ->
              service.authenticateClient(read(function, body, AuthenticateClientRequest.class));
          case "getBoundProfilePackage" ->
              service.getBoundProfilePackage(
                  read(function, body, GetBoundProfilePackageRequest.class));
          case "cancelSession" ->
              service.cancelSession(read(function, body, CancelSessionRequestEs9.class));
          case "handleNotification" -> {
            service.handleNotification(read(function, body, HandleNotification.class));
            yield null;
          }
          default -> throw new IllegalStateException(function);
        };
    if (response == null) {
      if (quirks.has(Quirk.NOTIFICATION_200_INSTEAD_OF_204)) {
        return HttpSupport.json(
            json.write(
                new org.rspharness.core.es9.CancelSessionResponseEs9(
                    new ResponseHeader(
                        new FunctionExecutionStatus(ExecutionStatus.EXECUTED_SUCCESS, null)))),
            protocol);
      }
      return HttpSupport.empty(204, protocol);
    }
    byte[] out = json.write(response);
    if (quirks.has(Quirk.BASE64_LINE_BREAKS)) {
      out = HttpSupport.wrapBase64(out, BINARY_MEMBERS);
    }
    return HttpSupport.json(out, protocol);
  }
}
