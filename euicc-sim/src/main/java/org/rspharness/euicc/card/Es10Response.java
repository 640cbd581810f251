package org.rspharness.euicc.card;

/**
 * SGP.22 section 5.7: what an ES10 function answers once its STORE DATA sequence is complete.
 *
 * <p>{@link Data} carries the response TLV (sent with 9000, or 61xx and GET RESPONSE when long);
 * {@link NoData} is a bare 9000; {@link Status} is a refusal at APDU level, such as 6A88 for an
 * unknown ES10 tag. Function errors that SGP.22 codes inside the response (e.g. a BF37 with an
 * errorReason) are {@link Data}, not {@link Status}.
 */
public sealed interface Es10Response {

  /** A response TLV; {@code tlv} is copied. */
  static Es10Response of(byte[] tlv) {
    return new Data(tlv.clone());
  }

  /** A bare 9000 (no response data). */
  static Es10Response noData() {
    return NoData.INSTANCE;
  }

  /** A refusal with {@code statusWord}; 9000 and 61xx are not refusals. */
  static Es10Response status(StatusWord statusWord) {
    return new Status(statusWord);
  }

  /**
   * Response data, at least one byte (use {@link NoData} for none).
   *
   * @param tlv the response TLV; not copied by the record, do not mutate it afterwards
   */
  record Data(byte[] tlv) implements Es10Response {
    /** Validates. */
    public Data {
      if (tlv == null || tlv.length == 0) {
        throw new IllegalArgumentException("tlv must be at least one byte (use NoData for none)");
      }
    }
  }

  /** A bare 9000. */
  enum NoData implements Es10Response {
    /** The one instance. */
    INSTANCE
  }

  /**
   * A refusal at APDU level.
   *
   * @param statusWord an error or warning status word (not 9000, not 61xx)
   */
  record Status(StatusWord statusWord) implements Es10Response {
    /** Validates. */
    public Status {
      if (statusWord == null || statusWord.isSuccess()) {
        throw new IllegalArgumentException("statusWord must be an error, got " + statusWord);
      }
    }
  }
}
