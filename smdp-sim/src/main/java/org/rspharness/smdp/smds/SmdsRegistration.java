package org.rspharness.smdp.smds;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.rspharness.core.es12.DeleteEventRequest;
import org.rspharness.core.es12.Es12Response;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.callback.OperatorNotifier;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smds.es12.Es12;
import org.rspharness.smds.es12.SmdsUnreachableException;

/**
 * SGP.22 sections 3.1.2 and 5.3.2: the SM-DP+ registers an event (EventID = the order's matchingId)
 * at the SM-DS an operator names in ConfirmOrder, and deletes it once the download is over (the
 * eUICC's ProfileInstallationResult arrived) or the order is cancelled. An SM-DS that cannot be
 * reached after the policy's attempts is 8.9/5.1; one that refuses is 8.9/4.2. Each registration,
 * retry and deletion is an event.
 */
public final class SmdsRegistration {

  private static final String SOURCE = "smdp";

  /**
   * How hard to try an SM-DS.
   *
   * @param attempts calls per function when the SM-DS cannot be reached (at least 1)
   * @param backoff pause between attempts
   */
  public record Policy(int attempts, Duration backoff) {
    public Policy {
      if (attempts < 1) {
        throw new IllegalArgumentException("attempts: at least 1");
      }
      if (backoff == null || backoff.isNegative()) {
        throw new IllegalArgumentException("backoff: zero or more");
      }
    }

    /** Three attempts, 200 ms apart. */
    public static Policy defaults() {
      return new Policy(3, Duration.ofMillis(200));
    }
  }

  /** A registered event: where, for which eUICC, under which id. */
  public record Registered(SmdpAddress smds, Eid eid, String eventId) {}

  private final Es12 es12;
  private final SmdpAddress self;
  private final Policy policy;
  private final EventLog events;
  private final Map<Iccid, Registered> registered = new ConcurrentHashMap<>();
  private final AtomicLong calls = new AtomicLong();

  /** Registration through {@code es12}; null means this SM-DP+ has no SM-DS connectivity. */
  public SmdsRegistration(Es12 es12, SmdpAddress self, Policy policy, EventLog events) {
    this.es12 = es12;
    this.self = self;
    this.policy = policy;
    this.events = events;
  }

  /**
   * SGP.22 section 5.3.2: ES12.RegisterEvent at {@code smds} for the order of {@code iccid}; throws
   * 8.1.1/2.2 without an EID, 8.9/5.1 when the SM-DS cannot be reached, 8.9/4.2 when it refuses.
   */
  public void register(Iccid iccid, Eid eid, String eventId, String smdsAddress) {
    SmdpAddress smds;
    try {
      smds = SmdpAddress.parseLenient(smdsAddress);
    } catch (IllegalArgumentException e) {
      throw new FunctionFailure(
          StatusCodes.SMDS_INACCESSIBLE, smdsAddress, "smdsAddress: " + e.getMessage());
    }
    if (eid == null) {
      throw new FunctionFailure(
          StatusCodes.EID_MISSING, iccid.value(), "an SM-DS event needs the EID of the order");
    }
    Es12Response r =
        call(
            "registerEvent",
            smds,
            () ->
                es12.registerEvent(
                    smds, new RegisterEventRequest(header(), eid, self.value(), eventId, true)));
    if (!r.header().executed()) {
      throw new FunctionFailure(
          StatusCodes.SMDS_EXECUTION_ERROR,
          smds.value(),
          "SM-DS " + smds.value() + " refused RegisterEvent: " + describe(r));
    }
    registered.put(iccid, new Registered(smds, eid, eventId));
    events.emit(
        SOURCE,
        new EventPayload.StateTransition(
            "smdsRegistration", iccid.value(), "none", "registered", smds.value() + "/" + eventId));
  }

  /**
   * SGP.22 section 3.1.2: ES12.DeleteEvent for the order of {@code iccid}, if it has an event; a
   * failure is logged, not raised (the download or cancellation it follows stands).
   */
  public void delete(Iccid iccid, String cause) {
    Registered reg = registered.remove(iccid);
    if (reg == null) {
      return;
    }
    try {
      Es12Response r =
          call(
              "deleteEvent",
              reg.smds(),
              () ->
                  es12.deleteEvent(
                      reg.smds(), new DeleteEventRequest(header(), reg.eid(), reg.eventId())));
      events.emit(
          SOURCE,
          r.header().executed()
              ? new EventPayload.StateTransition(
                  "smdsRegistration", iccid.value(), "registered", "deleted", cause)
              : new EventPayload.Note(
                  "SM-DS " + reg.smds().value() + " refused DeleteEvent: " + describe(r)));
    } catch (FunctionFailure f) {
      events.emit(SOURCE, new EventPayload.Note("DeleteEvent not delivered: " + f.getMessage()));
    }
  }

  /** The event registered for an order, if any. */
  public Optional<Registered> of(Iccid iccid) {
    return Optional.ofNullable(registered.get(iccid));
  }

  /**
   * An operator notifier that, when the SM-DP+ reports the BPP installation result (success or
   * not), first deletes the order's event at its SM-DS, then hands the report on.
   */
  public OperatorNotifier deletingAfterDownload(OperatorNotifier next) {
    return p -> {
      if (p.point() == NotificationPoint.BPP_INSTALLATION) {
        delete(p.iccid(), "download ended (notification point 4)");
      }
      next.notify(p);
    };
  }

  private interface Call {
    Es12Response run() throws SmdsUnreachableException;
  }

  private Es12Response call(String function, SmdpAddress smds, Call call) {
    if (es12 == null) {
      throw new FunctionFailure(
          StatusCodes.SMDS_INACCESSIBLE,
          smds.value(),
          "this SM-DP+ has no ES12 access to any SM-DS");
    }
    SmdsUnreachableException last = null;
    for (int attempt = 1; attempt <= policy.attempts(); attempt++) {
      try {
        return call.run();
      } catch (SmdsUnreachableException e) {
        last = e;
        events.emit(
            SOURCE,
            new EventPayload.Note(
                "ES12 "
                    + function
                    + " attempt "
                    + attempt
                    + "/"
                    + policy.attempts()
                    + " failed: "
                    + e.getMessage()));
        if (attempt < policy.attempts() && !policy.backoff().isZero()) {
          try {
            Thread.sleep(policy.backoff().toMillis());
          } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    }
    throw new FunctionFailure(
        StatusCodes.SMDS_INACCESSIBLE,
        smds.value(),
        "SM-DS " + smds.value() + " unreachable: " + (last == null ? "" : last.getMessage()));
  }

  private RequestHeader header() {
    return new RequestHeader(self.value(), "smdp-es12-" + calls.incrementAndGet());
  }

  private static String describe(Es12Response r) {
    StatusCodeData d = r.header().functionExecutionStatus().statusCodeData();
    return d == null ? "no statusCodeData" : d.describe();
  }
}
