package org.rspharness.scenario.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.rspharness.core.event.Event;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.KpiValues;

/**
 * The run as JUnit XML in the shape Jenkins, GitLab and Surefire readers accept: one {@code
 * <testsuite name tests failures errors skipped time timestamp>} root, one {@code <testcase name
 * classname time>} per scenario, and for a failed scenario a {@code <failure message type>} whose
 * message is the first failure in one line and whose body lists the failing step's events. Every
 * passing or failing scenario also carries its step timings in {@code <system-out>}.
 *
 * <p>With an acceptance verdict, each threshold is one more {@code <testcase>} (classname {@code
 * SUITE.acceptance}, name {@code KPI LIMIT}, time 0), with a {@code <failure type="threshold">} (or
 * {@code not-measured}) when it was missed, and counts in {@code tests} and {@code failures}.
 *
 * <p>A step that never finished is reported the same way (as a failure, type {@code unfinished}):
 * CI servers treat failures and errors alike, and the log cannot tell a crash from a hang.
 */
public final class JunitXmlReport {

  private final String suiteName;

  /** A writer naming the suite {@code suiteName} (also the testcases' classname). */
  public JunitXmlReport(String suiteName) {
    if (suiteName == null || suiteName.isBlank()) {
      throw new IllegalArgumentException("suiteName must not be blank");
    }
    this.suiteName = suiteName;
  }

  /** The XML document as a string. */
  public String render(RunSummary run) {
    return render(run, null);
  }

  /** The XML document with one testcase per threshold of {@code verdict} (may be null). */
  public String render(RunSummary run, Acceptance.Verdict verdict) {
    StringWriter out = new StringWriter();
    write(run, verdict, out);
    return out.toString();
  }

  /**
   * The XML document of a run's one result: its KPIs as {@code <properties>} ({@code kpi.NAME},
   * plain numbers in the KPI's base unit, {@code NaN} when not measured), and for a load run one
   * testcase {@code load} that fails only for what fails the run (a stage gate, no activation), not
   * for single downloads under stress (the KPIs and thresholds judge those).
   */
  public String render(RunResult result) {
    StringWriter out = new StringWriter();
    write(result.run(), result.acceptance(), result, out);
    return out.toString();
  }

  /** Writes {@link #render(RunResult)}, UTF-8, to {@code file}. */
  public void write(RunResult result, Path file) throws IOException {
    Files.writeString(file, render(result), StandardCharsets.UTF_8);
  }

  /** Writes the XML document, UTF-8, to {@code file}. */
  public void write(RunSummary run, Path file) throws IOException {
    write(run, null, file);
  }

