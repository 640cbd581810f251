package org.rspharness.smdp.session;

import org.rspharness.core.ids.TransactionId;

/**
 * Where sessions report their changes while a request is being recorded (the durable state's
 * journal registers itself per thread); with nothing registered, as in memory, reporting does
 * nothing. The session package so knows no persistence.
 */
public final class SessionChanges {

  /** Receives the changes of the sessions on the registering thread. */
  public interface Recorder {
    /** The session changed or was opened. */
    void touched(RspSession session);

    /**
     * The session ended. {@code stored} is false for a session that never got past
     * initiateAuthentication (never written): nothing to delete.
     */
    void ended(TransactionId id, boolean stored);
  }

  private static final ThreadLocal<Recorder> CURRENT = new ThreadLocal<>();

  private SessionChanges() {}

  /** Sends this thread's session changes to {@code recorder} until {@link #stop()}. */
  public static void record(Recorder recorder) {
    CURRENT.set(recorder);
  }

  /** Stops sending this thread's session changes. */
  public static void stop() {
    CURRENT.remove();
  }

  static void touched(RspSession session) {
    Recorder r = CURRENT.get();
    if (r != null) {
      r.touched(session);
    }
  }

  static void ended(TransactionId id, boolean stored) {
    Recorder r = CURRENT.get();
    if (r != null) {
      r.ended(id, stored);
    }
  }
}
