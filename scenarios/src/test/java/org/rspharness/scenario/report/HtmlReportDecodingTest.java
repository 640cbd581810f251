package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.rspharness.core.event.EventPayload;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;

class HtmlReportDecodingTest {

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

  private static Element message(Document doc, long seq) {
    return elements(doc).stream()
        .filter(e -> e.getAttribute("id").equals("e" + seq))
        .findFirst()
        .orElseThrow();
  }

  /** AuthenticateServerRequest-like: BF38 { 30 { 80 txid, 81 challenge, 83 address } }. */
  private static byte[] authenticateServer() {
    return TlvBuilder.constructed(0xBF38)
        .add(
            TlvBuilder.constructed(0x30)
                .add(0x80, Hex.decode("0102030405060708"))
                .add(0x81, new byte[16])
                .add(0x83, "smdp.example".getBytes(StandardCharsets.US_ASCII)))
        .add(0x5F37, new byte[64])
        .build();
  }

  private static String storeData(int p1, int block, byte[] data) {
    return String.format(Locale.ROOT, "80E2%02X%02X%02X", p1, block, data.length)
        + Hex.encode(data);
  }

  @Test
  void anEs10CommandIsOneArrowOverItsApdusWithItsDataAsNamedTlvTrees() throws Exception {
    byte[] command = authenticateServer();
    byte[] first = Arrays.copyOf(command, 40);
    byte[] rest = Arrays.copyOfRange(command, 40, command.length);
    // GetEuiccChallengeResponse BF2E { 80 challenge }, delivered in two parts via 61xx
    byte[] response = TlvBuilder.constructed(0xBF2E).add(0x80, new byte[16]).build();
    byte[] r1 = Arrays.copyOf(response, 10);
    byte[] r2 = Arrays.copyOfRange(response, 10, response.length);

    TestRun r = new TestRun();
    r.at(0).start("engine", "es10", "authenticate");
    r.at(1).apdu("lpa/1", storeData(0x11, 0, first), "9000");
    r.at(2).apdu("lpa/1", storeData(0x91, 1, rest), Hex.encode(r1) + "61" + "0A");
    r.at(3).apdu("lpa/1", "80C000000A", Hex.encode(r2) + "9000");
    r.at(3).es10("lpa/1", "AuthenticateServer", "ok", 3, command, response);
    r.at(4).pass("engine", "es10", "authenticate");

    Document doc = parse(HtmlReport.render(r.summary()));

    // the three APDUs are one ES10 command: one arrow, drawn once, with the APDU count
    Element last = message(doc, 2);
    for (String id : List.of("e3", "e4", "e5")) {
      assertThat(elements(doc).stream().filter(e -> e.getAttribute("id").equals(id))).isEmpty();
    }
    assertThat(withClass(doc, "div", "arrow"))
        .extracting(Element::getTextContent)
        .contains("ES10 AuthenticateServer \u00d73 APDUs");
    assertThat(last.getTextContent()).contains("3 APDUs of AuthenticateServer");
    assertThat(last.getTextContent()).contains("ES10 command (" + command.length + " bytes)");
    List<Element> trees = new ArrayList<>();
    NodeList uls = last.getElementsByTagName("ul");
    for (int i = 0; i < uls.getLength(); i++) {
      if (((Element) uls.item(i)).getAttribute("class").equals("tlv")) {
        trees.add((Element) uls.item(i));
      }
    }
    assertThat(trees).hasSize(2); // the command's and the response's
    String tree = trees.get(0).getTextContent();
    assertThat(tree)
        .contains("BF38 AuthenticateServer (" + (command.length - 3) + ")")
        .contains("80 (8) 0102030405060708")
        .contains("83 (12) 736D64702E6578616D706C65 smdp.example")
        .contains("5F37 signature (64)");
    Element response3 = message(doc, 2);
    assertThat(response3.getTextContent())
        .contains("ES10 response (" + response.length + " bytes)")
        .contains("BF2E GetEuiccChallenge (18)")
        .contains("80 euiccChallenge (16)");
  }

