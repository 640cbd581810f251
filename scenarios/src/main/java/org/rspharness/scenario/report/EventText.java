package org.rspharness.scenario.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.util.Hex;
import org.rspharness.scenario.kpi.Kpis;

/** One-line descriptions of events, and which exchange of a failed step is the failing one. */
final class EventText {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HEX_IN_LINE = 64;

  private EventText() {}

  /** {@code +t source what}, with {@code t} relative to {@code originNanos}. */
  static String line(Event e, long originNanos) {
    return "+" + Text.millis(e.elapsedNanos() - originNanos) + " " + e.source() + " " + what(e);
  }

  /** What the event says, in one line. */
  static String what(Event e) {
    EventPayload p = e.payload();
    if (p instanceof EventPayload.HttpExchange h) {
      return "HTTP "
          + h.function()
          + " "
          + h.url()
          + " -> "
          + (h.status() == 0 ? "no response" : Integer.toString(h.status()))
          + (h.error() == null ? "" : " (" + h.error() + ")")
          + jsonStatus(h.responseBody())
          + " in "
          + Text.millis(h.nanos());
    }
    if (p instanceof EventPayload.ApduExchange a) {
      return "APDU ch"
          + a.channel()
          + " "
          + shortHex(a.command())
          + " -> "
          + shortHex(a.response())
          + " in "
          + Text.millis(a.nanos());
    }
    if (p instanceof EventPayload.Es10Command c) {
      return "ES10 "
          + c.function()
          + " "
          + c.result()
          + " ("
          + c.apdus()
          + " APDUs, "
          + c.commandBytes()
          + " -> "
          + c.responseBytes()
          + " bytes) in "
          + Text.millis(c.nanos());
    }
    if (p instanceof EventPayload.TlsHandshake t) {
      return "TLS "
          + t.peer()
          + (t.error() == null
              ? " " + t.protocol() + " " + t.cipherSuite()
              : " FAILED " + t.error())
          + " in "
          + Text.millis(t.nanos());
    }
    if (p instanceof EventPayload.StateTransition s) {
      return "state "
          + s.entity()
          + " "
          + s.id()
          + ": "
          + s.from()
          + " -> "
          + s.to()
          + (s.cause() == null ? "" : " (" + s.cause() + ")");
    }
    if (p instanceof EventPayload.FaultInjected f) {
      return "FAULT " + f.fault() + " at " + f.point() + " (occurrence " + f.occurrence() + ")";
    }
    if (p instanceof EventPayload.StepStarted s) {
      return "step '" + s.step() + "' started";
    }
    if (p instanceof EventPayload.StepFinished f) {
      return "step '"
          + f.step()
          + "' "
          + (f.ok() ? "passed" : "FAILED")
          + (f.statusCode() == null ? "" : " [" + f.statusCode() + "]")
          + (f.message() == null ? "" : " " + f.message());
    }
    if (p instanceof EventPayload.Note n) {
      return "note: " + n.text();
    }
    return String.valueOf(p);
  }

  /** The function execution status of an ES9+/ES2+ JSON response, or "". */
  private static String jsonStatus(byte[] body) {
    JsonNode header = responseHeader(body);
    if (header == null) {
      return "";
    }
    JsonNode status = header.path("functionExecutionStatus");
    String text = status.path("status").asText("");
    if (text.isEmpty()) {
      return "";
    }
    JsonNode data = status.path("statusCodeData");
    if (data.isObject()) {
      return " status "
          + text
          + " "
          + data.path("subjectCode").asText("?")
          + "/"
          + data.path("reasonCode").asText("?")
          + (data.hasNonNull("message") ? " " + data.path("message").asText() : "");
    }
    return " status " + text;
  }

  private static JsonNode responseHeader(byte[] body) {
    if (body == null || body.length == 0 || body.length > 1_000_000) {
      return null;
    }
    String text = Text.utf8OrNull(body);
    if (text == null || !text.stripLeading().startsWith("{")) {
      return null;
    }
    try {
      JsonNode node = JSON.readTree(text);
      return node != null && node.path("header").isObject() ? node.path("header") : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static String shortHex(byte[] bytes) {
    if (bytes == null) {
      return "-";
    }
    String hex = Hex.encode(bytes);
    return hex.length() <= HEX_IN_LINE
        ? hex
        : hex.substring(0, HEX_IN_LINE) + "...(" + bytes.length + " bytes)";
  }

  /**
   * True when an exchange or handshake went wrong (no response, an HTTP error, a Failed function
   * execution status, a bad status word, an ES10 result code other than ok), or the event is an
   * injected fault.
   */
  static boolean looksFailed(Event e) {
    EventPayload p = e.payload();
    if (p instanceof EventPayload.HttpExchange h) {
      return (h.status() != 200 && h.status() != 204)
          || h.error() != null
          || jsonStatus(h.responseBody()).startsWith(" status Failed");
    }
    if (p instanceof EventPayload.ApduExchange a) {
      return !swOk(a.response());
    }
    if (p instanceof EventPayload.Es10Command c) {
      return !c.ok();
    }
    if (p instanceof EventPayload.TlsHandshake t) {
      return t.error() != null;
    }
    if (p instanceof EventPayload.StepFinished f) {
      // only a component's phase reaches here as an ordinary event
      return !f.ok();
    }
    return p instanceof EventPayload.FaultInjected;
  }

  private static boolean swOk(byte[] response) {
    if (response == null || response.length < 2) {
      return false;
    }
    int sw1 = response[response.length - 2] & 0xFF;
    int sw2 = response[response.length - 1] & 0xFF;
    return (sw1 == 0x90 && sw2 == 0x00) || sw1 == 0x61 || sw1 == 0x91;
  }

  private static boolean isExchange(Event e) {
    return e.payload() instanceof EventPayload.HttpExchange
        || e.payload() instanceof EventPayload.ApduExchange
        || e.payload() instanceof EventPayload.Es10Command
        || e.payload() instanceof EventPayload.TlsHandshake;
  }

  /**
   * The exchange to blame for a scenario's failure: within the failed step, the last exchange that
   * went wrong, else the last exchange of the step, else the last injected fault; null when the
   * step had none of these.
   */
  static Event failingExchange(ScenarioSummary scenario) {
    if (scenario.firstFailure() == null) {
      return null;
    }
    List<Event> during = scenario.eventsOf(scenario.firstFailure());
    String observer = Kpis.es10Observer(scenario.events());
    Event lastExchange = null;
    Event lastBad = null;
    Event lastFault = null;
    for (Event e : during) {
      if (e.payload() instanceof EventPayload.Es10Command c && !c.observer().equals(observer)) {
        continue; // the other side's record of a command the counted one names
      }
      if (isExchange(e)) {
        lastExchange = e;
        if (looksFailed(e)) {
          lastBad = e;
        }
      } else if (e.payload() instanceof EventPayload.FaultInjected) {
        lastFault = e;
      }
    }
    return lastBad != null ? lastBad : lastExchange != null ? lastExchange : lastFault;
  }
}
