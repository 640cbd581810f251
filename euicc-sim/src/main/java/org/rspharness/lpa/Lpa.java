package org.rspharness.lpa;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rspharness.asn1.rsp.AuthenticateServerResponse;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.NotificationMetadata;
import org.rspharness.asn1.rsp.PendingNotification;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es11.EventEntry;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.event.Deviations;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.lpa.es10.Decoded;
import org.rspharness.lpa.es10.DeviceInfo;
import org.rspharness.lpa.es10.Es10Client;
import org.rspharness.lpa.es10.Es10Exception;
import org.rspharness.lpa.es11.Es11;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/**
 * SGP.22 section 3.1.3: the Local Profile Assistant. Drives the profile download between an eUICC
 * (ES10, through {@link Es10Client}) and an SM-DP+ (ES9+, through {@link Es9Plus}), delivers
 * notifications, and runs the ES10c profile operations followed by their notifications.
 *
 * <pre>
 * LPA            eUICC                         SM-DP+
 *  |-- GetEuiccChallenge, GetEuiccInfo1 -->|
 *  |------------------------ initiateAuthentication ---------->|
 *  |-- AuthenticateServer(ctxParams1) ---->|
 *  |------------------------ authenticateClient -------------->|
 *  |   consent, confirmation code
 *  |-- PrepareDownload ------------------->|
 *  |------------------------ getBoundProfilePackage ---------->|
 *  |-- LoadBoundProfilePackage (segments)->|  -> ProfileInstallationResult
 *  |------------------------ handleNotification(PIR) --------->|
 *  |-- NotificationSent ------------------>|
 *  on failure after AuthenticateServer: CancelSession (eUICC), then cancelSession (SM-DP+)
 * </pre>
 */
public final class Lpa {

  /** CancelSessionReason values of SGP.22 section 5.7.14. */
  public static final int END_USER_REJECTION = 0;

  public static final int POSTPONED = 1;
  public static final int TIMEOUT = 2;
  public static final int PPR_NOT_ALLOWED = 3;
  public static final int METADATA_MISMATCH = 4;
  public static final int LOAD_BPP_EXECUTION_ERROR = 5;
  public static final int UNDEFINED_REASON = 127;

  /**
   * How the LPA behaves.
   *
   * @param deviceInfo TAC, IMEI and capabilities sent in ctxParams1
   * @param refreshFlag the refreshFlag of Enable/DisableProfile
   * @param notificationAttempts ES9+.HandleNotification attempts per notification (at least 1)
   * @param checkRat whether profile policy rules are checked against the eUICC's RAT before consent
   * @param eventSource name of the LPA in the event log
   * @param notifyAfterOperations whether pending notifications are sent after each profile
   *     operation
   */
  public record Config(
      DeviceInfo deviceInfo,
      boolean refreshFlag,
      int notificationAttempts,
      boolean checkRat,
      String eventSource,
      boolean notifyAfterOperations) {

    /** A configuration that sends pending notifications after each profile operation. */
    public Config(
        DeviceInfo deviceInfo,
        boolean refreshFlag,
        int notificationAttempts,
        boolean checkRat,
        String eventSource) {
      this(deviceInfo, refreshFlag, notificationAttempts, checkRat, eventSource, true);
    }

    public Config {
      if (deviceInfo == null) {
        throw new IllegalArgumentException("deviceInfo must not be null");
      }
      if (notificationAttempts < 1) {
        throw new IllegalArgumentException("notificationAttempts must be at least 1");
      }
    }

    /** The harness' default device, refreshFlag true, 3 notification attempts, RAT checked. */
    public static Config defaults() {
      return new Config(DeviceInfo.defaults(), true, 3, true, "lpa");
    }

    public Config withDeviceInfo(DeviceInfo info) {
      return new Config(
          info, refreshFlag, notificationAttempts, checkRat, eventSource, notifyAfterOperations);
    }

    public Config withRefreshFlag(boolean flag) {
      return new Config(
          deviceInfo, flag, notificationAttempts, checkRat, eventSource, notifyAfterOperations);
    }

    public Config withNotificationAttempts(int attempts) {
      return new Config(
          deviceInfo, refreshFlag, attempts, checkRat, eventSource, notifyAfterOperations);
    }

    /**
     * Whether pending notifications are sent right after each profile operation (a phone does so; a
     * scenario that inspects them pending turns it off and sends them with its own step).
     */
    public Config withNotifyAfterOperations(boolean notify) {
      return new Config(
          deviceInfo, refreshFlag, notificationAttempts, checkRat, eventSource, notify);
    }
  }

