package org.rspharness.lpa.es10;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import org.rspharness.asn1.rsp.AuthenticateServerResponse;
import org.rspharness.asn1.rsp.CancelSessionResponse;
import org.rspharness.asn1.rsp.DeleteProfileResponse;
import org.rspharness.asn1.rsp.DisableProfileResponse;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.EUICCInfo2;
import org.rspharness.asn1.rsp.EnableProfileResponse;
import org.rspharness.asn1.rsp.EuiccConfiguredAddressesResponse;
import org.rspharness.asn1.rsp.EuiccMemoryResetResponse;
import org.rspharness.asn1.rsp.GetEuiccChallengeResponse;
import org.rspharness.asn1.rsp.GetEuiccDataResponse;
import org.rspharness.asn1.rsp.GetRatResponse;
import org.rspharness.asn1.rsp.ListNotificationResponse;
import org.rspharness.asn1.rsp.NotificationMetadata;
import org.rspharness.asn1.rsp.NotificationSentResponse;
import org.rspharness.asn1.rsp.PendingNotification;
import org.rspharness.asn1.rsp.PrepareDownloadResponse;
import org.rspharness.asn1.rsp.ProfileInfo;
import org.rspharness.asn1.rsp.ProfileInfoListResponse;
import org.rspharness.asn1.rsp.ProfileInstallationResult;
import org.rspharness.asn1.rsp.RetrieveNotificationsListResponse;
import org.rspharness.asn1.rsp.SetDefaultDpAddressResponse;
import org.rspharness.asn1.rsp.SetNicknameResponse;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.bpp.BoundProfilePackage;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.event.EventLog;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.euicc.card.Card;
import org.rspharness.euicc.card.CommandApdu;
import org.rspharness.euicc.card.Es10CommandNames;
import org.rspharness.euicc.card.Es10Results;
import org.rspharness.euicc.card.LpaApdus;
import org.rspharness.euicc.card.ResponseApdu;
import org.rspharness.euicc.card.StatusWord;

/**
 * SGP.22 section 5.7 (ES10a/b/c): typed calls to the ISD-R over a {@link Card}, framed as deployed
 * LPAs frame them: MANAGE CHANNEL open, SELECT ISD-R by AID on that channel, each ES10 command as
 * STORE DATA blocks (P1 11/91, block numbers from 0, no Le, 120 bytes by default), long responses
 * fetched with GET RESPONSE after {@code 61xx}.
 *
 * <p>Responses are decoded with {@link Asn1Codec}; every value the LPA forwards to the SM-DP+ comes
 * back as {@link Decoded} with the bytes exactly as the card sent them. Every APDU goes to the
 * event log as an {@link EventPayload.ApduExchange}, and after the APDUs of each command one {@link
 * EventPayload.Es10Command} says which command they carried and how it ended. Not thread-safe: one
 * client per card session.
 */
public final class Es10Client implements AutoCloseable {

  /** SGP.22 section 2.2.3: the ISD-R AID. */
  public static final byte[] ISD_R_AID =
      HexFormat.of().parseHex("A0000005591010FFFFFFFF8900000100");

  /**
   * How the client frames commands.
   *
   * @param blockSize STORE DATA block size, 6..255 (120 as deployed LPAs)
   * @param eventSource name of this client in the event log
   * @param recordData whether each {@link EventPayload.Es10Command} carries the command and
   *     response data (off for load runs that keep no APDUs)
   */
  public record Options(
      int blockSize, String eventSource, boolean logicalChannel, boolean recordData) {
    /** On a logical channel. */
    public Options(int blockSize, String eventSource) {
      this(blockSize, eventSource, true, true);
    }

    public Options {
      if (blockSize < 6 || blockSize > 255) {
        throw new IllegalArgumentException("blockSize must be 6..255: " + blockSize);
      }
      if (eventSource == null || eventSource.isBlank()) {
        throw new IllegalArgumentException("eventSource must not be blank");
      }
    }

    /** 120-byte blocks, source "lpa". */
    public static Options defaults() {
      return new Options(LpaApdus.DEFAULT_BLOCK_SIZE, "lpa");
    }

    public Options withBlockSize(int size) {
      return new Options(size, eventSource, logicalChannel, recordData);
    }

    /** ES10 on the basic channel 0 (CLA 80, SELECT there) instead of a logical channel. */
    public Options withLogicalChannel(boolean on) {
      return new Options(blockSize, eventSource, on, recordData);
    }

    /** Whether the {@link EventPayload.Es10Command} events carry the command and response. */
    public Options withRecordData(boolean on) {
      return new Options(blockSize, eventSource, logicalChannel, on);
    }
  }

