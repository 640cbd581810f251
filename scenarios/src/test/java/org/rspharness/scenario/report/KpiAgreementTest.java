package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.cli.RspHarness;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventsJsonl;
import org.rspharness.scenario.kpi.KpiMeters;
import org.rspharness.scenario.kpi.KpiValues;
import org.rspharness.scenario.kpi.Kpis;
import org.rspharness.smdp.transport.SmdpServer;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The KPIs are defined once: on a run with failures, refusals expected by their scenario,
 * recoveries and a failure nobody expected, the console, summary.json, the JUnit XML, the HTML
 * report and the Prometheus metrics all carry the same values, and summary.json the same verdict as
 * the exit code.
 */
class KpiAgreementTest {

  /** A download nobody expected to fail, refused for an unknown matchingId. */
  private static final String UNEXPECTED =
      """
      name: unexpected-refusal
      seed: 5
      topology:
        smdp:
          inventory:
            profiles:
              - {iccid: "8900000000000000995", profileType: lab, profilePackage: generated, state: Released, matchingId: KNOWN-1}
        devices:
          - name: phone
      steps:
        - name: download
          download: {device: phone, activationCode: "1$testsmdpplus1.example.com$UNKNOWN-1"}
      """;

  @Test
  void everyReportAndTheMetricsReadTheSameKpisAndTheSameVerdict(@TempDir Path dir)
      throws Exception {
    Path unexpected = Files.writeString(dir.resolve("unexpected.yaml"), UNEXPECTED);
    Path reports = dir.resolve("out");
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream saved = System.out;
    int exit;
    try {
      System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
      exit =
          RspHarness.execute(
              "run",
              "library/confirmation-code-wrong-then-right.yaml",
              "library/interrupted-get-bpp-mid-body.yaml",
              "library/download-attempts-exhausted.yaml",
              unexpected.toString(),
              "--kpis",
              "--report-dir",
              reports.toString());
    } finally {
      System.setOut(saved);
    }
    String text = console.toString(StandardCharsets.UTF_8);

    List<Event> events = EventsJsonl.read(reports.resolve("events.jsonl"));
    Kpis kpis = Kpis.of(events);
    KpiValues values = KpiValues.of(kpis);
    // the run has what the definitions are about
    assertThat(values.get("activations.success")).as(text).isGreaterThanOrEqualTo(2.0);
    assertThat(values.get("activations.failure")).isEqualTo(1.0); // the unexpected refusal
    assertThat(values.get("activations.expectedFailure")).isEqualTo(1.0); // attempts exhausted
    assertThat(values.get("attempts.expectedFailure")).isGreaterThanOrEqualTo(3.0);
    assertThat(values.get("recoveries")).isGreaterThanOrEqualTo(2.0);
    assertThat(values.get("mttr")).isPositive();
    assertThat(values.get("successRate")).isLessThan(1.0);

    // the verdict: a scenario failed, so exit 1, and summary.json says FAILED
    assertThat(exit).as(text).isEqualTo(1);
    assertThat(text).contains("result: FAILED");
    JsonNode summary = new ObjectMapper().readTree(reports.resolve("summary.json").toFile());
    assertThat(summary.path("result").asText()).isEqualTo("FAILED");
    assertThat(summary.path("why").toString()).contains("unexpected-refusal");

    Document junit = xml(reports.resolve("junit.xml"));
    Document html = xml(reports.resolve("report.html"));
    assertThat(
            html.getElementById("verdict") == null
                ? text(html, "span", "verdict")
                : html.getElementById("verdict").getTextContent())
        .isEqualTo("FAILED");
    PrometheusMeterRegistry registry = SmdpServer.newRegistry();
    KpiMeters.bind(kpis, registry);
    String metrics = registry.scrape();

    for (KpiValues.Entry e : values.entries()) {
      String name = e.name();
      // summary.json
      JsonNode j = summary.path("kpis").path(name);
      if (e.value() == null) {
        assertThat(j.isNull()).as("json " + name).isTrue();
      } else {
        assertThat(j.asDouble()).as("json " + name).isEqualTo(e.value());
      }
      // JUnit properties
      assertThat(property(junit, "kpi." + name))
          .as("junit " + name)
          .isEqualTo(KpiValues.number(e.value()));
      // HTML rows
      assertThat(htmlValue(html, name)).as("html " + name).isEqualTo(KpiValues.number(e.value()));
      // console: the label and the text people read
      if (!name.matches(".*\\.(p50|p90|p95|p99|max|mean)$")) {
        assertThat(text)
            .as("console " + name)
            .contains(e.label() + " ".repeat(Math.max(1, 37 - e.label().length())) + e.text());
      } else if (e.value() != null) {
        assertThat(text)
            .as("console " + name)
            .contains(name.substring(name.lastIndexOf('.') + 1) + " " + e.text());
      }
      // Prometheus
      if (e.value() != null) {
        Matcher m =
            Pattern.compile("rsp_kpi\\{kpi=\"" + Pattern.quote(name) + "\"} ([0-9.eE+-]+)")
                .matcher(metrics);
        assertThat(m.find()).as("metric " + name + " in\n" + metrics).isTrue();
        assertThat(Double.parseDouble(m.group(1)))
            .as("metric " + name)
            .isCloseTo(
                e.value(), org.assertj.core.data.Offset.offset(1e-9 * Math.max(1, e.value())));
      }
    }
    assertThat(metrics).contains("# HELP rsp_kpi ").contains("# TYPE rsp_kpi gauge");
  }

  private static Document xml(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", false);
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    String s = Files.readString(file).replaceFirst("<!DOCTYPE html>", "");
    return f.newDocumentBuilder()
        .parse(new java.io.ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
  }

  private static String property(Document junit, String name) {
    NodeList props = junit.getElementsByTagName("property");
    for (int i = 0; i < props.getLength(); i++) {
      Element p = (Element) props.item(i);
      if (p.getAttribute("name").equals(name)) {
        return p.getAttribute("value");
      }
    }
    return null;
  }

  private static String htmlValue(Document html, String name) {
    NodeList rows = html.getElementsByTagName("tr");
    for (int i = 0; i < rows.getLength(); i++) {
      Element r = (Element) rows.item(i);
      if (r.getAttribute("data-kpi").equals(name)) {
        return r.getAttribute("data-value");
      }
    }
    return null;
  }

  private static String text(Document doc, String tag, String id) {
    NodeList list = doc.getElementsByTagName(tag);
    for (int i = 0; i < list.getLength(); i++) {
      Element e = (Element) list.item(i);
      if (e.getAttribute("id").equals(id)) {
        return e.getTextContent().toUpperCase(Locale.ROOT);
      }
    }
    return null;
  }
}