  /**
   * What to download.
   *
   * @param smdp the SM-DP+ to contact
   * @param matchingId the activation code token; null leaves it out of ctxParams1 (default SM-DP+)
   * @param confirmationCode the confirmation code, or null (asked through the consent hook if the
   *     SM-DP+ requires one)
   * @param smdpOid the SM-DP+ OID of the activation code, or null; when given, CERT.DPauth must
   *     carry it (subjectAltName registeredID)
   */
  public record DownloadRequest(
      SmdpAddress smdp, String matchingId, String confirmationCode, String smdpOid) {

    public DownloadRequest {
      if (smdp == null) {
        throw new IllegalArgumentException("download: SM-DP+ address missing");
      }
    }

    /** From an activation code; an empty token is left out of ctxParams1. */
    public static DownloadRequest of(ActivationCode code, String confirmationCode) {
      MatchingId mid = code.matchingId();
      return new DownloadRequest(
          code.smdpAddress(), mid.isEmpty() ? null : mid.value(), confirmationCode, code.smdpOid());
    }
  }

  private final Es10Client es10;
  private final Es9Plus es9;
  private final Es11 es11;
  private final EventLog events;
  private final Config config;

  private LpaBehaviour behaviour;
  private Deviations deviations;

  /** An LPA without SM-DS access (discovery fails with a clear message). */
  public Lpa(Es10Client es10, Es9Plus es9, EventLog events, Config config) {
    this(es10, es9, null, events, config);
  }

  /** An LPA that can also discover events at SM-DSs through {@code es11}. */
  public Lpa(Es10Client es10, Es9Plus es9, Es11 es11, EventLog events, Config config) {
    if (es10 == null || es9 == null || events == null || config == null) {
      throw new IllegalArgumentException("es10, es9, events and config must not be null");
    }
    this.es10 = es10;
    this.es9 = es9;
    this.es11 = es11;
    this.events = events;
    this.config = config;
    this.behaviour =
        LpaBehaviour.SPEC.toBuilder(null)
            .notificationAttempts(config.notificationAttempts())
            .build();
    this.deviations = new Deviations(events, config.eventSource(), false);
  }

  /**
   * The behaviour where SGP.22 leaves the LPA a choice: the CancelSession reason policy and the
   * notification retry and removal policy act here (block size, channel, headers and connections
   * act in the ES10 and ES9+ clients); returns this LPA.
   */
  public Lpa behaviour(LpaBehaviour b) {
    this.behaviour = java.util.Objects.requireNonNull(b, "behaviour");
    return this;
  }

  public LpaBehaviour behaviour() {
    return behaviour;
  }

  /** Strict: deviations of the SM-DP+ the LPA itself sees fail instead of being tolerated. */
  public Lpa strict(boolean on) {
    this.deviations = deviations.withStrict(on);
    return this;
  }

  public Es10Client es10() {
    return es10;
  }

  Es9Plus es9() {
    return es9;
  }

  Config config() {
    return config;
  }

  /** SGP.22 section 3.1.3: downloads with an activation code. */
  public DownloadResult download(
      ActivationCode code, String confirmationCode, ConsentHook consent) {
    return download(DownloadRequest.of(code, confirmationCode), consent);
  }

