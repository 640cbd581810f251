package org.rspharness.core.event;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What happened, one record per kind of happening. The set is closed so that report code can switch
 * over it exhaustively; the {@code type} names are part of the events.jsonl format.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = EventPayload.ApduExchange.class, name = "apdu"),
  @JsonSubTypes.Type(value = EventPayload.Es10Command.class, name = "es10"),
  @JsonSubTypes.Type(value = EventPayload.HttpExchange.class, name = "http"),
  @JsonSubTypes.Type(value = EventPayload.TlsHandshake.class, name = "tls"),
  @JsonSubTypes.Type(value = EventPayload.StateTransition.class, name = "state"),
  @JsonSubTypes.Type(value = EventPayload.FaultInjected.class, name = "fault"),
  @JsonSubTypes.Type(value = EventPayload.StepStarted.class, name = "step-start"),
  @JsonSubTypes.Type(value = EventPayload.StepFinished.class, name = "step-end"),
  @JsonSubTypes.Type(value = EventPayload.Note.class, name = "note"),
  @JsonSubTypes.Type(value = EventPayload.Deviation.class, name = "deviation"),
})
public sealed interface EventPayload {

  /** One command/response pair at a card interface; {@code nanos} is the card's handling time. */
  record ApduExchange(@HexBytes byte[] command, @HexBytes byte[] response, int channel, long nanos)
      implements EventPayload {}

  /**
   * SGP.22 section 5.7: one ES10 command as one side of the card interface observed it, logged
   * after its APDUs (the {@code apdus} {@link ApduExchange}s just before it from the same source on
   * {@code channel}: its STORE DATA blocks, the GET RESPONSEs that drained its answer and, for
   * LoadBoundProfilePackage, every STORE DATA sequence of the package), so that reports and KPIs
   * need not rebuild it from APDUs. The LPA's channel management around ES10 (MANAGE CHANNEL,
   * SELECT of the ISD-R) is logged the same way. Our LPA and our eUICC each log their own, so a run
   * with both has two records of every command: KPIs and reports count one side per log (the LPA's
   * when it has any, see {@code Kpis}).
   *
   * @param function the command as fault rules and KPIs name it ({@code GetEuiccChallenge}, {@code
   *     AuthenticateServer}, {@code LoadBoundProfilePackage}, {@code Select}, ...)
   * @param result {@link #OK}, or what failed: {@code SW 6A88} (a refusal), the ES10 error inside a
   *     9000 (e.g. {@code enableResult 2}), or the failure that left no response
   * @param channel the logical channel
   * @param apdus the command/response pairs it took
   * @param commandBytes bytes of the command (the ES10 TLV; the whole BPP for a package)
   * @param responseBytes bytes of the response data, without status words
   * @param nanos the time of all its APDUs as the observer measured it (the LPA: each exchange with
   *     the card; the eUICC: its own handling)
   * @param command the command data reassembled from its STORE DATA blocks (the ES10 TLV; the whole
   *     BPP for a package; the AID for SELECT), or null when the log keeps no APDU data (a load run
   *     with APDU recording off) or the log predates this field
   * @param response the response data reassembled over GET RESPONSE, without status words; null
   *     when none arrived or, as for {@code command}, when not recorded
   * @param observer who logged it: {@link #LPA} (the LPA's ES10 client) or {@link #EUICC} (the
   *     card); a log that predates this field has only the LPA's records, so null reads as {@link
   *     #LPA}
   */
  record Es10Command(
      String function,
      String result,
      int channel,
      int apdus,
      int commandBytes,
      int responseBytes,
      long nanos,
      @HexBytes byte[] command,
      @HexBytes byte[] response,
      String observer)
      implements EventPayload {

    /** The result of a command that did what was asked. */
    public static final String OK = "ok";

    /** The observer of a command the LPA sent. */
    public static final String LPA = "lpa";

    /** The observer of a command the eUICC ran. */
    public static final String EUICC = "euicc";

    /** Reads a missing observer as {@link #LPA} (logs older than the field). */
    public Es10Command {
      if (observer == null) {
        observer = LPA;
      }
    }

    /** True when the command succeeded. */
    public boolean ok() {
      return OK.equals(result);
    }

    /** True when the LPA logged it (false: the eUICC). */
    public boolean observedByLpa() {
      return LPA.equals(observer);
    }
  }

