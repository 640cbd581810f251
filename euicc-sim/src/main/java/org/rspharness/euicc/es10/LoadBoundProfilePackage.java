package org.rspharness.euicc.es10;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.BspException;
import org.rspharness.core.crypto.BspSession;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.Ecka;
import org.rspharness.core.crypto.SessionKeys;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.ppr.ProfilePolicyAuthorisationRule;
import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.Es10Response;
import org.rspharness.euicc.card.StatusWord;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.notification.Notifications;
import org.rspharness.euicc.profile.ProfileInfos;
import org.rspharness.euicc.profile.ProfileMetadata;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.NotificationRecord;
import org.rspharness.euicc.store.ProfileRecord;

/**
 * SGP.22 section 5.7.6 ES10b.LoadBoundProfilePackage: one Bound Profile Package, received as STORE
 * DATA sequences in the order of SGP.22 section 2.5.5, each part handled by the ES8+ function
 * (section 5.5) it carries, a method of the same name here:
 *
 * <ol>
 *   <li>the 'BF36' header with the whole 'BF23': {@link #initialiseSecureChannel} (5.5.1);
 *   <li>the whole 'A0' (its '87'): {@link #configureIsdp} (5.5.2);
 *   <li>the 'A1' header then each '88' (MAC only, possibly split): {@link #storeMetadata} (5.5.3);
 *   <li>'A2' if present: {@link #replaceSessionKeys} (5.5.4);
 *   <li>the 'A3' header then each '86': {@link #loadProfileElements} (5.5.5), and the installation.
 * </ol>
 *
 * A payload may also carry several of these items back to back (up to the whole BPP at once). Entry
 * points: {@link #begin} (the payload starting with 'BF36'), {@link #segment} (each next one),
 * {@link #interrupt}; {@link Es10b#loadBoundProfilePackage} routes to them.
 *
 * <p>Nothing is stored before the last '86' is verified: the profile and its installation result
 * are committed together. Any error ends the load at once with a signed ProfileInstallationResult
 * ('BF37', errorResult with bppCommandId and errorReason) that is both answered and kept as a
 * pending notification; an interruption (power cycle, or any other ES10 command) does the same with
 * installFailedDueToInterruption(11), kept only.
 *
 * <p>Facts used: smdpSign (in 'BF23') covers the data objects of InitialiseSecureChannel before it
 * (remoteOpId, transactionId, controlRefTemplate, smdpOtpk, as received) followed by the '5F49' TLV
 * of otPK.EUICC; euiccSignPIR covers the whole 'BF27' TLV.
 */
final class LoadBoundProfilePackage {

  /** BppCommandId initialiseSecureChannel(0). */
  public static final int CMD_INITIALISE_SECURE_CHANNEL = 0;

  /** BppCommandId configureISDP(1). */
  public static final int CMD_CONFIGURE_ISDP = 1;

  /** BppCommandId storeMetadata(2). */
  public static final int CMD_STORE_METADATA = 2;

  /** BppCommandId replaceSessionKeys(4). */
  public static final int CMD_REPLACE_SESSION_KEYS = 4;

  /** BppCommandId loadProfileElements(5). */
  public static final int CMD_LOAD_PROFILE_ELEMENTS = 5;

  /** ErrorReason incorrectInputValues(1). */
  public static final int INCORRECT_INPUT_VALUES = 1;

  /** ErrorReason invalidSignature(2). */
  public static final int INVALID_SIGNATURE = 2;

  /** ErrorReason invalidTransactionId(3). */
  public static final int INVALID_TRANSACTION_ID = 3;

  /** ErrorReason unsupportedCrtValues(4). */
  public static final int UNSUPPORTED_CRT_VALUES = 4;

  /** ErrorReason unsupportedRemoteOperationType(5). */
  public static final int UNSUPPORTED_REMOTE_OPERATION_TYPE = 5;

  /** ErrorReason unsupportedProfileClass(6). */
  public static final int UNSUPPORTED_PROFILE_CLASS = 6;

  /** ErrorReason scp03tStructureError(7). */
  public static final int SCP03T_STRUCTURE_ERROR = 7;