  /**
   * SGP.22 section 3.1.3 with the eUICC's default SM-DP+ address
   * (ES10a.GetEuiccConfiguredAddresses) and no matchingId.
   */
  public DownloadResult downloadFromDefaultSmdp(String confirmationCode, ConsentHook consent) {
    var addresses = es10.getConfiguredAddresses();
    if (addresses.getDefaultDpAddress() == null
        || addresses.getDefaultDpAddress().value.length == 0) {
      return new DownloadResult(
          DownloadOutcome.FAILED,
          null,
          null,
          DownloadStep.INITIATE_AUTHENTICATION,
          null,
          null,
          null,
          false,
          "the eUICC has no default SM-DP+ address");
    }
    SmdpAddress smdp =
        SmdpAddress.parseLenient(
            new String(addresses.getDefaultDpAddress().value, StandardCharsets.UTF_8));
    return download(new DownloadRequest(smdp, null, confirmationCode, null), consent);
  }

  /** SGP.22 section 3.1.3: the whole download, never throwing for protocol failures. */
  public DownloadResult download(DownloadRequest request, ConsentHook consent) {
    return new DownloadSession(this, request, consent == null ? ConsentHook.ACCEPT_ALL : consent)
        .run();
  }

  // ------------------------------------------------------------------ SM-DS discovery

  /** The eUICC's root SM-DS address (ES10a.GetEuiccConfiguredAddresses rootDsAddress). */
  public SmdpAddress rootSmds() {
    var addresses = es10.getConfiguredAddresses();
    return SmdpAddress.parseLenient(
        new String(addresses.getRootDsAddress().value, StandardCharsets.UTF_8));
  }

  /**
   * SGP.22 section 3.6.2 event retrieval: GetEuiccChallenge and GetEuiccInfo1, ES11
   * InitiateAuthentication at {@code smds}, ES10b.AuthenticateServer without a matchingId, ES11
   * AuthenticateClient; answers the SM-DS's event entries without downloading them.
   */
  public DiscoveryResult retrieveEvents(SmdpAddress smds) {
    step("DISCOVER");
    DiscoveryResult r = retrieve(smds);
    finish("DISCOVER", r.ok(), code(r.statusCode()), r.message());
    return r;
  }

  /**
   * How many SM-DSs after the first an event may lead through before its SM-DP+ (SGP.22 3.6: the
   * root SM-DS names an alternative SM-DS, which names the SM-DP+; one more level is tolerated). A
   * longer chain, or one that comes back to an SM-DS already asked for the same event, is a failed
   * download of that event, not an endless loop.
   */
  public static final int MAX_SMDS_HOPS = 2;

  /**
   * SGP.22 section 3.6.2 then 3.1.3: retrieves the events of this eUICC at {@code smds} (null: the
   * eUICC's root SM-DS) and downloads each from its SM-DP+, the EventID as matchingId. An event
   * whose rspServerAddress turns out to be an SM-DS (its InitiateAuthentication answer carries a
   * CERT.DSauth) is followed there, the EventID as matchingId of the event retrieval, up to {@link
   * #MAX_SMDS_HOPS}; {@link DiscoveryResult#events()} are then the events that named SM-DP+s.
   */
  public DiscoveryResult discover(SmdpAddress smds, ConsentHook consent) {
    SmdpAddress where = smds == null ? rootSmds() : smds;
    DiscoveryResult found = retrieveEvents(where);
    if (!found.ok()) {
      return found;
    }
    List<EventEntry> reached = new ArrayList<>();
    List<DownloadResult> downloads = new ArrayList<>();
    for (EventEntry e : found.events()) {
      follow(
          e, List.of(where.host().toLowerCase(java.util.Locale.ROOT)), consent, reached, downloads);
    }
    String what =
        found.events().size()
            + " event(s) at "
            + where.value()
            + (reached.equals(found.events())
                ? ""
                : ", " + reached.size() + " after the SM-DS cascade")
            + ", "
            + downloads.stream().filter(DownloadResult::installed).count()
            + " installed";
    return new DiscoveryResult(where.value(), true, reached, downloads, null, what);
  }

