package org.rspharness.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The cycle finder itself, on small graphs whose answer is known. */
class PackageGraphTest {

  @Test
  void findsAndNamesATwoPackageCycle() {
    PackageGraph g = new PackageGraph("x.");
    g.addDependency("x.a.A", "x.b.B");
    g.addDependency("x.b.B2", "x.a.A");
    g.addDependency("x.b.B", "x.c.C"); // c is below both: not in the cycle

    List<Set<String>> cycles = g.cycles();

    assertThat(cycles).containsExactly(Set.of("x.a", "x.b"));
    assertThat(g.describe(cycles.get(0)))
        .contains("x.a -> x.b   (A -> B)")
        .contains("x.b -> x.a   (B2 -> A)")
        .doesNotContain("x.c");
  }

  @Test
  void findsALongCycleAndKeepsSeparateCyclesApart() {
    PackageGraph g = new PackageGraph("x.");
    g.addDependency("x.a.A", "x.b.B");
    g.addDependency("x.b.B", "x.c.C");
    g.addDependency("x.c.C", "x.a.A");
    g.addDependency("x.c.C", "x.d.D"); // bridge to a second, separate cycle
    g.addDependency("x.d.D", "x.e.E");
    g.addDependency("x.e.E", "x.d.D");

    assertThat(g.cycles()).containsExactly(Set.of("x.a", "x.b", "x.c"), Set.of("x.d", "x.e"));
    assertThat(g.describe(Set.of("x.a", "x.b", "x.c")))
        .contains("x.a -> x.b")
        .contains("x.b -> x.c")
        .contains("x.c -> x.a");
  }

  @Test
  void aLayeredGraphHasNoCycleAndOutsidePackagesAreIgnored() {
    PackageGraph g = new PackageGraph("x.");
    g.addDependency("x.top.T", "x.mid.M");
    g.addDependency("x.mid.M", "x.low.L");
    g.addDependency("x.top.T", "x.low.L");
    g.addDependency("x.low.L", "java.util.List");
    g.addDependency("java.util.List", "x.top.T"); // outside the prefix: no edge

    assertThat(g.cycles()).isEmpty();
    assertThat(g.packages()).containsExactlyInAnyOrder("x.top", "x.mid", "x.low");
  }

  @Test
  void readsReferencesFromARealClassFile() throws Exception {
    // PackageCycleTest refers to PackageGraph (same package) and to org.junit / org.assertj types
    PackageGraph g = new PackageGraph("org.");
    try (InputStream in = PackageCycleTest.class.getResourceAsStream("PackageCycleTest.class")) {
      g.addClassFile(in);
    }
    assertThat(g.packages())
        .contains("org.rspharness.architecture", "org.junit.jupiter.api", "org.assertj.core.api");
  }

  @Test
  void detectsACycleBetweenTwoRealClassFiles() throws Exception {
    // edges read from a class file and edges added by hand make one graph
    PackageGraph g = new PackageGraph("org.rspharness.");
    try (InputStream in = PackageGraphTest.class.getResourceAsStream("PackageGraphTest.class")) {
      g.addClassFile(in);
    }
    // PackageGraphTest uses PackageGraph (same package): no self edge, no cycle
    assertThat(g.cycles()).isEmpty();
    g.addDependency("org.rspharness.core.Tlv", "org.rspharness.architecture.PackageGraphTest");
    g.addDependency("org.rspharness.architecture.PackageGraph", "org.rspharness.core.Tlv");
    assertThat(g.cycles())
        .containsExactly(Set.of("org.rspharness.architecture", "org.rspharness.core"));
  }
}
