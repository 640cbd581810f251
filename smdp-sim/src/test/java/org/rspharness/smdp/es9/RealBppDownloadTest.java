package org.rspharness.smdp.es9;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.rspharness.core.crypto.BspSession;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.Ecka;
import org.rspharness.core.crypto.SessionKeys;
import org.rspharness.core.es9.AuthenticateClientResponseEs9;
import org.rspharness.core.es9.GetBoundProfilePackageResponse;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.util.Hex;
import org.rspharness.smdp.SmdpFixture;
import org.rspharness.smdp.bpp.BppReader;
import org.rspharness.smdp.bpp.ProfilePackages;

/** A download through the service with the real BPP builder, opened as an eUICC would. */
class RealBppDownloadTest {

  @ParameterizedTest
  @EnumSource(Curve.class)
  void theBoundPackageOpensWithTheEuiccOneTimeKeyAndCarriesTheMetadataAndProfile(Curve curve) {
    SmdpFixture f = new SmdpFixture(curve);
    f.realBinder = true;
    f.start(SmdpFixture.released("894900000000000041", "REAL-1").build());
    f.euicc.matchingId = "REAL-1";
    AuthenticateClientResponseEs9 ac = f.authenticate(f.initiate());
    GetBoundProfilePackageResponse r = f.getBpp(ac, null);
    assertThat(r.header().executed()).isTrue();

    BppReader.Parsed p = BppReader.read(r.boundProfilePackage());
    assertThat(p.initialiseSecureChannel().transactionId()).isEqualTo(ac.transactionId().bytes());
    assertThat(
            Ecdsa.verify(
                SmdpFixture.parseCert(ac.smdpCertificate()).getPublicKey(),
                p.initialiseSecureChannel().signedData(f.euicc.otKey.publicKey().encoded()),
                p.initialiseSecureChannel().smdpSign()))
        .isTrue();
    EcPublicKey otPkDp = EcPublicKey.decode(curve, p.initialiseSecureChannel().smdpOtpk());
    byte[] shared = Ecka.sharedSecret(f.euicc.otKey.privateKey(), otPkDp);
    SessionKeys keys =
        SessionKeys.derive(
            shared,
            p.initialiseSecureChannel().hostId(),
            Hex.decode(SmdpFixture.PKI.eid().value()));
    BspSession bsp = BspSession.create(keys);
    unwrap(bsp, p.firstSequenceOf87());
    assertThat(unwrap(bsp, p.sequenceOf88())).isEqualTo(ac.profileMetadata());
    byte[] profile = unwrap(bsp, p.sequenceOf86());
    assertThat(ProfilePackages.headerIccid(profile))
        .isEqualTo(Iccid.withCheckDigit("894900000000000041"));
  }

  private static byte[] unwrap(BspSession bsp, List<byte[]> segments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] s : segments) {
      out.writeBytes(bsp.unwrap(s));
    }
    return out.toByteArray();
  }
}
