package org.rspharness.scenario.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class JunitXmlReportTest {

  private static Document parse(String xml) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void oneTestsuiteWithOneTestcasePerScenarioAndTheAttributesCiServersRead() throws Exception {
    String xml = new JunitXmlReport("rsp-harness").render(TestRun.passAndFail().summary());
    Element suite = parse(xml).getDocumentElement();

    assertThat(suite.getTagName()).isEqualTo("testsuite");
    assertThat(suite.getAttribute("name")).isEqualTo("rsp-harness");
    assertThat(suite.getAttribute("tests")).isEqualTo("2");
    assertThat(suite.getAttribute("failures")).isEqualTo("1");
    assertThat(suite.getAttribute("errors")).isEqualTo("0");
    assertThat(suite.getAttribute("skipped")).isEqualTo("0");
    assertThat(suite.getAttribute("time")).isEqualTo("0.060");
    assertThat(suite.getAttribute("timestamp")).isEqualTo("2026-11-25T12:00:00");

    NodeList cases = suite.getElementsByTagName("testcase");
    assertThat(cases.getLength()).isEqualTo(2);
    Element pass = (Element) cases.item(0);
    assertThat(pass.getAttribute("name")).isEqualTo("nominal download");
    assertThat(pass.getAttribute("classname")).isEqualTo("rsp-harness");
    assertThat(pass.getAttribute("time")).isEqualTo("0.040");
    assertThat(pass.getElementsByTagName("failure").getLength()).isZero();
    assertThat(pass.getElementsByTagName("system-out").item(0).getTextContent())
        .contains("PASSED download 24.000 ms");

    Element fail = (Element) cases.item(1);
    Element failure = (Element) fail.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("download: [8.2.6/3.8] refused: MatchingID");
    assertThat(failure.getAttribute("type")).isEqualTo("8.2.6/3.8");
    // The body names the failing exchange and lists the step's events.
    assertThat(failure.getTextContent())
        .contains("failing exchange: +5.000 ms lpa/1 HTTP authenticateClient")
        .contains("-> 200 status Failed 8.2.6/3.8 unknown")
        .contains("#13 +2.000 ms lpa/1 HTTP initiateAuthentication")
        .contains("step 'download' FAILED [8.2.6/3.8] refused:");
  }

  @Test
  void escapesMarkupAndDropsCharactersXmlCannotCarry() throws Exception {
    TestRun r = new TestRun();
    r.at(0).start("engine", "a<b>&\"c\"", "st'ep");
    r.at(1).fail("engine", "a<b>&\"c\"", "st'ep", "<x>", "bad ]]> \u0001 \u001b[31m & <tag/>");

    String xml = new JunitXmlReport("suite & <co>").render(r.summary());
    Element suite = parse(xml).getDocumentElement();

    assertThat(suite.getAttribute("name")).isEqualTo("suite & <co>");
    Element testcase = (Element) suite.getElementsByTagName("testcase").item(0);
    assertThat(testcase.getAttribute("name")).isEqualTo("a<b>&\"c\"");
    Element failure = (Element) testcase.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("message"))
        .isEqualTo("st'ep: [<x>] bad ]]> \uFFFD \uFFFD[31m & <tag/>");
    assertThat(failure.getTextContent()).contains("bad ]]> \uFFFD \uFFFD[31m & <tag/>");
    assertThat(suite.getElementsByTagName("tag").getLength()).isZero();
  }

  @Test
  void keepsCharactersOutsideTheBasicPlaneAndReplacesLoneSurrogates() throws Exception {
    TestRun r = new TestRun();
    r.at(0).fail("engine", "emoji \uD83D\uDCF6", "s", null, "lone \uD800 here");

    String xml = new JunitXmlReport("x").render(r.summary());
    Element testcase =
        (Element) parse(xml).getDocumentElement().getElementsByTagName("testcase").item(0);
    assertThat(testcase.getAttribute("name")).isEqualTo("emoji \uD83D\uDCF6");
    assertThat(((Element) testcase.getElementsByTagName("failure").item(0)).getAttribute("message"))
        .isEqualTo("s: lone \uFFFD here");
  }

  @Test
  void emptyRunIsAnEmptySuite() throws Exception {
    Element suite =
        parse(new JunitXmlReport("x").render(RunSummary.of(java.util.List.of())))
            .getDocumentElement();
    assertThat(suite.getAttribute("tests")).isEqualTo("0");
    assertThat(suite.hasAttribute("timestamp")).isFalse();
  }

  @Test
  void refusesABlankSuiteName() {
    assertThatThrownBy(() -> new JunitXmlReport(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("suiteName");
  }
}