  /** Writes the XML document with the verdict's testcases (may be null), UTF-8, to {@code file}. */
  public void write(RunSummary run, Acceptance.Verdict verdict, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(render(run, verdict).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Writes the XML document to {@code out} (which the caller closes). */
  public void write(RunSummary run, Writer out) {
    write(run, null, out);
  }

  /** Writes the XML document with the verdict's testcases (may be null) to {@code out}. */
  public void write(RunSummary run, Acceptance.Verdict verdict, Writer out) {
    write(run, verdict, null, out);
  }

  private void write(RunSummary run, Acceptance.Verdict verdict, RunResult result, Writer out) {
    List<Acceptance.Check> checks = verdict == null ? List.of() : verdict.checks();
    int missed = (int) checks.stream().filter(c -> !c.passed()).count();
    boolean load = result != null && result.loadRun();
    List<String> loadFailures =
        load
            ? result.failures().stream().filter(f -> !f.startsWith("acceptance ")).toList()
            : List.of();
    int failedCases = load ? (loadFailures.isEmpty() ? 0 : 1) : run.failed();
    try {
      XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
      xml.writeStartDocument("UTF-8", "1.0");
      xml.writeCharacters("\n");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", Text.xmlSafe(suiteName));
      xml.writeAttribute("tests", Integer.toString(run.scenarios().size() + checks.size()));
      xml.writeAttribute("failures", Integer.toString(failedCases + missed));
      xml.writeAttribute("errors", "0");
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("time", Text.seconds(run.durationNanos()));
      if (run.startWall() != null) {
        // JUnit's schema wants an ISO 8601 local time without zone; events are in UTC.
        xml.writeAttribute(
            "timestamp",
            LocalDateTime.ofInstant(run.startWall().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC)
                .format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
      }
      xml.writeCharacters("\n");
      List<DeviationFinding> deviations = run.deviations();
      if (result != null || !deviations.isEmpty()) {
        // JUnit's properties: CI tools show them with the suite
        xml.writeCharacters("  ");
        xml.writeStartElement("properties");
        xml.writeCharacters("\n");
        if (result != null) {
          KpiValues kpis = KpiValues.of(result.kpis());
          for (String st : kpis.stress()) {
            property(xml, "stress", st);
          }
          for (KpiValues.Entry e : kpis.entries()) {
            property(xml, "kpi." + e.name(), KpiValues.number(e.value()));
          }
        }
        if (!deviations.isEmpty()) {
          property(
              xml,
              "deviations",
              Integer.toString(deviations.stream().mapToInt(DeviationFinding::count).sum()));
          for (int i = 0; i < deviations.size(); i++) {
            DeviationFinding d = deviations.get(i);
            property(xml, "deviation." + (i + 1), d.scenario() + ": " + d.line());
          }
        }
        xml.writeCharacters("  ");
        xml.writeEndElement();
        xml.writeCharacters("\n");
      }
      for (ScenarioSummary s : run.scenarios()) {
        if (load) {
          writeLoadCase(xml, s, loadFailures);
        } else {
          writeCase(xml, s);
        }
      }
      for (Acceptance.Check c : checks) {
        writeCheck(xml, c);
      }
      xml.writeEndElement();
      xml.writeCharacters("\n");
      xml.writeEndDocument();
      xml.flush();
      xml.close();
    } catch (XMLStreamException e) {
      throw new IllegalStateException("JUnit XML could not be written", e);
    }
  }

  private static void property(XMLStreamWriter xml, String name, String value)
      throws XMLStreamException {
    xml.writeCharacters("    ");
    xml.writeEmptyElement("property");
    xml.writeAttribute("name", Text.xmlSafe(name));
    xml.writeAttribute("value", Text.xmlSafe(value));
    xml.writeCharacters("\n");
  }

  private void writeCase(XMLStreamWriter xml, ScenarioSummary s) throws XMLStreamException {
    xml.writeCharacters("  ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("name", Text.xmlSafe(s.name()));
    xml.writeAttribute("classname", Text.xmlSafe(suiteName));
    xml.writeAttribute("time", Text.seconds(s.durationNanos()));
    StepSummary failure = s.firstFailure();
    if (failure != null) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("failure");
      xml.writeAttribute("message", Text.xmlSafe(failure.oneLine()));
      xml.writeAttribute(
          "type",
          Text.xmlSafe(
              failure.status() == StepSummary.Status.UNFINISHED
                  ? "unfinished"
                  : failure.statusCode() == null ? "failed" : failure.statusCode()));
      xml.writeCharacters(Text.xmlSafe(failureBody(s, failure)));
      xml.writeEndElement();
    }
    xml.writeCharacters("\n    ");
    xml.writeStartElement("system-out");
    xml.writeCharacters(Text.xmlSafe(stepTable(s)));
    xml.writeEndElement();
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }

  private void writeLoadCase(XMLStreamWriter xml, ScenarioSummary s, List<String> failures)
      throws XMLStreamException {
    xml.writeCharacters("  ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("name", Text.xmlSafe(s.name()));
    xml.writeAttribute("classname", Text.xmlSafe(suiteName));
    xml.writeAttribute("time", Text.seconds(s.durationNanos()));
    if (!failures.isEmpty()) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("failure");
      xml.writeAttribute("message", Text.xmlSafe(failures.get(0)));
      xml.writeAttribute("type", "load");
      xml.writeCharacters(Text.xmlSafe(String.join("\n", failures)));
      xml.writeEndElement();
    }
    xml.writeCharacters("\n  ");
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }

  private void writeCheck(XMLStreamWriter xml, Acceptance.Check c) throws XMLStreamException {
    xml.writeCharacters("  ");
    xml.writeStartElement("testcase");
    xml.writeAttribute("name", Text.xmlSafe(c.threshold().kpi() + " " + c.threshold().limits()));
    xml.writeAttribute("classname", Text.xmlSafe(suiteName + ".acceptance"));
    xml.writeAttribute("time", "0");
    if (!c.passed()) {
      xml.writeCharacters("\n    ");
      xml.writeStartElement("failure");
      xml.writeAttribute("message", Text.xmlSafe(c.describe()));
      xml.writeAttribute("type", c.measured().isPresent() ? "threshold" : "not-measured");
      xml.writeCharacters(Text.xmlSafe(c.describe()));
      xml.writeEndElement();
      xml.writeCharacters("\n  ");
    }
    xml.writeEndElement();
    xml.writeCharacters("\n");
  }

  private static String failureBody(ScenarioSummary s, StepSummary failure) {
    StringBuilder out = new StringBuilder("\n").append(failure.oneLine()).append("\n");
    Event blamed = EventText.failingExchange(s);
    if (blamed != null) {
      out.append("failing exchange: ").append(EventText.line(blamed, s.startNanos())).append('\n');
    }
    out.append("events of step '").append(failure.name()).append("':\n");
    for (Event e : s.eventsOf(failure)) {
      out.append("  #").append(e.seq()).append(' ').append(EventText.line(e, s.startNanos()));
      out.append('\n');
    }
    return out.toString();
  }

  private static String stepTable(ScenarioSummary s) {
    StringBuilder out = new StringBuilder("\n");
    for (StepSummary step : s.steps()) {
      out.append(step.status())
          .append(' ')
          .append(step.name())
          .append(' ')
          .append(Text.millis(step.durationNanos()))
          .append('\n');
    }
    out.append("http=")
        .append(s.httpExchanges())
        .append(" apdus=")
        .append(s.apdus())
        .append(" faults=")
        .append(s.faults())
        .append('\n');
    return out.toString();
  }
}
