package org.rspharness.smdp.state;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Where the SM-DP+ keeps what must survive a crash. Writes are queued and committed in groups (one
 * transaction, one fsync, for every request that arrived meanwhile); the future completes when the
 * write is durable, and only then does the answer leave.
 */
public interface StateStore extends AutoCloseable {

  /** Every keyed record of {@code kind} as last committed. */
  Map<String, byte[]> load(StoreRecord.Kind kind);

  /** The history lines of an order, oldest first. */
  List<byte[]> history(String key);

  /**
   * Queues {@code records} for the next group commit. With {@code fsync} the commit is flushed to
   * the disk before the future completes (survives a power cut); without, it is handed to the
   * operating system (survives a crash of this process) and flushed with the next fsynced commit or
   * checkpoint.
   */
  CompletableFuture<Void> write(List<StoreRecord> records, boolean fsync);

  /**
   * Queues {@code records} to join the next commit (or one within a second): for writes whose loss
   * costs nothing but a repetition (an acknowledged callback's removal, a stale session's).
   */
  void writeLater(List<StoreRecord> records);

  /** A stored record and the version it was read at. */
  record Row(String key, byte[] value, long version) {}

  /**
   * Whether several SM-DP+ instances may share this store (PostgreSQL): each then reads what the
   * others changed before using it ({@link #read}), and a write made from an out-of-date record
   * fails with {@link StoreConflict} instead of overwriting.
   */
  default boolean shared() {
    return false;
  }

  /** The record as committed now, if any (a shared store). */
  default java.util.Optional<Row> read(StoreRecord.Kind kind, String key) {
    return java.util.Optional.empty();
  }

  /** The orders whose {@link StoreRecord.Index} has {@code value} in {@code column}. */
  default List<Row> ordersBy(IndexColumn column, String value) {
    return List.of();
  }

  /** The index columns. */
  enum IndexColumn {
    MATCHING_ID("mid"),
    EVENT_ID("evt"),
    EID("eid");

    final String sql;

    IndexColumn(String sql) {
      this.sql = sql;
    }
  }

  /**
   * Records that this instance has seen {@code version} of a record (read or restored); true when
   * it is newer than what it had seen, so the caller puts the record in memory.
   */
  default boolean seen(StoreRecord.Kind kind, String key, long version) {
    return false;
  }

  /** What the store is, for the start-up line (e.g. "SQLite state/smdp.db"). */
  String describe();

  /** Commits what is queued and closes. */
  @Override
  void close();
}
