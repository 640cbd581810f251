package org.rspharness.lpa.cli;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspJson;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpResponse;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/** Serves an in-memory {@link Es9Plus} as the ES9+ JSON binding (strict reading of requests). */
final class Es9HttpAdapter {

  private Es9HttpAdapter() {}

  record HeaderOnly(ResponseHeader header) {}

  static RspHttpHandler handler(Es9Plus target, SmdpAddress self) {
    RspJson json = RspJson.strict();
    return request -> {
      String fn = request.path().substring(request.path().lastIndexOf('/') + 1);
      try {
        Object response =
            switch (fn) {
              case "initiateAuthentication" -> {
                var r = json.read(request.body(), InitiateAuthenticationRequest.class);
                yield target.initiateAuthentication(r.smdpAddress(), r);
              }
              case "authenticateClient" ->
                  target.authenticateClient(
                      self, json.read(request.body(), AuthenticateClientRequest.class));
              case "getBoundProfilePackage" ->
                  target.getBoundProfilePackage(
                      self, json.read(request.body(), GetBoundProfilePackageRequest.class));
              case "cancelSession" ->
                  target.cancelSession(
                      self, json.read(request.body(), CancelSessionRequestEs9.class));
              case "handleNotification" -> {
                target.handleNotification(
                    self, json.read(request.body(), HandleNotification.class));
                yield null;
              }
              default -> throw new IllegalArgumentException("unknown function " + fn);
            };
        if (response == null) {
          return new RspHttpResponse(204, Map.of(), new byte[0]);
        }
        return ok(json.write(response));
      } catch (Es9Exception e) {
        ResponseHeader h =
            new ResponseHeader(
                new FunctionExecutionStatus(
                    e.executionStatus().orElseThrow(), e.statusCodeData().orElse(null)));
        return ok(json.write(new HeaderOnly(h)));
      }
    };
  }

  private static RspHttpResponse ok(byte[] body) {
    return new RspHttpResponse(
        200,
        Map.of(
            "Content-Type", "application/json;charset=UTF-8",
            "X-Admin-Protocol", "gsma/rsp/v2.2.0"),
        body);
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
