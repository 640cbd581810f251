package org.rspharness.scenario.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.es2.HandleDownloadProgressInfoRequest;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.NotificationRecord;
import org.rspharness.euicc.store.ProfileRecord;
import org.rspharness.scenario.kpi.TimeScale;
import org.rspharness.scenario.model.Budget;
import org.rspharness.scenario.model.Expectation;
import org.rspharness.scenario.model.Outcome;
import org.rspharness.smdp.order.Order;

/**
 * Evaluates expectations: card and SM-DP+ state from the running topology, timings and event orders
 * from the scenario's events. Each check returns null when it holds, else one line saying what was
 * expected and what was found.
 */
final class Checks {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Checks() {}

  static String evaluate(Expectation e, World w, String scenario, List<Event> events) {
    if (e instanceof Expectation.EuiccState s) {
      return euicc(s, w);
    } else if (e instanceof Expectation.SmdpOrder o) {
      return smdpOrder(o, w);
    } else if (e instanceof Expectation.EventOrder o) {
      return eventOrder(o, scenario, events);
    } else if (e instanceof Expectation.StepTime t) {
      return budget(
          "step " + t.step(),
          stepSpan(scenario, events, t.step() + ".start", t.step() + ".end"),
          t.asBudget());
    } else if (e instanceof Expectation.Span sp) {
      return budget(
          "span " + sp.name(),
          stepSpan(scenario, events, sp.from(), sp.to()),
          new Budget(sp.budget(), sp.tolerance()));
    }
    throw new IllegalStateException("unknown expectation " + e.key());
  }

  // ------------------------------------------------------------------ eUICC

  /** What the expectations read of a card: its profiles and its pending notifications. */
  record CardView(List<CardProfile> profiles, List<CardNotification> notifications) {

    Optional<CardProfile> profile(String iccid) {
      return profiles.stream().filter(p -> p.iccid().equals(iccid)).findFirst();
    }

    /** The software eUICC's state as it stands. */
    static CardView of(EuiccState st) {
      List<CardProfile> profiles = new ArrayList<>();
      for (ProfileRecord r : st.profiles()) {
        profiles.add(new CardProfile(r.iccid(), r.enabled(), r.nickname()));
      }
      List<CardNotification> notifications = new ArrayList<>();
      for (NotificationRecord n : st.notifications()) {
        notifications.add(new CardNotification(operationName(n.event()), n.iccid()));
      }
      return new CardView(profiles, notifications);
    }

    /**
     * A card reached only through ES10 (in a PC/SC reader): SGP.22 5.7.15 GetProfilesInfo and 5.7.9
     * ListNotification, as an LPA reads them.
     */
    static CardView of(org.rspharness.lpa.es10.Es10Client es10) {
      List<CardProfile> profiles = new ArrayList<>();
      for (var p : es10.getProfilesInfo()) {
        String iccid =
            org.rspharness.core.ids.Iccid.fromEfIccidUnchecked(p.getIccid().value).value();
        boolean enabled = p.getProfileState() != null && p.getProfileState().value.intValue() == 1;
        String nickname =
            p.getProfileNickname() == null
                ? null
                : new String(p.getProfileNickname().value, java.nio.charset.StandardCharsets.UTF_8);
        profiles.add(new CardProfile(iccid, enabled, nickname));
      }
      List<CardNotification> notifications = new ArrayList<>();
      for (var n : es10.listNotification()) {
        String iccid =
            n.getIccid() == null
                ? null
                : org.rspharness.core.ids.Iccid.fromEfIccidUnchecked(n.getIccid().value).value();
        notifications.add(
            new CardNotification(
                org.rspharness.lpa.Lpa.operationName(n.getProfileManagementOperation().value),
                iccid));
      }
      return new CardView(profiles, notifications);
    }
  }

  record CardProfile(String iccid, boolean enabled, String nickname) {}

  record CardNotification(String operation, String iccid) {}

