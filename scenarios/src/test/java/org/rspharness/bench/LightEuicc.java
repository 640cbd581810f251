package org.rspharness.bench;

import com.beanit.asn1bean.ber.types.string.BerUTF8String;
import java.nio.ByteBuffer;
import org.rspharness.asn1.rsp.EUICCSigned2;
import org.rspharness.asn1.rsp.EuiccSigned1;
import org.rspharness.asn1.rsp.Octet16;
import org.rspharness.asn1.rsp.ProfileInstallationResultData;
import org.rspharness.asn1.rsp.ServerSigned1;
import org.rspharness.asn1.rsp.TransactionId;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.asn1.SignedParts;
import org.rspharness.core.crypto.EcPrivateKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageRequest;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.es9.HandleNotification;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/**
 * A load generator in the place of LPA + eUICC, to measure the SM-DP+ alone: it replays what a real
 * eUICC sent once (recorded by {@link RecordingEs9}), changing only what the SM-DP+ checks per
 * session (transactionId, serverChallenge, matchingId, ICCID) and signing each changed part with
 * the key of one of many eUICCs ({@link ManyEuiccs}: a new eUICC certificate and key for the SM-DP+
 * each time, as in the field), as the card would. It skips what only the device side needs
 * (verifying the SM-DP+'s certificates and signatures, ECDH, decrypting and installing the BPP) and
 * reuses one one-time key (the SM-DP+ cannot tell: each order is new). Per download: three ECDSA
 * signatures, the JSON and the TLS client; everything the SM-DP+ does is unchanged.
 */
final class LightEuicc {

  private final byte[] euiccInfo1;
  private final byte[] euiccSigned1;
  private final java.util.List<ManyEuiccs.Identity> euiccs;
  private final byte[] eumCertificate;
  private final byte[] euiccSigned2;
  private final byte[] pirData;
  private final RandomSource random;

  /** Templates from {@code recorded}; download n is made by eUICC {@code n % euiccs.size()}. */
  LightEuicc(
      RecordingEs9 recorded, java.util.List<ManyEuiccs.Identity> euiccs, RandomSource random) {
    this.euiccInfo1 = recorded.initiate.euiccInfo1();
    byte[] asr = recorded.authenticate.authenticateServerResponse();
    Tlv ok = Tlv.parse(asr).child(0);
    this.euiccSigned1 = ok.child(0).encoded();
    this.euiccs = java.util.List.copyOf(euiccs);
    this.eumCertificate = ok.child(3).encoded();
    this.euiccSigned2 =
        SignedParts.euiccSigned2(recorded.bpp.prepareDownloadResponse()).signedBytes();
    Tlv pir = Tlv.parse(recorded.notification.pendingNotification());
    this.pirData = SignedParts.profileInstallationResultData(pir).signedBytes();
    this.random = random;
  }

  /** One whole download of the order {@code matchingId} / {@code iccid}. */
  void download(Es9Plus es9, SmdpAddress smdp, String matchingId, Iccid iccid, long n)
      throws Es9Exception {
    ManyEuiccs.Identity euicc = euiccs.get((int) (n % euiccs.size()));
    EcPrivateKey key = euicc.key();
    byte[] challenge = ByteBuffer.allocate(16).putLong(n).putLong(~n).array();
    InitiateAuthenticationResponse ia =
        es9.initiateAuthentication(
            smdp, new InitiateAuthenticationRequest(challenge, euiccInfo1, smdp));
    ServerSigned1 ss1 = Asn1Codec.decode(ia.serverSigned1(), ServerSigned1::new);

    EuiccSigned1 es1 = Asn1Codec.decode(euiccSigned1, EuiccSigned1::new);
    es1.setTransactionId(new TransactionId(ia.transactionId().bytes()));
    es1.setServerChallenge(new Octet16(ss1.getServerChallenge().value));
    es1.setServerAddress(new BerUTF8String(ss1.getServerAddress().toString()));
    es1.getCtxParams1()
        .getCtxParamsForCommonAuthentication()
        .setMatchingId(new BerUTF8String(matchingId));
    byte[] signed1 = Asn1Codec.encode(es1);
    byte[] sig1 = TlvWriter.encode(SignedParts.SIGNATURE_TAG, Ecdsa.sign(key, signed1, random));
    byte[] asr =
        TlvWriter.encode(
            0xBF38,
            TlvWriter.encode(0xA0, concat(signed1, sig1, euicc.certificate(), eumCertificate)));
    AuthenticateClientResponseEs9 ac =
        es9.authenticateClient(smdp, new AuthenticateClientRequest(ia.transactionId(), asr));

    EUICCSigned2 es2 = Asn1Codec.decode(euiccSigned2, EUICCSigned2::new);
    es2.setTransactionId(new TransactionId(ia.transactionId().bytes()));
    byte[] signed2 = Asn1Codec.encode(es2);
    byte[] sig2 =
        TlvWriter.encode(
            SignedParts.SIGNATURE_TAG,
            Ecdsa.sign(key, concat(signed2, ac.smdpSignature2()), random));
    byte[] pdr = TlvWriter.encode(0xBF21, TlvWriter.encode(0xA0, concat(signed2, sig2)));
    GetBoundProfilePackageResponse bpp =
        es9.getBoundProfilePackage(
            smdp, new GetBoundProfilePackageRequest(ia.transactionId(), pdr));
    if (bpp.boundProfilePackage().length < 100) {
      throw new IllegalStateException("no BPP");
    }

    ProfileInstallationResultData data =
        Asn1Codec.decode(pirData, ProfileInstallationResultData::new);
    data.setTransactionId(new TransactionId(ia.transactionId().bytes()));
    data.getNotificationMetadata().setIccid(new org.rspharness.asn1.rsp.Iccid(iccid.toEfIccid()));
    byte[] dataBytes = Asn1Codec.encode(data);
    byte[] pirSig = TlvWriter.encode(SignedParts.SIGNATURE_TAG, Ecdsa.sign(key, dataBytes, random));
    es9.handleNotification(
        smdp, new HandleNotification(TlvWriter.encode(0xBF37, concat(dataBytes, pirSig))));
  }

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }
}
