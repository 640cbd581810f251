package org.rspharness.euicc.es10;

import java.security.cert.X509Certificate;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.euicc.config.EuiccIdentity.CurveCredentials;

/**
 * SGP.22 section 3.1.2-3.1.3: the transient state of one RSP session (challenge, then the
 * authenticated server, then the one-time key, then the package being loaded). A power cycle drops
 * it.
 */
public final class RspSession {

  /** The challenge from GetEuiccChallenge, or null once used or never asked for. */
  byte[] euiccChallenge;

  /** After AuthenticateServer: the transactionId. */
  byte[] transactionId;

  /** After AuthenticateServer: serverAddress as signed by the SM-DP+. */
  String serverAddress;

  /** After AuthenticateServer: the credentials (curve, CI) chosen by euiccCiPKIdToBeUsed. */
  CurveCredentials credentials;

  /** After AuthenticateServer: CERT.DPauth. */
  X509Certificate dpAuth;

  /** After AuthenticateServer: the SM-DP+ OID (registeredID in CERT.DPauth's SAN), or null. */
  String smdpOid;

  /** After AuthenticateServer: the '5F37' TLV of euiccSignature1. */
  byte[] euiccSignature1Tlv;

  /** After PrepareDownload: CERT.DPpb. */
  X509Certificate dpPb;

  /** After PrepareDownload: the one-time key pair. */
  OneTimeKeyPair otKeyPair;

  /** During LoadBoundProfilePackage: the load in progress, or null. */
  LoadBoundProfilePackage loader;

  /** Whether AuthenticateServer succeeded in this session. */
  public boolean authenticated() {
    return transactionId != null;
  }

  /** The transactionId of the session, or null before AuthenticateServer (a copy). */
  public byte[] transactionId() {
    return transactionId == null ? null : transactionId.clone();
  }

  /** The server address the SM-DP+ signed, or null. */
  public String serverAddress() {
    return serverAddress;
  }

  /** The chosen credentials, or null. */
  public CurveCredentials credentials() {
    return credentials;
  }

  /** CERT.DPpb after PrepareDownload, or null. */
  public X509Certificate dpPb() {
    return dpPb;
  }

  /** otSK/otPK.EUICC after PrepareDownload, or null. */
  public OneTimeKeyPair otKeyPair() {
    return otKeyPair;
  }

  /** The SM-DP+ OID, or null. */
  public String smdpOid() {
    return smdpOid;
  }

  /** The LoadBoundProfilePackage in progress, or null. */
  LoadBoundProfilePackage loader() {
    return loader;
  }

  /** Sets or clears the LoadBoundProfilePackage in progress. */
  void loader(LoadBoundProfilePackage l) {
    loader = l;
  }
}
