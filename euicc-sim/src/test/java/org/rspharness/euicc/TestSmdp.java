package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.BouncyCastle;
import org.rspharness.core.crypto.BspSession;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.Ecka;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.crypto.SessionKeys;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.testkit.Resign;

/**
 * The one light SM-DP+ of the eUICC and LPA tests, built directly on harness-core crypto (the real
 * SM-DP+ is out of reach: smdp-sim's tests depend on euicc-sim, and Maven allows no cycle, not even
 * in test scope): it signs serverSigned1 and smdpSigned2, checks the eUICC's signatures and binds
 * profile packages exactly as SGP.22 says, with knobs to break each step. The eUICC tests drive it
 * step by step; {@code lpa.CryptoSmdp} serves it to the LPA as ES9+.
 */
public final class TestSmdp {

  final CredentialSource source;
  final Curve curve;
  public final Credential dpAuth;
  public final Credential dpPb;
  final RandomSource random;
  String address = "testsmdpplus1.example.com";

  byte[] transactionId;
  byte[] serverChallenge;
  byte[] euiccSignature1Tlv;
  byte[] smdpSignature2Tlv;
  X509Certificate euiccCertificate;
  String eid;

  /** A signed data object (serverSigned1, smdpSigned2) and its signature as a 5F37 TLV. */
  public record Signed(byte[] data, byte[] signatureTlv) {}

  public TestSmdp(CredentialSource source, Curve curve, RandomSource random) {
    this.source = source;
    this.curve = curve;
    this.dpAuth = source.dpAuth(curve);
    this.dpPb = source.dpPb(curve);
    this.random = random;
  }

  /** The SubjectKeyIdentifier of the CI this SM-DP+'s certificates chain to. */
  public byte[] ciPkId() {
    return CertFacts.subjectKeyId(source.ci(curve).certificate()).orElseThrow();
  }

  /** ctxParams1 with a matchingId and a small DeviceInfo (TAC, no capabilities). */
  static byte[] ctxParams1(String matchingId) {
    TlvBuilder c = TlvBuilder.constructed(0xA0);
    if (matchingId != null) {
      c.add(0x80, matchingId.getBytes(StandardCharsets.UTF_8));
    }
    c.add(
        TlvBuilder.constructed(0xA1)
            .add(0x80, Hex.decode("35290611"))
            .add(TlvBuilder.constructed(0xA1).add(0x80, Hex.decode("0F0000"))));
    return c.build();
  }

  /** ES9+ InitiateAuthentication output as the LPA puts it in AuthenticateServer ('BF38'). */
  byte[] authenticateServerRequest(byte[] euiccChallenge, String matchingId) {
    return authenticateServerRequest(euiccChallenge, matchingId, ciPkId(), dpAuth, false);
  }

  byte[] authenticateServerRequest(
      byte[] euiccChallenge,
      String matchingId,
      byte[] ciPkId,
      Credential signer,
      boolean corruptSignature) {
    Signed s1 = serverSigned1(euiccChallenge, address, signer, corruptSignature);
    return TlvBuilder.constructed(0xBF38)
        .addEncoded(s1.data())
        .addEncoded(s1.signatureTlv())
        .add(0x04, ciPkId)
        .addEncoded(der(signer.certificate()))
        .addEncoded(ctxParams1(matchingId))
        .build();
  }

  /**
   * SGP.22 5.6.1: a new session (transactionId, serverChallenge) and its serverSigned1 naming
   * {@code serverAddress}, signed by {@code signer} (the signature broken when asked).
   */
  public Signed serverSigned1(
      byte[] euiccChallenge, String serverAddress, Credential signer, boolean corruptSignature) {
    transactionId = random.bytes(16);
    serverChallenge = random.bytes(16);
    byte[] serverSigned1 =
        TlvBuilder.constructed(0x30)
            .add(0x80, transactionId)
            .add(0x81, euiccChallenge)
            .add(0x83, serverAddress.getBytes(StandardCharsets.UTF_8))
            .add(0x84, serverChallenge)
            .build();
    byte[] sig = Ecdsa.sign(signer.privateKey(), serverSigned1, random);
    if (corruptSignature) {
      sig[5] ^= 0x01;
    }
    return new Signed(serverSigned1, TlvWriter.encode(0x5F37, sig));
  }

  /**
   * ES9+ AuthenticateClient, the SM-DP+ checks: euiccSignature1 over euiccSigned1 with the key of
   * CERT.EUICC, the serverChallenge and the transactionId.
   */
  void checkAuthenticateServerResponse(byte[] response) {
    assertThat(verifyAuthenticateServerResponse(response))
        .as("euiccSignature1 over euiccSigned1 with PK.EUICC, transactionId, serverChallenge")
        .isNull();
  }

