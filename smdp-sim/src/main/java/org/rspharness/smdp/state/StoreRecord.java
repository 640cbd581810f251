package org.rspharness.smdp.state;

/**
 * One write to the state store: the current value of a keyed record, its deletion (null value), or
 * an appended history line.
 *
 * @param kind which table
 * @param key the record's key (ICCID, transactionId hex, outbox id)
 * @param value the encoded record, or null to delete it (never null for {@link Kind#HISTORY})
 */
public record StoreRecord(Kind kind, String key, byte[] value) {

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
