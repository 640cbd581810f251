package org.rspharness.smds.es11;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es11.EventEntry;
import org.rspharness.core.es11.InitiateAuthenticationRequestEs11;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.smdp.es9.AuthenticateClient;
import org.rspharness.smdp.es9.EuiccAuthentication;
import org.rspharness.smdp.es9.InitiateAuthentication;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.session.RspSession;
import org.rspharness.smdp.session.SessionStore;
import org.rspharness.smds.state.EventRecord;
import org.rspharness.smds.state.EventStore;

/**
 * SGP.22 section 5.8 ES11, transport-free: the LPA authenticates the SM-DS with CERT.DSauth and the
 * SM-DS authenticates the eUICC exactly as an SM-DP+ does ({@link EuiccAuthentication}), then
 * answers the event records of that EID.
 *
 * <pre>
 * LPA                           SM-DS
 *  | initiateAuthentication --> | SVN (8.9.3/3.1), address (8.9.1/3.8), CI PKId (8.9.2/3.1),
 *  |                            | DSauth for it (8.9.4/3.7); serverSigned1 signed with SK.DSauth
 *  | authenticateClient ------> | EUM/eUICC chain, euiccSignature1, transactionId, challenge;
 *  |                            | eventEntries of the EID (possibly none)
 * </pre>
 */
public final class Es11Service {

  private final EventStore store;
  private final EventLog events;
  private final AuthenticateClient authenticateClient;
  private final InitiateAuthentication initiate;
  private final String source;

  public Es11Service(
      CredentialSource credentials,
      SmdpAddress address,
      EventStore store,
      SessionStore sessions,
      Clock clock,
      RandomSource random,
      EventLog events,
      String source) {
    this.store = store;
    this.events = events;
    EuiccAuthentication auth = new EuiccAuthentication(credentials, clock);
    this.authenticateClient =
        new AuthenticateClient(auth, sessions, AuthenticateClient.SessionEnd.AFTER_ANSWER);
    this.initiate =
        new InitiateAuthentication(
            InitiateAuthentication.Server.SMDS,
            credentials,
            auth,
            sessions,
            random,
            address,
            false);
    this.source = source;
  }

  /**
   * SGP.22 section 5.8.1 ES11.InitiateAuthentication: SVN, SM-DS address (host case-insensitive),
   * CI negotiation, then a session and serverSigned1 signed with SK.DSauth.
   */
  public InitiateAuthenticationResponse initiateAuthentication(
      InitiateAuthenticationRequestEs11 r) {
    try {
      return initiate.answer(r.euiccChallenge(), r.euiccInfo1(), r.smdsAddress(), null);
    } catch (FunctionFailure f) {
      return InitiateAuthenticationResponse.failed(failed(f, "initiateAuthentication"));
    }
  }

  /**
   * SGP.22 section 5.8.2 ES11.AuthenticateClient: authenticates the eUICC and answers the event
   * records of its EID (only the one named as matchingId, if any: 8.9.5/3.9 when unknown); the
   * session ends either way.
   */
  public AuthenticateClientResponseEs11 authenticateClient(AuthenticateClientRequest r) {
    return authenticateClient.answer(
        r,
        this::eventsOf,
        f -> AuthenticateClientResponseEs11.failed(failed(f, "authenticateClient")));
  }

  /**
   * SGP.22 5.8.2 after the eUICC's authentication: the event records of its EID. An LPA following a
   * root SM-DS's event to this (alternative) SM-DS puts the EventID in ctxParams1 as matchingId
   * (3.6.2) and is answered that event only; without one, every event of the EID.
   */
  private AuthenticateClientResponseEs11 eventsOf(
      RspSession s, EuiccAuthentication.Authenticated a) {
    String eventId = a.matchingId();
    List<EventEntry> entries = new ArrayList<>();
    for (EventRecord e : store.of(a.eid())) {
      if (eventId == null || eventId.equals(e.eventId())) {
        entries.add(new EventEntry(e.eventId(), e.rspServerAddress()));
      }
    }
    if (eventId != null && entries.isEmpty()) {
      throw new FunctionFailure(
          StatusCodes.EVENT_RECORD_UNKNOWN,
          eventId,
          "no event " + eventId + " for EID " + a.eid().value());
    }
    events.emit(
        source,
        new EventPayload.Note(
            "authenticateClient: " + entries.size() + " event(s) for EID " + a.eid().value()));
    return new AuthenticateClientResponseEs11(ResponseHeader.success(), s.transactionId(), entries);
  }

  private ResponseHeader failed(FunctionFailure f, String function) {
    events.emit(source, new EventPayload.Note("ES11 " + function + " failed: " + f.getMessage()));
    return ResponseHeader.failed(f.statusCodeData());
  }
}
