package org.rspharness.smdp.es9;

import com.beanit.asn1bean.ber.types.string.BerUTF8String;
import java.security.cert.CertificateEncodingException;
import java.util.Optional;
import org.rspharness.asn1.rsp.EUICCInfo1;
import org.rspharness.asn1.rsp.Octet16;
import org.rspharness.asn1.rsp.ServerSigned1;
import org.rspharness.asn1.rsp.TransactionId;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.pki.Credential;
import org.rspharness.core.pki.CredentialSource;
import org.rspharness.core.pki.Role;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.core.util.Hex;
import org.rspharness.smdp.function.FunctionFailure;
import org.rspharness.smdp.function.SmdpCodes;
import org.rspharness.smdp.session.RspSession;
import org.rspharness.smdp.session.SessionStore;

/**
 * SGP.22 sections 5.6.1 and 5.8.1: InitiateAuthentication as an RSP server answers it, one
 * implementation for the SM-DP+ (ES9+, signed with SK.DPauth) and the SM-DS (ES11, SK.DSauth): the
 * eUICC's SVN, the server address, the CI negotiation, then a session and serverSigned1.
 */
public final class InitiateAuthentication {

  /**
   * Which server answers, with the status codes of its function table.
   *
   * @param name the server's name in messages ("SM-DP+", "SM-DS")
   * @param authRole the certificate that signs serverSigned1
   */
  public record Server(
      String name,
      Role authRole,
      StatusCode svnUnsupported,
      StatusCode addressRefused,
      StatusCode noSupportedCiPkId,
      StatusCode noCertificateForCi) {

    /** SGP.22 5.6.1: the SM-DP+ in ES9+. */
    public static final Server SMDP =
        new Server(
            "SM-DP+",
            Role.DP_AUTH,
            StatusCodes.SMDP_SVN_UNSUPPORTED,
            StatusCodes.SMDP_ADDRESS_REFUSED,
            StatusCodes.SMDP_NO_SUPPORTED_CI_PKID,
            StatusCodes.SMDP_NO_CERTIFICATE_FOR_CI);

    /** SGP.22 5.8.1: the SM-DS in ES11. */
    public static final Server SMDS =
        new Server(
            "SM-DS",
            Role.DS_AUTH,
            StatusCodes.SMDS_SVN_UNSUPPORTED,
            StatusCodes.SMDS_ADDRESS_REFUSED,
            StatusCodes.SMDS_NO_SUPPORTED_CI_PKID,
            StatusCodes.SMDS_NO_CERTIFICATE_FOR_CI);
  }

  private final Server server;
  private final CredentialSource credentials;
  private final EuiccAuthentication auth;
  private final SessionStore sessions;
  private final RandomSource random;
  private final SmdpAddress address;
  private final boolean exactHost;

  /**
   * {@code address}: this server's; when configured by host name alone any port matches (one SM-DP+
   * answers on a NIST and a brainpool port, lab activation codes carry the port). {@code
   * exactHost}: the host is compared case-sensitively (a quirk; RFC 4343 says case-insensitive).
   */
  public InitiateAuthentication(
      Server server,
      CredentialSource credentials,
      EuiccAuthentication auth,
      SessionStore sessions,
      RandomSource random,
      SmdpAddress address,
      boolean exactHost) {
    this.server = server;
    this.credentials = credentials;
    this.auth = auth;
    this.sessions = sessions;
    this.random = random;
    this.address = address;
    this.exactHost = exactHost;
  }

  /**
   * SGP.22 5.6.1 / 5.8.1: answers the request or throws the first failure with its code; a CI of
   * curve {@code only} is chosen when not null.
   */
  public InitiateAuthenticationResponse answer(
      byte[] euiccChallenge, byte[] euiccInfo1, SmdpAddress given, Curve only) {
    if (euiccChallenge.length != 16) {
      throw new FunctionFailure(
          SmdpCodes.MALFORMED_REQUEST,
          "euiccChallenge: expected 16 bytes, got " + euiccChallenge.length);
    }
    EUICCInfo1 info1 = EuiccAuthentication.decode(euiccInfo1, EUICCInfo1::new, "euiccInfo1");
    byte[] svn = info1.getSvn() == null ? new byte[0] : info1.getSvn().value;
    if (svn.length != 3 || svn[0] != 2) {
      throw new FunctionFailure(
          server.svnUnsupported(), "eUICC SVN " + Hex.encode(svn) + " is not 2.x");
    }
    checkAddress(given);
    Optional<EuiccAuthentication.CiChoice> ci = auth.chooseCi(info1, only);
    if (ci.isEmpty()) {
      int offered =
          info1.getEuiccCiPKIdListForVerification() == null
              ? 0
              : info1.getEuiccCiPKIdListForVerification().getSubjectKeyIdentifier().size();
      throw new FunctionFailure(
          server.noSupportedCiPkId(),
          "none of the eUICC's " + offered + " CI PKIds for verification is ours");
    }
    Curve curve = ci.get().curve();
    byte[] chosen = ci.get().ski();
    Optional<Credential> serverAuth = credentials.find(server.authRole(), curve);
    if (serverAuth.isEmpty() || !serverAuth.get().hasPrivateKey()) {
      throw new FunctionFailure(
          server.noCertificateForCi(), "no CERT." + roleName() + " for the CI of curve " + curve);
    }
    // The address as the LPA named it (it passed the check above): the LPA compares
    // serverAddress with what it used, and the eUICC sends its notifications there, port
    // included when a lab server listens on a non-default one.
    String served = given.value();
    RspSession s = sessions.open(euiccChallenge, chosen, curve, served);
    ServerSigned1 ss1 = new ServerSigned1();
    ss1.setTransactionId(new TransactionId(s.transactionId().bytes()));
    ss1.setEuiccChallenge(new Octet16(euiccChallenge));
    ss1.setServerAddress(new BerUTF8String(served));
    ss1.setServerChallenge(new Octet16(s.serverChallenge()));
    byte[] serverSigned1 = Asn1Codec.encode(ss1);
    byte[] sig = Ecdsa.sign(serverAuth.get().requirePrivateKey(), serverSigned1, random);
    return new InitiateAuthenticationResponse(
        ResponseHeader.success(),
        s.transactionId(),
        serverSigned1,
        TlvWriter.encode(SignedParts.SIGNATURE_TAG, sig),
        TlvWriter.encode(0x04, chosen),
        encoded(serverAuth.get()));
  }

  /** SGP.22 5.6.1 / 5.8.1: the address must be this server's (host case-insensitive, RFC 4343). */
  private void checkAddress(SmdpAddress given) {
    boolean hostOk =
        exactHost
            ? given.host().equals(address.host())
            : given.host().equalsIgnoreCase(address.host());
    boolean portOk = address.port().isEmpty() || address.port().equals(given.port());
    if (!hostOk || !portOk) {
      throw new FunctionFailure(
          server.addressRefused(),
          given.value(),
          "'" + given.value() + "' is not this " + server.name() + " (" + address.value() + ")");
    }
  }

  private String roleName() {
    return server.authRole() == Role.DP_AUTH ? "DPauth" : "DSauth";
  }

  /** The DER of a credential's certificate. */
  static byte[] encoded(Credential c) {
    try {
      return c.certificate().getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