  /**
   * SGP.22 5.6.3 as {@link #checkAuthenticateServerResponse}: null when the response is an
   * authenticateResponseOk that verifies, else what is wrong.
   */
  public String verifyAuthenticateServerResponse(byte[] response) {
    Tlv ok = Tlv.parse(response).find(0xA0).orElse(null);
    if (ok == null) {
      return "not an authenticateResponseOk";
    }
    SignedPart p = SignedParts.euiccSigned1(response);
    euiccCertificate = certificate(ok.child(2).encoded());
    if (!Ecdsa.verify(EcPublicKey.of(euiccCertificate), p.signedBytes(), p.signature())) {
      return "euiccSignature1 does not verify with PK.EUICC";
    }
    if (!Arrays.equals(p.tbs().get(0x80).value(), transactionId)) {
      return "another transactionId";
    }
    if (!Arrays.equals(p.tbs().get(0x84).value(), serverChallenge)) {
      return "another serverChallenge";
    }
    euiccSignature1Tlv = ok.get(0x5F37).encoded();
    eid = CertFacts.eid(euiccCertificate).orElseThrow();
    return null;
  }

  /** ES9+ AuthenticateClient output as PrepareDownload ('BF21'). */
  byte[] prepareDownloadRequest(byte[] hashCc, boolean ccRequired, byte[] bppEuiccOtpk) {
    return prepareDownloadRequest(hashCc, ccRequired, bppEuiccOtpk, transactionId, dpPb, false);
  }

  byte[] prepareDownloadRequest(
      byte[] hashCc,
      boolean ccRequired,
      byte[] bppEuiccOtpk,
      byte[] txId,
      Credential signer,
      boolean corruptSignature) {
    Signed s2 = smdpSigned2(ccRequired, bppEuiccOtpk, txId, signer, corruptSignature);
    TlvBuilder req =
        TlvBuilder.constructed(0xBF21).addEncoded(s2.data()).addEncoded(smdpSignature2Tlv);
    if (hashCc != null) {
      req.add(0x04, hashCc);
    }
    return req.addEncoded(der(signer.certificate())).build();
  }

  /**
   * SGP.22 5.6.3: smdpSigned2 (transactionId, ccRequiredFlag, the otPK to reuse if any) signed by
   * {@code signer} over smdpSigned2 || euiccSignature1 TLV (the signature broken when asked); the
   * smdpSignature2 TLV is kept for the eUICC's euiccSignature2.
   */
  public Signed smdpSigned2(
      boolean ccRequired,
      byte[] bppEuiccOtpk,
      byte[] txId,
      Credential signer,
      boolean corruptSignature) {
    TlvBuilder s2 =
        TlvBuilder.constructed(0x30)
            .add(0x80, txId)
            .add(0x01, new byte[] {(byte) (ccRequired ? 0xFF : 0x00)});
    if (bppEuiccOtpk != null) {
      s2.add(0x5F49, bppEuiccOtpk);
    }
    byte[] smdpSigned2 = s2.build();
    byte[] sig =
        Ecdsa.sign(signer.privateKey(), Resign.concat(smdpSigned2, euiccSignature1Tlv), random);
    if (corruptSignature) {
      sig[7] ^= 0x01;
    }
    smdpSignature2Tlv = TlvWriter.encode(0x5F37, sig);
    return new Signed(smdpSigned2, smdpSignature2Tlv);
  }

  /** The eUICC's otPK after checking euiccSignature2 over euiccSigned2 || smdpSignature2 TLV. */
  byte[] checkPrepareDownloadResponse(byte[] response) {
    byte[] otpk = verifyPrepareDownloadResponse(response);
    assertThat(otpk)
        .as("euiccSignature2 over euiccSigned2 || smdpSignature2 TLV, transactionId")
        .isNotNull();
    return otpk;
  }

  /**
   * SGP.22 5.6.2 as {@link #checkPrepareDownloadResponse}: the eUICC's otPK when the response is a
   * downloadResponseOk that verifies, else null.
   */
  public byte[] verifyPrepareDownloadResponse(byte[] response) {
    if (Tlv.parse(response).find(0xA0).isEmpty()) {
      return null;
    }
    SignedPart p = SignedParts.euiccSigned2(response);
    boolean ok =
        Ecdsa.verify(
                EcPublicKey.of(euiccCertificate),
                Resign.concat(p.signedBytes(), smdpSignature2Tlv),
                p.signature())
            && Arrays.equals(p.tbs().get(0x80).value(), transactionId);
    return ok ? p.tbs().get(0x5F49).value() : null;
  }

  /** The transactionId of the current session. */
  public byte[] transactionId() {
    return transactionId;
  }

  /** The certificate of the eUICC of the current session (once authenticated). */
  public X509Certificate euiccCertificate() {
    return euiccCertificate;
  }

  /** Knobs for binding. */
  public static final class Options {
    boolean replaceSessionKeys;
    int metadataChunk = 1000;
    boolean corruptSmdpSign;
    byte[] transactionId;
    int remoteOpId = 1;
    byte[] dpOid;

    /**
     * Cut the profile as a field SM-DP+ does: 1008 plaintext bytes per 86 segment, padded to 1024,
     * so each full segment is 1036 bytes (SGP.22 2.5.5 allows 1020).
     */
    boolean fieldSegments;
  }

