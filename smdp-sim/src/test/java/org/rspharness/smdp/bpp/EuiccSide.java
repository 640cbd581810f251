package org.rspharness.smdp.bpp;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.rspharness.core.crypto.BspSession;
import org.rspharness.core.crypto.EcPublicKey;
import org.rspharness.core.crypto.Ecdsa;
import org.rspharness.core.crypto.Ecka;
import org.rspharness.core.crypto.SessionKeys;
import org.rspharness.core.tlv.Tlv;

/** What an eUICC does with a BPP, written independently of the builder, for the tests. */
final class EuiccSide {

  record Opened(
      byte[] configureIsdp, byte[] storeMetadata, byte[] replaceSessionKeys, byte[] profile) {}

  private EuiccSide() {}

  static boolean signatureValid(BppFixture f, BppReader.Parsed p, byte[] otPkEuicc) {
    return Ecdsa.verify(
        f.dpPb().publicKey(),
        p.initialiseSecureChannel().signedData(otPkEuicc),
        p.initialiseSecureChannel().smdpSign());
  }

  static SessionKeys sessionKeys(BppFixture f, BppReader.Parsed p) {
    EcPublicKey otPkDp = EcPublicKey.decode(f.curve(), p.initialiseSecureChannel().smdpOtpk());
    byte[] shared = Ecka.sharedSecret(f.euiccOt().privateKey(), otPkDp);
    return SessionKeys.derive(shared, p.initialiseSecureChannel().hostId(), f.eidBytes());
  }

  static Opened open(BppFixture f, byte[] bpp) {
    BppReader.Parsed p = BppReader.read(bpp);
    BspSession bsp = BspSession.create(sessionKeys(f, p));
    byte[] configure = unwrapAll(bsp, p.firstSequenceOf87());
    byte[] metadata = unwrapAll(bsp, p.sequenceOf88());
    byte[] rsk = null;
    if (p.secondSequenceOf87Present()) {
      rsk = unwrapAll(bsp, p.secondSequenceOf87());
      Tlv t = Tlv.parse(rsk);
      bsp.replaceSessionKeys(
          new SessionKeys(t.get(0x80).value(), t.get(0x81).value(), t.get(0x82).value()));
    }
    byte[] profile = unwrapAll(bsp, p.sequenceOf86());
    return new Opened(configure, metadata, rsk, profile);
  }

  static byte[] unwrapAll(BspSession bsp, List<byte[]> segments) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] s : segments) {
      out.writeBytes(bsp.unwrap(s));
    }
    return out.toByteArray();
  }
}