  private static final byte[] NO_DATA = new byte[0];

  private final Card card;
  private final EventLog events;
  private final Options options;
  private int channel = -1;

  /** APDUs, their card time and the channel of the command in progress (for its event). */
  private int apdus;

  private long nanos;
  private int commandChannel;

  public Es10Client(Card card, EventLog events, Options options) {
    if (card == null || events == null || options == null) {
      throw new IllegalArgumentException("card, events and options must not be null");
    }
    this.card = card;
    this.events = events;
    this.options = options;
  }

  public Es10Client(Card card, EventLog events) {
    this(card, events, Options.defaults());
  }

  /** The logical channel in use, or -1 before the first call. */
  public int channel() {
    return channel;
  }

  /**
   * Opens a logical channel and selects the ISD-R on it (done by the first ES10 call otherwise).
   */
  public void open() {
    if (channel >= 0) {
      return;
    }
    if (!options.logicalChannel()) {
      command(
          Es10CommandNames.SELECT,
          ISD_R_AID,
          () -> drain("SELECT ISD-R", exchange("SELECT", LpaApdus.select(0, ISD_R_AID), 0), 0));
      channel = 0;
      return;
    }
    byte[] data =
        command(
            Es10CommandNames.MANAGE_CHANNEL,
            NO_DATA,
            () -> {
              ResponseApdu opened = exchange("MANAGE CHANNEL", LpaApdus.openChannel(), 0);
              if (opened.statusWord().value() != 0x9000 || opened.data().length != 1) {
                throw new Es10Exception(
                    "MANAGE CHANNEL",
                    opened.statusWord().value(),
                    "no logical channel opened (" + opened + ")",
                    null);
              }
              return opened.data();
            });
    int ch = data[0] & 0xFF;
    command(
        Es10CommandNames.SELECT,
        ISD_R_AID,
        () -> drain("SELECT ISD-R", exchange("SELECT", LpaApdus.select(ch, ISD_R_AID), ch), ch));
    channel = ch;
  }

  /** Closes the logical channel (MANAGE CHANNEL close); the next call opens a new one. */
  @Override
  public void close() {
    if (channel > 0) {
      int ch = channel;
      channel = -1;
      command(
          Es10CommandNames.MANAGE_CHANNEL,
          NO_DATA,
          () -> exchange("MANAGE CHANNEL", LpaApdus.closeChannel(ch), 0).data());
    }
    channel = -1;
  }

  /** Forgets the channel without telling the card (after a card reset). */
  public void forgetChannel() {
    channel = -1;
  }

  /**
   * Sends one ES10 command (a complete TLV) as a STORE DATA sequence and returns the response data
   * (empty when the card answered 9000 alone).
   *
   * @throws Es10Exception when any block is refused with an error status word
   */
  public byte[] transmit(String function, byte[] command) {
    open();
    return command(nameOf(command), command, () -> send(function, command));
  }

