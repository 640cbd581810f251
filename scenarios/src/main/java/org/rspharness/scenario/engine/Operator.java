package org.rspharness.scenario.engine;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.transport.http.RspHttpClient;
import org.rspharness.core.transport.http.RspHttpException;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;

/**
 * The operator's side of ES2+ (SGP.22 section 5.3): posts a function's JSON to the SM-DP+ and
 * returns the HTTP response. Against the embedded SM-DP+ the request goes straight to its ES2+
 * endpoint in process (the same JSON parsing and checks as over mutual TLS); against a remote one
 * it goes over mutual TLS with the operator's certificate.
 */
interface Operator extends AutoCloseable {

  /** The ES2+ path prefix (SGP.22 section 6.5). */
  String PREFIX = "/gsma/rsp2/es2plus/";

  /** Headers of every ES2+ request (SGP.22 section 6.5.1). */
  Map<String, String> HEADERS =
      Map.of("Content-Type", "application/json", "X-Admin-Protocol", "gsma/rsp/v2.3.0");

  /** Posts {@code body} to ES2+ {@code function}. */
  RspHttpResponse call(String function, byte[] body) throws RspHttpException;

  @Override
  default void close() {}

  /** The embedded SM-DP+'s endpoint, called in process; each call is an HTTP exchange event. */
  static Operator inProcess(RspHttpHandler endpoint, EventLog events) {
    return (function, body) -> {
      long start = System.nanoTime();
      RspHttpResponse r =
          endpoint.handle(
              new RspHttpRequest(
                  "POST",
                  PREFIX + function,
                  lower(HEADERS),
                  body,
                  "operator",
                  java.util.List.of()));
      events.emit(
          "operator",
          new EventPayload.HttpExchange(
              function,
              "inproc://smdp" + PREFIX + function,
              r.status(),
              body,
              r.body(),
              System.nanoTime() - start,
              null));
      return r;
    };
  }

  /** A remote SM-DP+'s ES2+ endpoint over mutual TLS. */
  static Operator https(RspHttpClient client, URI base) {
    return new Operator() {
      @Override
      public RspHttpResponse call(String function, byte[] body) throws RspHttpException {
        return client.post(base.resolve(PREFIX + function), HEADERS, body, function);
      }

      @Override
      public void close() {
        client.close();
      }
    };
  }

  private static Map<String, String> lower(Map<String, String> h) {
    java.util.Map<String, String> out = new java.util.HashMap<>();
    h.forEach((k, v) -> out.put(k.toLowerCase(java.util.Locale.ROOT), v));
    return out;
  }

  /** Text of a body, for messages. */
  static String text(byte[] body) {
    return new String(body, StandardCharsets.UTF_8);
  }
}