  @Test
  void aCommandBothSidesLoggedIsDrawnOnceAndTheCardsRecordAloneIsDrawnToo() throws Exception {
    byte[] command = Hex.decode("BF2E00");
    byte[] response = TlvBuilder.constructed(0xBF2E).add(0x80, new byte[16]).build();
    String apdu = storeData(0x91, 0, command);
    String answer = Hex.encode(response) + "9000";
    TestRun both = new TestRun();
    both.at(0).start("engine", "es10", "challenge");
    both.at(1).apdu("euicc/1", apdu, answer);
    both.at(1).es10("euicc/1", "GetEuiccChallenge", "ok", 1, command, response, "euicc");
    both.at(1).apdu("lpa/1", apdu, answer);
    both.at(1).es10("lpa/1", "GetEuiccChallenge", "ok", 1, command, response);
    both.at(2).pass("engine", "es10", "challenge");
    TestRun cardOnly = new TestRun();
    cardOnly.at(0).start("engine", "es10", "challenge");
    cardOnly.at(1).apdu("euicc/1", apdu, answer);
    cardOnly.at(1).es10("euicc/1", "GetEuiccChallenge", "ok", 1, command, response, "euicc");
    cardOnly.at(2).pass("engine", "es10", "challenge");

    for (TestRun r : List.of(both, cardOnly)) {
      Document doc = parse(HtmlReport.render(r.summary()));
      assertThat(withClass(doc, "div", "arrow"))
          .extracting(Element::getTextContent)
          .filteredOn(t -> t.startsWith("ES10 ") || t.startsWith("APDU "))
          .containsExactly("ES10 GetEuiccChallenge");
    }
  }

  @Test
  void base64ValuesOfJsonBodiesAreDecodedToTlvTrees() throws Exception {
    byte[] signed = authenticateServer();
    String b64 = Base64.getEncoder().encodeToString(signed);
    TestRun r = new TestRun();
    r.at(0).start("engine", "json", "auth");
    r.at(1)
        .http(
            "lpa/1",
            "initiateAuthentication",
            200,
            "{\"euiccChallenge\":\"" + Base64.getEncoder().encodeToString(new byte[16]) + "\"}",
            "{\"transactionId\":\"0102030405060708\",\"serverSigned1\":\"" + b64 + "\"}");
    r.at(2).pass("engine", "json", "auth");

    Document doc = parse(HtmlReport.render(r.summary()));
    String text = message(doc, 2).getTextContent();
    assertThat(text)
        .contains("serverSigned1 base64, " + signed.length + " bytes decoded")
        .contains("BF38 AuthenticateServer")
        .contains("euiccChallenge base64, 16 bytes decoded")
        // a hex transaction ID is not mistaken for base64
        .doesNotContain("transactionId base64");
    assertThat(withClass(doc, "div", "b64")).hasSize(2);
  }

  @Test
  void es2ExchangesAreOnTheOperatorLaneWhoeverRecordedThemAndFaultsAreMarkersOnTheirLayer()
      throws Exception {
    TestRun r = new TestRun();
    r.at(0).start("engine", "lanes", "order");
    r.at(1).http("smdp", "downloadOrder", 200, "{}", "{}");
    r.at(2).http("engine", "confirmOrder", 200, "{}", "{}");
    r.at(3).http("smdp", "handleDownloadProgressInfo", 200, "{}", "{}");
    r.at(4).http("smdp", "authenticateClient", 200, "{}", "{}");
    r.at(5)
        .emit(
            "fault/card",
            new EventPayload.FaultInjected("LoadBoundProfilePackage after-apdu apdu 3", "mute", 1));
    r.at(6).apdu("lpa/1", "80E29100" + "03BF2D00", "6F00");
    r.at(7).fail("engine", "lanes", "order", null, "card mute");

    Document doc = parse(HtmlReport.render(r.summary()));
    List<Element> arrows = withClass(doc, "div", "arrow");
    // Operator 0, SM-DP+ 1, LPA 2, eUICC 3: lane i's centre is grid line 2i+3
    for (String es2 : List.of("downloadOrder", "confirmOrder")) {
      assertThat(arrows)
          .filteredOn(a -> a.getTextContent().equals(es2))
          .singleElement()
          .satisfies(a -> assertThat(a.getAttribute("style")).isEqualTo("grid-column:3/5"))
          .satisfies(a -> assertThat(a.getAttribute("class")).contains("right"));
    }
    assertThat(arrows)
        .filteredOn(a -> a.getTextContent().equals("handleDownloadProgressInfo"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("style")).isEqualTo("grid-column:3/5"))
        .satisfies(a -> assertThat(a.getAttribute("class")).contains("left"));
    assertThat(arrows)
        .filteredOn(a -> a.getTextContent().equals("authenticateClient"))
        .singleElement()
        .satisfies(a -> assertThat(a.getAttribute("style")).isEqualTo("grid-column:5/7"));

    Element fault = withClass(doc, "div", "fault").get(0);
    // lane 3 (eUICC): columns 8/10
    assertThat(fault.getAttribute("class")).isEqualTo("note fault c3");
    assertThat(fault.getTextContent())
        .isEqualTo("\u26a1 fault mute @ LoadBoundProfilePackage after-apdu apdu 3");
    assertThat(withClass(doc, "details", "fault")).hasSize(1);
    // the blamed one is the exchange that failed, not the fault that caused it
    assertThat(withClass(doc, "details", "blamed"))
        .singleElement()
        .satisfies(d -> assertThat(d.getAttribute("id")).isEqualTo("e7"));
  }