  /** A Bound Profile Package and its STORE DATA sequences as an LPA sends them. */
  public record Bpp(byte[] encoded, List<byte[]> sequences) {}

  /**
   * SGP.22 2.5.3: binds {@code upp} with {@code metadata} for the eUICC's otPK ({@code o}: knobs).
   */
  public Bpp bind(byte[] euiccOtpk, byte[] metadata, byte[] upp, Options o) {
    byte[] txId = o.transactionId != null ? o.transactionId : transactionId;
    OneTimeKeyPair ot = OneTimeKeyPair.generate(curve, random);
    EcPublicKey euiccKey = EcPublicKey.decode(curve, euiccOtpk);
    byte[] shared = Ecka.sharedSecret(ot.privateKey(), euiccKey);
    byte[] hostId = "RSPHarness-Host1".getBytes(StandardCharsets.US_ASCII);
    SessionKeys keys = SessionKeys.derive(shared, hostId, Hex.decode(eid));
    BspSession bsp = o.fieldSegments ? BspSession.create(keys, 1036) : BspSession.create(keys);

    byte[] fields =
        Resign.concat(
            TlvWriter.encode(0x82, new byte[] {(byte) o.remoteOpId}),
            TlvWriter.encode(0x80, txId),
            TlvBuilder.constructed(0xA6)
                .add(0x80, new byte[] {(byte) 0x88})
                .add(0x81, new byte[] {0x10})
                .add(0x84, hostId)
                .build(),
            TlvWriter.encode(0x5F49, ot.publicKey().encoded()));
    byte[] sign =
        Ecdsa.sign(
            dpPb.privateKey(), Resign.concat(fields, TlvWriter.encode(0x5F49, euiccOtpk)), random);
    if (o.corruptSmdpSign) {
      sign[3] ^= 0x01;
    }
    byte[] isc = TlvWriter.encode(0xBF23, Resign.concat(fields, TlvWriter.encode(0x5F37, sign)));

    byte[] configureIsdp =
        o.dpOid == null
            ? Hex.decode("BF2400")
            : TlvBuilder.constructed(0xBF24)
                .add(TlvBuilder.constructed(0xB8).add(0x06, o.dpOid))
                .build();
    byte[] a0 = TlvWriter.encode(0xA0, bsp.wrapEncrypted(0x87, configureIsdp));

    List<byte[]> s88 = new ArrayList<>();
    for (int at = 0; at < metadata.length; at += o.metadataChunk) {
      s88.add(
          bsp.wrapMacOnly(
              0x88,
              Arrays.copyOfRange(metadata, at, Math.min(metadata.length, at + o.metadataChunk))));
    }
    byte[] a2 = null;
    if (o.replaceSessionKeys) {
      SessionKeys ppk = new SessionKeys(random.bytes(16), random.bytes(16), random.bytes(16));
      byte[] rsk =
          TlvBuilder.constructed(0xBF26)
              .add(0x80, ppk.initialMacChainingValue())
              .add(0x81, ppk.sEnc())
              .add(0x82, ppk.sMac())
              .build();
      a2 = TlvWriter.encode(0xA2, bsp.wrapEncrypted(0x87, rsk));
      bsp.replaceSessionKeys(ppk);
    }
    List<byte[]> s86 = new ArrayList<>();
    if (o.fieldSegments) {
      for (int at = 0; at < upp.length; at += 1008) {
        s86.add(
            bsp.wrapEncrypted(0x86, Arrays.copyOfRange(upp, at, Math.min(upp.length, at + 1008))));
      }
    } else {
      s86.addAll(bsp.wrapEncryptedSegments(0x86, upp));
    }

    List<byte[]> sequences = new ArrayList<>();
    byte[] a1Value = Resign.concat(s88.toArray(new byte[0][]));
    byte[] a3Value = Resign.concat(s86.toArray(new byte[0][]));
    byte[] a1Header = header(0xA1, a1Value.length);
    byte[] a3Header = header(0xA3, a3Value.length);
    int total =
        isc.length
            + a0.length
            + a1Header.length
            + a1Value.length
            + (a2 == null ? 0 : a2.length)
            + a3Header.length
            + a3Value.length;
    sequences.add(Resign.concat(header(0xBF36, total), isc));
    sequences.add(a0);
    sequences.add(a1Header);
    sequences.addAll(s88);
    if (a2 != null) {
      sequences.add(a2);
    }
    sequences.add(a3Header);
    sequences.addAll(s86);
    byte[] encoded = Resign.concat(sequences.toArray(new byte[0][]));
    return new Bpp(encoded, sequences);
  }

  static byte[] header(int tag, int length) {
    return Resign.concat(TlvWriter.tagBytes(tag), TlvWriter.lengthBytes(length));
  }

  static byte[] der(X509Certificate c) {
    try {
      return c.getEncoded();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", BouncyCastle.PROVIDER)
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