  /**
   * Downloads the event {@code e} or, when its server is an SM-DS, retrieves that event there and
   * follows what it names; {@code chain} holds the SM-DS hosts asked so far (lower case).
   */
  private void follow(
      EventEntry e,
      List<String> chain,
      ConsentHook consent,
      List<EventEntry> reached,
      List<DownloadResult> downloads) {
    SmdpAddress server;
    try {
      server = SmdpAddress.parseLenient(e.rspServerAddress());
    } catch (IllegalArgumentException x) {
      note("event " + e.eventId() + ": unusable rspServerAddress '" + e.rspServerAddress() + "'");
      return;
    }
    DownloadSession s =
        new DownloadSession(
            this,
            new DownloadRequest(server, e.eventId(), null, null),
            consent == null ? ConsentHook.ACCEPT_ALL : consent);
    s.smdsChain = chain;
    DownloadResult d = s.run();
    if (s.cascade == null) {
      reached.add(e);
      downloads.add(d);
      return;
    }
    List<String> longer = new ArrayList<>(chain);
    longer.add(server.host().toLowerCase(java.util.Locale.ROOT));
    for (EventEntry next : s.cascade.events()) {
      follow(next, List.copyOf(longer), consent, reached, downloads);
    }
  }

  static DiscoveryResult notRetrieved(SmdpAddress smds, StatusCodeData code, String message) {
    return new DiscoveryResult(smds.value(), false, List.of(), List.of(), code, message);
  }

  private DiscoveryResult retrieve(SmdpAddress smds) {
    if (es11 == null) {
      return notRetrieved(smds, null, "this LPA has no ES11 client");
    }
    try {
      byte[] challenge = es10.getEuiccChallenge();
      Decoded<EUICCInfo1> info1 = es10.getEuiccInfo1();
      InitiateAuthenticationResponse init =
          es11.initiateAuthentication(
              smds, new InitiateAuthenticationRequest(challenge, info1.encoded(), smds));
      String signed =
          new String(Tlv.parse(init.serverSigned1()).get(0x83).value(), StandardCharsets.UTF_8);
      if (!SmdpAddress.parseLenient(signed).host().equalsIgnoreCase(smds.host())) {
        return notRetrieved(
            smds,
            null,
            "serverSigned1 names '" + signed + "', but the LPA contacted '" + smds.value() + "'");
      }
      return retrieveAuthenticated(smds, init, null);
    } catch (Es9Exception e) {
      return notRetrieved(
          smds, e.statusCodeData().orElse(null), "SM-DS " + smds.value() + ": " + e.getMessage());
    } catch (Es10Exception | CodecException | IllegalArgumentException e) {
      return notRetrieved(smds, null, "event retrieval: " + e.getMessage());
    }
  }

  /**
   * SGP.22 section 3.6.2 from ES10b.AuthenticateServer on, the SM-DS having answered {@code init}:
   * {@code eventId} (the root SM-DS's EventID when following it to an alternative SM-DS, else null)
   * goes in ctxParams1 as matchingId.
   */
  DiscoveryResult retrieveAuthenticated(
      SmdpAddress smds, InitiateAuthenticationResponse init, String eventId)
      throws Es9Exception, Es10Exception {
    if (es11 == null) {
      return notRetrieved(smds, null, "this LPA has no ES11 client");
    }
    Decoded<AuthenticateServerResponse> auth =
        es10.authenticateServer(
            init.serverSigned1(),
            init.serverSignature1(),
            init.euiccCiPKIdToBeUsed(),
            init.serverCertificate(),
            eventId,
            config.deviceInfo());
    // the response goes to the SM-DS even when it is an error, so that it ends its session
    var client =
        es11.authenticateClient(
            smds, new AuthenticateClientRequest(init.transactionId(), auth.encoded()));
    if (auth.value().getAuthenticateResponseError() != null) {
      return notRetrieved(
          smds,
          null,
          "the eUICC refused the SM-DS: authenticateErrorCode="
              + auth.value().getAuthenticateResponseError().getAuthenticateErrorCode().value);
    }
    List<EventEntry> found = client.eventEntries();
    return new DiscoveryResult(
        smds.value(), true, found, List.of(), null, found.size() + " event(s) at " + smds.value());
  }

