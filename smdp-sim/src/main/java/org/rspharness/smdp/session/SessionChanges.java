package org.rspharness.smdp.session;

import org.rspharness.core.ids.TransactionId;
import org.rspharness.smdp.change.ChangeFeed;

/**
 * Where sessions report their changes while a request is being recorded ({@link ChangeFeed}): the
 * session package so knows no persistence.
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

  /** This thread's recorder of session changes ({@link ChangeFeed#record}). */
  public static final ChangeFeed<Recorder> FEED = new ChangeFeed<>();

  private SessionChanges() {}

  static void touched(RspSession session) {
    FEED.report(r -> r.touched(session));
  }

  static void ended(TransactionId id, boolean stored) {
    FEED.report(r -> r.ended(id, stored));
  }
}
