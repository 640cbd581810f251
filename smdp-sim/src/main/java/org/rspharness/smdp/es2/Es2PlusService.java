package org.rspharness.smdp.es2;

import java.util.List;
import org.rspharness.core.es2.CancelOrderRequest;
import org.rspharness.core.es2.CancelOrderResponse;
import org.rspharness.core.es2.ConfirmOrderRequest;
import org.rspharness.core.es2.ConfirmOrderResponse;
import org.rspharness.core.es2.DownloadOrderRequest;
import org.rspharness.core.es2.DownloadOrderResponse;
import org.rspharness.core.es2.FinalProfileStatusIndicator;
import org.rspharness.core.es2.ReleaseProfileRequest;
import org.rspharness.core.es2.ReleaseProfileResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderEvent;
import org.rspharness.smdp.order.OrderStore;
import org.rspharness.smdp.quirk.Quirk;
import org.rspharness.smdp.quirk.Quirks;
import org.rspharness.smdp.smds.SmdsRegistration;

/**
 * SGP.22 section 5.3: the ES2+ functions the operator calls on the SM-DP+, transport-free:
 * DownloadOrder, ConfirmOrder, CancelOrder and ReleaseProfile, each moving the order through the
 * state machine and answering SGP.22's subject/reason codes; ConfirmOrder registers an SM-DS event
 * and CancelOrder deletes it ({@link SmdsRegistration}).
 */
public final class Es2PlusService {

  private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ";

  private final OrderStore orders;
  private final SmdpAddress address;
  private final RandomSource random;
  private final EventLog events;
  private final Quirks quirks;
  private final SmdsRegistration smds;

  /** An SM-DP+ without SM-DS access: a ConfirmOrder naming an SM-DS answers 8.9/5.1. */
  public Es2PlusService(
      OrderStore orders, SmdpAddress address, RandomSource random, EventLog events, Quirks quirks) {
    this(
        orders,
        address,
        random,
        events,
        quirks,
        new SmdsRegistration(null, address, SmdsRegistration.Policy.defaults(), events));
  }

  /** An SM-DP+ that registers and deletes SM-DS events through {@code smds}. */
  public Es2PlusService(
      OrderStore orders,
      SmdpAddress address,
      RandomSource random,
      EventLog events,
      Quirks quirks,
      SmdsRegistration smds) {
    this.orders = orders;
    this.address = address;
    this.random = random;
    this.events = events;
    this.quirks = quirks;
    this.smds = smds;
  }

  /**
   * SGP.22 section 5.3.1 ES2+.DownloadOrder: reserves the profile with this ICCID, or the first
   * available one of this profile type; Linked with an EID, Allocated without.
   */
  public DownloadOrderResponse downloadOrder(DownloadOrderRequest r) {
    try {
      Order order;
      if (r.iccid() != null) {
        order = require(r.iccid());
        if (r.profileType() != null && !r.profileType().equals(order.profileType())) {
          throw new FunctionFailure(
              StatusCodes.PROFILE_TYPE_MISMATCH,
              r.profileType(),
              "ICCID " + r.iccid().value() + " is of profile type " + order.profileType());
        }
        reserve(order, r);
      } else if (r.profileType() != null) {
        if (!orders.knowsProfileType(r.profileType())) {
          throw new FunctionFailure(
              StatusCodes.PROFILE_TYPE_UNKNOWN, r.profileType(), "unknown profile type");
        }
        order = null;
        for (Order candidate : orders.available(r.profileType())) {
          try {
            reserve(candidate, r);
            order = candidate;
            break;
          } catch (FunctionFailure raced) {
            // another operator call took it between listing and locking: try the next one
          }
        }
        if (order == null) {
          throw new FunctionFailure(
              StatusCodes.PROFILE_TYPE_EXHAUSTED, r.profileType(), "no available profile left");
        }
      } else {
        throw new FunctionFailure(
            SmdpCodes.MISSING_MEMBER, "downloadOrder needs an iccid or a profileType");
      }
      return new DownloadOrderResponse(ResponseHeader.success(), order.iccid());
    } catch (FunctionFailure f) {
      return new DownloadOrderResponse(failed(f, "downloadOrder"), null);
    }
  }

