package org.rspharness.bench;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.core.event.OrderedSink;
import org.rspharness.scenario.kpi.KpiAccumulator;
import org.rspharness.scenario.kpi.KpiTable;
import org.rspharness.scenario.kpi.Kpis;

/**
 * Prints the KPI table of an events file of any size, streaming it (the file is never held in
 * memory), for comparing a long {@code load} run's final KPIs with its events file: {@code
 * bench/kpis-of-events FILE [--no-apdu-breakdown]}.
 */
public final class KpisOfEventsFile {

  private KpisOfEventsFile() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    boolean apdus = !(args.length > 1 && args[1].equals("--no-apdu-breakdown"));
    KpiAccumulator acc = new KpiAccumulator(apdus);
    OrderedSink sink = new OrderedSink(acc::accept, 1);
    long lines = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        lines++;
        if (!line.isBlank()) {
          sink.accept(EventsJsonl.fromLine(line, file.getFileName() + ":" + lines));
        }
      }
    }
    sink.close();
    Kpis k = acc.finish();
    System.out.println(lines + " events read from " + file);
    System.out.print(KpiTable.render(k));
  }
}
