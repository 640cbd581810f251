package org.rspharness.smds.es12;

import org.rspharness.core.es12.DeleteEventRequest;
import org.rspharness.core.es12.Es12Response;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smds.state.EventRecord;
import org.rspharness.smds.state.EventStore;

/**
 * SGP.22 sections 5.9 and 5.10: the SM-DS side of ES12 (and of ES15, the cascade). RegisterEvent
 * stores an event record for the EID; at an alternative SM-DS with forwardingIndicator true it
 * registers the same EventID at the root SM-DS with this SM-DS as rspServerAddress (8.9/4.2 when
 * the root refuses or cannot be reached, and nothing is kept). DeleteEvent removes the record and,
 * when it was forwarded, the root's copy.
 */
public final class Es12Service implements Es12 {

  private final EventStore store;
  private final SmdpAddress self;
  private final SmdpAddress root;
  private final Es12 cascade;
  private final EventLog events;
  private final String source;

  /**
   * @param self this SM-DS's address (what a forwarded record names)
   * @param root the root SM-DS to forward to, or null when this is the root
   * @param cascade how to reach the root (ES15); null when this is the root
   */
  public Es12Service(
      EventStore store,
      SmdpAddress self,
      SmdpAddress root,
      Es12 cascade,
      EventLog events,
      String source) {
    this.store = store;
    this.self = self;
    this.root = root;
    this.cascade = cascade;
    this.events = events;
    this.source = source;
  }

  /** SGP.22 section 5.9.1 ES12.RegisterEvent (the {@code smds} argument is ignored: it is us). */
  @Override
  public Es12Response registerEvent(SmdpAddress smds, RegisterEventRequest r) {
    return registerEvent(r);
  }

  /** SGP.22 section 5.9.2 ES12.DeleteEvent. */
  @Override
  public Es12Response deleteEvent(SmdpAddress smds, DeleteEventRequest r) {
    return deleteEvent(r);
  }

  /** SGP.22 section 5.9.1 ES12.RegisterEvent. */
  public Es12Response registerEvent(RegisterEventRequest r) {
    try {
      if (store.find(r.eid(), r.eventId()).isPresent()) {
        throw new FunctionFailure(
            StatusCodes.EVENT_RECORD_ALREADY_EXISTS,
            r.eventId(),
            "event " + r.eventId() + " is already registered for EID " + r.eid().value());
      }
      boolean forward = r.forwarding() && root != null;
      if (forward) {
        Es12Response up =
            cascadeCall(
                "registerEvent",
                () ->
                    cascade.registerEvent(
                        root,
                        new RegisterEventRequest(
                            header(r.header()), r.eid(), self.value(), r.eventId(), false)));
        if (!up.header().executed()) {
          throw new FunctionFailure(
              StatusCodes.SMDS_EXECUTION_ERROR,
              r.eventId(),
              "the root SM-DS " + root.value() + " refused the event: " + describe(up));
        }
      }
      store.add(new EventRecord(r.eid(), r.eventId(), r.rspServerAddress(), forward));
      return new Es12Response(ResponseHeader.success());
    } catch (FunctionFailure f) {
      return failed(f, "registerEvent");
    }
  }

  /** SGP.22 section 5.9.2 ES12.DeleteEvent. */
  public Es12Response deleteEvent(DeleteEventRequest r) {
    try {
      EventRecord removed = store.remove(r.eid(), r.eventId(), "deleteEvent");
      if (removed.forwarded()) {
        Es12Response up =
            cascadeCall(
                "deleteEvent",
                () ->
                    cascade.deleteEvent(
                        root, new DeleteEventRequest(header(r.header()), r.eid(), r.eventId())));
        if (!up.header().executed()) {
          events.emit(
              source,
              new EventPayload.Note("root SM-DS kept event " + r.eventId() + ": " + describe(up)));
        }
      }
      return new Es12Response(ResponseHeader.success());
    } catch (FunctionFailure f) {
      return failed(f, "deleteEvent");
    }
  }

  private interface Call {
    Es12Response run() throws SmdsUnreachableException;
  }

  private Es12Response cascadeCall(String function, Call call) {
    try {
      return call.run();
    } catch (SmdsUnreachableException e) {
      throw new FunctionFailure(
          StatusCodes.SMDS_EXECUTION_ERROR,
          root.value(),
          "ES15 " + function + " at the root SM-DS failed: " + e.getMessage());
    }
  }

  private RequestHeader header(RequestHeader h) {
    return new RequestHeader(self.value(), h.functionCallIdentifier());
  }

  private static String describe(Es12Response r) {
    StatusCodeData d = r.header().functionExecutionStatus().statusCodeData();
    return d == null ? "no statusCodeData" : d.describe();
  }

  private Es12Response failed(FunctionFailure f, String function) {
    events.emit(source, new EventPayload.Note("ES12 " + function + " failed: " + f.getMessage()));
    return new Es12Response(ResponseHeader.failed(f.statusCodeData()));
  }
}
