package org.rspharness.smdp.es9;

import java.util.function.Function;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.session.RspSession;
import org.rspharness.smdp.session.SessionStore;

/**
 * SGP.22 sections 5.6.3 and 5.8.2: how AuthenticateClient starts on an RSP server, one
 * implementation for the SM-DP+ (ES9+) and the SM-DS (ES11): the session of the transactionId
 * (unknown, or already authenticated: 8.10.1/3.9) held under its lock, then the eUICC authenticated
 * ({@link EuiccAuthentication}: EUM and eUICC certificates, euiccSignature1, transactionId and
 * serverChallenge), then the server's own steps. What differs stays with each server: its own
 * steps, how it answers a refusal (its response type, its event, the SM-DP+'s non-standard code
 * quirk) and when the session ends ({@link SessionEnd}).
 */
public final class AuthenticateClient {

  /** When the session of an AuthenticateClient ends. */
  public enum SessionEnd {
    /**
     * SM-DP+ (5.6.3): an accepted eUICC goes on to getBoundProfilePackage in the same session; a
     * refusal ends a session that is still INITIATED, before the refusal is answered. SGP.22 5.6.5
     * (ES9+.CancelSession) verifies a cancellation with the PK.EUICC.SIG attached to an ongoing RSP
     * session, and a refused AuthenticateClient attached none; so a later cancelSession with this
     * transactionId is answered 8.10.1/3.9 (unknown), not a misleading 8.1/6.1 (our reading: SGP.22
     * does not say in so many words when the SM-DP+ forgets a refused session). A replay against a
     * session that already went further leaves that session alone. Tested by {@code
     * CancelSessionTest}.
     */
    ON_REFUSAL,

    /**
     * SM-DS (5.8.2): AuthenticateClient is the session's last function; the session ends after the
     * answer, accepted or refused.
     */
    AFTER_ANSWER
  }

  /**
   * A server's own steps once the eUICC is authenticated, run under the session's lock; a refusal
   * is a {@link FunctionFailure}.
   *
   * @param <R> the server's response
   */
  @FunctionalInterface
  public interface Steps<R> {
    R answer(RspSession session, EuiccAuthentication.Authenticated euicc);
  }

  private final EuiccAuthentication auth;
  private final SessionStore sessions;
  private final SessionEnd end;

  public AuthenticateClient(EuiccAuthentication auth, SessionStore sessions, SessionEnd end) {
    this.auth = auth;
    this.sessions = sessions;
    this.end = end;
  }

  /**
   * SGP.22 5.6.3 / 5.8.2: answers {@code r} with {@code steps} once the eUICC is authenticated, or
   * with {@code refusal} of the first failure (the session unknown or already authenticated, the
   * eUICC's authentication, or the server's own steps).
   */
  public <R> R answer(
      AuthenticateClientRequest r, Steps<R> steps, Function<FunctionFailure, R> refusal) {
    RspSession s;
    try {
      s = sessions.require(r.transactionId());
    } catch (FunctionFailure f) {
      return refusal.apply(f);
    }
    s.lock().lock();
    try {
      if (s.phase() != RspSession.Phase.INITIATED) {
        throw new FunctionFailure(
            StatusCodes.TRANSACTION_ID_UNKNOWN,
            s.transactionId().hex(),
            "session already authenticated");
      }
      return steps.answer(s, auth.authenticate(r.authenticateServerResponse(), s));
    } catch (FunctionFailure f) {
      if (end == SessionEnd.ON_REFUSAL && s.phase() == RspSession.Phase.INITIATED) {
        sessions.end(s.transactionId(), "authenticateClient refused: " + f.getMessage());
      }
      return refusal.apply(f);
    } finally {
      if (end == SessionEnd.AFTER_ANSWER) {
        sessions.end(s.transactionId(), "ES11 authenticateClient");
      }
      s.lock().unlock();
    }
  }
}
