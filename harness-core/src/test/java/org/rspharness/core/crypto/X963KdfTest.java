package org.rspharness.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class X963KdfTest {

  @Test
  void matchesTheNistCavpSha256Vectors() {
    List<Vectors.Rec> vectors = Vectors.load("ansx963-2001-sha256-kdf.txt");
    assertThat(vectors).hasSize(3);
    for (Vectors.Rec v : vectors) {
      byte[] expected = v.hex("key_data");
      assertThat(X963Kdf.sha256(v.hex("Z"), v.hex("SharedInfo"), expected.length))
          .as(v.text("Z"))
          .isEqualTo(expected);
    }
  }

  @Test
  void shorterOutputIsAPrefixOfLongerOutput() {
    byte[] z = {1, 2, 3};
    byte[] info = {4, 5};
    byte[] long100 = X963Kdf.sha256(z, info, 100);
    assertThat(X963Kdf.sha256(z, info, 48)).isEqualTo(Arrays.copyOf(long100, 48));
    assertThat(X963Kdf.sha256(z, info, 0)).isEmpty();
  }
}