  /** ErrorReason installFailedDueToIccidAlreadyExistsOnEuicc(9). */
  public static final int ICCID_ALREADY_EXISTS = 9;

  /** ErrorReason installFailedDueToInsufficientMemoryForProfile(10). */
  public static final int INSUFFICIENT_MEMORY = 10;

  /** ErrorReason installFailedDueToInterruption(11). */
  public static final int INTERRUPTION = 11;

  /** ErrorReason installFailedDueToPEProcessingError(12). */
  public static final int PE_PROCESSING_ERROR = 12;

  /** ErrorReason installFailedDueToDataMismatch / IccidMismatch(13). */
  public static final int DATA_MISMATCH = 13;

  /** ErrorReason installFailedDueToUnknownError(127). */
  public static final int UNKNOWN_ERROR = 127;

  /** ErrorReason pprNotAllowed(15). */
  public static final int PPR_NOT_ALLOWED = 15;

  /**
   * The simaResponse of a successful installation: EUICCResponse { peStatus { { status ok } } }, as
   * a real eUICC answers.
   */
  private static final byte[] SIMA_OK = Hex.decode("3007A00530038001" + "00");

  private static final int EXPECT_A0 = 0;
  private static final int EXPECT_A1 = 1;
  private static final int IN_A1 = 2;
  private static final int EXPECT_A2_OR_A3 = 3;
  private static final int IN_A3 = 4;

  private final CardContext ctx;
  private final RspSession session;
  private final BspSession bsp;
  private int stage = EXPECT_A0;
  private int remaining;
  private ByteArrayOutputStream metadataBytes;
  private ProfileMetadata metadata;
  private byte[] dpProprietaryData;
  private ByteArrayOutputStream profile;
  private MessageDigest digest;
  private final java.util.Set<Integer> overLongTags = new java.util.HashSet<>();

  private LoadBoundProfilePackage(CardContext ctx, RspSession session, BspSession bsp) {
    this.ctx = ctx;
    this.session = session;
    this.bsp = bsp;
  }

  /** Thrown inside the loader: the command and reason of the ProfileInstallationResult. */
  private static final class Failure extends RuntimeException {
    final int command;
    final int reason;

    Failure(int command, int reason, String message) {
      super(message, null, false, false);
      this.command = command;
      this.reason = reason;
    }
  }

  /**
   * Starts a load with the payload that begins with the 'BF36' header: verifies and applies
   * InitialiseSecureChannel, then processes whatever follows it in the payload. Answers 6985 when
   * no PrepareDownload preceded it in this session.
   */
  static Es10Response begin(CardContext ctx, byte[] payload) {
    RspSession session = ctx.sessionOrNull();
    if (session == null || session.otKeyPair() == null || session.loader() != null) {
      return Es10Response.status(StatusWord.CONDITIONS_NOT_SATISFIED);
    }
    Tlv.Header outer = Tlv.header(payload, 0, payload.length);
    Tlv isc = Tlv.read(payload, outer.headerLength(), payload.length);
    if (isc.tag() != 0xBF23) {
      throw new CodecException(
          "BoundProfilePackage must start with BF23, found " + isc.tagHex(),
          "offset " + isc.offset());
    }
    BspSession bsp;
    try {
      bsp = initialiseSecureChannel(ctx, session, isc);
    } catch (Failure f) {
      LoadBoundProfilePackage failed = new LoadBoundProfilePackage(ctx, session, null);
      return Es10Response.of(failed.fail(f.command, f.reason, f.getMessage()));
    } catch (CodecException e) {
      LoadBoundProfilePackage failed = new LoadBoundProfilePackage(ctx, session, null);
      return Es10Response.of(
          failed.fail(CMD_INITIALISE_SECURE_CHANNEL, INCORRECT_INPUT_VALUES, e.getMessage()));
    } catch (RuntimeException e) {
      LoadBoundProfilePackage failed = new LoadBoundProfilePackage(ctx, session, null);
      return Es10Response.of(
          failed.fail(CMD_INITIALISE_SECURE_CHANNEL, UNKNOWN_ERROR, String.valueOf(e)));
    }
    LoadBoundProfilePackage loader = new LoadBoundProfilePackage(ctx, session, bsp);
    session.loader(loader);
    ctx.transition(
        "profileInstall",
        Hex.encode(session.transactionId()),
        "prepared",
        "secureChannel",
        "InitialiseSecureChannel");
    return loader.process(payload, isc.end());
  }

