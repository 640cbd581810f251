package org.rspharness.smdp.state;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Assumptions;

/**
 * A PostgreSQL database of its own for a test: {@code RSP_HARNESS_PG_URL} names a server whose user
 * may create databases ({@code .ci/run} starts Debian's and sets it). Without a server the test
 * skips, except under {@code CI=true}, where that is a failure.
 */
final class TestPostgres {

  private final String adminUrl;
  private final String database;

  private TestPostgres(String adminUrl, String database) {
    this.adminUrl = adminUrl;
    this.database = database;
  }

  /** Creates a fresh database (or skips the test when no server answers outside CI). */
  static TestPostgres create() throws SQLException {
    String admin =
        System.getenv()
            .getOrDefault(
                "RSP_HARNESS_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=rspharness&password=rspharness");
    try (Connection c = DriverManager.getConnection(admin)) {
      c.isValid(5);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw e;
      }
      Assumptions.abort("no PostgreSQL at " + JdbcStateStore.redact(admin) + ": " + e);
    }
    String db = "smdp_test_" + Long.toString(System.nanoTime(), 36);
    try (Connection c = DriverManager.getConnection(admin)) {
      c.createStatement().execute("CREATE DATABASE " + db);
    }
    return new TestPostgres(admin, db);
  }

  /** The JDBC URL of the test's database. */
  String url() {
    return adminUrl.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
  }

  void drop() throws SQLException {
    try (Connection c = DriverManager.getConnection(adminUrl)) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }
}