  @Test
  void anEs10ErrorInsideA9000IsTheFailingExchange() throws Exception {
    // ProfileInstallationResult with finalResult errorResult (A1)
    byte[] pir =
        TlvBuilder.constructed(0xBF37)
            .add(
                TlvBuilder.constructed(0xBF27)
                    .add(0x80, Hex.decode("01"))
                    .add(
                        TlvBuilder.constructed(0xA2)
                            .add(TlvBuilder.constructed(0xA1).add(0x81, Hex.decode("02")))))
            .add(0x5F37, new byte[64])
            .build();
    TestRun r = new TestRun();
    r.at(0).start("engine", "pir", "download");
    r.at(1).apdu("lpa/1", "80E2910003BF2E00", "BF2E0A9000");
    r.at(1).es10("lpa/1", "GetEuiccChallenge", "ok", 1, Hex.decode("BF2E00"), new byte[12]);
    r.at(2).apdu("lpa/1", "80E2910003BF3600", Hex.encode(pir) + "9000");
    // the LPA's verdict on the 9000: the error inside it (the report does not decode it again)
    r.at(2)
        .es10(
            "lpa/1",
            "LoadBoundProfilePackage",
            "finalResult errorResult",
            1,
            Hex.decode("BF3600"),
            pir);
    r.at(3).apdu("lpa/1", "80E2910003BF2D00", "BF2D009000");
    r.at(3).es10("lpa/1", "GetProfilesInfo", "ok", 1, Hex.decode("BF2D00"), Hex.decode("BF2D00"));
    r.at(4).fail("engine", "pir", "download", null, "install failed");

    Document doc = parse(HtmlReport.render(r.summary()));
    assertThat(withClass(doc, "details", "blamed"))
        .singleElement()
        .satisfies(d -> assertThat(d.getAttribute("id")).isEqualTo("e4"))
        .satisfies(d -> assertThat(d.getTextContent()).contains("A1 errorResult"));
  }

  @Test
  void timingChartsAreInlineSvgWithABarPerScenarioAndPerStep() throws Exception {
    Document doc = parse(HtmlReport.render(TestRun.passAndFail().summary()));

    List<Element> svgs = elements(doc).stream().filter(e -> e.getTagName().equals("svg")).toList();
    assertThat(svgs)
        .extracting(e -> e.getAttribute("class"))
        .containsExactly("durations", "timeline", "exchanges", "steps", "steps");
    // the KPI section is there, empty
    Element durations = svgs.get(0);
    List<Element> spans = new ArrayList<>();
    NodeList rects = durations.getElementsByTagName("rect");
    for (int i = 0; i < rects.getLength(); i++) {
      Element rect = (Element) rects.item(i);
      if (rect.getAttribute("class").startsWith("span")) {
        spans.add(rect);
      }
    }
    // nominal download lasts 40 ms, wrong matching id 10 ms: widths 4:1 on the same axis
    assertThat(spans).hasSize(2);
    double w0 = Double.parseDouble(spans.get(0).getAttribute("width"));
    double w1 = Double.parseDouble(spans.get(1).getAttribute("width"));
    assertThat(w0 / w1).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(spans.get(1).getAttribute("class")).isEqualTo("span FAILED");
    assertThat(durations.getTextContent())
        .contains("nominal download: 40.000 ms")
        .contains("downloadOrder: 5.000 ms")
        .contains("FAILED 10.0 ms");
    assertThat(svgs.get(2).getTextContent())
        .contains("authenticateClient (LPA): n=1")
        .contains("initiateAuthentication (LPA): n=2")
        .contains("ES10 GetEuiccChallenge: n=1");
  }

