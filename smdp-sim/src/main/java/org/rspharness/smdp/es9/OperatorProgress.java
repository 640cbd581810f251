package org.rspharness.smdp.es9;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.FunctionExecutionStatus;
import org.rspharness.smdp.callback.DownloadProgress;
import org.rspharness.smdp.callback.NotificationPoint;
import org.rspharness.smdp.callback.OperatorNotifier;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.order.Order;

/**
 * SGP.22 section 5.3.5: tells the operator how a download goes at each notification point
 * (ES2+.HandleDownloadProgressInfo); a failing notifier is noted in the event log, never fails the
 * ES9+ function.
 */
final class OperatorProgress {

  private final OperatorNotifier notifier;
  private final Clock clock;
  private final EventLog events;
  private final String source;

  OperatorProgress(OperatorNotifier notifier, Clock clock, EventLog events, String source) {
    this.notifier = notifier;
    this.clock = clock;
    this.events = events;
    this.source = source;
  }

  /** The order reached {@code point}: successfully when {@code failure} is null. */
  void notify(
      Order order, Eid eid, NotificationPoint point, FunctionFailure failure, byte[] resultData) {
    FunctionExecutionStatus status =
        failure == null
            ? FunctionExecutionStatus.success()
            : new FunctionExecutionStatus(ExecutionStatus.FAILED, failure.statusCodeData());
    try {
      notifier.notify(
          new DownloadProgress(
              eid,
              order.iccid(),
              order.profileType(),
              OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
              point,
              status,
              resultData));
    } catch (RuntimeException e) {
      events.emit(source, new EventPayload.Note("operator notifier failed: " + e));
    }
  }
}
