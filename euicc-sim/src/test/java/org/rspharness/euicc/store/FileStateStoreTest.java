package org.rspharness.euicc.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.codec.CodecException;

/** The card file: JSON with a version, written by temporary file, fsync and atomic rename. */
class FileStateStoreTest {

  private static EuiccState sample() {
    ProfileRecord p =
        new ProfileRecord(
            "8949000000000000017",
            "A0000005591010FFFFFFFF8900001000",
            true,
            "nick",
            2,
            true,
            false,
            "BF2500",
            "B80306010A",
            1234,
            "AB");
    NotificationRecord n =
        new NotificationRecord(
            3, 1, "notify.example.com", "8949000000000000017", "BF2F00", "00", "NIST");
    return EuiccState.initial("smdp.example.com", "root.example.com")
        .withProfiles(List.of(p))
        .addNotification(n)
        .withNextIsdpIndex(1)
        .withSetup(new EuiccState.Setup("/pki", List.of("NIST", "BRP")));
  }

  @Test
  void writesAndReloadsTheSameState(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("card.json");
    new FileStateStore(file).save(sample());
    assertThat(new FileStateStore(file).load()).contains(sample());
    assertThat(Files.readString(file))
        .contains("\"version\" : 1")
        .contains("\"nextSeqNumber\" : 4");
    assertThat(Files.exists(dir.resolve("card.json.tmp"))).isFalse();
  }

  @Test
  void crashBetweenTemporaryWriteAndRenameLeavesTheOldState(@TempDir Path dir) {
    Path file = dir.resolve("card.json");
    EuiccState old = EuiccState.initial(null, "root.example.com");
    new FileStateStore(file).save(old);
    FileStateStore crashing =
        new FileStateStore(
            file,
            () -> {
              throw new IllegalStateException("power lost");
            });
    assertThatThrownBy(() -> crashing.save(sample())).hasMessage("power lost");
    assertThat(Files.exists(dir.resolve("card.json.tmp"))).isTrue();
    assertThat(new FileStateStore(file).load()).contains(old);
    // The next save replaces the stale temporary file.
    new FileStateStore(file).save(sample());
    assertThat(new FileStateStore(file).load()).contains(sample());
  }

  @Test
  void noFileMeansNoState(@TempDir Path dir) {
    assertThat(new FileStateStore(dir.resolve("none.json")).load()).isEmpty();
  }

  @Test
  void otherVersionOrGarbageIsOneClearError(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("card.json");
    Files.writeString(
        file, "{\"version\":2,\"profiles\":[],\"notifications\":[],\"rootDsAddress\":\"x\"}");
    assertThatThrownBy(() -> new FileStateStore(file).load())
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("version 2");
    Files.writeString(file, "{not json");
    assertThatThrownBy(() -> new FileStateStore(file).load()).isInstanceOf(CodecException.class);
  }
}
