package org.rspharness.smdp.bpp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rspharness.core.crypto.BspSession;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.Ecka;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.crypto.SessionKeys;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;

/**
 * Builds bound profile packages (SGP.22 section 2.5.4): one-time key, ECKA + KDF session keys,
 * signed InitialiseSecureChannel, ConfigureISDP and ReplaceSessionKeys encrypted, StoreMetadata
 * MAC-only, profile elements encrypted in segments of at most 1020 bytes.
 *
 * <p>The layout produced, each protected segment being itself the element of its sequence (tag,
 * length, data, 8-byte C-MAC; see {@link BspSession}):
 *
 * <pre>
 * BF36 BoundProfilePackage
 *   BF23 InitialiseSecureChannelRequest
 *     82 01 01            remoteOpId installBoundProfilePackage(1)
 *     80 transactionId
 *     A6 controlRefTemplate { 80 01 88 keyType AES, 81 01 10 keyLen 16, 84 hostId }
 *     5F49 41 04..        smdpOtpk, otPK.DP.ECKA uncompressed
 *     5F37 40 r||s        smdpSign
 *   A0 firstSequenceOf87  { 87 ConfigureISDPRequest BF24, encrypted, block counter 1 }
 *   A1 sequenceOf88       { 88 StoreMetadataRequest BF25 in N MAC-only parts, counters 2.. }
 *   A2 secondSequenceOf87 { 87 ReplaceSessionKeysRequest BF26, encrypted }   (PPK mode only)
 *   A3 sequenceOf86       { 86 profile package in encrypted parts of at most 1020 bytes }
 * </pre>
 *
 * <p>What smdpSign signs (SGP.22 section 5.5.1, ES8+.InitialiseSecureChannel): the data objects of
 * the request from remoteOpId to smdpOtpk, tag and length included ({@code 82.. 80.. A6.. 5F49..})
 * and without the BF23 header, concatenated with the data object {@code 5F49 || 41 ||
 * otPK.EUICC.ECKA}, the eUICC's one-time key received in PrepareDownloadResponse; ECDSA with
 * SHA-256 under SK.DPpb.ECDSA, plain r||s. This is what the eUICC recomputes (it knows its own
 * otPK), so the signature binds the package to that one key. Checked against pySim's ES8+ code
 * (gen_initialiseSecureChannel) and a published analysis of the Mode51 SM-DP+ trace; it is NOT
 * euiccSignature2.
 *
 * <p>Session keys: ShS = ECKA(otSK.DP, otPK.EUICC); keys = KDF(ShS, 0x88 || 0x10 || LV(hostId) ||
 * LV(EID as 16 BCD bytes)). In PPK mode the ReplaceSessionKeysRequest {@code BF26 { 80 initial MCV,
 * 81 PPK-ENC, 82 PPK-CMAC }} is drawn from the random source after the one-time key and the
 * signature, and protects the A3 segments with a block counter restarting at 1. Every random value
 * comes from the given source in a fixed order (one-time key, signature nonce, PPKs), so a seeded
 * source yields the same bytes on every run.
 */
public final class BppBuilder {

  /** remoteOpId installBoundProfilePackage. */
  public static final int REMOTE_OP_INSTALL_BPP = 1;

  /** The ConfigureISDPRequest we send: BF24 with no dpProprietaryData. */
  static final byte[] CONFIGURE_ISDP = {(byte) 0xBF, 0x24, 0x00};

  private BppBuilder() {}

  /**
   * Binds {@code input}'s profile to its eUICC; every random value (the one-time key, PPKs) comes
   * from {@code random}, so a seeded source gives the same bytes every time.
   */
  public static BoundPackage build(BppInput input, RandomSource random) {
    if (input == null || random == null) {
      throw new IllegalArgumentException((input == null ? "input" : "random") + ": missing");
    }
    return build(input, OneTimeKeyPair.generate(input.curve(), random), random);
  }

