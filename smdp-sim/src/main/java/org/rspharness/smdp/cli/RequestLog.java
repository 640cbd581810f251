package org.rspharness.smdp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.rspharness.core.cli.JsonLines;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpResponse;

/**
 * {@code smdp serve --json}: one {@code request} line per request served, with the function, the
 * HTTP status and the SGP.22 outcome ({@code code} 0, or the subject/reason the SM-DP+ answered).
 */
final class RequestLog {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestLog() {}

  /** {@code handler}, logging each exchange on {@code lines} as interface {@code name}. */
  static RspHttpHandler wrap(String name, RspHttpHandler handler, JsonLines lines) {
    if (handler == null) {
      return null;
    }
    return request -> {
      long start = System.nanoTime();
      RspHttpResponse response = handler.handle(request);
      long micros = (System.nanoTime() - start) / 1000;
      String path = request.path();
      String function = path.substring(path.lastIndexOf('/') + 1);
      Outcome o = outcome(response);
      lines.request(
          o.code,
          o.name,
          request.method()
              + " "
              + path
              + " -> "
              + response.status()
              + (o.status == null ? "" : " " + o.status)
              + (o.name.isEmpty() ? "" : " (" + o.code + " " + o.name + ")"),
          JsonLines.data(
              "interface",
              name,
              "function",
              function,
              "httpStatus",
              response.status(),
              "executionStatus",
              o.status,
              "remote",
              request.remoteAddress(),
              "micros",
              micros));
      return response;
    };
  }

  private record Outcome(Object code, String name, String status) {}

  private static Outcome outcome(RspHttpResponse response) {
    if (response.status() == 204) {
      return new Outcome(0, "", null);
    }
    if (response.status() != 200) {
      return new Outcome("http", "HTTP " + response.status(), null);
    }
    try {
      JsonNode status =
          JSON.readTree(response.body()).path("header").path("functionExecutionStatus");
      String st = status.path("status").asText(null);
      JsonNode data = status.path("statusCodeData");
      if (data.isMissingNode() || data.isNull()) {
        return new Outcome(0, "", st);
      }
      String subject = data.path("subjectCode").asText();
      String reason = data.path("reasonCode").asText();
      String meaning =
          StatusCodes.find(subject, reason).map(StatusCode::meaning).orElse("unknown code");
      return new Outcome(subject + "/" + reason, meaning, st);
    } catch (java.io.IOException | RuntimeException e) {
      return new Outcome(0, "", null);
    }
  }
}
