package org.rspharness.lpa;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.BspSession;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.Ecka;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.crypto.SessionKeys;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.CancelSessionRequestEs9;
import org.rspharness.core.es9.CancelSessionResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ExecutionStatus;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/**
 * A minimal SM-DP+ with real cryptography, for end-to-end tests of the LPA against the software
 * eUICC: signs serverSigned1 and smdpSigned2, checks the eUICC's signatures, and binds a small
 * profile package (SCP03t through harness-core's BspSession). One session at a time; no order
 * management. The full SM-DP+ lives in smdp-sim, which euicc-sim cannot depend on.
 */
public final class CryptoSmdp implements Es9Plus {

  final Curve curve;
  final Credential dpAuth;
  final Credential dpPb;
  final CredentialSource source;
  final RandomSource random = RandomSource.seeded(99);
  final Iccid iccid;
  public final List<String> calls = new ArrayList<>();
  final List<byte[]> notifications = new ArrayList<>();
  final List<byte[]> cancelled = new ArrayList<>();
  boolean ccRequired;
  String expectedCc;

  /** The notificationAddress in the profile metadata (enable/disable/delete notifications). */
  public String notificationAddress = "testsmdpplus1.example.com";

  /** When set, authenticateClient answers Failed with this code. */
  public org.rspharness.core.status.StatusCode failAuthenticateClient;

  /** ctxParams1 of the last euiccSigned1 (to check what the LPA told the eUICC). */
  Tlv lastCtxParams1;

  private byte[] transactionId;
  private byte[] serverChallenge;
  private byte[] euiccSignature1Tlv;
  private byte[] smdpSignature2Tlv;
  private X509Certificate euiccCertificate;

  /** When set, serverSigned1 names this address instead of the one the LPA asked. */
  String serverAddressOverride;

