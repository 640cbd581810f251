package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rspharness.core.event.EventPayload;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

class HtmlReportTest {

  /** The report is well-formed XML too, so the strict JDK parser can check what it contains. */
  private static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Element> elements(Document doc) {
    NodeList all = doc.getElementsByTagName("*");
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < all.getLength(); i++) {
      out.add((Element) all.item(i));
    }
    return out;
  }

  private static List<Element> withClass(Document doc, String tag, String cls) {
    return elements(doc).stream()
        .filter(e -> e.getTagName().equals(tag))
        .filter(e -> List.of(e.getAttribute("class").split(" ")).contains(cls))
        .toList();
  }

  @Test
  void markupFromEventsIsShownAsTextNeverInterpreted() throws Exception {
    String evil = "<img src=x onerror=alert(1)>";
    TestRun r = new TestRun();
    r.at(0).start("lpa/<x>", evil, "<script>alert('step')</script>");
    r.at(1)
        .http(
            "lpa/\"1\"",
            "initiate</summary><script>",
            500,
            "<b onclick=\"x()\">raw</b> & more",
            "{\"message\":\"</pre><script>alert(1)</script>\"}");
    r.at(2).emit("smdp", new EventPayload.Note("<iframe src=\"https://evil.example/\"></iframe>"));
    r.at(3).fail("lpa/<x>", evil, "<script>alert('step')</script>", "</p>", "' onmouseover='x");

    String html = HtmlReport.render(r.summary());
    Document doc = parse(html);

    // The one script is the report's own, inline and constant; nothing from the events runs.
    List<Element> scripts =
        elements(doc).stream().filter(e -> e.getTagName().equals("script")).toList();
    assertThat(scripts).singleElement();
    assertThat(scripts.get(0).hasAttribute("src")).isFalse();
    assertThat(scripts.get(0).getTextContent()).isEqualTo(HtmlReport.SCRIPT);
    for (Element e : elements(doc)) {
      if (e.getTagName().equals("script")) {
        continue;
      }
      assertThat(e.getTagName()).isNotIn("img", "iframe", "link", "object", "embed");
      NamedNodeMap attrs = e.getAttributes();
      for (int i = 0; i < attrs.getLength(); i++) {
        Attr a = (Attr) attrs.item(i);
        assertThat(a.getName()).doesNotStartWith("on");
        if (a.getName().equals("href") || a.getName().equals("src")) {
          assertThat(a.getValue()).startsWith("#");
        }
      }
    }
    String text = doc.getDocumentElement().getTextContent();
    assertThat(text)
        .contains(evil)
        .contains("\"message\" : \"</pre><script>alert(1)</script>\"")
        .contains("<b onclick=\"x()\">raw</b> & more")
        .contains("<iframe src=\"https://evil.example/\"></iframe>")
        .contains("' onmouseover='x");
  }

  @Test
  void diagramPutsExchangesOnTheirLanesAndHighlightsTheFailingOne() throws Exception {
    Document doc = parse(HtmlReport.render(TestRun.passAndFail().summary()));

    List<Element> arrows = withClass(doc, "div", "arrow");
    // Lanes: Operator 0, SM-DP+ 1, LPA 2, eUICC 3; lane i's centre is grid line 2i+3.
    assertThat(arrows)
        .filteredOn(a -> a.getTextContent().equals("downloadOrder"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("style")).isEqualTo("grid-column:3/5"))
        .satisfies(a -> assertThat(a.getAttribute("class")).contains("right"));
    assertThat(arrows)
        .filteredOn(a -> a.getTextContent().equals("authenticateClient"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("style")).isEqualTo("grid-column:5/7"))
        .satisfies(a -> assertThat(a.getAttribute("class")).contains("left"));
    assertThat(arrows)
        .filteredOn(a -> a.getTextContent().equals("ES10 GetEuiccChallenge"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("style")).isEqualTo("grid-column:7/9"));
    assertThat(arrows)
        .filteredOn(a -> a.getTextContent().equals("SW 9000 (0.250 ms)"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("class")).contains("resp"));
    assertThat(withClass(doc, "div", "note"))
        .extracting(Element::getTextContent)
        .containsExactly("order Released \u2192 Downloaded");
    // Four lanes (no "Other": step events from "engine" are drawn across, not on a lane).
    assertThat(withClass(doc, "div", "lanes").get(0).getTextContent())
        .isEqualTo("timeOperatorSM-DP+LPAeUICC");

    List<Element> blamed = withClass(doc, "details", "blamed");
    assertThat(blamed).hasSize(1);
    assertThat(blamed.get(0).getAttribute("open")).isEqualTo("open");
    assertThat(blamed.get(0).getTextContent())
        .contains("authenticateClient")
        .contains("\"subjectCode\" : \"8.2.6\"");
    assertThat(withClass(doc, "details", "msg")).hasSize(6);
    assertThat(withClass(doc, "p", "failure"))
        .extracting(Element::getTextContent)
        .containsExactly("download: [8.2.6/3.8] refused: MatchingID");
    assertThat(withClass(doc, "div", "step"))
        .extracting(Element::getTextContent)
        .contains("\u25b6 +6.000 ms step download")
        .contains("\u2714 +30.000 ms step 'download' passed in 24.000 ms");
  }

  private static EventPayload.HttpExchange exchange(String function, String url) {
    return new EventPayload.HttpExchange(function, url, 200, null, null, 1_000_000, null);
  }

  @Test
  void smdsExchangesGetAnSmdsLaneOfTheirOwn() throws Exception {
    String root = "https://testrootsmds.example.com:1443";
    String smdp = "https://smdp.example:2443";
    TestRun r = new TestRun();
    r.at(0).start("engine", "discovery", "confirmOrder");
    r.at(1).emit("smdp.es12", exchange("registerEvent", root + "/gsma/rsp2/es12/registerEvent"));
    r.at(2)
        .emit(
            "smds",
            new EventPayload.StateTransition(
                "smdsEvent", "89/EV-1", "none", "registered", "smdp.example"));
    r.at(3).pass("engine", "discovery", "confirmOrder");
    r.at(4).start("engine", "discovery", "discover");
    r.at(5).start("lpa/phone", "lpa", "DISCOVER");
    // ES11 as field LPAs send it: on the ES9+ path, told apart by the host asked while discovering
    r.at(6)
        .emit(
            "lpa/phone",
            exchange("initiateAuthentication", root + "/gsma/rsp2/es9plus/initiateAuthentication"));
    r.at(7)
        .emit(
            "lpa/phone",
            exchange("authenticateClient", root + "/gsma/rsp2/es9plus/authenticateClient"));
    r.at(8).pass("lpa/phone", "lpa", "DISCOVER");
    r.at(9)
        .emit(
            "lpa/phone",
            exchange("initiateAuthentication", smdp + "/gsma/rsp2/es9plus/initiateAuthentication"));
    r.at(10).pass("engine", "discovery", "discover");

    Document doc = parse(HtmlReport.render(r.summary()));
    // Lanes: Operator 0, SM-DS 1, SM-DP+ 2, LPA 3, eUICC 4; lane i's centre is grid line 2i+3.
    assertThat(withClass(doc, "div", "lanes").get(0).getTextContent())
        .isEqualTo("timeOperatorSM-DSSM-DP+LPAeUICC");
    List<Element> requests =
        withClass(doc, "div", "arrow").stream()
            .filter(a -> !a.getAttribute("class").contains("resp"))
            .toList();
    assertThat(requests)
        .filteredOn(a -> a.getTextContent().equals("registerEvent"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("style")).isEqualTo("grid-column:5/7"))
        .satisfies(a -> assertThat(a.getAttribute("class")).contains("left"));
    assertThat(requests)
        .filteredOn(a -> a.getTextContent().equals("authenticateClient"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("style")).isEqualTo("grid-column:5/9"));
    assertThat(requests)
        .filteredOn(a -> a.getTextContent().equals("initiateAuthentication"))
        .extracting(a -> a.getAttribute("style"))
        .containsExactly("grid-column:5/9", "grid-column:7/9");
    assertThat(withClass(doc, "div", "note"))
        .filteredOn(n -> n.getTextContent().contains("registered"))
        .singleElement()
        .satisfies(n -> assertThat(n.getAttribute("class")).contains("c1"));
  }

  @Test
  void bodiesAreShownAsJsonTextAndCutAboveTheLimitWithoutARepeatInHex() throws Exception {
    TestRun r = new TestRun();
    r.at(0).start("engine", "big", "download");
    String big = "{\"bpp\":\"" + "A".repeat(9_990) + "\"}";
    r.at(1).http("lpa/1", "getBoundProfilePackage", 200, "{\"transactionId\":\"0A\"}", big);
    r.at(2).pass("engine", "big", "download");

    String html = HtmlReport.render(r.summary());
    Document doc = parse(html);

    // a text body is shown as text; its hex would only repeat it
    assertThat(withClass(doc, "pre", "hex")).isEmpty();
    assertThat(withClass(doc, "pre", "json").get(0).getTextContent())
        .isEqualTo("{\n  \"transactionId\" : \"0A\"\n}");
    assertThat(withClass(doc, "pre", "json").get(1).getTextContent()).hasSize(HtmlReport.MAX_BODY);
    assertThat(withClass(doc, "div", "trunc"))
        .extracting(Element::getTextContent)
        .containsExactly("truncated: the first 4096 of 10000 bytes are shown");
    assertThat(html.length()).isLessThan(30_000);
  }

  @Test
  void writesEveryReportFromAnEventsFile(@TempDir Path dir) throws Exception {
    RunSummary run = Reports.writeAll(TestRun.passAndFail().events(), dir.resolve("out"), "rsp");

    assertThat(run.failed()).isEqualTo(1);
    parse(Files.readString(dir.resolve("out").resolve(Reports.HTML)));
    parse(Files.readString(dir.resolve("out").resolve(Reports.JUNIT)));
    assertThat(Files.readString(dir.resolve("out").resolve(Reports.JSON)))
        .contains("\"version\" : 1");
  }
}
