package org.rspharness.smdp.state;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store (SQLite in a state directory) keeps what {@link StateStoreContract} asks. */
class SqliteStateStoreTest extends StateStoreContract {

  @TempDir Path dir;

  @Override
  StateStore open() {
    return JdbcStateStore.embedded(dir.resolve("state"));
  }

  @Test
  void aDatabaseOfANewerSchemaIsRefusedNamingBothVersions() throws Exception {
    JdbcStateStore.embedded(dir.resolve("newer")).close();
    try (var c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("newer/smdp.db"));
        var st = c.createStatement()) {
      st.execute("INSERT INTO smdp_schema (version) VALUES (7)");
    }
    assertThatThrownBy(() -> JdbcStateStore.embedded(dir.resolve("newer")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(
            "schema version 7 is newer than this SM-DP+'s " + JdbcStateStore.SCHEMA_VERSION);
  }
}
