package org.rspharness.load;

import java.util.Objects;
import org.rspharness.lpa.LpaBehaviour;

/**
 * What the devices of a load run are besides their number: the LPA behaviour every device's LPA
 * follows, and optionally a PC/SC reader whose card is the one device (a reader holds one card, so
 * such a run has one device and one activation at a time).
 *
 * @param lpa the LPA behaviour (STORE DATA block size, channel, connections, cancel reasons,
 *     headers, notification policy)
 * @param reader the PC/SC reader whose card the LPA drives instead of software eUICCs, or null
 */
public record LoadDevices(LpaBehaviour lpa, String reader, boolean strict) {

  /** Software eUICCs with the {@code spec} behaviour. */
  public static final LoadDevices DEFAULT = new LoadDevices(LpaBehaviour.SPEC, null);

  /** Tolerant of deviations (recorded, not failed), as field devices are. */
  public LoadDevices(LpaBehaviour lpa, String reader) {
    this(lpa, reader, false);
  }

  public LoadDevices {
    Objects.requireNonNull(lpa, "lpa");
    if (reader != null && reader.isBlank()) {
      throw new IllegalArgumentException("reader: expected a PC/SC reader name");
    }
  }

  /** A clear error when {@code config} asks more of a reader than its one card can give. */
  public void check(LoadConfig config) {
    if (reader != null && (config.devices() != 1 || config.concurrency() != 1)) {
      throw new IllegalArgumentException(
          "reader '"
              + reader
              + "' holds one card: a load on it has 1 device and concurrency 1 (asked: "
              + config.devices()
              + " device(s), concurrency "
              + config.concurrency()
              + "); use --devices 1 --concurrency 1");
    }
  }

  /** One line for consoles and reports. */
  public String describe() {
    return "LPA "
        + lpa.describe()
        + (reader == null ? "" : "; card in PC/SC reader '" + reader + "'")
        + (strict ? "; strict (deviations from SGP.22 fail)" : "");
  }
}