  public CryptoSmdp(CredentialSource source, Curve curve, Iccid iccid) {
    this.source = source;
    this.curve = curve;
    this.dpAuth = source.dpAuth(curve);
    this.dpPb = source.dpPb(curve);
    this.iccid = iccid;
  }

  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smdp, InitiateAuthenticationRequest request) {
    calls.add("initiateAuthentication");
    transactionId = random.bytes(16);
    serverChallenge = random.bytes(16);
    byte[] signed1 =
        TlvBuilder.constructed(0x30)
            .add(0x80, transactionId)
            .add(0x81, request.euiccChallenge())
            .add(
                0x83,
                (serverAddressOverride != null ? serverAddressOverride : smdp.value())
                    .getBytes(StandardCharsets.UTF_8))
            .add(0x84, serverChallenge)
            .build();
    byte[] ski = CertFacts.subjectKeyId(source.ci(curve).certificate()).orElseThrow();
    return new InitiateAuthenticationResponse(
        ResponseHeader.success(),
        TransactionId.of(transactionId),
        signed1,
        TlvWriter.encode(0x5F37, Ecdsa.sign(dpAuth.privateKey(), signed1, random)),
        TlvWriter.encode(0x04, ski),
        der(dpAuth.certificate()));
  }

  @Override
  public AuthenticateClientResponseEs9 authenticateClient(
      SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
    calls.add("authenticateClient");
    if (failAuthenticateClient != null) {
      throw failed("authenticateClient", failAuthenticateClient);
    }
    byte[] response = request.authenticateServerResponse();
    Tlv ok = Tlv.parse(response).find(0xA0).orElse(null);
    if (ok == null) {
      throw failed("authenticateClient", StatusCodes.EUICC_SIGNATURE_INVALID);
    }
    SignedPart p = SignedParts.euiccSigned1(response);
    euiccCertificate = certificate(ok.child(2).encoded());
    if (!Ecdsa.verify(EcPublicKey.of(euiccCertificate), p.signedBytes(), p.signature())
        || !java.util.Arrays.equals(p.tbs().get(0x84).value(), serverChallenge)) {
      throw failed("authenticateClient", StatusCodes.EUICC_SIGNATURE_INVALID);
    }
    euiccSignature1Tlv = ok.get(0x5F37).encoded();
    lastCtxParams1 = p.tbs().get(0xA0);
    byte[] signed2 =
        TlvBuilder.constructed(0x30)
            .add(0x80, transactionId)
            .add(0x01, new byte[] {(byte) (ccRequired ? 0xFF : 0x00)})
            .build();
    byte[] sig = Ecdsa.sign(dpPb.privateKey(), concat(signed2, euiccSignature1Tlv), random);
    smdpSignature2Tlv = TlvWriter.encode(0x5F37, sig);
    return new AuthenticateClientResponseEs9(
        ResponseHeader.success(),
        TransactionId.of(transactionId),
        metadata(),
        signed2,
        smdpSignature2Tlv,
        der(dpPb.certificate()));
  }

  @Override
  public GetBoundProfilePackageResponse getBoundProfilePackage(
      SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
    calls.add("getBoundProfilePackage");
    byte[] response = request.prepareDownloadResponse();
    if (Tlv.parse(response).find(0xA0).isEmpty()) {
      throw failed("getBoundProfilePackage", StatusCodes.EUICC_SIGNATURE_INVALID);
    }
    SignedPart p = SignedParts.euiccSigned2(response);
    if (!Ecdsa.verify(
        EcPublicKey.of(euiccCertificate),
        concat(p.signedBytes(), smdpSignature2Tlv),
        p.signature())) {
      throw failed("getBoundProfilePackage", StatusCodes.EUICC_SIGNATURE_INVALID);
    }
    if (ccRequired) {
      byte[] expected =
          org.rspharness.core.crypto.ConfirmationCode.hashCc(expectedCc, transactionId);
      if (!java.util.Arrays.equals(p.tbs().get(0x04).value(), expected)) {
        throw failed("getBoundProfilePackage", StatusCodes.CONFIRMATION_CODE_REFUSED);
      }
    }
    byte[] otpk = p.tbs().get(0x5F49).value();
    return new GetBoundProfilePackageResponse(
        ResponseHeader.success(), TransactionId.of(transactionId), bind(otpk));
  }

  @Override
  public CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
      throws Es9Exception {
    calls.add("cancelSession");
    SignedPart p = SignedParts.euiccCancelSessionSigned(request.cancelSessionResponse());
    if (euiccCertificate != null
        && !Ecdsa.verify(EcPublicKey.of(euiccCertificate), p.signedBytes(), p.signature())) {
      throw failed("cancelSession", StatusCodes.EUICC_SIGNATURE_INVALID);
    }
    cancelled.add(request.cancelSessionResponse());
    return new CancelSessionResponseEs9(ResponseHeader.success());
  }

  @Override
  public void handleNotification(SmdpAddress address, HandleNotification request) {
    calls.add("handleNotification");
    notifications.add(request.pendingNotification());
  }

  byte[] metadata() {
    return TlvBuilder.constructed(0xBF25)
        .add(0x5A, iccid.toEfIccid())
        .add(0x91, "Harness SP".getBytes(StandardCharsets.UTF_8))
        .add(0x92, "E2E profile".getBytes(StandardCharsets.UTF_8))
        .add(
            TlvBuilder.constructed(0xB6)
                .add(
                    TlvBuilder.constructed(0x30)
                        .add(0x80, new byte[] {0x04, (byte) 0xF0})
                        .add(0x81, notificationAddress.getBytes(StandardCharsets.UTF_8))))
        .build();
  }

  /** A small profile package: ProfileHeader with the ICCID (plain BCD), filler, end element. */
  byte[] upp() {
    StringBuilder digits = new StringBuilder(iccid.value());
    while (digits.length() < 20) {
      digits.append('F');
    }
    byte[] header =
        TlvBuilder.constructed(0xA0)
            .add(0x80, new byte[] {2})
            .add(0x81, new byte[] {3})
            .add(0x83, Hex.decode(digits.toString()))
            .add(0xA5, new byte[0])
            .add(0xA6, new byte[0])
            .build();
    byte[] opaque = TlvBuilder.constructed(0xA1).add(0x04, random.bytes(2500)).build();
    byte[] end = TlvBuilder.constructed(0xAA).add(0x80, new byte[] {1}).build();
    return concat(concat(header, opaque), end);
  }

  private byte[] bind(byte[] euiccOtpk) {
    OneTimeKeyPair ot = OneTimeKeyPair.generate(curve, random);
    byte[] shared = Ecka.sharedSecret(ot.privateKey(), EcPublicKey.decode(curve, euiccOtpk));
    byte[] hostId = "RSPHarness-LPA-1".getBytes(StandardCharsets.US_ASCII);
    String eid = CertFacts.eid(euiccCertificate).orElseThrow();
    BspSession bsp = BspSession.create(SessionKeys.derive(shared, hostId, Hex.decode(eid)));
    byte[] fields =
        concat(
            concat(TlvWriter.encode(0x82, new byte[] {1}), TlvWriter.encode(0x80, transactionId)),
            concat(
                TlvBuilder.constructed(0xA6)
                    .add(0x80, new byte[] {(byte) 0x88})
                    .add(0x81, new byte[] {0x10})
                    .add(0x84, hostId)
                    .build(),
                TlvWriter.encode(0x5F49, ot.publicKey().encoded())));
    byte[] sign =
        Ecdsa.sign(dpPb.privateKey(), concat(fields, TlvWriter.encode(0x5F49, euiccOtpk)), random);
    byte[] isc = TlvWriter.encode(0xBF23, concat(fields, TlvWriter.encode(0x5F37, sign)));
    byte[] a0 = TlvWriter.encode(0xA0, bsp.wrapEncrypted(0x87, Hex.decode("BF2400")));
    byte[] a1 = TlvWriter.encode(0xA1, bsp.wrapMacOnly(0x88, metadata()));
    ByteArrayOutputStream s86 = new ByteArrayOutputStream();
    bsp.wrapEncryptedSegments(0x86, upp()).forEach(s86::writeBytes);
    byte[] a3 = TlvWriter.encode(0xA3, s86.toByteArray());
    return TlvWriter.encode(0xBF36, concat(concat(isc, a0), concat(a1, a3)));
  }

  private static Es9Exception failed(String function, org.rspharness.core.status.StatusCode code) {
    return Es9Exception.functionFailed(function, ExecutionStatus.FAILED, StatusCodeData.of(code));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
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
          java.security.cert.CertificateFactory.getInstance(
                  "X.509", org.rspharness.core.crypto.BouncyCastle.PROVIDER)
              .generateCertificate(new java.io.ByteArrayInputStream(der));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
