package org.rspharness.core.message;

/**
 * A required member of an SGP.22 JSON message is absent. Message records throw it from their
 * constructors, so a message built in code cannot lack a member either; {@link RspJson} turns it
 * into a {@link org.rspharness.core.codec.CodecException} whose location is the member's JSON
 * pointer.
 */
public final class MissingMemberException extends IllegalArgumentException {

  private final String member;

  public MissingMemberException(String member) {
    super("missing required member '" + member + "'");
    this.member = member;
  }

  /** The JSON member name, e.g. {@code transactionId}. */
  public String member() {
    return member;
  }

  /** Returns {@code value}, or throws naming {@code member} when it is null. */
  public static <T> T require(T value, String member) {
    if (value == null) {
      throw new MissingMemberException(member);
    }
    return value;
  }
}
