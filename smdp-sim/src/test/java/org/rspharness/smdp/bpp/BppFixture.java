package org.rspharness.smdp.bpp;

import org.rspharness.core.crypto.Curve;
import org.rspharness.core.crypto.OneTimeKeyPair;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;

/** Keys and inputs of one binding, from a seed. */
record BppFixture(
    Curve curve, OneTimeKeyPair dpPb, OneTimeKeyPair euiccOt, Eid eid, byte[] transactionId) {

  static final Eid EID = Eid.of("89049032123451234512345678901235");
  static final Iccid ICCID = Iccid.of("89000123456789012341");
  static final byte[] HOST_ID = "RSPHARNESS".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  static BppFixture of(Curve curve, long seed) {
    RandomSource r = RandomSource.seeded(seed);
    return new BppFixture(
        curve,
        OneTimeKeyPair.generate(curve, r),
        OneTimeKeyPair.generate(curve, r),
        EID,
        r.bytes(16));
  }

  static byte[] storeMetadata(int iconBytes) {
    TlvBuilder b =
        TlvBuilder.constructed(0xBF25)
            .add(0x5A, ICCID.toEfIccid())
            .add(0x91, "RSP Harness".getBytes(java.nio.charset.StandardCharsets.UTF_8))
            .add(0x92, "Test profile".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (iconBytes > 0) {
      b.add(0x93, new byte[] {1}).add(0x94, new byte[iconBytes]);
    }
    return b.build();
  }

  BppInput input(byte[] profile, BppOptions options) {
    return input(profile, storeMetadata(0), options);
  }

  BppInput input(byte[] profile, byte[] metadata, BppOptions options) {
    return new BppInput(
        curve,
        dpPb.privateKey(),
        transactionId,
        eid,
        euiccOt.publicKey(),
        metadata,
        profile,
        options);
  }

  byte[] eidBytes() {
    return Hex.decode(eid.value());
  }
}
