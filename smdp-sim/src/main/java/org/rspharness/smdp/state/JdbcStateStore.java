package org.rspharness.smdp.state;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state store over JDBC: SQLite in a state directory (the embedded default, nothing to
 * install), PostgreSQL for several SM-DP+s sharing one database, H2 (measured, not the default).
 * One code path for all three; only the column types and the upsert differ ({@link Dialect}).
 *
 * <p>Group commit: one writer thread takes every queued write, applies them in one transaction and
 * commits once (one fsync), then completes their futures. Under load a commit carries the writes of
 * many requests; alone, a request waits one commit.
 *
 * <p>Schema version {@link #SCHEMA_VERSION} is kept in table {@code smdp_schema}; a database of a
 * newer version is refused at open, naming both versions.
 */
public final class JdbcStateStore implements StateStore {

  /** The schema this code reads and writes. */
  public static final int SCHEMA_VERSION = 2;

  /** The SQL that differs between engines. */
  public enum Dialect {
    SQLITE(
        "BLOB",
        "seq INTEGER PRIMARY KEY AUTOINCREMENT",
        "INSERT INTO smdp_state(kind, k, v, mid, evt, eid) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT(kind, k) DO UPDATE SET v = excluded.v, mid = excluded.mid,"
            + " evt = excluded.evt, eid = excluded.eid"),
    POSTGRESQL(
        "BYTEA",
        "seq BIGSERIAL PRIMARY KEY",
        "INSERT INTO smdp_state(kind, k, v, mid, evt, eid) VALUES (?, ?, ?, ?, ?, ?)"
            + " ON CONFLICT(kind, k) DO UPDATE SET v = excluded.v, mid = excluded.mid,"
            + " evt = excluded.evt, eid = excluded.eid"),
    H2(
        "VARBINARY(1000000)",
        "seq BIGINT AUTO_INCREMENT PRIMARY KEY",
        "MERGE INTO smdp_state(kind, k, v, mid, evt, eid) KEY(kind, k)"
            + " VALUES (?, ?, ?, ?, ?, ?)");

    final String blob;
    final String serial;
    final String upsert;

    Dialect(String blob, String serial, String upsert) {
      this.blob = blob;
      this.serial = serial;
      this.upsert = upsert;
    }

    /** The dialect of a JDBC URL. */
    public static Dialect of(String url) {
      if (url.startsWith("jdbc:sqlite:")) {
        return SQLITE;
      }
      if (url.startsWith("jdbc:postgresql:")) {
        return POSTGRESQL;
      }
      if (url.startsWith("jdbc:h2:")) {
        return H2;
      }
      throw new IllegalArgumentException(
          "state database: '" + url + "' is not a jdbc:sqlite:, jdbc:postgresql: or jdbc:h2: URL");
    }
  }

  private final String url;
  private final Dialect dialect;
  private final Connection writer;
  private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private final AtomicLong fsyncs = new AtomicLong();
  private volatile boolean closed;

  private record Pending(
      List<StoreRecord> records, boolean fsync, boolean lazy, CompletableFuture<Void> done) {}

  private static final Pending STOP =
      new Pending(List.of(), false, false, new CompletableFuture<>());

  /** How long a lazy write may wait for a commit to join before it gets one of its own. */
  private static final long LAZY_NANOS = 1_000_000_000L;

  // the writer's statements, prepared once (writer thread only, under the connection's lock)
  private PreparedStatement upsert;
  private PreparedStatement delete;
  private PreparedStatement append;

  /** Several instances may share the database: versioned writes, reads before use. */
  private final boolean shared;

  /** The version of each record this instance last read or wrote (a shared store). */
  private final java.util.concurrent.ConcurrentMap<String, Long> versions =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A connection of its own for the reads before use, so they never wait behind a commit. */
  private Connection reader;

  private PreparedStatement insertNew;
  private PreparedStatement updateFrom;

  /** Every commit flushed to the disk, whatever the writes ask ({@code --state-fsync all}). */
  private volatile boolean fsyncAlways;

  /** Whether the connection now flushes every commit (SQLite synchronous=FULL). */
  private boolean fullSync;

  /** The embedded store in {@code dir} ({@code smdp.db}, created with the directory if absent). */
  public static JdbcStateStore embedded(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(
          "--state " + dir + ": cannot create the directory: " + e.getMessage(), e);
    }
    return open("jdbc:sqlite:" + dir.resolve("smdp.db"), null, null);
  }

  /**
   * Opens (and creates or checks the schema of) the database at {@code url}.
   *
   * @throws IllegalArgumentException naming the URL and what failed
   */
  public static JdbcStateStore open(String url, String user, String password) {
    return new JdbcStateStore(url, user, password);
  }

  private JdbcStateStore(String url, String user, String password) {
    this.url = url;
    this.dialect = Dialect.of(url);
    this.shared = dialect == Dialect.POSTGRESQL;
    try {
      this.writer =
          user == null
              ? DriverManager.getConnection(url)
              : DriverManager.getConnection(url, user, password);
      try (Statement st = writer.createStatement()) {
        if (dialect == Dialect.SQLITE) {
          // WAL: readers do not block the writer; a commit is appended to the log, flushed
          // (fsync) when it carries an fsync write (synchronous=FULL), else only handed to the
          // operating system (NORMAL: survives a crash of this process, and the log is flushed at
          // the next FULL commit or checkpoint)
          st.execute("PRAGMA journal_mode=WAL");
          st.execute("PRAGMA synchronous=FULL");
          st.execute("PRAGMA busy_timeout=10000");
          fullSync = true;
        }
      }
      migrate();
      writer.setAutoCommit(false);
      upsert = writer.prepareStatement(dialect.upsert);
      if (shared) {
        insertNew =
            writer.prepareStatement(
                "INSERT INTO smdp_state(kind, k, v, mid, evt, eid, ver) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT(kind, k) DO NOTHING");
        updateFrom =
            writer.prepareStatement(
                "UPDATE smdp_state SET v = ?, mid = ?, evt = ?, eid = ?, ver = ?"
                    + " WHERE kind = ? AND k = ? AND ver = ?");
        reader =
            user == null
                ? DriverManager.getConnection(url)
                : DriverManager.getConnection(url, user, password);
      }
      delete = writer.prepareStatement("DELETE FROM smdp_state WHERE kind = ? AND k = ?");
      append = writer.prepareStatement("INSERT INTO smdp_history (k, v) VALUES (?, ?)");
    } catch (SQLException e) {
      throw new IllegalArgumentException(
          "state database " + redact(url) + ": " + e.getMessage(), e);
    }
    this.thread = new Thread(this::run, "smdp-state-writer");
    thread.setDaemon(true);
    thread.start();
  }

  private void migrate() throws SQLException {
    writer.setAutoCommit(true);
    try (Statement st = writer.createStatement()) {
      st.execute("CREATE TABLE IF NOT EXISTS smdp_schema (version INTEGER NOT NULL)");
      int version = 0;
      try (ResultSet rs = st.executeQuery("SELECT MAX(version) FROM smdp_schema")) {
        if (rs.next()) {
          version = rs.getInt(1);
        }
      }
      if (version > SCHEMA_VERSION) {
        throw new SQLException(
            "schema version "
                + version
                + " is newer than this SM-DP+'s "
                + SCHEMA_VERSION
                + "; use a newer rsp-harness or another database");
      }
      if (version < 1) {
        st.execute(
            "CREATE TABLE IF NOT EXISTS smdp_state (kind VARCHAR(16) NOT NULL,"
                + " k VARCHAR(200) NOT NULL, v "
                + dialect.blob
                + " NOT NULL, PRIMARY KEY (kind, k))");
        st.execute(
            "CREATE TABLE IF NOT EXISTS smdp_history ("
                + dialect.serial
                + ", k VARCHAR(200) NOT NULL, v "
                + dialect.blob
                + " NOT NULL)");
        st.execute("CREATE INDEX IF NOT EXISTS smdp_history_k ON smdp_history (k)");
        st.execute("INSERT INTO smdp_schema (version) VALUES (1)");
      }
      if (version < 2) {
        // 2: a version per record (several instances sharing the store) and the columns an order
        // is found by (matchingId, SM-DS EventID, EID)
        st.execute("ALTER TABLE smdp_state ADD COLUMN ver BIGINT DEFAULT 0 NOT NULL");
        st.execute("ALTER TABLE smdp_state ADD COLUMN mid VARCHAR(200)");
        st.execute("ALTER TABLE smdp_state ADD COLUMN evt VARCHAR(200)");
        st.execute("ALTER TABLE smdp_state ADD COLUMN eid VARCHAR(40)");
        st.execute("CREATE INDEX IF NOT EXISTS smdp_state_mid ON smdp_state (mid)");
        st.execute("CREATE INDEX IF NOT EXISTS smdp_state_evt ON smdp_state (evt)");
        st.execute("CREATE INDEX IF NOT EXISTS smdp_state_eid ON smdp_state (eid)");
        st.execute("INSERT INTO smdp_schema (version) VALUES (2)");
      }
    }
  }

  @Override
  public Map<String, byte[]> load(StoreRecord.Kind kind) {
    Map<String, byte[]> out = new LinkedHashMap<>();
    synchronized (writer) {
      try (PreparedStatement ps =
          writer.prepareStatement("SELECT k, v, ver FROM smdp_state WHERE kind = ? ORDER BY k")) {
        ps.setString(1, kind.name());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getString(1), rs.getBytes(2));
            seen(kind, rs.getString(1), rs.getLong(3));
          }
        }
        writer.commit();
      } catch (SQLException e) {
        throw new IllegalStateException("state database: cannot read " + kind + ": " + e, e);
      }
    }
    return out;
  }

  @Override
  public List<byte[]> history(String key) {
    List<byte[]> out = new ArrayList<>();
    synchronized (writer) {
      try (PreparedStatement ps =
          writer.prepareStatement("SELECT v FROM smdp_history WHERE k = ? ORDER BY seq")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getBytes(1));
          }
        }
        writer.commit();
      } catch (SQLException e) {
        throw new IllegalStateException("state database: cannot read history: " + e, e);
      }
    }
    return out;
  }

  @Override
  public CompletableFuture<Void> write(List<StoreRecord> records, boolean fsync) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed) {
      done.completeExceptionally(new IllegalStateException("state store closed"));
      return done;
    }
    queue.add(new Pending(records, fsync || fsyncAlways, false, done));
    return done;
  }

  @Override
  public void writeLater(List<StoreRecord> records) {
    if (!closed) {
      queue.add(new Pending(records, fsyncAlways, true, new CompletableFuture<>()));
    }
  }

  private void run() {
    List<Pending> batch = new ArrayList<>();
    long lazySince = 0;
    while (true) {
      try {
        Pending first =
            batch.isEmpty()
                ? queue.take()
                : queue.poll(
                    Math.max(0, LAZY_NANOS - (System.nanoTime() - lazySince)),
                    TimeUnit.NANOSECONDS);
        if (first != null) {
          batch.add(first);
        }
      } catch (InterruptedException e) {
        return;
      }
      queue.drainTo(batch, 4096);
      boolean stop = batch.remove(STOP);
      if (lazySince == 0) {
        lazySince = System.nanoTime();
      }
      boolean due = stop || System.nanoTime() - lazySince >= LAZY_NANOS;
      for (Pending p : batch) {
        due |= !p.lazy();
      }
      if (!due) {
        continue; // only lazy writes: they wait for the next commit, or a second
      }
      if (!batch.isEmpty()) {
        commit(batch);
      }
      batch.clear();
      lazySince = 0;
      if (stop) {
        return;
      }
    }
  }

  private void commit(List<Pending> batch) {
    List<Pending> refused = new ArrayList<>();
    Map<String, Long> written;
    synchronized (writer) {
      try {
        batch = new ArrayList<>(batch);
        while (true) {
          List<Pending> found = new ArrayList<>();
          written = apply(batch, found);
          if (found.isEmpty()) {
            break;
          }
          // a record changed by another instance: nothing of those requests is written, the
          // others are, in the transaction again without them
          writer.rollback();
          clearBatches();
          batch.removeAll(found);
          refused.addAll(found);
          if (batch.isEmpty()) {
            written = Map.of();
            break;
          }
        }
        writer.commit();
        commits.incrementAndGet();
      } catch (SQLException | RuntimeException e) {
        try {
          clearBatches();
          writer.rollback();
        } catch (SQLException ignored) {
          // the failure below is what the callers learn
        }
        for (Pending p : batch) {
          p.done().completeExceptionally(e);
        }
        for (Pending p : refused) {
          p.done().completeExceptionally(e);
        }
        return;
      }
    }
    versions.putAll(written);
    for (Pending p : refused) {
      p.done().completeExceptionally(new StoreConflict(conflicting(p)));
    }
    for (Pending p : batch) {
      p.done().complete(null);
    }
  }

  private void clearBatches() throws SQLException {
    upsert.clearBatch();
    delete.clearBatch();
    append.clearBatch();
  }

  /**
   * Writes {@code batch} in the open transaction; in a shared store every order and session is
   * written from the version this instance last saw (an insert for one it never saw), and the
   * requests whose write found another version are added to {@code refused}. Returns the new
   * versions.
   */
  private Map<String, Long> apply(List<Pending> batch, List<Pending> refused) throws SQLException {
    boolean fsync = false;
    for (Pending p : batch) {
      fsync |= p.fsync();
    }
    sync(fsync);
    Map<String, Long> next = new java.util.HashMap<>();
    int ups = 0;
    int dels = 0;
    int hists = 0;
    for (Pending p : batch) {
      for (StoreRecord r : p.records()) {
        if (r.kind() == StoreRecord.Kind.HISTORY) {
          append.setString(1, r.key());
          append.setBytes(2, r.value());
          append.addBatch();
          hists++;
        } else if (r.value() == null) {
          delete.setString(1, r.kind().name());
          delete.setString(2, r.key());
          delete.addBatch();
          dels++;
          next.remove(versionKey(r.kind(), r.key()));
          versions.remove(versionKey(r.kind(), r.key()));
        } else if (shared && r.kind() != StoreRecord.Kind.OUTBOX) {
          // one statement at a time: its count says whether the version was still ours
          String vk = versionKey(r.kind(), r.key());
          Long from = next.containsKey(vk) ? next.get(vk) : versions.get(vk);
          long to = from == null ? 1 : from + 1;
          StoreRecord.Index ix = r.index();
          int n;
          if (from == null) {
            insertNew.setString(1, r.kind().name());
            insertNew.setString(2, r.key());
            insertNew.setBytes(3, r.value());
            index(insertNew, 4, ix);
            insertNew.setLong(7, to);
            n = insertNew.executeUpdate();
          } else {
            updateFrom.setBytes(1, r.value());
            index(updateFrom, 2, ix);
            updateFrom.setLong(5, to);
            updateFrom.setString(6, r.kind().name());
            updateFrom.setString(7, r.key());
            updateFrom.setLong(8, from);
            n = updateFrom.executeUpdate();
          }
          if (n != 1) {
            if (!refused.contains(p)) {
              refused.add(p);
            }
          } else {
            next.put(vk, to);
          }
          ups++;
        } else {
          upsert.setString(1, r.kind().name());
          upsert.setString(2, r.key());
          upsert.setBytes(3, r.value());
          index(upsert, 4, r.index());
          upsert.addBatch();
          ups++;
        }
      }
    }
    // deletes after upserts: a record written and deleted in one batch ends deleted
    if (ups > 0) {
      upsert.executeBatch();
    }
    if (dels > 0) {
      delete.executeBatch();
    }
    if (hists > 0) {
      append.executeBatch();
    }
    if (refused.isEmpty()) {
      if (fsync) {
        fsyncs.incrementAndGet();
      }
      written.addAndGet(ups + dels + hists);
    }
    return next;
  }

  private static void index(PreparedStatement ps, int at, StoreRecord.Index ix)
      throws SQLException {
    ps.setString(at, ix == null ? null : ix.matchingId());
    ps.setString(at + 1, ix == null ? null : ix.eventId());
    ps.setString(at + 2, ix == null ? null : ix.eid());
  }

  /** The records of {@code p} another instance changed (read again to say which). */
  private List<StoreRecord> conflicting(Pending p) {
    List<StoreRecord> out = new ArrayList<>();
    for (StoreRecord r : p.records()) {
      if (r.kind() == StoreRecord.Kind.ORDER || r.kind() == StoreRecord.Kind.SESSION) {
        if (r.value() != null) {
          out.add(r);
        }
      }
    }
    return out;
  }

  private static String versionKey(StoreRecord.Kind kind, String key) {
    return kind.name() + ' ' + key;
  }

  @Override
  public boolean shared() {
    return shared;
  }

  @Override
  public boolean seen(StoreRecord.Kind kind, String key, long version) {
    if (!shared) {
      return false;
    }
    boolean[] newer = {false};
    versions.compute(
        versionKey(kind, key),
        (k, v) -> {
          newer[0] = v == null || version > v;
          return newer[0] ? version : v;
        });
    return newer[0];
  }

  @Override
  public java.util.Optional<Row> read(StoreRecord.Kind kind, String key) {
    List<Row> rows =
        query("SELECT k, v, ver FROM smdp_state WHERE kind = ? AND k = ?", kind.name(), key);
    return rows.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(rows.get(0));
  }

  @Override
  public List<Row> ordersBy(IndexColumn column, String value) {
    return query(
        "SELECT k, v, ver FROM smdp_state WHERE kind = ? AND " + column.sql + " = ?",
        StoreRecord.Kind.ORDER.name(),
        value);
  }

  private List<Row> query(String sql, String a, String b) {
    if (reader == null) {
      return List.of();
    }
    List<Row> out = new ArrayList<>();
    synchronized (reader) {
      try (PreparedStatement ps = reader.prepareStatement(sql)) {
        ps.setString(1, a);
        ps.setString(2, b);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Row(rs.getString(1), rs.getBytes(2), rs.getLong(3)));
          }
        }
      } catch (SQLException e) {
        throw new IllegalStateException("state database: cannot read: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /**
   * Makes this transaction's commit flushed to the disk or not: SQLite's {@code synchronous} (FULL
   * or NORMAL, switched only when it changes), PostgreSQL's {@code synchronous_commit} for this
   * transaction only (off: the server acknowledges before its log is flushed; a crash of the
   * database host, not of the SM-DP+, can lose it).
   */
  private void sync(boolean fsync) throws SQLException {
    if (dialect == Dialect.SQLITE && fsync != fullSync) {
      // SQLite changes the safety level only outside a transaction
      writer.setAutoCommit(true);
      try (Statement st = writer.createStatement()) {
        st.execute(fsync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
      } finally {
        writer.setAutoCommit(false);
      }
      fullSync = fsync;
    } else if (dialect == Dialect.POSTGRESQL && !fsync) {
      try (Statement st = writer.createStatement()) {
        st.execute("SET LOCAL synchronous_commit = off");
      }
    }
  }

  /** Flushes every commit to the disk, also those not asking for it; returns this store. */
  public JdbcStateStore fsyncAlways(boolean always) {
    fsyncAlways = always;
    return this;
  }

  /** Commits so far, for measurements. */
  public long commits() {
    return commits.get();
  }

  /** Commits so far that were flushed to the disk (fsync writes among them), for measurements. */
  public long fsyncedCommits() {
    return fsyncs.get();
  }

  /** Records written so far, for measurements. */
  public long recordsWritten() {
    return written.get();
  }

  @Override
  public String describe() {
    return switch (dialect) {
          case SQLITE -> "SQLite ";
          case POSTGRESQL -> "PostgreSQL ";
          case H2 -> "H2 ";
        }
        + redact(url)
        + " (schema "
        + SCHEMA_VERSION
        + ")";
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (reader != null) {
      synchronized (reader) {
        try {
          reader.close();
        } catch (SQLException ignored) {
          // closing: nothing left to tell
        }
      }
    }
    synchronized (writer) {
      try {
        writer.close();
      } catch (SQLException ignored) {
        // closing: nothing left to tell
      }
    }
  }

  /** The URL without a password parameter, for messages. */
  static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
