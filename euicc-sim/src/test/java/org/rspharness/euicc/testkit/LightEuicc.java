package org.rspharness.euicc.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
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
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9Plus;

/**
 * The light eUICC of load benchmarks, in the place of LPA + eUICC to measure the SM-DP+ alone: it
 * replays what the real eUICC sent in one real download, changing only what the SM-DP+ checks per
 * session (transactionId, serverAddress, serverChallenge, matchingId, ICCID) and signing each
 * changed part again with the key of one of many eUICCs ({@link Resign}), as the card would. It
 * skips what only the device side needs (verifying the SM-DP+, ECDH, opening and installing the
 * BPP) and reuses one one-time key (the SM-DP+ cannot tell: each order is new). Per download: three
 * ECDSA signatures; everything the SM-DP+ does is unchanged.
 */
public final class LightEuicc {

  /** One eUICC: its signing key and its certificate's DER. */
  public record Identity(EcPrivateKey key, byte[] certificate) {}

  private final byte[] euiccInfo1;
  private final byte[] euiccSigned1;
  private final byte[] eumCertificate;
  private final byte[] euiccSigned2;
  private final byte[] profileInstallationResult;
  private final List<Identity> euiccs;
  private final RandomSource random;

  /**
   * From the real eUICC's messages of one download: EUICCInfo1, AuthenticateServerResponse,
   * PrepareDownloadResponse and ProfileInstallationResult; download n is made by eUICC {@code n %
   * euiccs.size()}.
   */
  public LightEuicc(
      byte[] euiccInfo1,
      byte[] authenticateServerResponse,
      byte[] prepareDownloadResponse,
      byte[] profileInstallationResult,
      List<Identity> euiccs,
      RandomSource random) {
    this.euiccInfo1 = euiccInfo1.clone();
    Tlv ok = Tlv.parse(authenticateServerResponse).child(0);
    this.euiccSigned1 = ok.child(0).encoded();
    this.eumCertificate = ok.child(3).encoded();
    this.euiccSigned2 = Tlv.parse(prepareDownloadResponse).child(0).child(0).encoded();
    this.profileInstallationResult = profileInstallationResult.clone();
    this.euiccs = List.copyOf(euiccs);
    this.random = random;
  }

  /** One whole download of the order {@code matchingId} / {@code iccid}. */
  public void download(Es9Plus es9, SmdpAddress smdp, String matchingId, Iccid iccid, long n)
      throws Es9Exception {
    Identity euicc = euiccs.get((int) (n % euiccs.size()));
    byte[] challenge = ByteBuffer.allocate(16).putLong(n).putLong(~n).array();
    InitiateAuthenticationResponse ia =
        es9.initiateAuthentication(
            smdp, new InitiateAuthenticationRequest(challenge, euiccInfo1, smdp));
    byte[] txId = ia.transactionId().bytes();
    Tlv ss1 = Tlv.parse(ia.serverSigned1());

    byte[] signed1 = Resign.with(euiccSigned1, 0x80, txId);
    signed1 = Resign.with(signed1, 0x83, ss1.get(0x83).value());
    signed1 = Resign.with(signed1, 0x84, ss1.get(0x84).value());
    byte[] ctx = Tlv.parse(signed1).get(0xA0).encoded();
    signed1 =
        Resign.withChild(
            signed1, 0xA0, Resign.with(ctx, 0x80, matchingId.getBytes(StandardCharsets.UTF_8)));
    byte[] asr =
        TlvBuilder.constructed(0xBF38)
            .add(
                TlvBuilder.constructed(0xA0)
                    .addEncoded(signed1)
                    .addEncoded(signature(euicc, signed1))
                    .addEncoded(euicc.certificate())
                    .addEncoded(eumCertificate))
            .build();
    AuthenticateClientResponseEs9 ac =
        es9.authenticateClient(smdp, new AuthenticateClientRequest(ia.transactionId(), asr));

    byte[] signed2 = Resign.with(euiccSigned2, 0x80, txId);
    byte[] pdr =
        TlvBuilder.constructed(0xBF21)
            .add(
                TlvBuilder.constructed(0xA0)
                    .addEncoded(signed2)
                    .addEncoded(signature(euicc, Resign.concat(signed2, ac.smdpSignature2()))))
            .build();
    GetBoundProfilePackageResponse bpp =
        es9.getBoundProfilePackage(
            smdp, new GetBoundProfilePackageRequest(ia.transactionId(), pdr));
    if (bpp.boundProfilePackage().length < 100) {
      throw new IllegalStateException("no BPP");
    }

    byte[] data = Resign.pirData(profileInstallationResult, txId, iccid);
    es9.handleNotification(
        smdp,
        new HandleNotification(
            TlvBuilder.constructed(0xBF37)
                .addEncoded(data)
                .addEncoded(signature(euicc, data))
                .build()));
  }

  private byte[] signature(Identity euicc, byte[] data) {
    return TlvWriter.encode(Resign.SIGNATURE, Ecdsa.sign(euicc.key(), data, random));
  }
}
