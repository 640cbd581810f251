package org.rspharness.lpa.es10;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.Es10Results;

class Es10ResultsTest {

  @Test
  void es10ResultsOtherThanOkAreFailures() {
    // EnableProfileResponse enableResult 0 ok, 1 iccidOrAidNotFound
    assertThat(Es10Results.failure(Hex.decode("BF3103800100"))).isNull();
    assertThat(Es10Results.failure(Hex.decode("BF3103800101"))).isEqualTo("enableResult 1");
    // AuthenticateServerResponse: A0 ok, A1 error (only the first bytes are needed)
    assertThat(Es10Results.failure(Hex.decode("BF3882010AA0820106"))).isNull();
    assertThat(Es10Results.failure(Hex.decode("BF3808A106800101020101")))
        .isEqualTo("authenticateResponseError");
    // PrepareDownloadResponse error
    assertThat(Es10Results.failure(Hex.decode("BF2105A103020101")))
        .isEqualTo("downloadResponseError");
    // unrelated or malformed data is not a failure
    assertThat(Es10Results.failure(Hex.decode("BF2E0A"))).isNull();
    assertThat(Es10Results.failure(Hex.decode("BF31"))).isNull();
    assertThat(Es10Results.failure(Hex.decode("E3028001"))).isNull();
  }

  @Test
  void aProfileInstallationResultWithAnErrorResultIsAFailure() {
    assertThat(Es10Results.failure(Es10ClientTest.pirError(2, 10))).isEqualTo("errorResult");
    assertThat(Es10Results.failure(Es10ClientTest.pirSuccess())).isNull();
  }
}