  private static String euicc(Expectation.EuiccState s, World w) {
    World.DeviceRuntime dev = w.devices.get(s.device());
    CardView st = dev.euicc() != null ? CardView.of(dev.euicc().state()) : CardView.of(dev.es10());
    List<String> problems = new ArrayList<>();
    for (Expectation.ProfileExpectation p : s.profiles()) {
      Optional<CardProfile> r = st.profile(p.iccid());
      String actual = r.isEmpty() ? "absent" : r.get().enabled() ? "enabled" : "disabled";
      if (!actual.equals(p.state().fileName())) {
        problems.add(p.iccid() + " is " + actual + ", expected " + p.state().fileName());
      } else if (p.nickname() != null
          && r.isPresent()
          && !p.nickname().equals(r.get().nickname())) {
        problems.add(
            p.iccid()
                + " nickname is '"
                + r.get().nickname()
                + "', expected '"
                + p.nickname()
                + "'");
      }
    }
    if (s.exactly()) {
      for (CardProfile r : st.profiles()) {
        boolean named = s.profiles().stream().anyMatch(p -> p.iccid().equals(r.iccid()));
        if (!named) {
          problems.add("unexpected profile " + r.iccid() + (r.enabled() ? " (enabled)" : ""));
        }
      }
    }
    if (s.pendingNotifications() != null) {
      List<String> expected = new ArrayList<>();
      for (Expectation.NotificationExpectation n : s.pendingNotifications()) {
        expected.add(n.operation().fileName() + (n.iccid() == null ? "" : " " + n.iccid()));
      }
      List<String> actual = new ArrayList<>();
      List<String> actualFull = new ArrayList<>();
      for (int i = 0; i < st.notifications().size(); i++) {
        CardNotification n = st.notifications().get(i);
        String op = n.operation();
        actualFull.add(op + " " + n.iccid());
        Expectation.NotificationExpectation want =
            i < s.pendingNotifications().size() ? s.pendingNotifications().get(i) : null;
        actual.add(want != null && want.iccid() == null ? op : op + " " + n.iccid());
      }
      if (!actual.equals(expected)) {
        problems.add("pending notifications are " + actualFull + ", expected " + expected);
      }
    }
    return problems.isEmpty() ? null : "eUICC " + s.device() + ": " + String.join("; ", problems);
  }

  /** The operation of a stored notification, whose {@code event} is the named bit number. */
  private static String operationName(int bit) {
    return bit >= 0 && bit <= 3
        ? NotificationOperation.ofBit(bit).name().toLowerCase(Locale.ROOT)
        : "unknown(" + bit + ")";
  }

  // ------------------------------------------------------------------ SM-DP+

  private static String smdpOrder(Expectation.SmdpOrder o, World w) {
    if (!w.embedded()) {
      return "smdpOrder: the state of a remote SM-DP+ cannot be inspected; check it through"
          + " callbacks or remove this expectation for remote runs";
    }
    Optional<Order> found = w.smdp.orders().find(Actions.iccid(o.iccid()));
    if (found.isEmpty()) {
      return "SM-DP+ has no order for " + o.iccid();
    }
    Order order = found.get();
    List<String> problems = new ArrayList<>();
    if (o.state() != null && order.state() != o.state()) {
      problems.add("state is " + order.state() + ", expected " + o.state());
    }
    int downloads = order.maxDownloadAttempts() - order.downloadAttemptsLeft();
    if (o.downloadAttempts() != null && downloads != o.downloadAttempts()) {
      problems.add("download attempts used " + downloads + ", expected " + o.downloadAttempts());
    }
    int cc = order.maxCcAttempts() - order.ccAttemptsLeft();
    if (o.confirmationCodeAttempts() != null && cc != o.confirmationCodeAttempts()) {
      problems.add(
          "confirmation code attempts used " + cc + ", expected " + o.confirmationCodeAttempts());
    }
    if (o.callbacks() != null) {
      List<HandleDownloadProgressInfoRequest> got = new ArrayList<>();
      for (HandleDownloadProgressInfoRequest c : w.callbacks.all()) {
        if (c.iccid() != null && c.iccid().value().equals(o.iccid())) {
          got.add(c);
        }
      }
      int at = 0;
      for (Expectation.CallbackExpectation want : o.callbacks()) {
        while (at < got.size() && !matches(want, got.get(at))) {
          at++;
        }
        if (at == got.size()) {
          problems.add(
              "no callback " + describe(want) + " (in order); received " + describeAll(got));
          break;
        }
        at++;
      }
    }
    return problems.isEmpty()
        ? null
        : "SM-DP+ order " + o.iccid() + ": " + String.join("; ", problems);
  }

  private static boolean matches(
      Expectation.CallbackExpectation want, HandleDownloadProgressInfoRequest c) {
    if (c.notificationPointId() == null || c.notificationPointId() != want.notificationPointId()) {
      return false;
    }
    boolean success =
        c.notificationPointStatus() != null
            && c.notificationPointStatus().status() == ExecutionStatus.EXECUTED_SUCCESS;
    if (want.outcome() == Outcome.SUCCESS && !success
        || want.outcome() == Outcome.FAILURE && success) {
      return false;
    }
    if (want.status() != null) {
      StatusCodeData d =
          c.notificationPointStatus() == null ? null : c.notificationPointStatus().statusCodeData();
      return d != null
          && d.subjectCode().equals(want.status().subjectCode())
          && d.reasonCode().equals(want.status().reasonCode());
    }
    return true;
  }

  private static String describe(Expectation.CallbackExpectation c) {
    return "point "
        + c.notificationPointId()
        + " "
        + c.outcome().fileName()
        + (c.status() == null
            ? ""
            : " " + c.status().subjectCode() + "/" + c.status().reasonCode());
  }

