package org.rspharness.scenario.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped JSON Schema and the loader accept the same files. */
class ScenarioSchemaTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  static JsonNode schemaTree() throws IOException {
    try (InputStream in =
        ScenarioLoader.class.getResourceAsStream(ScenarioLoader.SCHEMA_RESOURCE)) {
      assertThat(in).as("schema on the classpath").isNotNull();
      return JSON.readTree(in);
    }
  }

  static Schema schema() throws IOException {
    return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
        .getSchema(schemaTree());
  }

  static Stream<Path> examples() throws IOException {
    Path dir = ScenarioLoaderTest.example("profile-swap.yaml").getParent();
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir)) {
      s.filter(p -> p.toString().endsWith(".yaml")).sorted().forEach(out::add);
    }
    assertThat(out).hasSizeGreaterThanOrEqualTo(3);
    return out.stream();
  }

  @Test
  void declaresDraft2020_12() throws IOException {
    assertThat(schemaTree().get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
  }

  @Test
  void everySchemaObjectHasExactlyTheFieldsTheLoaderAccepts() throws IOException {
    JsonNode defs = schemaTree().get("$defs");
    Set<String> withProperties = new TreeSet<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = defs.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode props = e.getValue().get("properties");
      if (props == null) {
        continue;
      }
      withProperties.add(e.getKey());
      Set<String> names = new LinkedHashSet<>();
      props.fieldNames().forEachRemaining(names::add);
      ScenarioLoader.Shape shape = ScenarioLoader.SHAPES.get(e.getKey());
      assertThat(shape).as("loader shape for $defs/" + e.getKey()).isNotNull();
      assertThat(names)
          .as("$defs/" + e.getKey())
          .containsExactlyInAnyOrderElementsOf(shape.fields());
      assertThat(e.getValue().get("additionalProperties").asBoolean(true))
          .as("$defs/" + e.getKey() + " rejects unknown fields")
          .isFalse();
    }
    assertThat(withProperties).containsExactlyInAnyOrderElementsOf(ScenarioLoader.SHAPES.keySet());
  }

  @Test
  void everyLoaderFieldIsARecordComponentWhereAShapeMapsToARecord() {
    ScenarioLoader.SHAPES.forEach(
        (name, shape) -> {
          if (shape.record() != null) {
            Set<String> components = new LinkedHashSet<>();
            for (var c : shape.record().getRecordComponents()) {
              components.add(c.getName());
            }
            assertThat(shape.fields()).as(name).containsExactlyInAnyOrderElementsOf(components);
          }
        });
  }

  @Test
  void enumerationsAgreeWithTheLoader() throws IOException {
    JsonNode defs = schemaTree().get("$defs");
    assertThat(texts(defs.at("/smdpOrder/properties/state/enum")))
        .containsExactlyElementsOf(ScenarioLoader.orderStates().keySet());
    assertThat(texts(defs.at("/stepExpect/properties/outcome/enum")))
        .containsExactlyElementsOf(ScenarioLoader.outcomes().keySet());
    List<String> actions = new ArrayList<>();
    defs.at("/step/oneOf").forEach(n -> actions.add(n.get("required").get(0).asText()));
    assertThat(ScenarioLoader.SHAPES.get("step").fields())
        .containsExactlyElementsOf(
            Stream.concat(Stream.of("name", "capture", "expect"), actions.stream()).toList());
    assertThat(texts(defs.at("/step/properties/capture/additionalProperties/enum")))
        .containsExactlyInAnyOrderElementsOf(Action.CAPTURABLE);
  }

  private static List<String> texts(JsonNode array) {
    assertThat(array.isArray()).as("enum array").isTrue();
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  @ParameterizedTest
  @MethodSource("examples")
  void everyExampleLoadsAndValidatesAgainstTheSchema(Path file) throws IOException {
    Scenario s = ScenarioLoader.load(file);
    assertThat(s.steps()).isNotEmpty();
    List<Error> errors = schema().validate(YAML.readTree(file.toFile()));
    assertThat(errors).as(file.getFileName().toString()).isEmpty();
    assertThat(Files.readAllLines(file).get(0)).as("one-line documentation").startsWith("# ");
  }

  /** Mistakes both the schema and the loader must refuse. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "topology.devices[0].curv: nist",
        "topology.devices[0].curve: nsit",
        "seed: abc",
        "steps[0].powerCycle.device: null",
        "steps[0].expect.status: 8.2.7-3.8",
        "steps[0].expect.time.budget: 2 seconds",
        "steps[0].enable.device: phone",
        "expect[0].smdpOrder.state: Done",
        "topology.smdp.url: ftp://x"
      })
  void theSchemaAndTheLoaderRefuseTheSameMistakes(String edit) throws IOException {
    String base =
        """
        name: t
        topology:
          smdp:
            inventory:
              profiles: [{iccid: "8900000000000000011", profileType: lab}]
          devices:
            - name: phone
        steps:
          - powerCycle: {device: phone}
            expect: {outcome: any}
        expect:
          - smdpOrder: {iccid: "8900000000000000011"}
        """;
    JsonNode good = YAML.readTree(base);
    assertThat(schema().validate(good)).isEmpty();
    ScenarioLoader.parse(base, "good.yaml", null);

    JsonNode bad = good.deepCopy();
    int eq = edit.indexOf(": ");
    String path = edit.substring(0, eq);
    JsonNode value = YAML.readTree(edit.substring(eq + 2));
    set(bad, path, value);
    if (path.equals("topology.smdp.url")) {
      ((com.fasterxml.jackson.databind.node.ObjectNode) bad.at("/topology/smdp"))
          .remove("inventory");
    }
    assertThat(schema().validate(bad)).as("schema on " + edit).isNotEmpty();
    String yaml = YAML.writeValueAsString(bad);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ScenarioLoader.parse(yaml, "bad.yaml", null))
        .as("loader on " + edit)
        .isInstanceOf(ScenarioLoadException.class)
        .hasMessageStartingWith("bad.yaml:");
  }

  private static void set(JsonNode root, String dotted, JsonNode value) {
    String[] parts = dotted.split("\\.");
    JsonNode cur = root;
    for (int i = 0; i < parts.length; i++) {
      String p = parts[i];
      String key = p.contains("[") ? p.substring(0, p.indexOf('[')) : p;
      boolean last = i == parts.length - 1;
      if (p.contains("[")) {
        int idx = Integer.parseInt(p.substring(p.indexOf('[') + 1, p.indexOf(']')));
        cur = cur.get(key).get(idx);
      } else if (last) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) cur).set(key, value);
      } else {
        JsonNode next = cur.get(key);
        if (next == null) {
          next = ((com.fasterxml.jackson.databind.node.ObjectNode) cur).putObject(key);
        }
        cur = next;
      }
    }
  }
}
