package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.util.Hex;

class ConfirmationCodeTest {

  private static final byte[] TRANSACTION_ID = Hex.decode("0123456789ABCDEF0123456789ABCDEF");

  /** Independent computation with the JDK's SHA-256. */
  private static byte[] expected(byte[] code) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    byte[] inner = sha.digest(code);
    sha.update(inner);
    sha.update(TRANSACTION_ID);
    return sha.digest();
  }

  @Test
  void hashesTheCodeAsUtf8DigitsThenWithTheTransactionId() throws Exception {
    assertThat(ConfirmationCode.hashCc("12345678", TRANSACTION_ID))
        .isEqualTo(expected("12345678".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void alternativeFormHashesTheHexDecodedCode() throws Exception {
    assertThat(ConfirmationCode.hashCcHexDecoded("12345678", TRANSACTION_ID))
        .isEqualTo(expected(new byte[] {0x12, 0x34, 0x56, 0x78}))
        .isNotEqualTo(ConfirmationCode.hashCc("12345678", TRANSACTION_ID));
  }

  @Test
  void theTransactionIdChangesTheHash() {
    assertThat(ConfirmationCode.hashCc("1234", TRANSACTION_ID))
        .isNotEqualTo(ConfirmationCode.hashCc("1234", new byte[16]));
  }

  @Test
  void alternativeFormRejectsAnOddNumberOfDigits() {
    assertThatThrownBy(() -> ConfirmationCode.hashCcHexDecoded("12345", TRANSACTION_ID))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("odd");
  }
}
