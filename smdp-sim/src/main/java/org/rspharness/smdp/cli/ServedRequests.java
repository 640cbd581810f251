package org.rspharness.smdp.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.transport.http.RspHttpHandler;
import org.rspharness.core.transport.http.RspHttpRequest;
import org.rspharness.core.transport.http.RspHttpResponse;

/**
 * What an SM-DP+ served, request by request: each one becomes an {@link EventPayload.HttpExchange}
 * in the event log (bodies as received and sent, so a report draws the sequence of an outside LPA
 * like a scenario run's) and, when asked, a {@link Entry} for the {@code -v} line.
 */
public final class ServedRequests {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One served request.
   *
   * @param at when it arrived
   * @param iface the interface ({@code es9+}, {@code es2+})
   * @param function the SGP.22 function (last path segment)
   * @param transactionId the RSP session, when the request or answer names one
   * @param eid the eUICC, when the request or its session names one
   * @param iccid the profile, when an ES2+ request or answer names one
   * @param outcome {@code Executed-Success}, {@code Failed 8.1.1/3.8}, {@code 204}, {@code HTTP
   *     404}
   * @param httpStatus the HTTP status answered (500 when the handler failed)
   * @param remote the client's address
   * @param ms handling time in milliseconds, until the answer was complete (durable)
   */
  public record Entry(
      Instant at,
      String iface,
      String function,
      String transactionId,
      String eid,
      String iccid,
      String outcome,
      int httpStatus,
      String remote,
      double ms) {

    /** The SGP.22 {@code functionExecutionStatus} of the answer, when it has one. */
    public String executionStatus() {
      return outcome.startsWith("HTTP") || outcome.equals("204") ? null : outcome.split(" ", 2)[0];
    }

    /** The {@code subject/reason} code of a failed answer, or null. */
    public String code() {
      int sp = outcome.indexOf(' ');
      return sp < 0 || outcome.startsWith("HTTP") ? null : outcome.substring(sp + 1);
    }

    /** The {@code -v} line: function, transactionId, EID, outcome, ms. */
    public String line() {
      StringBuilder sb = new StringBuilder().append(at).append(' ').append(function);
      if (transactionId != null) {
        sb.append(" transactionId=").append(transactionId);
      }
      if (eid != null) {
        sb.append(" eid=").append(eid);
      }
      if (iccid != null) {
        sb.append(" iccid=").append(iccid);
      }
      return sb.append(' ').append(outcome).append(String.format(" %.1f ms", ms)).toString();
    }

    /** The same as one JSON object (for a JSON request log, one object per line). */
    public String json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("at", at.toString());
      m.put("function", function);
      m.put("transactionId", transactionId);
      m.put("eid", eid);
      m.put("iccid", iccid);
      m.put("outcome", outcome);
      m.put("ms", Math.round(ms * 10) / 10.0);
      try {
        return JSON.writeValueAsString(m);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private ServedRequests() {}

  /**
   * {@code handler} (interface {@code iface}) logging every request to {@code events} (an
   * HttpExchange from {@code source}) and, when {@code sink} is not null, as an {@link Entry} (the
   * {@code -v} line, the {@code --json} request line) once its answer is complete. {@code
   * eidOfSession} finds the EID of a live session (ES9+ requests carry it only inside
   * certificates).
   */
  public static RspHttpHandler wrap(
      RspHttpHandler handler,
      String iface,
      String source,
      EventLog events,
      Consumer<Entry> sink,
      Function<TransactionId, String> eidOfSession) {
    if (!events.enabled() && sink == null) {
      return handler;
    }
    return RspHttpHandler.observed(
        handler,
        (request, answer, failure, nanos) -> {
          RspHttpResponse response =
              answer != null ? answer : new RspHttpResponse(500, Map.of(), new byte[0]);
          String function = function(request);
          Instant at = Instant.now().minusNanos(nanos);
          Entry entry = entry(at, iface, function, request, response, nanos, eidOfSession);
          if (events.enabled()) {
            // each request a step of its RSP session (or its order), so that a report of the
            // events file draws one sequence diagram per session an outside LPA ran
            String scenario =
                entry.transactionId() != null
                    ? "RSP session " + entry.transactionId()
                    : entry.iccid() != null ? "order " + entry.iccid() : iface + " " + function;
            boolean ok = !entry.outcome().startsWith("Failed") && response.status() < 500;
            events.emit(source, new EventPayload.StepStarted(scenario, function));
            events.emit(
                source,
                new EventPayload.HttpExchange(
                    function,
                    request.path(),
                    response.status(),
                    request.body(),
                    response.body(),
                    nanos,
                    null));
            events.emit(
                source,
                new EventPayload.StepFinished(
                    scenario, function, ok, entry.code(), entry.outcome()));
          }
          if (sink != null) {
            sink.accept(entry);
          }
        });
  }

  private static String function(RspHttpRequest r) {
    String p = r.path() == null ? "" : r.path();
    return p.substring(p.lastIndexOf('/') + 1);
  }

  static Entry entry(
      Instant at,
      String iface,
      String function,
      RspHttpRequest request,
      RspHttpResponse response,
      long nanos,
      Function<TransactionId, String> eidOfSession) {
    JsonNode in = tree(request.body());
    JsonNode out = tree(response.body());
    String tid = text(in, "transactionId");
    if (tid == null) {
      tid = text(out, "transactionId");
    }
    String eid = text(in, "eid");
    if (eid == null) {
      eid = text(out, "eid");
    }
    if (eid == null && tid != null) {
      try {
        eid = eidOfSession.apply(TransactionId.fromHex(tid));
      } catch (RuntimeException e) {
        eid = null;
      }
    }
    String iccid = text(in, "iccid");
    if (iccid == null) {
      iccid = text(out, "iccid");
    }
    String outcome;
    JsonNode status = out == null ? null : out.at("/header/functionExecutionStatus");
    if (status != null && !status.isMissingNode() && status.has("status")) {
      outcome = status.get("status").asText();
      JsonNode code = status.get("statusCodeData");
      if (code != null) {
        outcome += " " + code.path("subjectCode").asText() + "/" + code.path("reasonCode").asText();
      }
    } else {
      outcome = response.status() == 204 ? "204" : "HTTP " + response.status();
    }
    return new Entry(
        at,
        iface,
        function,
        tid,
        eid,
        iccid,
        outcome,
        response.status(),
        request.remoteAddress(),
        nanos / 1e6);
  }

  private static JsonNode tree(byte[] body) {
    if (body == null || body.length == 0 || body[0] != '{') {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String text(JsonNode n, String field) {
    if (n == null) {
      return null;
    }
    JsonNode v = n.get(field);
    return v == null || !v.isTextual() ? null : v.asText();
  }
}
