package org.rspharness.core.fault;

import static org.rspharness.core.fault.FaultPoint.AFTER_APDU;
import static org.rspharness.core.fault.FaultPoint.ANSWER;
import static org.rspharness.core.fault.FaultPoint.BEFORE_APDU;
import static org.rspharness.core.fault.FaultPoint.CONNECT;
import static org.rspharness.core.fault.FaultPoint.REQUEST_BODY;
import static org.rspharness.core.fault.FaultPoint.REQUEST_END;
import static org.rspharness.core.fault.FaultPoint.REQUEST_START;
import static org.rspharness.core.fault.FaultPoint.RESPONSE_BODY;
import static org.rspharness.core.fault.FaultPoint.RESPONSE_END;
import static org.rspharness.core.fault.FaultPoint.RESPONSE_START;
import static org.rspharness.core.fault.FaultPoint.TLS_HANDSHAKE;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.rspharness.core.status.StatusCode;

/**
 * One fault: what happens when its rule matches. Each kind names the points where it can happen, so
 * a rule that cannot happen (a power loss at the TLS handshake) is refused when the plan is built.
 * {@link #name()} is the kind's spelling in scenario files and in {@code FaultInjected} events.
 */
public sealed interface Fault {

  /** The kind's name in files and events, e.g. {@code close-after}. */
  String name();

  /** The points at which this fault can happen. */
  Set<FaultPoint> points();

  /** A short description for the event log, e.g. {@code close-after 100 bytes}. */
  default String describe() {
    return name();
  }

  /** The network points between connect and the end of the response. */
  Set<FaultPoint> TRAFFIC =
      EnumSet.of(
          REQUEST_START, REQUEST_BODY, REQUEST_END, RESPONSE_START, RESPONSE_BODY, RESPONSE_END);

  /** Adds {@code delay} plus a uniformly drawn {@code -jitter..+jitter} before the point. */
  record Latency(Duration delay, Duration jitter) implements Fault {
    /** Needs a non-negative delay; jitter defaults to zero and may not exceed the delay. */
    public Latency {
      nonNegative("delay", delay);
      jitter = jitter == null ? Duration.ZERO : jitter;
      nonNegative("jitter", jitter);
      if (jitter.compareTo(delay) > 0) {
        throw new IllegalArgumentException("jitter: " + jitter + " exceeds the delay " + delay);
      }
    }

    @Override
    public String name() {
      return "latency";
    }

    @Override
    public Set<FaultPoint> points() {
      EnumSet<FaultPoint> s = EnumSet.copyOf(TRAFFIC);
      s.add(CONNECT);
      s.add(TLS_HANDSHAKE);
      return s;
    }

    @Override
    public String describe() {
      return "latency " + delay.toMillis() + " ms +- " + jitter.toMillis() + " ms";
    }
  }

  /** Limits the body transfer to {@code bytesPerSecond}. */
  record Bandwidth(long bytesPerSecond) implements Fault {
    /** Needs a positive rate. */
    public Bandwidth {
      if (bytesPerSecond < 1) {
        throw new IllegalArgumentException("bytesPerSecond: expected at least 1");
      }
    }

    @Override
    public String name() {
      return "bandwidth";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(REQUEST_BODY, RESPONSE_BODY);
    }

    @Override
    public String describe() {
      return "bandwidth " + bytesPerSecond + " B/s";
    }
  }

  /** No bytes flow for {@code duration} (long enough, this triggers the peer's timeout). */
  record Stall(Duration duration) implements Fault {
    /** Needs a positive duration. */
    public Stall {
      positive("duration", duration);
    }

    @Override
    public String name() {
      return "stall";
    }

    @Override
    public Set<FaultPoint> points() {
      EnumSet<FaultPoint> s = EnumSet.copyOf(TRAFFIC);
      s.add(TLS_HANDSHAKE);
      return s;
    }

    @Override
    public String describe() {
      return "stall " + duration.toMillis() + " ms";
    }
  }

  /** Closes the connection (FIN) after {@code bytes} bytes of the body at this point. */
  record CloseAfter(int bytes) implements Fault {
    /** Needs zero or more bytes. */
    public CloseAfter {
      if (bytes < 0) {
        throw new IllegalArgumentException("bytes: expected zero or more");
      }
    }

    @Override
    public String name() {
      return "close-after";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(REQUEST_BODY, RESPONSE_BODY);
    }

    @Override
    public String describe() {
      return "close-after " + bytes + " bytes";
    }
  }

  /** Resets the connection (RST: SO_LINGER 0, then close). */
  record Reset() implements Fault {
    @Override
    public String name() {
      return "reset";
    }

    @Override
    public Set<FaultPoint> points() {
      EnumSet<FaultPoint> s = EnumSet.copyOf(TRAFFIC);
      s.add(TLS_HANDSHAKE);
      return s;
    }
  }

