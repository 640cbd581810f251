package org.rspharness.scenario.model;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.rspharness.core.status.StatusCode;
import org.rspharness.smdp.order.ProfileState;

/**
 * What must hold at the end of a scenario (or, inside {@link Action.WaitUntil}, what is waited
 * for). Each record's components are the fields of its YAML object; {@link #key()} is the YAML key
 * naming it.
 */
public sealed interface Expectation {

  /** The YAML key of this expectation. */
  String key();

  /**
   * The state of one eUICC: its profiles (state and nickname, SGP.22 section 5.7.15 ProfileInfo)
   * and its pending notifications (section 5.7.10).
   *
   * @param device the device name
   * @param profiles profiles that must be present (or absent) in this state
   * @param exactly whether no other profile may be installed
   * @param pendingNotifications the notifications that must be pending, in order; null when not
   *     checked
   */
  record EuiccState(
      String device,
      List<ProfileExpectation> profiles,
      boolean exactly,
      List<NotificationExpectation> pendingNotifications)
      implements Expectation {
    /** Needs the device. */
    public EuiccState {
      if (device == null || device.isBlank()) {
        throw new IllegalArgumentException("device: missing; expected a device name");
      }
      profiles = profiles == null ? List.of() : List.copyOf(profiles);
      pendingNotifications =
          pendingNotifications == null ? null : List.copyOf(pendingNotifications);
    }

    @Override
    public String key() {
      return "euicc";
    }
  }

  /** A profile on an eUICC. {@code nickname} null when not checked. */
  record ProfileExpectation(String iccid, CardProfileState state, String nickname) {
    /** Needs the ICCID and the state. */
    public ProfileExpectation {
      if (iccid == null || iccid.isBlank()) {
        throw new IllegalArgumentException("iccid: missing; expected an ICCID or a ${capture}");
      }
      if (state == null) {
        throw new IllegalArgumentException("state: missing; expected enabled, disabled or absent");
      }
    }
  }

  /** The state of a profile on the card (SGP.22 section 5.7.15 profileState), or its absence. */
  enum CardProfileState {
    ENABLED,
    DISABLED,
    ABSENT;

    /** The file spelling. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** A pending notification (SGP.22 section 5.7.10 NotificationMetadata). */
  record NotificationExpectation(NotificationOperation operation, String iccid) {
    /** Needs the operation. */
    public NotificationExpectation {
      if (operation == null) {
        throw new IllegalArgumentException("operation: missing");
      }
    }
  }

  /** The profileManagementOperation of a notification (SGP.22 section 2.4a). */
  enum NotificationOperation {
    INSTALL,
    ENABLE,
    DISABLE,
    DELETE;

    /** The file spelling. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * The SM-DP+ side of one order (SGP.22 section 3.1.1 and 5.3): its profile state, attempt
   * counters and the ES2+.HandleDownloadProgressInfo callbacks the operator received. Null parts
   * are not checked.
   */
  record SmdpOrder(
      String iccid,
      ProfileState state,
      Integer downloadAttempts,
      Integer confirmationCodeAttempts,
      List<CallbackExpectation> callbacks)
      implements Expectation {
    /** Needs the ICCID. */
    public SmdpOrder {
      if (iccid == null || iccid.isBlank()) {
        throw new IllegalArgumentException("iccid: missing; expected an ICCID or a ${capture}");
      }
      nonNegative("downloadAttempts", downloadAttempts);
      nonNegative("confirmationCodeAttempts", confirmationCodeAttempts);
      callbacks = callbacks == null ? null : List.copyOf(callbacks);
    }

    @Override
    public String key() {
      return "smdpOrder";
    }
  }

  /**
   * One HandleDownloadProgressInfo callback: its notification point, outcome and (for failures)
   * status code. {@code status} null when not checked.
   */
  record CallbackExpectation(int notificationPointId, Outcome outcome, StatusCode status) {
    /** Checks the point id. */
    public CallbackExpectation {
      if (notificationPointId < 1 || notificationPointId > 255) {
        throw new IllegalArgumentException("notificationPointId: expected 1 to 255");
      }
      if (outcome == null) {
        outcome = status == null ? Outcome.SUCCESS : Outcome.FAILURE;
      }
    }
  }

  /**
   * Events that must occur in this order (others may come between). Each is {@code kind:name}, the
   * kind one of {@link #EVENT_KINDS}; {@code step:NAME} names a step of the scenario.
   */
  record EventOrder(List<String> events) implements Expectation {
    /** Checks each event's syntax. */
    public EventOrder {
      if (events == null || events.size() < 2) {
        throw new IllegalArgumentException("events: expected at least 2 events");
      }
      for (int i = 0; i < events.size(); i++) {
        String e = events.get(i);
        int c = e == null ? -1 : e.indexOf(':');
        if (c < 0 || !EVENT_KINDS.contains(e.substring(0, c)) || c == e.length() - 1) {
          throw new IllegalArgumentException(
              "events["
                  + i
                  + "]: expected kind:name with kind one of "
                  + EVENT_KINDS
                  + ", got '"
                  + e
                  + "'");
        }
      }
      events = List.copyOf(events);
    }

    @Override
    public String key() {
      return "eventOrder";
    }
  }

  /** Kinds of events an {@link EventOrder} can name. */
  List<String> EVENT_KINDS = List.of("step", "http", "apdu", "state", "callback", "notification");

  /** The duration of one named step must fit the budget (plus tolerance). */
  record StepTime(String step, Duration budget, Duration tolerance) implements Expectation {
    /** Checks the budget. */
    public StepTime {
      if (step == null) {
        throw new IllegalArgumentException("step: missing; expected a step name");
      }
      Budget b = new Budget(budget, tolerance);
      tolerance = b.tolerance();
    }

    /** The budget as a value. */
    public Budget asBudget() {
      return new Budget(budget, tolerance);
    }

    @Override
    public String key() {
      return "stepTime";
    }
  }

  /**
   * A named span from one step edge to another (e.g. time-to-activate: {@code from:
   * download.start}, {@code to: enable.end}) must fit the budget (plus tolerance).
   */
  record Span(String name, String from, String to, Duration budget, Duration tolerance)
      implements Expectation {
    /** {@code step.start} or {@code step.end}. */
    public static final Pattern EDGE = Pattern.compile("([A-Za-z_][A-Za-z0-9_-]*)\\.(start|end)");

    /** Checks names, edges and the budget. */
    public Span {
      if (name == null || !Step.IDENTIFIER.matcher(name).matches()) {
        throw new IllegalArgumentException("name: expected a span name such as time-to-activate");
      }
      edge("from", from);
      edge("to", to);
      Budget b = new Budget(budget, tolerance);
      tolerance = b.tolerance();
    }

    private static void edge(String field, String v) {
      if (v == null || !EDGE.matcher(v).matches()) {
        throw new IllegalArgumentException(
            field + ": expected STEP.start or STEP.end, got '" + v + "'");
      }
    }

    @Override
    public String key() {
      return "span";
    }
  }

  private static void nonNegative(String field, Integer v) {
    if (v != null && v < 0) {
      throw new IllegalArgumentException(field + ": expected zero or more");
    }
  }
}
