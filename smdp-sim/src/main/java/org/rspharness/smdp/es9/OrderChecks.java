package org.rspharness.smdp.es9;

import java.security.MessageDigest;
import java.time.Clock;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.ConfirmationCode;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderEvent;
import org.rspharness.smdp.order.OrderStore;
import org.rspharness.smdp.order.ProfileState;
import org.rspharness.smdp.session.RspSession;

/**
 * SGP.22 sections 3.1.2, 5.6.2 and 5.6.3: which order a download is for, and whether it may go on
 * (state, expiry, download and confirmation-code attempts, the confirmation code itself).
 */
final class OrderChecks {

  private final OrderStore orders;
  private final Clock clock;
  private final EventLog events;
  private final OperatorProgress progress;
  private final boolean hexDecodedCc;

  /** {@code hexDecodedCc}: the confirmation code is hashed as hex-decoded digits (a quirk). */
  OrderChecks(
      OrderStore orders,
      Clock clock,
      EventLog events,
      OperatorProgress progress,
      boolean hexDecodedCc) {
    this.orders = orders;
    this.clock = clock;
    this.events = events;
    this.progress = progress;
    this.hexDecodedCc = hexDecodedCc;
  }

  /**
   * SGP.22 section 3.1.2: the order of a matchingId (activation code token or SM-DS EventID), or of
   * the default SM-DP+ for the EID.
   */
  Order resolve(String matchingId, Eid eid) {
    if (matchingId != null && !matchingId.isEmpty()) {
      Order o =
          orders
              .byMatchingId(matchingId)
              .orElseThrow(
                  () ->
                      new FunctionFailure(
                          StatusCodes.MATCHING_ID_REFUSED,
                          matchingId,
                          "no order with matchingId " + matchingId));
      Eid bound = o.eid();
      if (bound != null && !bound.equals(eid)) {
        throw new FunctionFailure(
            StatusCodes.EID_REFUSED, eid.value(), "the order is for another EID");
      }
      return o;
    }
    // SGP.22 5.6.3: default SM-DP+ use with no pending order for this EID refuses the EID
    return orders
        .defaultFor(eid)
        .orElseThrow(
            () ->
                new FunctionFailure(
                    StatusCodes.EID_REFUSED,
                    eid.value(),
                    "no matchingId and no pending default SM-DP+ profile for this EID"));
  }

  /**
   * SGP.22 5.6.2 / 5.6.3: order state, expiry and attempt limits (caller holds the order's lock); a
   * reusable (lab) order that was installed or failed is reused first.
   */
  void checkDownloadable(Order order, String cause) {
    ProfileState st = order.state();
    if (order.reusable() && (st == ProfileState.INSTALLED || st == ProfileState.ERROR)) {
      orders.reuse(order, cause, events);
      st = order.state();
    }
    if (st == ProfileState.CONFIRMED) {
      throw new FunctionFailure(
          StatusCodes.PROFILE_NOT_RELEASED, order.iccid().value(), "profile not released yet");
    }
    if (st != ProfileState.RELEASED && st != ProfileState.DOWNLOADED) {
      throw new FunctionFailure(
          StatusCodes.MATCHING_ID_REFUSED,
          order.iccid().value(),
          "profile is " + st + ", not downloadable");
    }
    if (order.expiredAt(clock.instant())) {
      throw new FunctionFailure(
          StatusCodes.DOWNLOAD_ORDER_EXPIRED,
          order.iccid().value(),
          "order expired at " + order.expiry());
    }
    if (order.downloadAttemptsLeft() <= 0) {
      throw new FunctionFailure(
          StatusCodes.DOWNLOAD_ORDER_RETRIES_EXCEEDED,
          order.iccid().value(),
          "all " + order.maxDownloadAttempts() + " download attempts used");
    }
    if (order.confirmationCode() != null && order.ccAttemptsLeft() <= 0) {
      throw new FunctionFailure(
          StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED,
          order.iccid().value(),
          "confirmation code attempts exhausted");
    }
  }

  /**
   * SGP.22 section 5.6.2: hashCc = SHA-256(SHA-256(CC) || transactionId), limited attempts; the
   * last wrong one refuses the download for good.
   */
  void checkConfirmationCode(Order order, RspSession s, byte[] hashCc) {
    if (hashCc == null) {
      throw new FunctionFailure(
          StatusCodes.CONFIRMATION_CODE_MISSING, order.iccid().value(), "hashCc absent");
    }
    byte[] expected;
    try {
      expected =
          hexDecodedCc
              ? ConfirmationCode.hashCcHexDecoded(
                  order.confirmationCode(), s.transactionId().bytes())
              : ConfirmationCode.hashCc(order.confirmationCode(), s.transactionId().bytes());
    } catch (CodecException e) {
      expected = new byte[32];
    }
    if (MessageDigest.isEqual(expected, hashCc)) {
      return;
    }
    int left = order.ccFailed();
    if (left <= 0) {
      FunctionFailure f =
          new FunctionFailure(
              StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED,
              order.iccid().value(),
              "wrong confirmation code, no attempt left");
      progress.notify(order, s.eid(), NotificationPoint.CONFIRMATION_FAILURE, f, null);
      order.apply(OrderEvent.DOWNLOAD_REFUSED, "getBoundProfilePackage", events);
      throw f;
    }
    FunctionFailure f =
        new FunctionFailure(
            StatusCodes.CONFIRMATION_CODE_REFUSED,
            order.iccid().value(),
            "wrong confirmation code, " + left + " attempt(s) left");
    progress.notify(order, s.eid(), NotificationPoint.CONFIRMATION_FAILURE, f, null);
    throw f;
  }
}