  @Test
  void kpiChartsGoInTheirSectionWithBarsAndRanges() throws Exception {
    String empty = HtmlReport.render(TestRun.passAndFail().summary());
    assertThat(withClass(parse(empty), "p", "placeholder"))
        .extracting(Element::getTextContent)
        .containsExactly("No KPI charts in this report.");

    List<KpiChart> kpis =
        List.of(
            new KpiChart("Success rate", "%", List.of(KpiChart.Row.of("download", 75.0))),
            new KpiChart(
                "Time to activate",
                "ms",
                List.of(
                    new KpiChart.Row(
                        "all devices",
                        List.of(
                            100.0, 200.0, 300.0, 400.0, 500.0, 600.0, 700.0, 800.0, 900.0,
                            1000.0)))));
    Document doc = parse(HtmlReport.render(TestRun.passAndFail().summary(), kpis));
    assertThat(withClass(doc, "p", "placeholder")).isEmpty();
    List<Element> charts =
        elements(doc).stream()
            .filter(e -> e.getTagName().equals("svg") && e.getAttribute("class").equals("kpi"))
            .toList();
    assertThat(charts).hasSize(2);
    assertThat(charts.get(0).getTextContent()).contains("download: 75 %");
    assertThat(charts.get(1).getTextContent())
        .contains("all devices: n=10 med 500 p95 1000 max 1000 ms, min 100 ms");
    // the median mark sits half-way along the axis that ends at the largest sample
    NodeList marks = charts.get(1).getElementsByTagName("rect");
    Element median = null;
    Element p95 = null;
    for (int i = 0; i < marks.getLength(); i++) {
      Element rect = (Element) marks.item(i);
      if (rect.getAttribute("class").equals("median")) {
        median = rect;
      } else if (rect.getAttribute("class").equals("p95")) {
        p95 = rect;
      }
    }
    assertThat(median).isNotNull();
    assertThat(p95).isNotNull();
    double m = Double.parseDouble(median.getAttribute("x")) + 1.5;
    double p = Double.parseDouble(p95.getAttribute("x")) + 1.5;
    assertThat((m - 230) / (p - 230)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(0.001));
    assertThat(elements(doc).stream().filter(e -> e.getAttribute("id").equals("kpis")))
        .singleElement()
        .satisfies(sec -> assertThat(sec.getTagName()).isEqualTo("section"));
  }

  @Test
  void kpiRowsRefuseNonsense() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new KpiChart.Row("x", List.of(Double.NaN)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("finite");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KpiChart.Row("x", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KpiChart(" ", "", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("title");
  }

  @Test
  void noResourceIsLoadedFromAnywhere() throws Exception {
    TestRun r = TestRun.passAndFail();
    String html = HtmlReport.render(r.summary());
    Document doc = parse(html);
    for (Element e : elements(doc)) {
      assertThat(e.getTagName()).isNotIn("link", "img", "iframe", "object", "embed", "base");
      NamedNodeMap attrs = e.getAttributes();
      for (int i = 0; i < attrs.getLength(); i++) {
        Attr a = (Attr) attrs.item(i);
        if (List.of("href", "src", "xlink:href", "action", "data", "srcset", "poster")
            .contains(a.getName())) {
          assertThat(a.getValue()).as(e.getTagName() + "@" + a.getName()).startsWith("#");
        }
        if (a.getName().equals("style")) {
          assertThat(a.getValue()).doesNotContain("url(");
        }
      }
    }
    // URLs appear only as event text (the HTTP exchanges' URLs), never in the page's own code
    Element style = (Element) doc.getElementsByTagName("style").item(0);
    assertThat(style.getTextContent()).doesNotContain("url(").doesNotContain("@import");
    assertThat(HtmlReport.SCRIPT)
        .doesNotContain("http")
        .doesNotContain("fetch")
        .doesNotContain("src");
    String withoutEventUrls = html.replace("https://smdp.example/", "");
    assertThat(withoutEventUrls).doesNotContain("http://").doesNotContain("https://");
  }
}
