package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import org.rspharness.certs.TestPki;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.random.RandomSource;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.euicc.config.EuiccConfig;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.store.StateStore;

/** Shared test PKI, eUICC factory and the download steps at APDU level. */
final class Fixture {

  /** One generated PKI (both curves) for the whole test run: generation is the slow part. */
  static final TestPki PKI = TestPki.builder().random(RandomSource.seeded(42)).build();

  static final EuiccIdentity IDENTITY = EuiccIdentity.from(PKI);

  private Fixture() {}

  static Euicc euicc(StateStore store) {
    return euicc(store, EuiccConfig.defaults());
  }

  static Euicc euicc(StateStore store, EuiccConfig config) {
    return Euicc.builder(IDENTITY)
        .config(config)
        .store(store)
        .random(RandomSource.seeded(7))
        .build();
  }

  /** An eUICC whose events go to {@code sink}, tolerant of deviations or {@code strict}. */
  static Euicc recording(org.rspharness.core.event.RecordingSink sink, boolean strict, long seed) {
    return Euicc.builder(IDENTITY)
        .store(StateStore.inMemory())
        .random(RandomSource.seeded(seed))
        .events(org.rspharness.core.event.EventLog.system().addSink(sink))
        .strict(strict)
        .build();
  }

  static String iccid(int n) {
    return Iccid.withCheckDigit(String.format("894900000000%07d", n)).value();
  }

  static byte[] challenge() {
    return Hex0.bytes("BF2E00");
  }

  /** One download's running state: card link, SM-DP+ and the responses of each step. */
  static final class Download {
    final LpaLink link;
    final TestSmdp smdp;
    byte[] authResponse;
    byte[] prepareResponse;
    byte[] euiccOtpk;

    Download(LpaLink link, TestSmdp smdp) {
      this.link = link;
      this.smdp = smdp;
    }

    /** GetEuiccChallenge + AuthenticateServer (+ the SM-DP+'s checks). */
    Download authenticate() {
      byte[] ch = link.call(Hex0.bytes("BF2E00"));
      byte[] challenge = Tlv.parse(ch).get(0x80).value();
      authResponse = link.call(smdp.authenticateServerRequest(challenge, "MATCHING-1"));
      smdp.checkAuthenticateServerResponse(authResponse);
      return this;
    }

    /** PrepareDownload (+ the SM-DP+'s check of euiccSignature2). */
    Download prepare() {
      prepareResponse = link.call(smdp.prepareDownloadRequest(null, false, null));
      euiccOtpk = smdp.checkPrepareDownloadResponse(prepareResponse);
      return this;
    }

    /** Sends every sequence; returns the last response (the BF37). */
    byte[] load(TestSmdp.Bpp bpp) {
      LpaLink.Response last = null;
      for (int i = 0; i < bpp.sequences().size(); i++) {
        last = link.send(bpp.sequences().get(i));
        assertThat(last.sw()).isEqualTo(0x9000);
        if (last.data().length > 0) {
          assertThat(i)
              .as("BF37 only after the last sequence")
              .isEqualTo(bpp.sequences().size() - 1);
        }
      }
      return last.data();
    }
  }

  static Download start(Euicc euicc, Curve curve) {
    LpaLink link = new LpaLink(euicc).open();
    return new Download(link, new TestSmdp(PKI, curve, RandomSource.seeded(99)));
  }

  /** Installs a synthetic profile {@code iccid} end to end; returns the BF37. */
  static byte[] install(Euicc euicc, String iccid, Profiles.Meta meta) {
    Download d = start(euicc, Curve.NIST_P256).authenticate().prepare();
    TestSmdp.Bpp bpp =
        d.smdp.bind(
            d.euiccOtpk,
            Profiles.metadata(iccid, meta),
            Profiles.upp(iccid, 1500),
            new TestSmdp.Options());
    return d.load(bpp);
  }

  static byte[] getProfiles(LpaLink link) {
    return link.call(TlvBuilder.constructed(0xBF2D).build());
  }

  /** Hex helper. */
  static final class Hex0 {
    static byte[] bytes(String hex) {
      return org.rspharness.core.util.Hex.decode(hex);
    }
  }
}
