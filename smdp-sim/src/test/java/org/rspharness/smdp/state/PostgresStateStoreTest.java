package org.rspharness.smdp.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL, through the same code as the embedded store, keeps what {@link StateStoreContract}
 * asks. Needs a server: {@code RSP_HARNESS_PG_URL} (a JDBC URL of a database whose user may create
 * databases; {@code .ci/run} starts Debian's and sets it); the test creates and drops its own
 * database. Without a server it skips, except under {@code CI=true}, where that is a failure.
 */
class PostgresStateStoreTest extends StateStoreContract {

  private TestPostgres db;

  /** Each test its own database, created here and dropped after. */
  @BeforeEach
  void createDatabase() throws SQLException {
    db = TestPostgres.create();
  }

  @AfterEach
  void dropDatabase() throws SQLException {
    closeLast();
    if (db != null) {
      db.drop();
    }
  }

  private String url() {
    return db.url();
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