  // ------------------------------------------------------------------ notifications

  /**
   * SGP.22 section 3.5: delivers every pending notification to its address (with retries) and
   * removes each from the eUICC only after the SM-DP+ accepted it.
   */
  public List<NotificationDelivery> processNotifications() {
    step("processNotifications");
    List<NotificationDelivery> out = new ArrayList<>();
    for (Decoded<PendingNotification> n : es10.retrieveNotificationsList(null)) {
      out.add(deliver(n));
    }
    finish("processNotifications", true, null, out.size() + " notification(s)");
    return out;
  }

  /** Delivers one notification, then NotificationSent when it was accepted. */
  NotificationDelivery deliver(Decoded<PendingNotification> n) {
    NotificationMetadata md =
        n.value().getProfileInstallationResult() != null
            ? n.value()
                .getProfileInstallationResult()
                .getProfileInstallationResultData()
                .getNotificationMetadata()
            : n.value().getOtherSignedNotification().getTbsOtherNotification();
    long seq = md.getSeqNumber().value.longValue();
    String operation = operationName(md.getProfileManagementOperation().value);
    String address = new String(md.getNotificationAddress().value, StandardCharsets.UTF_8);
    String error = null;
    int attempts = 0;
    SmdpAddress target;
    if (!address.equals(address.strip())
        && !deviations.tolerate(
            "SM-DP+",
            "SGP.22 NotificationMetadata",
            "notification address (notificationAddress, an FQDN)",
            "'" + address + "'",
            "no surrounding whitespace")) {
      return new NotificationDelivery(
          seq, operation, address, false, 0, "notification address with whitespace (strict)");
    }
    try {
      target = SmdpAddress.parseLenient(address);
    } catch (IllegalArgumentException e) {
      return new NotificationDelivery(seq, operation, address, false, 0, e.getMessage());
    }
    while (attempts < behaviour.notificationAttempts()) {
      attempts++;
      try {
        es9.handleNotification(target, new HandleNotification(n.encoded()));
        int status = es10.notificationSent(seq);
        note("notification " + seq + " (" + operation + ") delivered, NotificationSent " + status);
        return new NotificationDelivery(seq, operation, address, true, attempts, null);
      } catch (Es9Exception e) {
        error = e.getMessage();
        if (e.kind() == Es9Exception.Kind.FUNCTION_FAILED) {
          break; // the SM-DP+ answered: asking again gives the same answer
        }
      }
    }
    note("notification " + seq + " (" + operation + ") not delivered: " + error);
    if (behaviour.removeUndelivered()) {
      // as some LPAs do: the notification is dropped although the SM-DP+ never had it
      es10.notificationSent(seq);
      note("notification " + seq + " removed from the eUICC undelivered (behaviour)");
    }
    return new NotificationDelivery(seq, operation, address, false, attempts, error);
  }

  // ------------------------------------------------------------------ profile operations

  /** SGP.22 section 3.2.1: EnableProfile, then the notifications. */
  public ProfileOperationResult enable(Iccid iccid) {
    int r = es10.enableProfile(iccid, config.refreshFlag());
    return operation("EnableProfile", r, ENABLE_RESULTS);
  }

  /** SGP.22 section 3.2.2: DisableProfile, then the notifications. */
  public ProfileOperationResult disable(Iccid iccid) {
    int r = es10.disableProfile(iccid, config.refreshFlag());
    return operation("DisableProfile", r, DISABLE_RESULTS);
  }

  /** SGP.22 section 3.2.3: DeleteProfile, then the notifications. */
  public ProfileOperationResult delete(Iccid iccid) {
    int r = es10.deleteProfile(iccid);
    return operation("DeleteProfile", r, DELETE_RESULTS);
  }