  /** Processes the next payload of the package. */
  Es10Response segment(byte[] payload) {
    return process(payload, 0);
  }

  /**
   * SGP.22 section 5.7.6: the load was interrupted (power cycle or another command): the
   * installation fails with installFailedDueToInterruption, kept as a pending notification.
   */
  void interrupt() {
    int command =
        switch (stage) {
          case EXPECT_A0 -> CMD_CONFIGURE_ISDP;
          case EXPECT_A1, IN_A1 -> CMD_STORE_METADATA;
          default -> CMD_LOAD_PROFILE_ELEMENTS;
        };
    fail(command, INTERRUPTION, "interrupted");
  }

  private Es10Response process(byte[] payload, int start) {
    try {
      int pos = start;
      while (pos < payload.length) {
        Tlv.Header h = Tlv.header(payload, pos, payload.length);
        if (h.tag() == 0xA1 || h.tag() == 0xA3) {
          openContainer(h);
          pos += h.headerLength();
          continue;
        }
        Tlv item = Tlv.read(payload, pos, payload.length);
        pos = item.end();
        byte[] done = item(item);
        if (done != null) {
          if (pos != payload.length) {
            throw new Failure(
                CMD_LOAD_PROFILE_ELEMENTS, SCP03T_STRUCTURE_ERROR, "data after the last segment");
          }
          return Es10Response.of(done);
        }
      }
      return Es10Response.noData();
    } catch (Failure f) {
      return Es10Response.of(fail(f.command, f.reason, f.getMessage()));
    } catch (BspException e) {
      return Es10Response.of(fail(currentCommand(), e.reason().errorReason(), e.getMessage()));
    } catch (CodecException e) {
      return Es10Response.of(fail(currentCommand(), SCP03T_STRUCTURE_ERROR, e.getMessage()));
    } catch (RuntimeException e) {
      // Whatever else goes wrong still ends the load cleanly, with installFailedDueToUnknownError.
      return Es10Response.of(fail(currentCommand(), UNKNOWN_ERROR, String.valueOf(e)));
    }
  }

  private int currentCommand() {
    return switch (stage) {
      case EXPECT_A0 -> CMD_CONFIGURE_ISDP;
      case EXPECT_A1, IN_A1 -> CMD_STORE_METADATA;
      case EXPECT_A2_OR_A3 -> CMD_REPLACE_SESSION_KEYS;
      default -> CMD_LOAD_PROFILE_ELEMENTS;
    };
  }

  private void openContainer(Tlv.Header h) {
    if (h.tag() == 0xA1 && stage == EXPECT_A1) {
      stage = IN_A1;
      remaining = h.length();
      metadataBytes = new ByteArrayOutputStream();
      if (remaining == 0) {
        throw new Failure(CMD_STORE_METADATA, INCORRECT_INPUT_VALUES, "empty sequenceOf88");
      }
      return;
    }
    if (h.tag() == 0xA3 && stage == EXPECT_A2_OR_A3) {
      stage = IN_A3;
      remaining = h.length();
      // the plaintext is a little shorter than the segments: sized once, it never grows
      profile = new ByteArrayOutputStream(Math.min(remaining, 1 << 20));
      digest = sha256();
      if (remaining == 0) {
        throw new Failure(CMD_LOAD_PROFILE_ELEMENTS, INCORRECT_INPUT_VALUES, "empty sequenceOf86");
      }
      return;
    }
    throw new Failure(
        currentCommand(),
        SCP03T_STRUCTURE_ERROR,
        "unexpected " + Integer.toHexString(h.tag()) + " here");
  }