  private void reserve(Order order, DownloadOrderRequest r) {
    order.locked(
        () -> {
          order.apply(
              r.eid() == null ? OrderEvent.DOWNLOAD_ORDER : OrderEvent.DOWNLOAD_ORDER_WITH_EID,
              "downloadOrder",
              events);
          order.eid(r.eid());
          return null;
        });
  }

  /**
   * SGP.22 section 5.3.2 ES2+.ConfirmOrder: EID, matchingId (generated when absent or empty),
   * confirmation code and SM-DS address; Confirmed, or Released at once with releaseFlag.
   */
  public ConfirmOrderResponse confirmOrder(ConfirmOrderRequest r) {
    try {
      Order order = require(r.iccid());
      return order.locked(
          () -> {
            if (r.eid() != null && order.eid() != null && !order.eid().equals(r.eid())) {
              throw new FunctionFailure(
                  StatusCodes.EID_DIFFERENT_ASSOCIATED,
                  r.eid().value(),
                  "ICCID " + order.iccid().value() + " is linked to another EID");
            }
            if (org.rspharness.smdp.order.TransitionTable.target(
                    OrderEvent.CONFIRM_ORDER, order.state())
                .isEmpty()) {
              throw new FunctionFailure(
                  StatusCodes.PROFILE_ICCID_NOT_AVAILABLE,
                  order.iccid().value(),
                  "profile is " + order.state() + ", not Allocated or Linked");
            }
            MatchingId mid = r.matchingId();
            if (mid != null && mid.isEmpty() && r.eid() == null && order.eid() == null) {
              // SGP.22 5.3.2: an empty matchingId asks for the default SM-DP+, which needs the EID
              throw new FunctionFailure(
                  StatusCodes.EID_MISSING,
                  order.iccid().value(),
                  "empty matchingId (default SM-DP+) and no EID known for ICCID "
                      + order.iccid().value());
            }
            if (mid != null
                && !mid.isEmpty()
                && order.matchingId() != null
                && !order.matchingId().isEmpty()
                && !order.matchingId().equals(mid)) {
              throw new FunctionFailure(
                  StatusCodes.MATCHING_ID_DIFFERENT_ASSOCIATED,
                  mid.value(),
                  "ICCID " + order.iccid().value() + " has another matchingId");
            }
            if (r.eid() != null && (mid == null || mid.isEmpty())) {
              // SGP.22 section 3.1.2: an order for a known EID without a matchingId is for the
              // default SM-DP+ address (the LPA then sends no matchingId)
              order.defaultSmdp(true);
            }
            if (mid == null || mid.isEmpty()) {
              mid =
                  order.matchingId() != null && !order.matchingId().isEmpty()
                      ? order.matchingId()
                      : generateMatchingId();
            }
            if (r.smdsAddress() != null) {
              // SGP.22 section 5.3.2: the event (EventID = matchingId) before the order moves on;
              // an SM-DS failure leaves the order as it was
              smds.register(
                  order.iccid(),
                  r.eid() != null ? r.eid() : order.eid(),
                  mid.value(),
                  r.smdsAddress());
              order.smdsAddress(r.smdsAddress());
            }
            orders.assignMatchingId(order, mid);
            if (r.eid() != null) {
              order.eid(r.eid());
            }
            if (r.confirmationCode() != null) {
              order.confirmationCode(r.confirmationCode());
            }
            order.apply(
                r.releaseFlag() ? OrderEvent.CONFIRM_ORDER_AND_RELEASE : OrderEvent.CONFIRM_ORDER,
                "confirmOrder",
                events);
            return new ConfirmOrderResponse(ResponseHeader.success(), order.eid(), mid, address);
          });
    } catch (FunctionFailure f) {
      return new ConfirmOrderResponse(failed(f, "confirmOrder"), null, null, null);
    }
  }

