package org.rspharness.bench;

import java.util.Map;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.message.RspResponse;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/**
 * ES9+ in memory: the LPA's JSON goes straight into the SM-DP+'s HTTP handler, without sockets or
 * TLS, so the JSON binding and the service cost the same as over the network and the difference to
 * the TLS run is the transport's share. A failed function becomes an {@link Es9Exception} as over
 * HTTPS.
 */
final class InMemoryEs9 implements Es9Plus {

  private static final Map<String, String> HEADERS =
      Map.of(
          "content-type", "application/json;charset=UTF-8",
          "x-admin-protocol", "gsma/rsp/v2.2.0",
          "user-agent", "gsma-rsp-lpad");

  private final RspHttpHandler handler;
  private final RspJson json = RspJson.lenient();

  InMemoryEs9(RspHttpHandler handler) {
    this.handler = handler;
  }

  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smdp, InitiateAuthenticationRequest request) throws Es9Exception {
    return call("initiateAuthentication", request, InitiateAuthenticationResponse.class);
  }

  @Override
  public AuthenticateClientResponseEs9 authenticateClient(
      SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
    return call("authenticateClient", request, AuthenticateClientResponseEs9.class);
  }

  @Override
  public GetBoundProfilePackageResponse getBoundProfilePackage(
      SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
    return call("getBoundProfilePackage", request, GetBoundProfilePackageResponse.class);
  }

  @Override
  public CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
      throws Es9Exception {
    return call("cancelSession", request, CancelSessionResponseEs9.class);
  }

  @Override
  public void handleNotification(SmdpAddress address, HandleNotification request)
      throws Es9Exception {
    RspHttpResponse r = post("handleNotification", request);
    if (r.status() != 204) {
      throw new IllegalStateException("handleNotification: HTTP " + r.status());
    }
  }

  private RspHttpResponse post(String function, Object request) {
    return handler.handle(
        new RspHttpRequest(
            "POST",
            "/gsma/rsp2/es9plus/" + function,
            HEADERS,
            json.write(request),
            "in-memory",
            java.util.List.of()));
  }

  private <T extends RspResponse> T call(String function, Object request, Class<T> type)
      throws Es9Exception {
    RspHttpResponse r = post(function, request);
    if (r.status() != 200) {
      throw new IllegalStateException(function + ": HTTP " + r.status());
    }
    T decoded = json.read(r.body(), type);
    var status = decoded.header().functionExecutionStatus();
    if (status.status() == ExecutionStatus.FAILED || status.status() == ExecutionStatus.EXPIRED) {
      throw Es9Exception.functionFailed(function, status.status(), status.statusCodeData());
    }
    return decoded;
  }
}
