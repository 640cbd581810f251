package org.rspharness.smdp.state;

/**
 * One write to the state store: the current value of a keyed record, its deletion (null value), or
 * an appended history line.
 *
 * @param kind which table
 * @param key the record's key (ICCID, transactionId hex, outbox id)
 * @param value the encoded record, or null to delete it (never null for {@link Kind#HISTORY})
 * @param index for an order, what it is looked up by (null otherwise)
 */
public record StoreRecord(Kind kind, String key, byte[] value, Index index) {

  /** A record without lookup columns. */
  public StoreRecord(Kind kind, String key, byte[] value) {
    this(kind, key, value, null);
  }

  /**
   * The columns an order is found by on another SM-DP+ instance sharing the store.
   *
   * @param matchingId its matchingId, or null
   * @param eventId its SM-DS EventID, or null
   * @param eid the EID it is linked to, or null
   */
  public record Index(String matchingId, String eventId, String eid) {}

  /** The tables of the store. */
  public enum Kind {
    /** An order's mutable state, by ICCID. */
    ORDER,
    /** A live RSP session, by transactionId. */
    SESSION,
    /** A HandleDownloadProgressInfo not yet delivered to the operator, by id. */
    OUTBOX,
    /** An order transition, appended (never updated). */
    HISTORY
  }
}