  /** The TLS handshake fails (a fatal alert instead of the handshake). */
  record TlsFailure() implements Fault {
    @Override
    public String name() {
      return "tls-failure";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(TLS_HANDSHAKE);
    }
  }

  /** The connection is refused. */
  record Refuse() implements Fault {
    @Override
    public String name() {
      return "refuse";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(CONNECT);
    }
  }

  /**
   * The SM-DP+ answers the function with this SGP.22 status code (functionExecutionStatus Failed).
   */
  record AnswerStatus(StatusCode status) implements Fault {
    /** Needs the code. */
    public AnswerStatus {
      if (status == null) {
        throw new IllegalArgumentException("status: missing; expected a code such as 8.1/6.1");
      }
    }

    @Override
    public String name() {
      return "status";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(ANSWER);
    }

    @Override
    public String describe() {
      return "status " + status.subjectCode() + "/" + status.reasonCode();
    }
  }

  /** The SM-DP+ answers with this HTTP status and an HTML body, as a broken proxy would. */
  record HttpError(int httpStatus) implements Fault {
    /** Needs a 4xx or 5xx status. */
    public HttpError {
      if (httpStatus < 400 || httpStatus > 599) {
        throw new IllegalArgumentException("httpStatus: expected 400 to 599");
      }
    }

    @Override
    public String name() {
      return "http-error";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(ANSWER);
    }

    @Override
    public String describe() {
      return "http-error " + httpStatus;
    }
  }

  /** A protocol-level corruption of the SM-DP+'s answer, each named by {@link Kind}. */
  record Corrupt(Kind kind, int segment) implements Fault {
    /** What is corrupted. */
    public enum Kind {
      /** serverSignature1 / smdpSignature2 no longer verifies. */
      WRONG_SIGNATURE,
      /** The answer carries another transactionId. */
      WRONG_TRANSACTION_ID,
      /** The SM-DP+ presents an expired DPauth/DPpb certificate. */
      EXPIRED_CERTIFICATE,
      /** The SM-DP+ presents a certificate issued by another CI. */
      WRONG_CI_CERTIFICATE,
      /** One BPP segment ({@code segment}, from 0) has a flipped byte in its ciphertext. */
      BPP_CORRUPTED_SEGMENT,
      /** One BPP segment's MAC is wrong. */
      BPP_BAD_MAC
    }

    /** Needs the kind; {@code segment} is only used by the BPP kinds. */
    public Corrupt {
      if (kind == null) {
        throw new IllegalArgumentException("kind: missing");
      }
      if (segment < 0) {
        throw new IllegalArgumentException("segment: expected zero or more");
      }
    }

    @Override
    public String name() {
      return kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(ANSWER);
    }

    @Override
    public String describe() {
      return kind == Kind.BPP_CORRUPTED_SEGMENT || kind == Kind.BPP_BAD_MAC
          ? name() + " segment " + segment
          : name();
    }
  }

  /** The card loses power; it restarts from its persistent state at the next reset. */
  record PowerLoss() implements Fault {
    @Override
    public String name() {
      return "power-loss";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(BEFORE_APDU, AFTER_APDU);
    }
  }

  /** The card answers the APDU with this status word instead of handling it. */
  record CardStatusWord(int sw) implements Fault {
    /** Needs a two-byte status word. */
    public CardStatusWord {
      if (sw < 0x6000 || sw > 0x9FFF) {
        throw new IllegalArgumentException(
            "sw: expected a status word from 6000 to 9FFF, got " + Integer.toHexString(sw));
      }
    }

    @Override
    public String name() {
      return "status-word";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(BEFORE_APDU);
    }

    @Override
    public String describe() {
      return String.format("status-word %04X", sw);
    }
  }

  /** The card reports its memory full for this command (installation fails as SGP.22 says). */
  record MemoryFull() implements Fault {
    @Override
    public String name() {
      return "memory-full";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(BEFORE_APDU);
    }
  }

  /** The card takes {@code delay} longer per APDU. */
  record SlowCard(Duration delay) implements Fault {
    /** Needs a positive delay. */
    public SlowCard {
      positive("delay", delay);
    }

    @Override
    public String name() {
      return "slow-card";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(BEFORE_APDU, AFTER_APDU);
    }

    @Override
    public String describe() {
      return "slow-card " + delay.toMillis() + " ms";
    }
  }

  /** The LPA's logical channel to ISD-R is left open (not closed) after the command. */
  record ChannelLeftOpen() implements Fault {
    @Override
    public String name() {
      return "channel-left-open";
    }

    @Override
    public Set<FaultPoint> points() {
      return EnumSet.of(AFTER_APDU);
    }
  }

  private static void nonNegative(String field, Duration d) {
    if (d == null || d.isNegative()) {
      throw new IllegalArgumentException(field + ": expected a duration of zero or more");
    }
  }

  private static void positive(String field, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + ": expected a positive duration");
    }
  }
}
