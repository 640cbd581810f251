package org.rspharness.smdp.bpp;

import java.util.Objects;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPrivateKey;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.ids.Eid;

/**
 * What the SM-DP+ knows when it binds a profile to one eUICC in getBoundProfilePackage (SGP.22
 * section 5.6.2 / 2.5.4): the session, the eUICC's one-time key and the profile to bind.
 *
 * @param curve curve of CERT.DPpb (and of both one-time keys)
 * @param dpPbKey SK.DPpb.ECDSA, signs InitialiseSecureChannel
 * @param transactionId the RSP session's transactionId (1-16 bytes)
 * @param eid the eUICC's EID (KDF shared info)
 * @param otPkEuicc otPK.EUICC.ECKA from PrepareDownloadResponse
 * @param storeMetadataRequest the encoded StoreMetadataRequest (BF25) sent in authenticateClient
 * @param profilePackage the personalised unprotected profile package (concatenated ProfileElements)
 * @param options segmenting, PPK and quirk choices
 */
public record BppInput(
    Curve curve,
    EcPrivateKey dpPbKey,
    byte[] transactionId,
    Eid eid,
    EcPublicKey otPkEuicc,
    byte[] storeMetadataRequest,
    byte[] profilePackage,
    BppOptions options) {

  /** Checks presence, sizes and that both keys are on {@code curve}; names the bad field. */
  public BppInput {
    Objects.requireNonNull(curve, "curve");
    Objects.requireNonNull(dpPbKey, "dpPbKey");
    Objects.requireNonNull(eid, "eid");
    Objects.requireNonNull(otPkEuicc, "otPkEuicc");
    Objects.requireNonNull(options, "options");
    if (transactionId == null || transactionId.length < 1 || transactionId.length > 16) {
      throw new IllegalArgumentException(
          "transactionId: expected 1 to 16 bytes, got "
              + (transactionId == null ? "none" : transactionId.length));
    }
    if (dpPbKey.curve() != curve) {
      throw new IllegalArgumentException(
          "dpPbKey: on " + dpPbKey.curve() + ", but the binding curve is " + curve);
    }
    if (otPkEuicc.curve() != curve) {
      throw new IllegalArgumentException(
          "otPkEuicc: on " + otPkEuicc.curve() + ", but the binding curve is " + curve);
    }
    if (storeMetadataRequest == null || storeMetadataRequest.length == 0) {
      throw new IllegalArgumentException("storeMetadataRequest: missing");
    }
    if ((storeMetadataRequest[0] & 0xFF) != 0xBF
        || storeMetadataRequest.length < 2
        || (storeMetadataRequest[1] & 0xFF) != 0x25) {
      throw new IllegalArgumentException(
          "storeMetadataRequest: does not start with tag BF25 (StoreMetadataRequest)");
    }
    if (profilePackage == null || profilePackage.length == 0) {
      throw new IllegalArgumentException("profilePackage: missing or empty");
    }
  }
}
