package org.rspharness.lpa;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.ConfirmationCode;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
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
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.TestSmdp;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/**
 * The light SM-DP+ of the eUICC tests ({@link TestSmdp}: real signatures, real binding) served to
 * the LPA as ES9+, for end-to-end tests of the LPA against the software eUICC: a small profile
 * package, one session at a time, no order management. The full SM-DP+ lives in smdp-sim, which
 * euicc-sim cannot depend on.
 */
public final class CryptoSmdp implements Es9Plus {

  final RandomSource random = RandomSource.seeded(99);
  final TestSmdp light;
  final Iccid iccid;
  public final List<String> calls = new ArrayList<>();
  final List<byte[]> notifications = new ArrayList<>();
  final List<byte[]> cancelled = new ArrayList<>();
  boolean ccRequired;
  String expectedCc;

  /** The notificationAddress in the profile metadata (enable/disable/delete notifications). */
  public String notificationAddress = "testsmdpplus1.example.com";

  /** When set, authenticateClient answers Failed with this code. */
  public StatusCode failAuthenticateClient;

  /** ctxParams1 of the last euiccSigned1 (to check what the LPA told the eUICC). */
  Tlv lastCtxParams1;

  /** When set, serverSigned1 names this address instead of the one the LPA asked. */
  String serverAddressOverride;

  public CryptoSmdp(CredentialSource source, Curve curve, Iccid iccid) {
    this.light = new TestSmdp(source, curve, random);
    this.iccid = iccid;
  }

  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smdp, InitiateAuthenticationRequest request) {
    calls.add("initiateAuthentication");
    TestSmdp.Signed signed1 =
        light.serverSigned1(
            request.euiccChallenge(),
            serverAddressOverride != null ? serverAddressOverride : smdp.value(),
            light.dpAuth,
            false);
    return new InitiateAuthenticationResponse(
        ResponseHeader.success(),
        TransactionId.of(light.transactionId()),
        signed1.data(),
        signed1.signatureTlv(),
        TlvWriter.encode(0x04, light.ciPkId()),
        der(light.dpAuth.certificate()));
  }

  @Override
  public AuthenticateClientResponseEs9 authenticateClient(
      SmdpAddress smdp, AuthenticateClientRequest request) throws Es9Exception {
    calls.add("authenticateClient");
    if (failAuthenticateClient != null) {
      throw failed("authenticateClient", failAuthenticateClient);
    }
    byte[] response = request.authenticateServerResponse();
    if (light.verifyAuthenticateServerResponse(response) != null) {
      throw failed("authenticateClient", StatusCodes.EUICC_SIGNATURE_INVALID);
    }
    lastCtxParams1 = SignedParts.euiccSigned1(response).tbs().get(0xA0);
    TestSmdp.Signed signed2 =
        light.smdpSigned2(ccRequired, null, light.transactionId(), light.dpPb, false);
    return new AuthenticateClientResponseEs9(
        ResponseHeader.success(),
        TransactionId.of(light.transactionId()),
        metadata(),
        signed2.data(),
        signed2.signatureTlv(),
        der(light.dpPb.certificate()));
  }

  @Override
  public GetBoundProfilePackageResponse getBoundProfilePackage(
      SmdpAddress smdp, GetBoundProfilePackageRequest request) throws Es9Exception {
    calls.add("getBoundProfilePackage");
    byte[] response = request.prepareDownloadResponse();
    byte[] otpk = light.verifyPrepareDownloadResponse(response);
    if (otpk == null) {
      throw failed("getBoundProfilePackage", StatusCodes.EUICC_SIGNATURE_INVALID);
    }
    if (ccRequired) {
      SignedPart p = SignedParts.euiccSigned2(response);
      byte[] expected = ConfirmationCode.hashCc(expectedCc, light.transactionId());
      if (!Arrays.equals(p.tbs().get(0x04).value(), expected)) {
        throw failed("getBoundProfilePackage", StatusCodes.CONFIRMATION_CODE_REFUSED);
      }
    }
    return new GetBoundProfilePackageResponse(
        ResponseHeader.success(),
        TransactionId.of(light.transactionId()),
        light.bind(otpk, metadata(), upp(), new TestSmdp.Options()).encoded());
  }

  @Override
  public CancelSessionResponseEs9 cancelSession(SmdpAddress smdp, CancelSessionRequestEs9 request)
      throws Es9Exception {
    calls.add("cancelSession");
    SignedPart p = SignedParts.euiccCancelSessionSigned(request.cancelSessionResponse());
    X509Certificate euicc = light.euiccCertificate();
    if (euicc != null && !Ecdsa.verify(EcPublicKey.of(euicc), p.signedBytes(), p.signature())) {
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

  private static Es9Exception failed(String function, StatusCode code) {
    return Es9Exception.functionFailed(function, ExecutionStatus.FAILED, StatusCodeData.of(code));
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
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
}