  /** One complete item; returns the final BF37 once the package is complete, else null. */
  private byte[] item(Tlv item) {
    switch (stage) {
      case EXPECT_A0:
        require(item, 0xA0, CMD_CONFIGURE_ISDP);
        configureIsdp(item);
        stage = EXPECT_A1;
        return null;
      case IN_A1:
        require(item, 0x88, CMD_STORE_METADATA);
        consume(item, CMD_STORE_METADATA);
        checkSegment(item);
        metadataBytes.writeBytes(bsp.unwrapMacOnly(item.encoded()));
        if (remaining == 0) {
          storeMetadata(metadataBytes.toByteArray());
          metadataBytes = null;
          stage = EXPECT_A2_OR_A3;
        }
        return null;
      case EXPECT_A2_OR_A3:
        require(item, 0xA2, CMD_REPLACE_SESSION_KEYS);
        replaceSessionKeys(item);
        return null;
      case IN_A3:
        require(item, 0x86, CMD_LOAD_PROFILE_ELEMENTS);
        consume(item, CMD_LOAD_PROFILE_ELEMENTS);
        loadProfileElements(item);
        return remaining == 0 ? install() : null;
      default:
        throw new Failure(currentCommand(), SCP03T_STRUCTURE_ERROR, "unexpected " + item.tagHex());
    }
  }

  private static void require(Tlv item, int tag, int command) {
    if (item.tag() != tag) {
      throw new Failure(
          command,
          SCP03T_STRUCTURE_ERROR,
          "expected " + Integer.toHexString(tag) + ", found " + item.tagHex());
    }
  }

  private void consume(Tlv item, int command) {
    remaining -= item.encodedLength();
    if (remaining < 0) {
      throw new Failure(command, SCP03T_STRUCTURE_ERROR, "segment runs past its sequence");
    }
  }

  /** SGP.22 section 5.5.1 InitialiseSecureChannel, from the eUICC side. */
  private static BspSession initialiseSecureChannel(CardContext ctx, RspSession session, Tlv isc) {
    int c = CMD_INITIALISE_SECURE_CHANNEL;
    List<Tlv> children = isc.children();
    Tlv sign = isc.get(0x5F37);
    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    for (Tlv child : children) {
      if (child.tag() == 0x5F37) {
        break;
      }
      signed.writeBytes(child.encoded());
    }
    signed.writeBytes(TlvWriter.encode(0x5F49, session.otKeyPair().publicKey().encoded()));
    X509Certificate dpPb = session.dpPb();
    boolean ok;
    try {
      ok =
          sign.valueLength() == Ecdsa.PLAIN_LENGTH
              && Ecdsa.verify(EcPublicKey.of(dpPb), signed.toByteArray(), sign.value());
    } catch (RuntimeException e) {
      ok = false;
    }
    if (!ok) {
      throw new Failure(c, INVALID_SIGNATURE, "smdpSign does not verify with PK.DPpb");
    }
    if (Der.intValue(isc.get(0x82)) != 1) {
      throw new Failure(
          c, UNSUPPORTED_REMOTE_OPERATION_TYPE, "remoteOpId is not installBoundProfilePackage");
    }
    if (!Arrays.equals(isc.get(0x80).value(), session.transactionId())) {
      throw new Failure(c, INVALID_TRANSACTION_ID, "transactionId differs from the session's");
    }
    Tlv crt = isc.get(0xA6);
    byte[] keyType = crt.get(0x80).value();
    byte[] keyLen = crt.get(0x81).value();
    byte[] hostId = crt.get(0x84).value();
    if (keyType.length != 1
        || keyType[0] != (byte) 0x88
        || keyLen.length != 1
        || keyLen[0] != 0x10
        || hostId.length < 1
        || hostId.length > 16) {
      throw new Failure(
          c, UNSUPPORTED_CRT_VALUES, "CRT must be AES (88), 16 bytes (10), hostId 1..16");
    }
    EcPublicKey smdpOtpk;
    try {
      smdpOtpk = EcPublicKey.decode(session.otKeyPair().curve(), isc.get(0x5F49).value());
    } catch (CodecException e) {
      throw new Failure(c, INCORRECT_INPUT_VALUES, "smdpOtpk: " + e.getMessage());
    }
    byte[] shared = Ecka.sharedSecret(session.otKeyPair().privateKey(), smdpOtpk);
    SessionKeys keys = SessionKeys.derive(shared, hostId, ctx.identity().eidBytes());
    // Segments are measured against SGP.22's 1020 bytes in checkSegment, where a deviation is
    // recorded (and tolerated unless strict); the session itself takes what field eUICCs take.
    return BspSession.create(keys, TOLERATED_SEGMENT_LENGTH);
  }

