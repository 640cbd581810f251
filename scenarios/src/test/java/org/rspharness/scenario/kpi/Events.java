package org.rspharness.scenario.kpi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.util.Hex;

/** Builds event lists by hand: each event at a given millisecond, numbered in call order. */
final class Events {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");
  final List<Event> list = new ArrayList<>();
  private long ms;

  Events at(long millis) {
    this.ms = millis;
    return this;
  }

  Events emit(String source, EventPayload p) {
    list.add(new Event(list.size() + 1, ms * 1_000_000, T0.plusMillis(ms), source, p));
    return this;
  }

  Events start(String device, String step, String action) {
    return emit("lpa/" + device, new EventPayload.StepStarted("run", step, action, device));
  }

  Events ok(String device, String step) {
    return emit("lpa/" + device, new EventPayload.StepFinished("run", step, true, null, null));
  }

  Events fail(String device, String step, String code) {
    return emit("lpa/" + device, new EventPayload.StepFinished("run", step, false, code, "no"));
  }

  Events fault(String point) {
    return emit("fault/network-client", new EventPayload.FaultInjected(point, "reset", 1));
  }

  Events http(String source, String function, long millis) {
    return emit(
        source,
        new EventPayload.HttpExchange(
            function, "https://x/" + function, 200, null, null, millis * 1_000_000, null));
  }

  Events apdu(String source, String commandHex, long nanos) {
    return emit(
        source,
        new EventPayload.ApduExchange(Hex.decode(commandHex), Hex.decode("9000"), 1, nanos));
  }
}
