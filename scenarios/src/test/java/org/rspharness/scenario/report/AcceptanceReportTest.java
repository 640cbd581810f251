package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.scenario.kpi.Acceptance;
import org.rspharness.scenario.kpi.Kpis;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The acceptance verdict and the KPI charts in the HTML, JSON, JUnit and console reports. */
class AcceptanceReportTest {

  /** Judged on {@link KpiChartsTest#fiveDownloads()}: 80 % ok, TTA p95 480 ms, no ES10 APDU. */
  private static final String CRITERIA =
      String.join(
          "\n",
          "acceptance:",
          "  name: <b>pilot</b> & co",
          "  networkProfile: 3g-poor",
          "  thresholds:",
          "    - {kpi: successRate, min: 95%}",
          "    - {kpi: timeToActivate.p95, max: 1s}",
          "    - {kpi: apdu.GetEuiccChallenge.p95, max: 50ms}",
          "");

  private static List<org.rspharness.core.event.Event> events() {
    return KpiChartsTest.fiveDownloads().list;
  }

  private static Acceptance.Verdict verdict() {
    return Acceptance.parse(CRITERIA, "acceptance.yaml").evaluate(Kpis.of(events()));
  }

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> byTag(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static List<String> cells(Element row) {
    List<String> out = new ArrayList<>();
    NodeList c = row.getChildNodes();
    for (int i = 0; i < c.getLength(); i++) {
      out.add(c.item(i).getTextContent());
    }
    return out;
  }

  @Test
  void htmlShowsEachThresholdBesideTheMeasuredValueAndTheCharts(@TempDir Path dir)
      throws Exception {
    List<org.rspharness.core.event.Event> events = events();
    Reports.writeAll(
        events,
        dir,
        "load",
        Acceptance.parse(CRITERIA, "acceptance.yaml"),
        HtmlReport.Options.DEFAULTS);
    String html = Files.readString(dir.resolve(Reports.HTML));
    Document doc = parse(html);

    Element section = doc.getElementById("acceptance");
    if (section == null) {
      section =
          byTag(doc, "section").stream()
              .filter(s -> s.getAttribute("id").equals("acceptance"))
              .findFirst()
              .orElseThrow();
    }
    // the name from the file is text, not markup
    assertThat(byTag(doc, "h2").get(0).getTextContent())
        .isEqualTo("Acceptance '<b>pilot</b> & co' \u2014 FAILED");
    assertThat(html).contains("&lt;b&gt;pilot&lt;/b&gt; &amp; co");
    List<Element> rows =
        byTag(doc, "tr").stream()
            .filter(
                r ->
                    r.getParentNode() instanceof Element t
                        && t.getAttribute("class").equals("acceptance"))
            .toList();
    assertThat(rows).hasSize(4);
    assertThat(cells(rows.get(0))).containsExactly("Threshold", "Limit", "Measured", "Result");
    assertThat(cells(rows.get(1))).containsExactly("successRate", ">= 95.0 %", "80.0 %", "FAIL");
    assertThat(cells(rows.get(2)))
        .containsExactly("timeToActivate.p95", "<= 1000.0ms", "480.0ms", "PASS");
    assertThat(cells(rows.get(3)))
        .containsExactly("apdu.GetEuiccChallenge.p95", "<= 50.0ms", "not measured", "FAIL");

    // the charts: a histogram of 4 buckets, two series charts, latency percentiles
    List<Element> svgs = byTag(doc, "svg");
    assertThat(svgs)
        .extracting(s -> s.getAttribute("class"))
        .contains("kpi histogram", "kpi series", "kpi percentiles");
    Element histogram =
        svgs.stream()
            .filter(s -> s.getAttribute("class").equals("kpi histogram"))
            .findFirst()
            .orElseThrow();
    assertThat(byTag(histogram)).filteredOn(e -> e.getAttribute("class").equals("hbar")).hasSize(4);
    // the success-rate line breaks at the intervals without attempts: 100 alone, then 50 -> 100
    Element rate =
        svgs.stream()
            .filter(s -> s.getAttribute("class").equals("kpi series"))
            .filter(s -> s.getTextContent().contains("success"))
            .findFirst()
            .orElseThrow();
    assertThat(byTag(rate)).filteredOn(e -> e.getTagName().equals("polyline")).hasSize(1);
    assertThat(byTag(rate)).filteredOn(e -> e.getTagName().equals("circle")).hasSize(3);
  }

  private static List<Element> byTag(Element root) {
    NodeList nodes = root.getElementsByTagName("*");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  @Test
  void jsonSummaryCarriesEveryCheck() throws Exception {
    JsonNode a =
        new ObjectMapper()
            .readTree(JsonSummaryReport.render(RunSummary.of(events()), verdict()))
            .path("acceptance");
    assertThat(a.path("name").asText()).isEqualTo("<b>pilot</b> & co");
    assertThat(a.path("networkProfile").asText()).isEqualTo("3g-poor");
    assertThat(a.path("result").asText()).isEqualTo("FAILED");
    JsonNode first = a.path("checks").get(0);
    assertThat(first.path("kpi").asText()).isEqualTo("successRate");
    assertThat(first.path("min").asDouble()).isEqualTo(0.95);
    assertThat(first.path("max").isNull()).isTrue();
    assertThat(first.path("measured").asDouble()).isEqualTo(0.8);
    assertThat(first.path("measuredText").asText()).isEqualTo("80.0 %");
    assertThat(first.path("limit").asText()).isEqualTo(">= 95.0 %");
    assertThat(first.path("result").asText()).isEqualTo("FAIL");
    assertThat(a.path("checks").get(1).path("result").asText()).isEqualTo("PASS");
    assertThat(a.path("checks").get(1).path("measured").asDouble()).isEqualTo(0.48);
    assertThat(a.path("checks").get(2).path("measured").isNull()).isTrue();

    JsonNode none = new ObjectMapper().readTree(JsonSummaryReport.render(RunSummary.of(events())));
    assertThat(none.has("acceptance")).isTrue();
    assertThat(none.path("acceptance").isNull()).isTrue();
  }

  @Test
  void junitHasOneTestcasePerThresholdFailingWhenMissed() throws Exception {
    Document doc = parse(new JunitXmlReport("load").render(RunSummary.of(events()), verdict()));
    Element suite = doc.getDocumentElement();
    int scenarios = RunSummary.of(events()).scenarios().size();
    int failedScenarios = RunSummary.of(events()).failed();
    assertThat(suite.getAttribute("tests")).isEqualTo(Integer.toString(scenarios + 3));
    assertThat(suite.getAttribute("failures")).isEqualTo(Integer.toString(failedScenarios + 2));
    List<Element> checks =
        byTag(doc, "testcase").stream()
            .filter(t -> t.getAttribute("classname").equals("load.acceptance"))
            .toList();
    assertThat(checks)
        .extracting(t -> t.getAttribute("name"))
        .containsExactly(
            "successRate >= 95.0 %",
            "timeToActivate.p95 <= 1000.0ms", "apdu.GetEuiccChallenge.p95 <= 50.0ms");
    assertThat(byTag(checks.get(0)))
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getTagName()).isEqualTo("failure");
              assertThat(f.getAttribute("type")).isEqualTo("threshold");
              assertThat(f.getAttribute("message"))
                  .isEqualTo("successRate = 80.0 % (limit >= 95.0 %)");
            });
    assertThat(byTag(checks.get(1))).isEmpty();
    assertThat(byTag(checks.get(2)).get(0).getAttribute("type")).isEqualTo("not-measured");
  }

  @Test
  void consoleRendersTheVerdictLines() {
    String text = ConsoleSummary.plain().renderVerdict(verdict());
    assertThat(text.split("\n"))
        .containsExactly(
            "acceptance '<b>pilot</b> & co' (network profile 3g-poor)",
            "  FAIL  successRate = 80.0 % (limit >= 95.0 %)",
            "  PASS  timeToActivate.p95 = 480.0ms (limit <= 1000.0ms)",
            "  FAIL  apdu.GetEuiccChallenge.p95 = not measured (limit <= 50.0ms)",
            "verdict: FAILED (2 of 3 thresholds missed: successRate, apdu.GetEuiccChallenge.p95)");
    String coloured = new ConsoleSummary(100, true).renderVerdict(verdict());
    assertThat(coloured).contains("  \u001b[31mFAIL\u001b[0m  successRate");
    RunSummary run = RunSummary.of(events());
    assertThat(ConsoleSummary.plain().render(run, verdict()))
        .startsWith(ConsoleSummary.plain().render(run))
        .endsWith(
            "verdict: FAILED (2 of 3 thresholds missed: successRate, apdu.GetEuiccChallenge.p95)\n");
  }
}