  private MatchingId generateMatchingId() {
    while (true) {
      byte[] b = random.bytes(20);
      StringBuilder sb = new StringBuilder(23);
      for (int i = 0; i < 20; i++) {
        if (i > 0 && i % 5 == 0) {
          sb.append('-');
        }
        sb.append(ALPHABET.charAt((b[i] & 0xFF) % ALPHABET.length()));
      }
      MatchingId m = MatchingId.of(sb.toString());
      if (orders.byMatchingId(m.value()).isEmpty()) {
        return m;
      }
    }
  }

  /**
   * SGP.22 section 5.3.3 ES2+.CancelOrder: the order ends; the profile becomes Available again or
   * Unavailable, as finalProfileStatusIndicator says.
   */
  public CancelOrderResponse cancelOrder(CancelOrderRequest r) {
    try {
      Order order = require(r.iccid());
      order.locked(
          () -> {
            if (r.eid() != null && order.eid() != null && !order.eid().equals(r.eid())) {
              throw new FunctionFailure(
                  StatusCodes.EID_DIFFERENT_ASSOCIATED, r.eid().value(), "another EID is linked");
            }
            if (r.eid() == null && order.eid() != null) {
              // SGP.22 5.3.3: the EID is conditional, present when the order is linked to one
              throw new FunctionFailure(
                  StatusCodes.EID_MISSING,
                  order.iccid().value(),
                  "ICCID "
                      + order.iccid().value()
                      + " is linked to an EID: cancelOrder must name it");
            }
            if (r.matchingId() != null
                && (order.matchingId() == null || !order.matchingId().equals(r.matchingId()))) {
              throw new FunctionFailure(
                  StatusCodes.MATCHING_ID_DIFFERENT_ASSOCIATED,
                  r.matchingId().value(),
                  "the order has another matchingId");
            }
            boolean available =
                r.finalProfileStatusIndicator() == FinalProfileStatusIndicator.AVAILABLE;
            order.apply(
                available ? OrderEvent.CANCEL_ORDER_AVAILABLE : OrderEvent.CANCEL_ORDER_UNAVAILABLE,
                "cancelOrder",
                events);
            smds.delete(order.iccid(), "cancelOrder");
            orders.clearTokens(order);
            order.eid(null);
            order.confirmationCode(null);
            order.binding(null);
            return null;
          });
      return new CancelOrderResponse(ResponseHeader.success());
    } catch (FunctionFailure f) {
      return new CancelOrderResponse(failed(f, "cancelOrder"));
    }
  }

  /** SGP.22 section 5.3.4 ES2+.ReleaseProfile: Confirmed becomes Released. */
  public ReleaseProfileResponse releaseProfile(ReleaseProfileRequest r) {
    try {
      Order order = require(r.iccid());
      order.locked(() -> order.apply(OrderEvent.RELEASE_PROFILE, "releaseProfile", events));
      return new ReleaseProfileResponse(ResponseHeader.success());
    } catch (FunctionFailure f) {
      return new ReleaseProfileResponse(failed(f, "releaseProfile"));
    }
  }

  /** Adds orders to the inventory (ES2+-side administration). */
  public void addProfiles(List<Order> newOrders) {
    newOrders.forEach(orders::add);
  }

  private Order require(Iccid iccid) {
    return orders
        .find(iccid)
        .orElseThrow(
            () ->
                new FunctionFailure(
                    StatusCodes.PROFILE_ICCID_UNKNOWN, iccid.value(), "unknown ICCID"));
  }

  ResponseHeader failed(FunctionFailure f, String function) {
    events.emit("smdp", new EventPayload.Note(function + " failed: " + f.getMessage()));
    StatusCodeData data =
        quirks.has(Quirk.NON_STANDARD_STATUS_CODES) ? quirks.nonStandardCode() : f.statusCodeData();
    return ResponseHeader.failed(data);
  }
}
