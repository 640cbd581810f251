package org.rspharness.smdp.smds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rspharness.core.es12.DeleteEventRequest;
import org.rspharness.core.es12.Es12Response;
import org.rspharness.core.es12.RegisterEventRequest;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smds.es12.Es12;
import org.rspharness.smds.es12.SmdsUnreachableException;

/** SGP.22 section 5.3.2: the SM-DP+'s ES12 registration codes and retry policy. */
class SmdsRegistrationTest {

  private static final Eid EID = Eid.of("89049032123451234512345678901235");
  private static final Iccid ICCID = Iccid.withCheckDigit("894900000000000516");
  private static final SmdpAddress SELF = SmdpAddress.of("smdp.example.com");

  /** An SM-DS that fails {@code unreachable} times, then answers {@code answer}. */
  private static Es12 smds(AtomicInteger calls, int unreachable, Es12Response answer) {
    return new Es12() {
      @Override
      public Es12Response registerEvent(SmdpAddress smds, RegisterEventRequest r)
          throws SmdsUnreachableException {
        if (calls.incrementAndGet() <= unreachable) {
          throw new SmdsUnreachableException("connection refused", null);
        }
        return answer;
      }

      @Override
      public Es12Response deleteEvent(SmdpAddress smds, DeleteEventRequest r) {
        calls.incrementAndGet();
        return answer;
      }
    };
  }

  private static SmdsRegistration registration(Es12 es12, int attempts) {
    return new SmdsRegistration(
        es12, SELF, new SmdsRegistration.Policy(attempts, Duration.ZERO), EventLog.disabled());
  }

  @Test
  void aTransientFailureIsRetriedWithinThePolicy() {
    AtomicInteger calls = new AtomicInteger();
    SmdsRegistration r =
        registration(smds(calls, 2, new Es12Response(ResponseHeader.success())), 3);
    r.register(ICCID, EID, "EV-1", "smds.example.com");
    assertThat(calls).hasValue(3);
    assertThat(r.of(ICCID)).isPresent();
    r.delete(ICCID, "test");
    assertThat(r.of(ICCID)).isEmpty();
    assertThat(calls).hasValue(4);
  }

  @Test
  void anSmdsStillUnreachableAfterTheAttemptsIs8_9_5_1() {
    AtomicInteger calls = new AtomicInteger();
    SmdsRegistration r =
        registration(smds(calls, 5, new Es12Response(ResponseHeader.success())), 2);
    assertThatThrownBy(() -> r.register(ICCID, EID, "EV-1", "smds.example.com"))
        .isInstanceOfSatisfying(
            FunctionFailure.class,
            f -> assertThat(f.code()).isEqualTo(StatusCodes.SMDS_INACCESSIBLE));
    assertThat(calls).hasValue(2);
  }

  @Test
  void aRefusalIs8_9_4_2AndIsNotRetried() {
    AtomicInteger calls = new AtomicInteger();
    SmdsRegistration r =
        registration(
            smds(
                calls,
                0,
                new Es12Response(ResponseHeader.failed(StatusCodes.EVENT_RECORD_ALREADY_EXISTS))),
            3);
    assertThatThrownBy(() -> r.register(ICCID, EID, "EV-1", "smds.example.com"))
        .isInstanceOfSatisfying(
            FunctionFailure.class,
            f -> assertThat(f.code()).isEqualTo(StatusCodes.SMDS_EXECUTION_ERROR));
    assertThat(calls).hasValue(1);
  }

  @Test
  void withoutAnEidOrWithoutEs12AccessNothingIsCalled() {
    AtomicInteger calls = new AtomicInteger();
    SmdsRegistration r =
        registration(smds(calls, 0, new Es12Response(ResponseHeader.success())), 1);
    assertThatThrownBy(() -> r.register(ICCID, null, "EV-1", "smds.example.com"))
        .isInstanceOfSatisfying(
            FunctionFailure.class, f -> assertThat(f.code()).isEqualTo(StatusCodes.EID_MISSING));
    assertThat(calls).hasValue(0);
    assertThatThrownBy(() -> registration(null, 1).register(ICCID, EID, "EV-1", "smds.example.com"))
        .isInstanceOfSatisfying(
            FunctionFailure.class,
            f -> assertThat(f.code()).isEqualTo(StatusCodes.SMDS_INACCESSIBLE));
  }
}
