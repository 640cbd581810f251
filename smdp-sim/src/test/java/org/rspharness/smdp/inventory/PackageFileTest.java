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

/**
 * A package file shared by many orders is read once, and again when it changes: an order
 * personalised after the change gets the new package.
 */
class PackageFileTest {

  @Test
  void orderPersonalisedAfterTheFileChangedGetsTheNewPackage(@TempDir Path dir) throws Exception {
    Path pkg = dir.resolve("p.der");
    Iccid placeholder = Iccid.withCheckDigit("890000000000000000");
    byte[] one = ProfilePackages.minimal(placeholder, "one");
    Files.write(pkg, one);
    Path yaml =
        Files.writeString(
            dir.resolve("inventory.yaml"),
            "profiles:\n"
                + "  - pool: {prefix: \"8949000000000000\", count: 3}\n"
                + "    profileType: t\n    state: Released\n    profilePackage: p.der\n");
    List<Order> orders = Inventory.load(yaml);
    assertThat(orders).hasSize(3);
    Order first = orders.get(0);
    Order second = orders.get(1);
    assertThat(first.profilePackage()).isEqualTo(ProfilePackages.withIccid(one, first.iccid()));
    assertThat(second.profilePackage()).isEqualTo(ProfilePackages.withIccid(one, second.iccid()));

    byte[] two = ProfilePackages.minimal(placeholder, "twotwo");
    Files.write(pkg, two);
    Files.setLastModifiedTime(pkg, FileTime.from(Instant.now().plusSeconds(60)));
    Order third = orders.get(2);
    assertThat(third.profilePackage()).isEqualTo(ProfilePackages.withIccid(two, third.iccid()));
    // An order already personalised keeps its package (Order remembers it).
    assertThat(first.profilePackage()).isEqualTo(ProfilePackages.withIccid(one, first.iccid()));
  }
}
