package org.rspharness.core.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The one way tests reach the shared reference data (SGP.26 certificates, TS.48 profiles, published
 * vectors), which the project reads but never commits: the {@code rsp.reference.dir} property when
 * set (Surefire sets it to {@code ../shared/reference} beside the repository), else the first
 * {@code shared/reference} found walking up from the working directory (a test run from an IDE).
 *
 * <p>Policy: a test that needs a file calls {@link #require}. When the file is there, the test
 * counts as run against reference data ({@link ReferenceDataSummary} prints the count at the end of
 * each module's tests). When it is absent the test is skipped with the reason, except with {@code
 * CI=true}, where it fails: CI must not go green without having checked against the reference.
 */
public final class ReferenceData {

  /** Tests (unique ids, or the calling thread when no listener runs) that used reference data. */
  static final Set<String> USED = ConcurrentHashMap.newKeySet();

  /** Tests skipped because reference data were absent. */
  static final Set<String> MISSING = ConcurrentHashMap.newKeySet();

  /** The running test's unique id, set by {@link ReferenceDataSummary}. */
  static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

  private ReferenceData() {}

  /** The folder, which may not exist: tests that need it use {@link #require}. */
  public static Path dir() {
    String prop = System.getProperty("rsp.reference.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path candidate = p.resolve("shared").resolve("reference");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return Path.of("..", "shared", "reference");
  }

  /**
   * The file or folder at {@code relative} (e.g. {@code "sgp26"}, {@code
   * "profiles/TS48v5_SAIP2.3_NoBERTLV.der"}) under the reference folder. Absent: the calling test
   * is skipped, or fails when the environment has {@code CI=true}.
   */
  public static Path require(String relative) {
    return require(dir(), relative, System::getenv);
  }

  /**
   * The file or folder at {@code relative} when present (the test then counts as run against
   * reference data), else empty: for tests that check something weaker without it. Use {@link
   * #require} when the test means nothing without the file.
   */
  public static Optional<Path> find(String relative) {
    Path p = dir().resolve(relative);
    if (Files.exists(p)) {
      USED.add(currentTest());
      return Optional.of(p);
    }
    return Optional.empty();
  }

  /** {@link #require} with the folder and the environment given (for its own test). */
  static Path require(Path dir, String relative, UnaryOperator<String> env) {
    Path p = dir.resolve(relative);
    if (Files.exists(p)) {
      USED.add(currentTest());
      return p;
    }
    String reason =
        "reference data absent: "
            + p
            + " (the shared/reference folder beside the repository, or -Drsp.reference.dir=DIR)";
    if ("true".equalsIgnoreCase(env.apply("CI"))) {
      return Assertions.fail(reason + "; with CI=true this fails instead of skipping");
    }
    MISSING.add(currentTest());
    Assumptions.abort(reason);
    throw new AssertionError("unreachable");
  }

  private static String currentTest() {
    String id = CURRENT.get();
    return id != null ? id : Thread.currentThread().getName() + "@" + System.nanoTime();
  }
}
