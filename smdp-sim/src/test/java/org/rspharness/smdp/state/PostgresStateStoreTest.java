package org.rspharness.smdp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL, through the same code as the embedded store, keeps what {@link StateStoreContract}
 * asks. Needs a server: {@code RSP_HARNESS_PG_URL} (a JDBC URL of a database whose user may create
 * databases; {@code .ci/run} starts Debian's and sets it); the test creates and drops its own
 * database. Without a server it skips, except under {@code CI=true}, where that is a failure.
 */
class PostgresStateStoreTest extends StateStoreContract {

  private static String adminUrl;
  private String database;

  @BeforeAll
  static void needsAServer() throws SQLException {
    adminUrl =
        System.getenv()
            .getOrDefault(
                "RSP_HARNESS_PG_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=rspharness&password=rspharness");
    try (Connection c = DriverManager.getConnection(adminUrl)) {
      c.isValid(5);
    } catch (SQLException e) {
      if ("true".equals(System.getenv("CI"))) {
        throw e;
      }
      Assumptions.abort("no PostgreSQL at " + JdbcStateStore.redact(adminUrl) + ": " + e);
    }
  }

  /** Each test its own database, created here and dropped after. */
  @BeforeEach
  void createDatabase() throws SQLException {
    database = "smdp_test_" + Long.toString(System.nanoTime(), 36);
    try (Connection c = DriverManager.getConnection(adminUrl)) {
      c.createStatement().execute("CREATE DATABASE " + database);
    }
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    closeLast();
    try (Connection c = DriverManager.getConnection(adminUrl)) {
      c.createStatement().execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private String url() {
    return adminUrl.replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
  }

  @Override
  StateStore open() {
    return JdbcStateStore.open(url(), null, null);
  }

  @Test
  void theSchemaIsVersioned() throws SQLException {
    open().close();
    try (Connection c = DriverManager.getConnection(url());
        var rs = c.createStatement().executeQuery("SELECT MAX(version) FROM smdp_schema")) {
      rs.next();
      assertThat(rs.getInt(1)).isEqualTo(JdbcStateStore.SCHEMA_VERSION);
    }
  }
}