  /**
   * One HTTP exchange of an ES9+/ES2+ function, bodies as sent and received ({@code status} 0 when
   * no response arrived, with {@code error} saying why).
   */
  record HttpExchange(
      String function,
      String url,
      int status,
      @HexBytes byte[] requestBody,
      @HexBytes byte[] responseBody,
      long nanos,
      String error)
      implements EventPayload {}

  /** A TLS handshake: negotiated protocol and suite, or the failure. */
  record TlsHandshake(String peer, String protocol, String cipherSuite, String error, long nanos)
      implements EventPayload {}

  /**
   * A state machine moved: an order, a profile on the eUICC, a session. {@code entity} is the kind
   * ("order", "profile", "session"), {@code id} which one, {@code cause} the function that moved
   * it.
   */
  record StateTransition(String entity, String id, String from, String to, String cause)
      implements EventPayload {}

  /** A fault of the fault plan was applied at a named point. */
  record FaultInjected(String point, String fault, int occurrence) implements EventPayload {}

  /**
   * A scenario step began. {@code action} is the step's kind as in scenario files (e.g. {@code
   * download}, {@code enable}; null for a scenario or an expectation) and {@code device} the device
   * it acts on (null when none): KPIs such as time-to-activate are computed from these.
   */
  record StepStarted(String scenario, String step, String action, String device)
      implements EventPayload {
    /** A step with no action kind or device (a scenario's own start, an expectation). */
    public StepStarted(String scenario, String step) {
      this(scenario, step, null, null);
    }
  }

  /**
   * A scenario step ended; {@code statusCode} is the SGP.22 code when the action failed with one,
   * {@code ok} whether the step held (an expected refusal holds), {@code outcome} what the action
   * did ({@code success}, {@code failure}, {@code expected-failure}; null: as {@code ok} says).
   */
  record StepFinished(
      String scenario, String step, boolean ok, String statusCode, String message, String outcome)
      implements EventPayload {

    /** The action succeeded. */
    public static final String SUCCESS = "success";

    /** The action failed and the step did not expect it to. */
    public static final String FAILURE = "failure";

    /** The action failed as the step expected (a refusal a scenario provokes on purpose). */
    public static final String EXPECTED_FAILURE = "expected-failure";

    /** A step whose action outcome is {@code ok} itself (no separate outcome recorded). */
    public StepFinished(
        String scenario, String step, boolean ok, String statusCode, String message) {
      this(scenario, step, ok, statusCode, message, null);
    }

    /**
     * What the action itself did, apart from whether the step held: {@link #SUCCESS}, {@link
     * #FAILURE} or {@link #EXPECTED_FAILURE}; when none was recorded, {@code ok} decides.
     */
    public String actionOutcome() {
      return outcome != null ? outcome : ok ? SUCCESS : FAILURE;
    }
  }

  /** Free text for what no other event says (start-up summaries, warnings). */
  record Note(String text) implements EventPayload {}

  /**
   * A peer did what SGP.22 forbids but devices in the field tolerate. The emitter (the event's
   * source) carried on when {@code tolerated}, or failed as the letter of the spec says (strict).
   *
   * @param who the peer that deviated ({@code SM-DP+}, {@code LPA}, {@code eUICC})
   * @param clause the SGP.22 clause broken, e.g. {@code SGP.22 2.5.5}
   * @param rule what the clause requires, in a few words
   * @param observed what the peer sent
   * @param limit what the clause allows
   * @param tolerated true when the emitter carried on, false when it failed (strict)
   */
  record Deviation(
      String who, String clause, String rule, String observed, String limit, boolean tolerated)
      implements EventPayload {}
}
