package org.rspharness.smdp.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.ids.Iccid;
import org.rspharness.smdp.bpp.ProfilePackages;
import org.rspharness.smdp.order.Order;

/** Remembered personalisations and package files give exactly what recomputing would. */
class PersonalisedTest {

  private static final Iccid A = Iccid.withCheckDigit("894900000000000071");
  private static final Iccid B = Iccid.withCheckDigit("894900000000000072");

  @Test
  void rememberedPackageEqualsAFreshPersonalisationAndIsACopy() {
    byte[] upp = ProfilePackages.minimal(Iccid.withCheckDigit("890000000000000000"), "t");
    byte[] first = Inventory.Personalised.of(upp, A);
    byte[] second = Inventory.Personalised.of(upp, A);
    assertThat(second).isEqualTo(first).isEqualTo(ProfilePackages.withIccid(upp, A));
    assertThat(second).isNotSameAs(first);
    second[0] ^= 1;
    assertThat(Inventory.Personalised.of(upp, A)).isEqualTo(first);
    assertThat(ProfilePackages.headerIccid(Inventory.Personalised.of(upp, B))).isEqualTo(B);
  }

  @Test
  void otherUnpersonalisedBytesForTheSameIccidArePersonalisedAgain() {
    byte[] one = ProfilePackages.minimal(Iccid.withCheckDigit("890000000000000000"), "one");
    byte[] two = ProfilePackages.minimal(Iccid.withCheckDigit("890000000000000000"), "two");
    Inventory.Personalised.of(one, A);
    assertThat(Inventory.Personalised.of(two, A)).isEqualTo(ProfilePackages.withIccid(two, A));
  }

  @Test
  void packageFileIsReadAgainWhenItChanges(@TempDir Path dir) throws Exception {
    Path pkg = dir.resolve("p.der");
    byte[] one = ProfilePackages.minimal(Iccid.withCheckDigit("890000000000000000"), "one");
    Files.write(pkg, one);
    Path yaml =
        Files.writeString(
            dir.resolve("inventory.yaml"),
            "profiles:\n  - iccid: \""
                + A.value()
                + "\"\n    profileType: t\n    state: Released\n    profilePackage: p.der\n");
    List<Order> orders = Inventory.load(yaml);
    Order order = orders.get(0);
    assertThat(order.profilePackage()).isEqualTo(ProfilePackages.withIccid(one, A));

    byte[] two = ProfilePackages.minimal(Iccid.withCheckDigit("890000000000000000"), "twotwo");
    Files.write(pkg, two);
    Files.setLastModifiedTime(pkg, FileTime.from(Instant.now().plusSeconds(60)));
    assertThat(order.profilePackage()).isEqualTo(ProfilePackages.withIccid(two, A));
  }
}
