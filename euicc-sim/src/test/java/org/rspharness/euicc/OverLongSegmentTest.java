package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rspharness.core.crypto.Curve;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.event.RecordingSink;
import org.rspharness.core.tlv.Tlv;

/**
 * SGP.22 section 2.5.5 caps a BSP segment at 1020 bytes; a field SM-DP+ sends 1036-byte ones (1008
 * plaintext bytes padded to 1024) and phones install them. The eUICC installs them too, with one
 * deviation event per segment tag; strict, it fails with scp03tStructureError as the spec says.
 */
class OverLongSegmentTest {

  private final RecordingSink sink = new RecordingSink();

  private Euicc euicc(boolean strict) {
    return Fixture.recording(sink, strict, 7);
  }

  /** Loads a package cut as the field server cuts it; returns the ProfileInstallationResult. */
  private Tlv load(Euicc euicc) {
    Fixture.Download d = Fixture.start(euicc, Curve.NIST_P256).authenticate().prepare();
    TestSmdp.Options field = new TestSmdp.Options();
    field.fieldSegments = true;
    String iccid = Fixture.iccid(3);
    TestSmdp.Bpp bpp =
        d.smdp.bind(
            d.euiccOtpk,
            Profiles.metadata(iccid, new Profiles.Meta()),
            Profiles.upp(iccid, 5000),
            field);
    assertThat(bpp.sequences()).anyMatch(s -> s.length == 1036);
    for (byte[] s : bpp.sequences()) {
      LpaLink.Response r = d.link.send(s);
      if (r.data().length > 0) {
        return Tlv.parse(r.data()).get(0xBF27).get(0xA2);
      }
    }
    throw new AssertionError("no ProfileInstallationResult");
  }

  private List<EventPayload.Deviation> deviations() {
    return sink.payloads(EventPayload.Deviation.class).toList();
  }

  @Test
  void byDefaultThePackageInstallsWithOneDeviationForTheProfileSegments() {
    Euicc euicc = euicc(false);
    Tlv result = load(euicc);
    assertThat(result.find(0xA0)).as("successResult").isPresent();
    assertThat(euicc.state().profiles()).hasSize(1);
    assertThat(deviations())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.who()).isEqualTo("SM-DP+");
              assertThat(d.clause()).isEqualTo("SGP.22 2.5.5");
              assertThat(d.rule()).contains("86");
              assertThat(d.observed()).isEqualTo("1036 bytes");
              assertThat(d.limit()).isEqualTo("1020 bytes");
              assertThat(d.tolerated()).isTrue();
            });
  }

  @Test
  void strictTheFirstOverLongSegmentFailsWithScp03tStructureError() {
    Euicc euicc = euicc(true);
    Tlv error = load(euicc).get(0xA1);
    assertThat(error.get(0x80).value()).containsExactly(5); // loadProfileElements
    assertThat(error.get(0x81).value()).containsExactly(7); // scp03tStructureError
    assertThat(euicc.state().profiles()).isEmpty();
    assertThat(deviations()).singleElement().satisfies(d -> assertThat(d.tolerated()).isFalse());
  }
}
