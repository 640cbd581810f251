package org.rspharness.smdp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded, seeded run of {@link CrashCampaign}: the SM-DP+ as a child process, killed with
 * SIGKILL during load and restarted on its state directory; nothing acknowledged is lost.
 */
class CrashTest {

  @TempDir Path work;

  @Test
  void killNineDuringLoadLosesNothingAcknowledgedAndDownloadsResume() throws Exception {
    CrashCampaign.Result r = CrashCampaign.run(3, 7, work, null);

    assertThat(r.violations()).as(r.summary()).isEmpty();
    assertThat(r.kills()).isEqualTo(3);
    assertThat(r.downloads()).as(r.summary()).isPositive();
    assertThat(r.es2Orders()).as(r.summary()).isPositive();
    assertThat(r.callbacks()).as(r.summary()).isPositive();
  }
}