  /** One STORE DATA sequence and its response, without an {@link EventPayload.Es10Command}. */
  private byte[] send(String function, byte[] command) {
    List<CommandApdu> blocks = LpaApdus.storeData(channel, command, options.blockSize());
    for (int i = 0; i < blocks.size() - 1; i++) {
      ResponseApdu r = exchange(function, blocks.get(i), channel);
      if (r.statusWord().value() != 0x9000) {
        throw new Es10Exception(
            function,
            r.statusWord().value(),
            "STORE DATA block " + i + " refused with " + r.statusWord(),
            null);
      }
    }
    ResponseApdu last = exchange(function, blocks.get(blocks.size() - 1), channel);
    return drain(function, last, channel);
  }

  // ---------------------------------------------------------------- ES10b: download

  /** SGP.22 section 5.7.7 ES10b.GetEUICCChallenge: the 16-byte euiccChallenge. */
  public byte[] getEuiccChallenge() {
    GetEuiccChallengeResponse r =
        call("GetEUICCChallenge", empty(0xBF2E), GetEuiccChallengeResponse::new).value();
    byte[] challenge = r.getEuiccChallenge().value;
    if (challenge.length != 16) {
      throw new Es10Exception(
          "GetEUICCChallenge",
          -1,
          "euiccChallenge of " + challenge.length + " bytes, SGP.22 says 16",
          null);
    }
    return challenge;
  }

  /** SGP.22 section 5.7.8 ES10b.GetEUICCInfo (EUICCInfo1, BF20). */
  public Decoded<EUICCInfo1> getEuiccInfo1() {
    return call("GetEUICCInfo1", empty(0xBF20), EUICCInfo1::new);
  }

  /** SGP.22 section 5.7.8 ES10b.GetEUICCInfo (EUICCInfo2, BF22). */
  public Decoded<EUICCInfo2> getEuiccInfo2() {
    return call("GetEUICCInfo2", empty(0xBF22), EUICCInfo2::new);
  }