  /** SGP.22 section 3.2.6: SetNickname (no notification of its own; pending ones are sent). */
  public ProfileOperationResult setNickname(Iccid iccid, String nickname) {
    int r = es10.setNickname(iccid, nickname);
    return operation("SetNickname", r, Map.of(0, "ok", 1, "iccidNotFound", 127, "undefinedError"));
  }

  /** SGP.22 section 3.3.2: eUICCMemoryReset with {@code options} (Es10Client.RESET_*). */
  public ProfileOperationResult memoryReset(int options) {
    int r = es10.memoryReset(options);
    return operation(
        "eUICCMemoryReset",
        r,
        Map.of(0, "ok", 1, "nothingToDelete", 5, "catBusy", 127, "undefinedError"));
  }

  private ProfileOperationResult operation(String name, int result, Map<Integer, String> names) {
    String resultName = names.getOrDefault(result, "unknown(" + result + ")");
    events.emit(
        config.eventSource(),
        new EventPayload.StepFinished(
            "lpa", name, result == 0, null, resultName + "(" + result + ")"));
    List<NotificationDelivery> delivered =
        result == 0 && config.notifyAfterOperations() ? processNotifications() : List.of();
    return new ProfileOperationResult(name, result, resultName, delivered);
  }

  static final Map<Integer, String> ENABLE_RESULTS =
      Map.of(
          0, "ok",
          1, "iccidOrAidNotFound",
          2, "profileNotInDisabledState",
          3, "disallowedByPolicy",
          4, "wrongProfileReenabling",
          5, "catBusy",
          127, "undefinedError");
  static final Map<Integer, String> DISABLE_RESULTS =
      Map.of(
          0, "ok",
          1, "iccidOrAidNotFound",
          2, "profileNotInEnabledState",
          3, "disallowedByPolicy",
          5, "catBusy",
          127, "undefinedError");
  static final Map<Integer, String> DELETE_RESULTS =
      Map.of(
          0, "ok",
          1, "iccidOrAidNotFound",
          2, "profileNotInDisabledState",
          3, "disallowedByPolicy",
          127, "undefinedError");

  /** The SGP.22 name of a CancelSessionReason. */
  public static String cancelReasonName(int reason) {
    return switch (reason) {
      case END_USER_REJECTION -> "endUserRejection(0)";
      case POSTPONED -> "postponed(1)";
      case TIMEOUT -> "timeout(2)";
      case PPR_NOT_ALLOWED -> "pprNotAllowed(3)";
      case METADATA_MISMATCH -> "metadataMismatch(4)";
      case LOAD_BPP_EXECUTION_ERROR -> "loadBppExecutionError(5)";
      case UNDEFINED_REASON -> "undefinedReason(127)";
      default -> "reason(" + reason + ")";
    };
  }

  /** The operation a profileManagementOperation bit string names (install, enable, ...). */
  public static String operationName(byte[] bits) {
    int b = bits.length == 0 ? 0 : bits[0] & 0xFF;
    if ((b & 0x80) != 0) {
      return "install";
    }
    if ((b & 0x40) != 0) {
      return "enable";
    }
    if ((b & 0x20) != 0) {
      return "disable";
    }
    if ((b & 0x10) != 0) {
      return "delete";
    }
    return "unknown";
  }

  // ------------------------------------------------------------------ events

  void step(String step) {
    events.emit(config.eventSource(), new EventPayload.StepStarted("lpa", step));
  }

  void finish(String step, boolean ok, String statusCode, String message) {
    events.emit(
        config.eventSource(), new EventPayload.StepFinished("lpa", step, ok, statusCode, message));
  }

  void note(String text) {
    events.emit(config.eventSource(), new EventPayload.Note(text));
  }

  static String code(StatusCodeData d) {
    return d == null ? null : d.subjectCode() + "/" + d.reasonCode();
  }
}