  /**
   * SGP.22 section 3.1.3.3 rebinding: binds {@code input} (a new session's transactionId) with a
   * one-time key pair kept from an earlier binding, as the SM-DP+ does when a retry presents the
   * same otPK.EUICC; the session keys are then the same, the InitialiseSecureChannel is new.
   */
  public static BoundPackage build(BppInput input, OneTimeKeyPair ot, RandomSource random) {
    BppOptions options = input.options();
    byte[] hostId = options.hostId();
    byte[] shared = Ecka.sharedSecret(ot.privateKey(), input.otPkEuicc());
    SessionKeys keys = SessionKeys.derive(shared, hostId, eidBytes(input));
    Arrays.fill(shared, (byte) 0);

    byte[] signedPart =
        initialiseSecureChannelSignedPart(input.transactionId(), hostId, ot.publicKey().encoded());
    byte[] signature =
        Ecdsa.sign(
            input.dpPbKey(),
            concat(signedPart, TlvWriter.encode(0x5F49, input.otPkEuicc().encoded())),
            random);
    byte[] isc =
        TlvBuilder.constructed(0xBF23).addEncoded(signedPart).add(0x5F37, signature).build();

    BspSession bsp = BspSession.create(keys, options.maxSegmentLength());
    TlvBuilder bpp = TlvBuilder.constructed(0xBF36).addEncoded(isc);
    bpp.add(
        TlvBuilder.constructed(0xA0)
            .addEncoded(bsp.wrapEncrypted(BspSession.TAG_ENCRYPTED_COMMAND, CONFIGURE_ISDP)));

    TlvBuilder a1 = TlvBuilder.constructed(0xA1);
    for (byte[] part :
        split(
            input.storeMetadataRequest(),
            options.storeMetadataSegments(),
            bsp.maxMacOnlyPayload(),
            "storeMetadataRequest")) {
      a1.addEncoded(bsp.wrapMacOnly(BspSession.TAG_MAC_ONLY, part));
    }
    bpp.add(a1);

    if (options.useProfileProtectionKeys()) {
      SessionKeys ppk = new SessionKeys(random.bytes(16), random.bytes(16), random.bytes(16));
      bpp.add(
          TlvBuilder.constructed(0xA2)
              .addEncoded(
                  bsp.wrapEncrypted(
                      BspSession.TAG_ENCRYPTED_COMMAND, replaceSessionKeysRequest(ppk))));
      bsp.replaceSessionKeys(ppk);
    }

    TlvBuilder a3 = TlvBuilder.constructed(0xA3);
    for (byte[] segment :
        bsp.wrapEncryptedSegments(BspSession.TAG_PROFILE_DATA, input.profilePackage())) {
      a3.addEncoded(segment);
    }
    bpp.add(a3);
    return new BoundPackage(bpp.build(), ot.publicKey(), input.otPkEuicc(), ot);
  }

  /**
   * The data objects of InitialiseSecureChannelRequest from remoteOpId to smdpOtpk, without the
   * BF23 header: the first part of what smdpSign covers (SGP.22 section 5.5.1).
   */
  public static byte[] initialiseSecureChannelSignedPart(
      byte[] transactionId, byte[] hostId, byte[] smdpOtpk) {
    byte[] crt =
        TlvBuilder.constructed(0xA6)
            .add(0x80, new byte[] {(byte) SessionKeys.KEY_TYPE_AES})
            .add(0x81, new byte[] {(byte) SessionKeys.KEY_LENGTH})
            .add(0x84, hostId)
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    out.writeBytes(TlvWriter.encode(0x82, new byte[] {REMOTE_OP_INSTALL_BPP}));
    out.writeBytes(TlvWriter.encode(0x80, transactionId));
    out.writeBytes(crt);
    out.writeBytes(TlvWriter.encode(0x5F49, smdpOtpk));
    return out.toByteArray();
  }

  /**
   * The data smdpSign is computed over (SGP.22 section 5.5.1): {@code signedPart || 5F49 41
   * otPK.EUICC.ECKA}. The eUICC side computes the same from the received BF23 and its own key.
   */
  public static byte[] initialiseSecureChannelSignedData(byte[] signedPart, byte[] otPkEuicc) {
    return concat(signedPart, TlvWriter.encode(0x5F49, otPkEuicc));
  }

  /** SGP.22 section 5.5.4: ReplaceSessionKeysRequest BF26 { 80 MCV, 81 PPK-ENC, 82 PPK-CMAC }. */
  public static byte[] replaceSessionKeysRequest(SessionKeys ppk) {
    return TlvBuilder.constructed(0xBF26)
        .add(0x80, ppk.initialMacChainingValue())
        .add(0x81, ppk.sEnc())
        .add(0x82, ppk.sMac())
        .build();
  }

  /** The EID as KDF shared info takes it: the 32 digits as 16 bytes, plain BCD. */
  static byte[] eidBytes(BppInput input) {
    return Hex.decode(input.eid().value());
  }

  /**
   * Splits {@code data} into at least {@code wanted} parts of nearly equal size, each at most
   * {@code max} bytes: more parts when the data need them.
   */
  static List<byte[]> split(byte[] data, int wanted, int max, String field) {
    int n = Math.max(wanted, (data.length + max - 1) / max);
    if (n > data.length) {
      throw new IllegalArgumentException(
          field + ": " + data.length + " bytes cannot be split into " + n + " non-empty segments");
    }
    List<byte[]> out = new ArrayList<>(n);
    int base = data.length / n;
    int extra = data.length % n;
    int off = 0;
    for (int i = 0; i < n; i++) {
      int len = base + (i < extra ? 1 : 0);
      out.add(Arrays.copyOfRange(data, off, off + len));
      off += len;
    }
    return out;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
