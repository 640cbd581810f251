package org.rspharness.smdp.es9;

import com.beanit.asn1bean.ber.types.BerType;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.rspharness.asn1.rsp.AuthenticateServerResponse;
import org.rspharness.asn1.rsp.EuiccSigned1;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.asn1.SignedPart;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.CertFacts;
import org.rspharness.core.pki.ChainResult;
import org.rspharness.core.pki.ChainValidator;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.session.RspSession;

/**
 * SGP.22 sections 5.6.3 and 5.8.2: the eUICC authentication an RSP server (SM-DP+ in ES9+, SM-DS in
 * ES11) makes of an AuthenticateServerResponse: EUM and eUICC certificates to a trusted CI,
 * euiccSignature1 over euiccSigned1 as received, the session's transactionId and serverChallenge.
 * One implementation for both servers, each failure with its SGP.22 code.
 */
public final class EuiccAuthentication {

  /**
   * An authenticated eUICC.
   *
   * @param euicc its certificate
   * @param eum its EUM's certificate
   * @param eid the EID of the certificate
   * @param signed1 euiccSigned1, decoded
   * @param signature1Tlv the 5F37 TLV of euiccSignature1 as received
   */
  public record Authenticated(
      X509Certificate euicc,
      X509Certificate eum,
      Eid eid,
      EuiccSigned1 signed1,
      byte[] signature1Tlv) {

    /**
     * SGP.22 5.6.3 / 3.6.2: the matchingId in ctxParams1 (an SM-DP+'s order, an SM-DS's EventID),
     * or null when the eUICC sent none.
     */
    public String matchingId() {
      var ctx = signed1.getCtxParams1().getCtxParamsForCommonAuthentication();
      return ctx == null || ctx.getMatchingId() == null ? null : ctx.getMatchingId().toString();
    }
  }

  private final CredentialSource credentials;
  private final ChainValidator validator;
  private final Clock clock;

  private final boolean lenientEid;

  public EuiccAuthentication(CredentialSource credentials, Clock clock) {
    this(credentials, clock, false);
  }

  /** {@code lenientEid}: the EID's check digits are not verified (lenient-identifiers quirk). */
  public EuiccAuthentication(CredentialSource credentials, Clock clock, boolean lenientEid) {
    this.credentials = credentials;
    this.validator = credentials.validator();
    this.clock = clock;
    this.lenientEid = lenientEid;
  }