  /**
   * SGP.22 section 5.7.13 ES10b.AuthenticateServer. All byte arrays are complete TLVs exactly as
   * the SM-DP+ sent them (ServerSigned1 {@code 30}, serverSignature1 {@code 5F37}, the CI PKId
   * {@code 04 14 ..}, CERT.DPauth {@code 30}).
   *
   * @param matchingId the activation code token, or null to leave it out (default SM-DP+ / SM-DS)
   */
  public Decoded<AuthenticateServerResponse> authenticateServer(
      byte[] serverSigned1,
      byte[] serverSignature1,
      byte[] euiccCiPkIdToBeUsed,
      byte[] serverCertificate,
      String matchingId,
      DeviceInfo deviceInfo) {
    TlvBuilder ctx = TlvBuilder.constructed(0xA0);
    if (matchingId != null) {
      ctx.add(0x80, matchingId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
    ctx.addEncoded(deviceInfo.encode(0xA1));
    byte[] command =
        TlvBuilder.constructed(0xBF38)
            .addEncoded(requireTlv("serverSigned1", serverSigned1, 0x30))
            .addEncoded(requireTlv("serverSignature1", serverSignature1, 0x5F37))
            .addEncoded(requireTlv("euiccCiPKIdToBeUsed", euiccCiPkIdToBeUsed, 0x04))
            .addEncoded(requireTlv("serverCertificate", serverCertificate, 0x30))
            .add(ctx)
            .build();
    return call("AuthenticateServer", command, AuthenticateServerResponse::new);
  }

  /**
   * SGP.22 section 5.7.5 ES10b.PrepareDownload, with smdpSigned2 ({@code 30}), smdpSignature2
   * ({@code 5F37}) and CERT.DPpb ({@code 30}) exactly as received.
   *
   * @param hashCc SHA-256(SHA-256(code) || transactionId), or null when no code is required
   */
  public Decoded<PrepareDownloadResponse> prepareDownload(
      byte[] smdpSigned2, byte[] smdpSignature2, byte[] hashCc, byte[] smdpCertificate) {
    TlvBuilder b =
        TlvBuilder.constructed(0xBF21)
            .addEncoded(requireTlv("smdpSigned2", smdpSigned2, 0x30))
            .addEncoded(requireTlv("smdpSignature2", smdpSignature2, 0x5F37));
    if (hashCc != null) {
      if (hashCc.length != 32) {
        throw new IllegalArgumentException("hashCc must be 32 bytes, got " + hashCc.length);
      }
      b.add(0x04, hashCc);
    }
    b.addEncoded(requireTlv("smdpCertificate", smdpCertificate, 0x30));
    return call("PrepareDownload", b.build(), PrepareDownloadResponse::new);
  }

  /**
   * SGP.22 section 5.7.6 ES10b.LoadBoundProfilePackage: the BPP (BF36) as separate STORE DATA
   * sequences: the BF36 header with the whole BF23; the whole A0; the A1 header, then each 88; the
   * whole A2 if present; the A3 header, then each 86. Stops as soon as the card answers a
   * ProfileInstallationResult (BF37): sending more would only earn {@code 6A88} and hide the error.
   *
   * @throws Es10Exception when a segment is refused with a status word, or the card never answers a
   *     ProfileInstallationResult
   * @throws CodecException when {@code boundProfilePackage} is not a well-formed BF36
   */
  public BppLoadResult loadBoundProfilePackage(byte[] boundProfilePackage) {
    List<byte[]> sequences = BoundProfilePackage.storeDataCommands(boundProfilePackage);
    open();
    int[] sent = {0};
    byte[] response =
        command(
            Es10CommandNames.LOAD_BOUND_PROFILE_PACKAGE,
            boundProfilePackage,
            () -> {
              for (byte[] sequence : sequences) {
                byte[] r = send("LoadBoundProfilePackage", sequence);
                sent[0]++;
                if (r.length > 0) {
                  return r;
                }
              }
              throw new Es10Exception(
                  "LoadBoundProfilePackage",
                  -1,
                  "the card answered no ProfileInstallationResult after all "
                      + sequences.size()
                      + " segments",
                  null);
            });
    Decoded<ProfileInstallationResult> pir =
        decode("LoadBoundProfilePackage", response, ProfileInstallationResult::new);
    return new BppLoadResult(pir, sent[0], sequences.size());
  }

  /** SGP.22 section 5.7.14 ES10b.CancelSession with a CancelSessionReason (0..5, 127). */
  public Decoded<CancelSessionResponse> cancelSession(TransactionId transactionId, int reason) {
    byte[] command =
        TlvBuilder.constructed(0xBF41)
            .add(0x80, transactionId.bytes())
            .add(0x81, Der.integer(reason))
            .build();
    return call("CancelSession", command, CancelSessionResponse::new);
  }

  // ---------------------------------------------------------------- ES10b: notifications

  /** SGP.22 section 5.7.9 ES10b.ListNotification: the metadata of all pending notifications. */
  public List<NotificationMetadata> listNotification() {
    ListNotificationResponse r =
        call("ListNotification", empty(0xBF28), ListNotificationResponse::new).value();
    if (r.getNotificationMetadataList() == null) {
      throw new Es10Exception(
          "ListNotification",
          -1,
          "listNotificationsResultError " + r.getListNotificationsResultError(),
          null);
    }
    return r.getNotificationMetadataList().getNotificationMetadata();
  }

  /**
   * SGP.22 section 5.7.10 ES10b.RetrieveNotificationsList: the pending notifications, each with its
   * bytes as the card sent them (forwarded to ES9+.HandleNotification as they are).
   *
   * @param seqNumber only this notification, or null for all
   */
  public List<Decoded<PendingNotification>> retrieveNotificationsList(Integer seqNumber) {
    TlvBuilder b = TlvBuilder.constructed(0xBF2B);
    if (seqNumber != null) {
      b.add(TlvBuilder.constructed(0xA0).add(0x80, Der.integer(seqNumber)));
    }
    Decoded<RetrieveNotificationsListResponse> r =
        call("RetrieveNotificationsList", b.build(), RetrieveNotificationsListResponse::new);
    if (r.value().getNotificationList() == null) {
      int code = r.value().getNotificationsListResultError().value.intValue();
      if (code == 1) {
        return List.of(); // noResultAvailable
      }
      throw new Es10Exception(
          "RetrieveNotificationsList", -1, "notificationsListResultError " + code, null);
    }
    List<Decoded<PendingNotification>> out = new ArrayList<>();
    Tlv list = Tlv.parse(r.encoded()).get(0xA0);
    List<PendingNotification> values = r.value().getNotificationList().getPendingNotification();
    List<Tlv> raw = list.children();
    for (int i = 0; i < values.size(); i++) {
      out.add(new Decoded<>(values.get(i), raw.get(i).encoded()));
    }
    return out;
  }

  /** SGP.22 section 5.7.11 ES10b.RemoveNotificationFromList: deleteNotificationStatus (0 ok). */
  public int notificationSent(long seqNumber) {
    byte[] command = TlvBuilder.constructed(0xBF30).add(0x80, Der.integer(seqNumber)).build();
    return call("NotificationSent", command, NotificationSentResponse::new)
        .value()
        .getDeleteNotificationStatus()
        .value
        .intValue();
  }

  // ---------------------------------------------------------------- ES10c: profiles

  /** SGP.22 section 5.7.15 ES10c.GetProfilesInfo: every profile, all tags the card gives. */
  public List<ProfileInfo> getProfilesInfo() {
    ProfileInfoListResponse r =
        call("GetProfilesInfo", empty(0xBF2D), ProfileInfoListResponse::new).value();
    if (r.getProfileInfoListOk() == null) {
      throw new Es10Exception(
          "GetProfilesInfo", -1, "profileInfoListError " + r.getProfileInfoListError(), null);
    }
    return r.getProfileInfoListOk().getProfileInfo();
  }

  /** SGP.22 section 5.7.16 ES10c.EnableProfile by ICCID: enableResult (0 ok). */
  public int enableProfile(Iccid iccid, boolean refreshFlag) {
    byte[] command = profileOperation(0xBF31, iccid, refreshFlag);
    return call("EnableProfile", command, EnableProfileResponse::new)
        .value()
        .getEnableResult()
        .value
        .intValue();
  }

  /** SGP.22 section 5.7.17 ES10c.DisableProfile by ICCID: disableResult (0 ok). */
  public int disableProfile(Iccid iccid, boolean refreshFlag) {
    byte[] command = profileOperation(0xBF32, iccid, refreshFlag);
    return call("DisableProfile", command, DisableProfileResponse::new)
        .value()
        .getDisableResult()
        .value
        .intValue();
  }

  /** SGP.22 section 5.7.18 ES10c.DeleteProfile by ICCID: deleteResult (0 ok). */
  public int deleteProfile(Iccid iccid) {
    byte[] command = TlvBuilder.constructed(0xBF33).add(0x5A, iccid.toEfIccid()).build();
    return call("DeleteProfile", command, DeleteProfileResponse::new)
        .value()
        .getDeleteResult()
        .value
        .intValue();
  }

  /** SGP.22 section 5.7.21 ES10c.SetNickname: setNicknameResult (0 ok). */
  public int setNickname(Iccid iccid, String nickname) {
    byte[] command =
        TlvBuilder.constructed(0xBF29)
            .add(0x5A, iccid.toEfIccid())
            .add(0x90, nickname.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .build();
    return call("SetNickname", command, SetNicknameResponse::new)
        .value()
        .getSetNicknameResult()
        .value
        .intValue();
  }

  /** Memory reset option: delete operational profiles (bit 0). */
  public static final int RESET_DELETE_OPERATIONAL_PROFILES = 0x80;

  /** Memory reset option: delete field-loaded test profiles (bit 1). */
  public static final int RESET_DELETE_TEST_PROFILES = 0x40;

  /** Memory reset option: reset the default SM-DP+ address (bit 2). */
  public static final int RESET_DEFAULT_SMDP_ADDRESS = 0x20;

  /**
   * SGP.22 section 5.7.19 ES10c.eUICCMemoryReset: resetResult (0 ok, 1 nothing to delete).
   *
   * @param options the resetOptions bits as one byte, bit 0 = 0x80 (see the RESET_ constants)
   */
  public int memoryReset(int options) {
    if (options <= 0 || options > 0xFF || (options & 0x1F) != 0) {
      throw new IllegalArgumentException("memory reset options must be a non-empty mix of 0xE0");
    }
    int bits = 8 - Integer.numberOfTrailingZeros(options);
    byte[] bitString = {(byte) (8 - bits), (byte) options};
    byte[] command = TlvBuilder.constructed(0xBF34).add(0x82, bitString).build();
    return call("eUICCMemoryReset", command, EuiccMemoryResetResponse::new)
        .value()
        .getResetResult()
        .value
        .intValue();
  }

  /** SGP.22 section 5.7.20 ES10c.GetEID. */
  public Eid getEid() {
    byte[] command = TlvBuilder.constructed(0xBF3E).add(0x5C, new byte[] {0x5A}).build();
    byte[] eid = call("GetEID", command, GetEuiccDataResponse::new).value().getEidValue().value;
    return Eid.of(HexFormat.of().withUpperCase().formatHex(eid));
  }

  // ---------------------------------------------------------------- ES10a, RAT

  /** SGP.22 section 5.7.3 ES10a.GetEuiccConfiguredAddresses. */
  public EuiccConfiguredAddressesResponse getConfiguredAddresses() {
    return call("GetEuiccConfiguredAddresses", empty(0xBF3C), EuiccConfiguredAddressesResponse::new)
        .value();
  }

  /** SGP.22 section 5.7.4 ES10a.SetDefaultDpAddress: setDefaultDpAddressResult (0 ok). */
  public int setDefaultDpAddress(String address) {
    byte[] command =
        TlvBuilder.constructed(0xBF3F)
            .add(0x80, address.getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .build();
    return call("SetDefaultDpAddress", command, SetDefaultDpAddressResponse::new)
        .value()
        .getSetDefaultDpAddressResult()
        .value
        .intValue();
  }

  /** SGP.22 section 5.7.22 ES10b.GetRAT: the Rules Authorisation Table. */
  public GetRatResponse getRat() {
    return call("GetRAT", empty(0xBF43), GetRatResponse::new).value();
  }

  // ---------------------------------------------------------------- internals

  private <T extends com.beanit.asn1bean.ber.types.BerType> Decoded<T> call(
      String function, byte[] command, Supplier<T> factory) {
    return decode(function, transmit(function, command), factory);
  }

  private static <T extends com.beanit.asn1bean.ber.types.BerType> Decoded<T> decode(
      String function, byte[] response, Supplier<T> factory) {
    if (response.length == 0) {
      throw new Es10Exception(function, 0x9000, "the card answered no response data", null);
    }
    try {
      return new Decoded<>(Asn1Codec.decode(response, factory), response);
    } catch (CodecException e) {
      throw new Es10Exception(
          function,
          -1,
          "malformed response "
              + HexFormat.of().withUpperCase().formatHex(response, 0, Math.min(32, response.length))
              + (response.length > 32 ? "..." : "")
              + ": "
              + e.getMessage(),
          e);
    }
  }

  /** Reads the whole response: 61xx means GET RESPONSE for more; anything but 9000 then fails. */
  private byte[] drain(String function, ResponseApdu first, int ch) {
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    ResponseApdu r = first;
    data.writeBytes(r.data());
    int guard = 0;
    while (r.statusWord().sw1() == 0x61) {
      if (++guard > 4096) {
        throw new Es10Exception(function, r.statusWord().value(), "endless 61xx chain", null);
      }
      int ne = r.statusWord().sw2() == 0 ? 256 : r.statusWord().sw2();
      r = exchange(function, LpaApdus.getResponse(ch, ne), ch);
      data.writeBytes(r.data());
    }
    if (!r.statusWord().equals(StatusWord.OK)) {
      throw new Es10Exception(
          function, r.statusWord().value(), "the card answered " + r.statusWord(), null);
    }
    return data.toByteArray();
  }

  /**
   * Runs one command's APDUs ({@code body}) and logs its {@link EventPayload.Es10Command} after
   * them, also when it fails; returns the response data.
   */
  private byte[] command(String name, byte[] commandData, Supplier<byte[]> body) {
    apdus = 0;
    nanos = 0;
    commandChannel = Math.max(channel, 0);
    byte[] response;
    try {
      response = body.get();
    } catch (Es10Exception e) {
      logCommand(
          name,
          e.statusWord() > 0 ? String.format("SW %04X", e.statusWord()) : e.getMessage(),
          commandData,
          null);
      throw e;
    } catch (RuntimeException e) {
      logCommand(name, "no response: " + e.getMessage(), commandData, null);
      throw e;
    }
    String failure = Es10Results.failure(response);
    logCommand(
        name, failure == null ? EventPayload.Es10Command.OK : failure, commandData, response);
    return response;
  }

  private void logCommand(String name, String result, byte[] commandData, byte[] response) {
    if (events.enabled()) {
      boolean data = options.recordData();
      events.emit(
          options.eventSource(),
          new EventPayload.Es10Command(
              name,
              result,
              commandChannel,
              apdus,
              commandData.length,
              response == null ? 0 : response.length,
              nanos,
              data ? commandData : null,
              data ? response : null,
              EventPayload.Es10Command.LPA));
    }
  }

  /** The command name of an ES10 request by its tag, as fault rules name it. */
  private static String nameOf(byte[] command) {
    if (command.length == 0) {
      return Es10CommandNames.STORE_DATA;
    }
    int first = command[0] & 0xFF;
    boolean twoBytes = (first & 0x1F) == 0x1F && command.length > 1;
    return Es10CommandNames.of(twoBytes ? (first << 8) | (command[1] & 0xFF) : first);
  }

  private ResponseApdu exchange(String function, CommandApdu command, int ch) {
    byte[] c = command.toBytes();
    long start = System.nanoTime();
    byte[] response = card.transmit(c);
    long took = System.nanoTime() - start;
    apdus++;
    nanos += took;
    commandChannel = ch;
    if (events.enabled()) {
      events.emit(
          options.eventSource(),
          new EventPayload.ApduExchange(c, response == null ? new byte[0] : response, ch, took));
    }
    try {
      return ResponseApdu.parse(response);
    } catch (IllegalArgumentException e) {
      throw new Es10Exception(function, -1, "malformed response APDU: " + e.getMessage(), e);
    }
  }

  private static byte[] profileOperation(int tag, Iccid iccid, boolean refreshFlag) {
    return TlvBuilder.constructed(tag)
        .add(TlvBuilder.constructed(0xA0).add(0x5A, iccid.toEfIccid()))
        .add(0x81, new byte[] {(byte) (refreshFlag ? 0xFF : 0x00)})
        .build();
  }

  private static byte[] empty(int tag) {
    return TlvBuilder.constructed(tag).build();
  }

  private static byte[] requireTlv(String field, byte[] tlv, int expectedTag) {
    if (tlv == null) {
      throw new IllegalArgumentException(field + " must not be null");
    }
    Tlv parsed;
    try {
      parsed = Tlv.parse(tlv);
    } catch (CodecException e) {
      throw new IllegalArgumentException(field + " is not one TLV: " + e.getMessage(), e);
    }
    if (parsed.tag() != expectedTag) {
      throw new IllegalArgumentException(
          field
              + " must have tag "
              + Integer.toHexString(expectedTag).toUpperCase()
              + ", found "
              + parsed.tagHex());
    }
    return tlv;
  }
}
