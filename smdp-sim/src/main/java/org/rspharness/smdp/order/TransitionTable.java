package org.rspharness.smdp.order;

import static org.rspharness.smdp.order.OrderEvent.*;
import static org.rspharness.smdp.order.ProfileState.*;

import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;

/**
 * SGP.22 section 3.1.1 / 5.3 / 5.6: the order state machine as data. Each row is (event, from, to);
 * an event applied in a state with no row is illegal and answers the event's status code.
 */
public final class TransitionTable {

  /** One allowed move. */
  public record Transition(OrderEvent event, ProfileState from, ProfileState to) {}

  private static final List<Transition> ROWS =
      List.of(
          new Transition(DOWNLOAD_ORDER, AVAILABLE, ALLOCATED),
          new Transition(DOWNLOAD_ORDER_WITH_EID, AVAILABLE, LINKED),
          new Transition(CONFIRM_ORDER, ALLOCATED, CONFIRMED),
          new Transition(CONFIRM_ORDER, LINKED, CONFIRMED),
          new Transition(CONFIRM_ORDER_AND_RELEASE, ALLOCATED, RELEASED),
          new Transition(CONFIRM_ORDER_AND_RELEASE, LINKED, RELEASED),
          new Transition(RELEASE_PROFILE, CONFIRMED, RELEASED),
          new Transition(CANCEL_ORDER_AVAILABLE, ALLOCATED, AVAILABLE),
          new Transition(CANCEL_ORDER_AVAILABLE, LINKED, AVAILABLE),
          new Transition(CANCEL_ORDER_AVAILABLE, CONFIRMED, AVAILABLE),
          new Transition(CANCEL_ORDER_AVAILABLE, RELEASED, AVAILABLE),
          new Transition(CANCEL_ORDER_AVAILABLE, ERROR, AVAILABLE),
          new Transition(CANCEL_ORDER_UNAVAILABLE, ALLOCATED, UNAVAILABLE),
          new Transition(CANCEL_ORDER_UNAVAILABLE, LINKED, UNAVAILABLE),
          new Transition(CANCEL_ORDER_UNAVAILABLE, CONFIRMED, UNAVAILABLE),
          new Transition(CANCEL_ORDER_UNAVAILABLE, RELEASED, UNAVAILABLE),
          new Transition(CANCEL_ORDER_UNAVAILABLE, ERROR, UNAVAILABLE),
          new Transition(BPP_DOWNLOADED, RELEASED, DOWNLOADED),
          // a retried getBoundProfilePackage (same otPK) delivers the same BPP again
          new Transition(BPP_DOWNLOADED, DOWNLOADED, DOWNLOADED),
          new Transition(INSTALLATION_SUCCEEDED, DOWNLOADED, INSTALLED),
          new Transition(INSTALLATION_FAILED, DOWNLOADED, ERROR),
          new Transition(SESSION_CANCELLED_RETRY, RELEASED, RELEASED),
          new Transition(SESSION_CANCELLED_RETRY, DOWNLOADED, RELEASED),
          new Transition(SESSION_CANCELLED_FINAL, RELEASED, ERROR),
          new Transition(SESSION_CANCELLED_FINAL, DOWNLOADED, ERROR),
          new Transition(DOWNLOAD_REFUSED, RELEASED, ERROR),
          new Transition(DOWNLOAD_REFUSED, DOWNLOADED, ERROR),
          new Transition(REUSE, INSTALLED, RELEASED),
          new Transition(REUSE, ERROR, RELEASED));

  /** What an illegal move answers, per event. */
  private static final Map<OrderEvent, StatusCode> ILLEGAL = new EnumMap<>(OrderEvent.class);

  static {
    ILLEGAL.put(DOWNLOAD_ORDER, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(DOWNLOAD_ORDER_WITH_EID, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(CONFIRM_ORDER, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(CONFIRM_ORDER_AND_RELEASE, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(RELEASE_PROFILE, StatusCodes.PROFILE_ICCID_CANNOT_BE_RELEASED);
    ILLEGAL.put(CANCEL_ORDER_AVAILABLE, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(CANCEL_ORDER_UNAVAILABLE, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(BPP_DOWNLOADED, StatusCodes.PROFILE_NOT_RELEASED);
    ILLEGAL.put(INSTALLATION_SUCCEEDED, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(INSTALLATION_FAILED, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(SESSION_CANCELLED_RETRY, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(SESSION_CANCELLED_FINAL, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(DOWNLOAD_REFUSED, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
    ILLEGAL.put(REUSE, StatusCodes.PROFILE_ICCID_NOT_AVAILABLE);
  }

  private TransitionTable() {}

  /** Every row, for documentation and tests. */
  public static List<Transition> rows() {
    return Collections.unmodifiableList(ROWS);
  }

  /** The target state of {@code event} in {@code from}, if the move is legal. */
  public static Optional<ProfileState> target(OrderEvent event, ProfileState from) {
    for (Transition t : ROWS) {
      if (t.event() == event && t.from() == from) {
        return Optional.of(t.to());
      }
    }
    return Optional.empty();
  }

  /** The code an illegal {@code event} answers. */
  public static StatusCode illegalCode(OrderEvent event) {
    return ILLEGAL.get(event);
  }
}