  /** Longest segment a tolerant card accepts: what a two-byte BER length can carry. */
  private static final int TOLERATED_SEGMENT_LENGTH = 65539;

  /**
   * SGP.22 section 2.5.5: a BSP segment, tag, length and MAC included, is at most 1020 bytes. Field
   * SM-DP+s send longer ones (1008 plaintext bytes padded to 1024: 1036) and phones install them,
   * so a longer segment is a deviation, recorded once per segment tag and load; strict, it fails
   * with scp03tStructureError.
   */
  private void checkSegment(Tlv item) {
    int length = item.encoded().length;
    if (length <= BspSession.MAX_SEGMENT_LENGTH) {
      return;
    }
    boolean carryOn =
        overLongTags.add(item.tag())
            ? ctx.deviations()
                .tolerate(
                    "SM-DP+",
                    "SGP.22 2.5.5",
                    "BSP segment length (tag " + item.tagHex() + ")",
                    length + " bytes",
                    BspSession.MAX_SEGMENT_LENGTH + " bytes")
            : !ctx.deviations().strict();
    if (!carryOn) {
      throw new Failure(
          currentCommand(),
          SCP03T_STRUCTURE_ERROR,
          "segment of "
              + length
              + " bytes exceeds the limit of "
              + BspSession.MAX_SEGMENT_LENGTH
              + " (strict)");
    }
  }

