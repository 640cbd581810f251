package org.rspharness.smds.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.rspharness.core.ids.Eid;

/**
 * The SM-DS's event records in SQLite ({@code smds.db} in a state directory), the engine the SM-DP+
 * state store uses. Registration and deletion are rare next to downloads, so each change is its own
 * transaction, committed (WAL, synchronous FULL: fsynced) before the ES12 answer leaves.
 *
 * <p>The SM-DP+'s {@code JdbcStateStore} keeps a closed set of record kinds (orders, sessions,
 * callbacks, history); an SM-DS event record is none of them, hence this small store of its own.
 */
public final class SmdsStateStore implements AutoCloseable {

  /** The schema this code reads and writes. */
  public static final int SCHEMA_VERSION = 1;

  /** The database file inside the state directory. */
  public static final String FILE = "smds.db";

  private final Path file;
  private final Connection db;

  private SmdsStateStore(Path file, Connection db) {
    this.file = file;
    this.db = db;
  }

  /**
   * Opens (creating the directory and database if absent) the store in {@code dir}.
   *
   * @throws IllegalArgumentException naming the directory and what failed
   */
  public static SmdsStateStore open(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--state " + dir + ": cannot create the directory: " + e.getMessage(), e);
    }
    Path file = dir.resolve(FILE);
    try {
      Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement st = c.createStatement()) {
        st.execute("PRAGMA journal_mode=WAL");
        st.execute("PRAGMA synchronous=FULL");
        st.execute("PRAGMA busy_timeout=10000");
        st.execute("CREATE TABLE IF NOT EXISTS smds_schema (version INTEGER NOT NULL)");
        int version = 0;
        try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM smds_schema")) {
          if (rs.next()) {
            version = rs.getInt(1);
          }
        }
        if (version > SCHEMA_VERSION) {
          c.close();
          throw new IllegalArgumentException(
              "--state "
                  + file
                  + ": schema version "
                  + version
                  + " is newer than this SM-DS's "
                  + SCHEMA_VERSION
                  + "; use a newer rsp-harness or another directory");
        }
        if (version < 1) {
          st.execute(
              "CREATE TABLE IF NOT EXISTS smds_event (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
                  + " eid TEXT NOT NULL, event_id TEXT NOT NULL, rsp_server_address TEXT NOT NULL,"
                  + " forwarded INTEGER NOT NULL, UNIQUE (eid, event_id))");
          st.execute("INSERT INTO smds_schema (version) VALUES (1)");
        }
      }
      return new SmdsStateStore(file, c);
    } catch (SQLException e) {
      throw new IllegalArgumentException("--state " + file + ": " + e.getMessage(), e);
    }
  }

  /** Every stored record, in registration order. */
  public synchronized List<EventRecord> load() {
    List<EventRecord> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT eid, event_id, rsp_server_address, forwarded FROM smds_event ORDER BY seq")) {
      while (rs.next()) {
        out.add(
            new EventRecord(
                Eid.ofUnchecked(rs.getString(1)),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4) != 0));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("SM-DS state " + file + ": cannot read: " + e, e);
    }
    return out;
  }

  /** Stores {@code r}; durable when this returns. */
  public synchronized void put(EventRecord r) {
    try (PreparedStatement ps =
        db.prepareStatement(
            "INSERT INTO smds_event (eid, event_id, rsp_server_address, forwarded)"
                + " VALUES (?, ?, ?, ?)")) {
      ps.setString(1, r.eid().value());
      ps.setString(2, r.eventId());
      ps.setString(3, r.rspServerAddress());
      ps.setInt(4, r.forwarded() ? 1 : 0);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("SM-DS state " + file + ": cannot store: " + e, e);
    }
  }

  /** Deletes the record of {@code eid} and {@code eventId}; durable when this returns. */
  public synchronized void delete(Eid eid, String eventId) {
    try (PreparedStatement ps =
        db.prepareStatement("DELETE FROM smds_event WHERE eid = ? AND event_id = ?")) {
      ps.setString(1, eid.value());
      ps.setString(2, eventId);
      ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("SM-DS state " + file + ": cannot delete: " + e, e);
    }
  }

  /** What the store is, for the start-up line. */
  public String describe() {
    return "SQLite " + file + " (schema " + SCHEMA_VERSION + ")";
  }

  @Override
  public synchronized void close() {
    try {
      db.close();
    } catch (SQLException ignored) {
      // closing: nothing left to tell
    }
  }
}
