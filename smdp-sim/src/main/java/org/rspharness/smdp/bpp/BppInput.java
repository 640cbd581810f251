package org.rspharness.smdp.bpp;

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
 * @param transactionId the RSP session's transactionId
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
    BppOptions options) {}
