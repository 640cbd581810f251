package org.rspharness.smdp.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.asn1.saip.ProfileElement;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.testsupport.ReferenceData;
import org.rspharness.smdp.bpp.ProfilePackages;
import org.rspharness.smdp.order.NotificationTarget;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.ProfileState;

class InventoryTest {

  @TempDir Path dir;

  private Path write(String yaml) throws IOException {
    Path p = dir.resolve("inventory.yaml");
    Files.writeString(p, yaml);
    return p;
  }

  @Test
  void loadsProfilesAndPoolsWithAllAttributes() throws IOException {
    Path file =
        write(
            """
            profiles:
              - iccid: "8949000000000008011"
                profileType: gold
                profilePackage: generated
                state: Released
                matchingId: ABC-123
                confirmationCode: "1234"
                maxConfirmationCodeAttempts: 2
                maxDownloadAttempts: 4
                expiry: 2030-01-01T00:00:00Z
                reusable: true
                pprs: [1]
                smdsEventId: EV-1
                metadata:
                  serviceProviderName: Harness Mobile
                  profileName: Gold
                  profileClass: operational
                  notifications:
                    - operations: [install, delete]
                      address: notify.example.com
              - pool: {prefix: "894900000000009", count: 3}
                profileType: lab
            """);
    List<Order> orders = Inventory.load(file);
    assertThat(orders).hasSize(4);
    Order gold = orders.get(0);
    assertThat(gold.iccid()).isEqualTo(Iccid.of("8949000000000008011"));
    assertThat(gold.state()).isEqualTo(ProfileState.RELEASED);
    assertThat(gold.matchingId()).isEqualTo(MatchingId.of("ABC-123"));
    assertThat(gold.confirmationCode()).isEqualTo("1234");
    assertThat(gold.ccAttemptsLeft()).isEqualTo(2);
    assertThat(gold.downloadAttemptsLeft()).isEqualTo(4);
    assertThat(gold.expiry()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    assertThat(gold.reusable()).isTrue();
    assertThat(gold.pprs()).containsExactly(1);
    assertThat(gold.smdsEventId()).isEqualTo("EV-1");
    assertThat(gold.metadata().serviceProviderName()).isEqualTo("Harness Mobile");
    assertThat(gold.metadata().notifications())
        .containsExactly(
            new NotificationTarget(
                Set.of(NotificationOperation.INSTALL, NotificationOperation.DELETE),
                "notify.example.com"));
    assertThat(orders.subList(1, 4))
        .extracting(o -> o.iccid().value())
        .containsExactly(
            Iccid.withCheckDigit("894900000000009000").value(),
            Iccid.withCheckDigit("894900000000009001").value(),
            Iccid.withCheckDigit("894900000000009002").value());
    for (Order o : orders) {
      assertThat(o.iccid().hasValidCheckDigit()).isTrue();
      assertThat(ProfilePackages.headerIccid(o.profilePackage())).isEqualTo(o.iccid());
    }
  }

  @Test
  void aTypoGivesOneLineWithFileLineColumnAndTheExpectedFields() throws IOException {
    Path file =
        write(
            """
            profiles:
              - iccid: "8949000000000008011"
                profileType: gold
                matchingID: ABC
            """);
    assertThatThrownBy(() -> Inventory.load(file))
        .isInstanceOf(InventoryException.class)
        .hasMessageStartingWith(
            file + ":4:5: unknown field 'matchingID' in 'profiles[0].matchingID'")
        .hasMessageContaining("matchingId")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void badValuesNameTheFieldAndWhatWasExpected() throws IOException {
    Path state =
        write(
            """
            profiles:
              - iccid: "8949000000000008011"
                profileType: gold
                state: Relased
            """);
    assertThatThrownBy(() -> Inventory.load(state))
        .hasMessageContaining("profiles[0]")
        .hasMessageContaining("state: unknown 'Relased'")
        .hasMessageContaining("Released");
    Path count =
        write(
            """
            profiles:
              - pool: {prefix: "8949", count: many}
                profileType: lab
            """);
    assertThatThrownBy(() -> Inventory.load(count))
        .hasMessageStartingWith(count + ":2:")
        .hasMessageContaining("'profiles[0].pool.count'");
    Path luhn =
        write(
            """
            profiles:
              - iccid: "8949000000000008012"
                profileType: gold
            """);
    assertThatThrownBy(() -> Inventory.load(luhn))
        .hasMessageContaining("profiles[0]")
        .hasMessageContaining("ICCID");
  }

  @Test
  void minimalProfileDecodesAsSaipAndCarriesTheIccidBothWays() {
    Iccid iccid = Iccid.withCheckDigit("894900000000008021");
    byte[] pkg = ProfilePackages.minimal(iccid, "lab");
    List<ProfileElement> pes = Asn1Codec.decodeAll(pkg, ProfileElement::new);
    assertThat(pes).hasSize(3);
    assertThat(pes.get(1).getMf()).isNotNull();
    assertThat(pes.get(2).getEnd()).isNotNull();
    assertThat(ProfilePackages.headerIccid(pkg)).isEqualTo(iccid);
    Iccid other = Iccid.withCheckDigit("894900000000008039");
    byte[] again = ProfilePackages.withIccid(pkg, other);
    assertThat(ProfilePackages.headerIccid(again)).isEqualTo(other);
    assertThat(again).hasSameSizeAs(pkg);
    byte[] ef = other.toEfIccid();
    assertThat(indexOf(again, ef)).isPositive();
  }

  @Test
  void personalisesATs48PackageFromTheReferenceFolder() throws IOException {
    Path profile = ReferenceData.require("profiles/TS48v2_SAIP2.3_NoBERTLV.der");
    Path file =
        write(
            "profiles:\n  - pool: {prefix: \"89882470000\", count: 2}\n    profileType: ts48\n"
                + "    profilePackage: "
                + profile.toAbsolutePath()
                + "\n");
    List<Order> orders = Inventory.load(file);
    byte[] original = Files.readAllBytes(profile);
    for (Order o : orders) {
      byte[] pkg = o.profilePackage();
      assertThat(pkg).hasSameSizeAs(original);
      assertThat(ProfilePackages.headerIccid(pkg)).isEqualTo(o.iccid());
      assertThat(indexOf(pkg, o.iccid().toEfIccid())).isPositive();
    }
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