  /**
   * SGP.22 section 5.6.3 / 5.8.2: verifies an authenticateResponseOk for session {@code s} and
   * returns what it proves; any failure is a {@link FunctionFailure} with its code.
   */
  public Authenticated authenticate(byte[] asr, RspSession s) {
    Tlv okTlv;
    try {
      okTlv = Tlv.parse(asr).child(0);
      if (okTlv.children().size() < 4) {
        okTlv = null;
      }
    } catch (RuntimeException e) {
      okTlv = null; // not TLV throughout: the ASN.1 decoding below names the problem
    }
    if (okTlv != null) {
      // the certificates first: a certificate's own defect (e.g. not DER) answers its own code,
      // also when it would make the whole message fail the ASN.1 decoding
      certificate(
          okTlv.child(2).encoded(), StatusCodes.EUICC_CERTIFICATE_INVALID, "euiccCertificate");
      certificate(okTlv.child(3).encoded(), StatusCodes.EUM_CERTIFICATE_INVALID, "eumCertificate");
    }
    decode(asr, AuthenticateServerResponse::new, "authenticateServerResponse");
    SignedPart signed1;
    Tlv ok;
    try {
      signed1 = SignedParts.euiccSigned1(asr);
      ok = Tlv.parse(asr).child(0);
    } catch (CodecException e) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID,
          "authenticateServerResponse is not an authenticateResponseOk: " + e.getMessage());
    }
    byte[] sig1Tlv = ok.get(SignedParts.SIGNATURE_TAG).encoded();
    X509Certificate euicc =
        certificate(
            ok.child(2).encoded(), StatusCodes.EUICC_CERTIFICATE_INVALID, "euiccCertificate");
    X509Certificate eum =
        certificate(ok.child(3).encoded(), StatusCodes.EUM_CERTIFICATE_INVALID, "eumCertificate");
    verifyEuiccChain(euicc, eum);
    if (!Ecdsa.verify(euicc.getPublicKey(), signed1.signedBytes(), signed1.signature())) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID, "euiccSignature1 does not verify over euiccSigned1");
    }
    EuiccSigned1 es1 = decode(signed1.signedBytes(), EuiccSigned1::new, "euiccSigned1");
    if (!Arrays.equals(es1.getTransactionId().value, s.transactionId().bytes())) {
      throw new FunctionFailure(
          StatusCodes.TRANSACTION_ID_UNKNOWN,
          "euiccSigned1 carries another transactionId than the request");
    }
    if (!Arrays.equals(es1.getServerChallenge().value, s.serverChallenge())) {
      throw new FunctionFailure(
          StatusCodes.EUICC_SIGNATURE_INVALID, "serverChallenge in euiccSigned1 is not ours");
    }
    return new Authenticated(euicc, eum, eidOf(euicc, lenientEid), es1, sig1Tlv);
  }

  /**
   * SGP.22 section 5.6.1 / 5.8.1: the curve of our CI whose SubjectKeyIdentifier is {@code ski}.
   */
  /** The CI an InitiateAuthentication names: its PKId (SKI) and the curve of that CI. */
  public record CiChoice(byte[] ski, Curve curve) {}

  /**
   * SGP.22 3.1.2: the first CI PKId of euiccCiPKIdListForVerification that is one of our CIs (on
   * curve {@code only} when that is not null), in the eUICC's order of preference.
   */
  public Optional<CiChoice> chooseCi(org.rspharness.asn1.rsp.EUICCInfo1 info1, Curve only) {
    if (info1.getEuiccCiPKIdListForVerification() == null) {
      return Optional.empty();
    }
    for (org.rspharness.asn1.pkix.SubjectKeyIdentifier ski :
        info1.getEuiccCiPKIdListForVerification().getSubjectKeyIdentifier()) {
      Optional<Curve> c = curveOfCi(ski.value);
      if (c.isPresent() && (only == null || c.get() == only)) {
        return Optional.of(new CiChoice(ski.value, c.get()));
      }
    }
    return Optional.empty();
  }

  public Optional<Curve> curveOfCi(byte[] ski) {
    for (Curve c : credentials.curves()) {
      Optional<Credential> ci = credentials.find(Role.CI, c);
      if (ci.isPresent()) {
        Optional<byte[]> own = CertFacts.subjectKeyId(ci.get().certificate());
        if (own.isPresent() && Arrays.equals(own.get(), ski)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }

  /** SGP.22 section 5.6.3: EUM certificate against the CI, then the eUICC certificate. */
  public void verifyEuiccChain(X509Certificate euicc, X509Certificate eum) {
    Instant now = clock.instant();
    ChainResult eumResult;
    try {
      eumResult = validator.validate(eum, List.of(), Role.EUM, now);
    } catch (RuntimeException e) {
      // a certificate problem answers the certificate's own code, never an internal error
      throw new FunctionFailure(StatusCodes.EUM_CERTIFICATE_INVALID, "EUM certificate: " + e);
    }
    if (!eumResult.ok()) {
      String why = eumResult.reason();
      StatusCode code;
      if (why.contains("unknown CI")
          || why.startsWith("issuer ")
          || why.startsWith("no trusted CI")) {
        code = StatusCodes.CI_PUBLIC_KEY_UNKNOWN;
      } else if (why.startsWith("expired") || why.startsWith("not yet valid")) {
        code = StatusCodes.EUM_CERTIFICATE_EXPIRED;
      } else {
        code = StatusCodes.EUM_CERTIFICATE_INVALID;
      }
      throw new FunctionFailure(code, "EUM certificate: " + why);
    }
    ChainResult euiccResult;
    try {
      euiccResult = validator.validate(euicc, List.of(eum), Role.EUICC, now);
    } catch (RuntimeException e) {
      throw new FunctionFailure(StatusCodes.EUICC_CERTIFICATE_INVALID, "eUICC certificate: " + e);
    }
    if (!euiccResult.ok()) {
      String why = euiccResult.reason();
      StatusCode code =
          why.startsWith("expired") || why.startsWith("not yet valid")
              ? StatusCodes.EUICC_CERTIFICATE_EXPIRED
              : StatusCodes.EUICC_CERTIFICATE_INVALID;
      throw new FunctionFailure(code, "eUICC certificate: " + why);
    }
  }

  /** The EID in the eUICC certificate's subject serialNumber. */
  public static Eid eidOf(X509Certificate euicc) {
    return eidOf(euicc, false);
  }

  /** As {@link #eidOf(X509Certificate)}; {@code lenient}: check digits not verified. */
  public static Eid eidOf(X509Certificate euicc, boolean lenient) {
    try {
      String eid = CertFacts.eid(euicc).orElseThrow();
      return lenient ? Eid.ofUnchecked(eid) : Eid.of(eid);
    } catch (RuntimeException e) {
      throw new FunctionFailure(
          StatusCodes.EUICC_CERTIFICATE_INVALID, "eUICC certificate carries no valid EID");
    }
  }

  /**
   * A request member decoded with our ASN.1 module; malformed is {@link
   * SmdpCodes#MALFORMED_REQUEST}.
   */
  public static <T extends BerType> T decode(byte[] bytes, Supplier<T> factory, String member) {
    try {
      return Asn1Codec.decode(bytes, factory);
    } catch (CodecException | IllegalArgumentException e) {
      throw new FunctionFailure(SmdpCodes.MALFORMED_REQUEST, member + ": " + e.getMessage());
    }
  }

  /** A certificate member; one that does not parse fails with {@code code}. */
  public static X509Certificate certificate(byte[] der, StatusCode code, String member) {
    try {
      return org.rspharness.core.pki.Certificates.parseStrict(der);
    } catch (CertificateException | RuntimeException e) {
      throw new FunctionFailure(code, member + " does not parse: " + e.getMessage());
    }
  }
}