  /** SGP.22 section 5.5.2 ConfigureISDP: the ISD-P is created (here: on commit). */
  private void configureIsdp(Tlv a0) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (Tlv s : a0.children()) {
      require(s, 0x87, CMD_CONFIGURE_ISDP);
      checkSegment(s);
      plain.writeBytes(bsp.unwrapEncrypted(s.encoded()));
    }
    Tlv request;
    try {
      request = Tlv.parse(plain.toByteArray());
      request.requireWellFormedTree();
    } catch (CodecException e) {
      throw new Failure(
          CMD_CONFIGURE_ISDP, INCORRECT_INPUT_VALUES, "ConfigureISDP: " + e.getMessage());
    }
    if (request.tag() != 0xBF24) {
      throw new Failure(
          CMD_CONFIGURE_ISDP, INCORRECT_INPUT_VALUES, "expected ConfigureISDPRequest BF24");
    }
    dpProprietaryData = request.find(0xB8).map(Tlv::encoded).orElse(null);
    if (ctx.freeMemory() <= 0) {
      throw new Failure(CMD_CONFIGURE_ISDP, INSUFFICIENT_MEMORY, "no memory left for an ISD-P");
    }
    int max = ctx.config().maxProfiles();
    if (max > 0 && ctx.state().profiles().size() >= max) {
      throw new Failure(
          CMD_CONFIGURE_ISDP,
          INSUFFICIENT_MEMORY,
          "the eUICC holds its maximum of " + max + " profile(s)");
    }
    ctx.transition(
        "profileInstall",
        Hex.encode(session.transactionId()),
        "secureChannel",
        "isdpConfigured",
        "ConfigureISDP");
  }

  /** SGP.22 section 5.5.3 StoreMetadata: checks ICCID uniqueness, profile class and PPRs. */
  private void storeMetadata(byte[] bytes) {
    try {
      metadata = ProfileMetadata.parse(bytes);
    } catch (CodecException e) {
      throw new Failure(
          CMD_STORE_METADATA, INCORRECT_INPUT_VALUES, "StoreMetadata: " + e.getMessage());
    }
    if (ctx.state().profileByIccid(metadata.iccid().value()).isPresent()) {
      throw new Failure(
          CMD_STORE_METADATA,
          ICCID_ALREADY_EXISTS,
          "ICCID " + metadata.iccid() + " already installed");
    }
    if (metadata.profileClass() == 0 && !ctx.config().testProfileSupport()) {
      throw new Failure(
          CMD_STORE_METADATA, UNSUPPORTED_PROFILE_CLASS, "test profiles not supported");
    }
    if ((metadata.ppr1() || metadata.ppr2()) && !ratAllows(metadata)) {
      throw new Failure(
          CMD_STORE_METADATA,
          PPR_NOT_ALLOWED,
          "the RAT does not allow these PPRs for this profile owner");
    }
    ctx.transition(
        "profileInstall",
        Hex.encode(session.transactionId()),
        "isdpConfigured",
        "metadataStored",
        "StoreMetadata");
  }

  /**
   * SGP.22 section 2.9.2.2 (eUICC side, at installation): every PPR of the profile needs a RAT rule
   * allowing it for the profile owner; the matching rule is {@link ProfilePolicyAuthorisationRule}.
   */
  private boolean ratAllows(ProfileMetadata m) {
    int pprs =
        (m.ppr1() ? ProfilePolicyAuthorisationRule.PPR1 : 0)
            | (m.ppr2() ? ProfilePolicyAuthorisationRule.PPR2 : 0);
    return ProfilePolicyAuthorisationRule.notAllowed(
            ctx.config().rat().stream().map(EuiccConfig.RatRule::authorisationRule).toList(),
            pprs,
            m.ownerMccMnc())
        == 0;
  }

  /** SGP.22 section 5.5.4 ReplaceSessionKeys: PPK-ENC, PPK-MAC and the initial MCV. */
  private void replaceSessionKeys(Tlv a2) {
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    for (Tlv s : a2.children()) {
      require(s, 0x87, CMD_REPLACE_SESSION_KEYS);
      checkSegment(s);
      plain.writeBytes(bsp.unwrapEncrypted(s.encoded()));
    }
    SessionKeys ppk;
    try {
      Tlv r = Tlv.parse(plain.toByteArray());
      if (r.tag() != 0xBF26) {
        throw new CodecException("expected ReplaceSessionKeysRequest BF26", "offset 0");
      }
      ppk = new SessionKeys(r.get(0x80).value(), r.get(0x81).value(), r.get(0x82).value());
    } catch (CodecException | IllegalArgumentException e) {
      throw new Failure(
          CMD_REPLACE_SESSION_KEYS,
          INCORRECT_INPUT_VALUES,
          "ReplaceSessionKeys: " + e.getMessage());
    }
    bsp.replaceSessionKeys(ppk);
    stage = EXPECT_A2_OR_A3;
  }

  /**
   * SGP.22 section 5.5.5 LoadProfileElements: one '86' segment, decrypted and kept (nothing is
   * installed before the last one).
   */
  private void loadProfileElements(Tlv segment) {
    checkSegment(segment);
    byte[] plain = bsp.unwrapEncrypted(segment.encoded());
    long free = ctx.freeMemory();
    if (profile.size() + (long) plain.length > free) {
      throw new Failure(
          CMD_LOAD_PROFILE_ELEMENTS,
          INSUFFICIENT_MEMORY,
          "profile exceeds the free memory of " + free + " bytes");
    }
    profile.writeBytes(plain);
    digest.update(plain);
  }

  /** The last '86' is in: checks the profile package and commits profile and result together. */
  private byte[] install() {
    byte[] upp = profile.toByteArray();
    List<Tlv> elements;
    try {
      elements = Tlv.parseAll(upp);
    } catch (CodecException e) {
      throw new Failure(
          CMD_LOAD_PROFILE_ELEMENTS, PE_PROCESSING_ERROR, "profile package: " + e.getMessage());
    }
    if (elements.isEmpty() || elements.get(0).tag() != 0xA0) {
      throw new Failure(
          CMD_LOAD_PROFILE_ELEMENTS,
          PE_PROCESSING_ERROR,
          "profile package must start with a ProfileHeader (A0)");
    }
    byte[] headerIccid;
    try {
      headerIccid = elements.get(0).get(0x83).value();
    } catch (CodecException e) {
      throw new Failure(
          CMD_LOAD_PROFILE_ELEMENTS, PE_PROCESSING_ERROR, "ProfileHeader without iccid");
    }
    // ProfileHeader carries the ICCID as plain BCD ('89...'), padded with F.
    String digits = Hex.encode(headerIccid).toUpperCase().replaceAll("F+$", "");
    if (!digits.equals(metadata.iccid().value())) {
      throw new Failure(
          CMD_LOAD_PROFILE_ELEMENTS,
          DATA_MISMATCH,
          "ProfileHeader ICCID " + digits + " differs from the metadata's " + metadata.iccid());
    }
    EuiccState state = ctx.state();
    String aid = ProfileInfos.isdpAid(state.nextIsdpIndex());
    ProfileRecord record =
        new ProfileRecord(
            metadata.iccid().value(),
            aid,
            false,
            null,
            metadata.profileClass(),
            metadata.ppr1(),
            metadata.ppr2(),
            Hex.encode(metadata.tlv().encoded()),
            dpProprietaryData == null ? null : Hex.encode(dpProprietaryData),
            upp.length,
            Hex.encode(digest.digest()));
    byte[] result =
        TlvBuilder.constructed(0xA0).add(0x4F, Hex.decode(aid)).add(0x04, SIMA_OK).build();
    List<ProfileRecord> profiles = new java.util.ArrayList<>(state.profiles());
    profiles.add(record);
    EuiccState next = state.withProfiles(profiles).withNextIsdpIndex(state.nextIsdpIndex() + 1);
    byte[] pir = finish(next, result, true);
    ctx.transition("profile", record.iccid(), "none", "disabled", "LoadBoundProfilePackage");
    return pir;
  }

  /** Ends the load with an errorResult, committing only its notification. */
  private byte[] fail(int command, int reason, String why) {
    byte[] result =
        TlvBuilder.constructed(0xA1)
            .add(0x80, Der.integer(command))
            .add(0x81, Der.integer(reason))
            .build();
    ctx.transition(
        "profileInstall",
        Hex.encode(session.transactionId()),
        "loading",
        "failed",
        "bppCommandId " + command + " errorReason " + reason + ": " + why);
    return finish(ctx.state(), result, false);
  }

  /** Signs the ProfileInstallationResult, commits it with {@code next} and ends the session. */
  private byte[] finish(EuiccState next, byte[] finalResult, boolean success) {
    int seq = next.nextSeqNumber();
    byte[] iccidEf = metadata == null ? null : metadata.tlv().get(0x5A).value();
    String address = session.serverAddress();
    TlvBuilder data =
        TlvBuilder.constructed(Notifications.PIR_DATA_TAG)
            .add(0x80, session.transactionId())
            .addEncoded(
                Notifications.metadata(seq, NotificationOperation.INSTALL, address, iccidEf));
    String oid = smdpOid();
    if (oid != null) {
      data.add(0x06, oidContent(oid));
    }
    data.add(TlvBuilder.constructed(0xA2).addEncoded(finalResult));
    byte[] pirData = data.build();
    NotificationRecord record =
        Notifications.sign(
            seq,
            NotificationOperation.INSTALL,
            address,
            metadata == null ? null : metadata.iccid().value(),
            pirData,
            session.credentials(),
            ctx.random());
    ctx.commit(next.addNotification(record));
    ctx.transition("notification", String.valueOf(seq), "none", "pending", "INSTALL");
    session.loader(null);
    ctx.endSession();
    if (success) {
      // The one-time key served its binding; a failed load keeps it for a rebind retry.
      ctx.lastOtKeyPair(null);
    }
    return Notifications.profileInstallationResult(pirData, Hex.decode(record.signature()));
  }

  private String smdpOid() {
    X509Certificate dpPb = session.dpPb();
    if (dpPb != null) {
      List<String> ids = CertFacts.registeredIds(dpPb);
      if (!ids.isEmpty()) {
        return ids.get(0);
      }
    }
    return session.smdpOid();
  }

  private static byte[] oidContent(String dotted) {
    try {
      return Tlv.parse(new org.bouncycastle.asn1.ASN1ObjectIdentifier(dotted).getEncoded()).value();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