  private static String describeAll(List<HandleDownloadProgressInfoRequest> got) {
    List<String> out = new ArrayList<>();
    for (HandleDownloadProgressInfoRequest c : got) {
      StatusCodeData d =
          c.notificationPointStatus() == null ? null : c.notificationPointStatus().statusCodeData();
      out.add(
          "point "
              + c.notificationPointId()
              + " "
              + (c.notificationPointStatus() == null ? "?" : c.notificationPointStatus().status())
              + (d == null ? "" : " " + d.subjectCode() + "/" + d.reasonCode()));
    }
    return out.toString();
  }

  // ------------------------------------------------------------------ events

  private static String eventOrder(Expectation.EventOrder o, String scenario, List<Event> events) {
    int at = 0;
    for (String want : o.events()) {
      while (at < events.size() && !matches(want, scenario, events.get(at))) {
        at++;
      }
      if (at == events.size()) {
        return "event order: '" + want + "' not found after the events before it in " + o.events();
      }
      at++;
    }
    return null;
  }

  private static boolean matches(String want, String scenario, Event e) {
    int colon = want.indexOf(':');
    String kind = want.substring(0, colon);
    String name = want.substring(colon + 1);
    EventPayload p = e.payload();
    switch (kind) {
      case "step":
        return p instanceof EventPayload.StepStarted s
            && scenario.equals(s.scenario())
            && name.equals(s.step());
      case "http":
        return p instanceof EventPayload.HttpExchange h && name.equalsIgnoreCase(h.function());
      case "apdu":
        return p instanceof EventPayload.ApduExchange a
            && Hex.encode(a.command())
                .toUpperCase(Locale.ROOT)
                .contains(name.toUpperCase(Locale.ROOT));
      case "state":
        return p instanceof EventPayload.StateTransition t
            && (name.equalsIgnoreCase(t.to()) || name.equalsIgnoreCase(t.entity() + "/" + t.to()));
      case "callback":
        return p instanceof EventPayload.HttpExchange h
            && "handleDownloadProgressInfo".equals(h.function())
            && name.equals(jsonField(h.requestBody(), "notificationPointId"));
      case "notification":
        return p instanceof EventPayload.HttpExchange h
            && "handleNotification".equals(h.function())
            && name.equalsIgnoreCase(notificationOperation(h.requestBody()));
      default:
        return false;
    }
  }

  private static String jsonField(byte[] body, String field) {
    try {
      JsonNode n = MAPPER.readTree(body).get(field);
      return n == null ? null : n.asText();
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /**
   * The operation of a notification in an ES9+.HandleNotification body: the profileManagement
   * Operation bits ('81') of its NotificationMetadata ('BF2F'), found in the pending notification.
   */
  static String notificationOperation(byte[] body) {
    String b64 = jsonField(body, "pendingNotification");
    if (b64 == null) {
      return null;
    }
    try {
      Tlv meta = find(Tlv.parseAll(Base64.getDecoder().decode(b64)), 0xBF2F);
      Tlv bits = meta == null ? null : find(meta.children(), 0x81);
      if (bits == null || bits.value().length < 2) {
        return null;
      }
      int v = bits.value()[1] & 0xFF;
      for (NotificationOperation op : NotificationOperation.values()) {
        // the bit string's first bit is install: the octet's most significant bit
        if ((v & (0x80 >> op.ordinal())) != 0) {
          return op.name().toLowerCase(Locale.ROOT);
        }
      }
      return null;
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Tlv find(List<Tlv> tlvs, int tag) {
    for (Tlv t : tlvs) {
      if (t.tag() == tag) {
        return t;
      }
      if (t.constructed()) {
        Tlv inner = find(t.children(), tag);
        if (inner != null) {
          return inner;
        }
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ timings

  /** The time between two step edges ({@code step.start} / {@code step.end}), or null. */
  static Duration stepSpan(String scenario, List<Event> events, String from, String to) {
    Long a = edge(scenario, events, from);
    Long b = edge(scenario, events, to);
    return a == null || b == null ? null : Duration.ofNanos(b - a);
  }

  private static Long edge(String scenario, List<Event> events, String edge) {
    int dot = edge.lastIndexOf('.');
    String step = edge.substring(0, dot);
    boolean start = edge.endsWith(".start");
    for (Event e : events) {
      if (start
          && e.payload() instanceof EventPayload.StepStarted s
          && scenario.equals(s.scenario())
          && step.equals(s.step())) {
        return e.elapsedNanos();
      }
      if (!start
          && e.payload() instanceof EventPayload.StepFinished f
          && scenario.equals(f.scenario())
          && step.equals(f.step())) {
        return e.elapsedNanos();
      }
    }
    return null;
  }

  static String budget(String what, Duration measured, Budget b) {
    if (measured == null) {
      return what + ": not measured (a step it names did not run)";
    }
    double scale = TimeScale.factor();
    if (b.holds(measured, scale)) {
      return null;
    }
    return what
        + " took "
        + measured.toMillis()
        + " ms, budget "
        + b.budget().toMillis()
        + " ms + "
        + b.tolerance().toMillis()
        + " ms tolerance"
        + TimeScale.note(scale);
  }
}
