package org.rspharness.scenario.model;

import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The SM-DP+ of a scenario: embedded in the harness, or a remote one reached over ES9+/ES2+. */
public sealed interface Smdp {

  /**
   * The harness's own SM-DP+ simulator, starting from an inventory in smdp-sim's inventory format
   * ({@code org.rspharness.smdp.inventory.Inventory}): written inline, or a file.
   */
  record Embedded(InventorySource inventory, List<String> quirks, boolean strict) implements Smdp {
    /** A tolerant SM-DP+ (LPA deviations recorded and served) with these quirks. */
    public Embedded(InventorySource inventory, List<String> quirks) {
      this(inventory, quirks, false);
    }

    /**
     * Needs the inventory; {@code quirks} are smdp-sim quirk names (none by default); {@code
     * strict} refuses LPA deviations with the spec's status codes.
     */
    public Embedded {
      if (inventory == null) {
        throw new IllegalArgumentException(
            "inventory: missing; expected inventory or inventoryFile");
      }
      quirks = quirks == null ? List.of() : List.copyOf(quirks);
    }

    /** An SM-DP+ that follows SGP.22 strictly. */
    public Embedded(InventorySource inventory) {
      this(inventory, List.of());
    }
  }

  /**
   * A remote SM-DP+: its ES9+ base URL and, for operator steps, its ES2+ endpoint with the
   * operator's TLS client credential (SGP.22 section 2.6.2: ES2+ uses mutual TLS).
   */
  record Remote(URI url, Es2 es2) implements Smdp {
    /** Needs an https URL. */
    public Remote {
      https("url", url);
    }
  }

  /** The ES2+ endpoint of a remote SM-DP+ and the operator's client certificate and key (PEM). */
  record Es2(URI url, Path clientCert, Path clientKey) {
    /** Needs all three. */
    public Es2 {
      https("url", url);
      if (clientCert == null) {
        throw new IllegalArgumentException("clientCert: missing; expected a PEM file");
      }
      if (clientKey == null) {
        throw new IllegalArgumentException("clientKey: missing; expected a PEM file");
      }
    }
  }

  /** Where an embedded SM-DP+'s inventory comes from. */
  sealed interface InventorySource {}

  /**
   * An inventory written in the scenario, kept as a plain tree (maps, lists, strings, numbers,
   * booleans) to hand to the inventory loader unchanged.
   */
  record InlineInventory(Map<String, Object> tree) implements InventorySource {
    /** Deep-copies the tree into unmodifiable collections. */
    public InlineInventory {
      if (tree == null || !tree.containsKey("profiles")) {
        throw new IllegalArgumentException("profiles: missing; expected a list of profiles");
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> copy = (Map<String, Object>) freeze(tree);
      tree = copy;
    }

    /**
     * The inventory as YAML text, for {@code org.rspharness.smdp.inventory.Inventory.load} (which
     * reads a file: write this next to nothing relative, profile package paths are absolute once
     * loaded from a scenario file).
     */
    public String toYaml() {
      try {
        return new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory())
            .writeValueAsString(tree);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("inventory tree not serialisable", e);
      }
    }

    private static Object freeze(Object o) {
      if (o instanceof Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(out);
      }
      if (o instanceof List<?> l) {
        return Collections.unmodifiableList(l.stream().map(InlineInventory::freeze).toList());
      }
      return o;
    }
  }

  /** An inventory file (absolute, or relative to the working directory). */
  record InventoryFile(Path path) implements InventorySource {
    /** Needs the path. */
    public InventoryFile {
      if (path == null) {
        throw new IllegalArgumentException("inventoryFile: missing");
      }
    }
  }

  private static void https(String field, URI url) {
    if (url == null
        || url.getScheme() == null
        || !(url.getScheme().equals("https") || url.getScheme().equals("http"))
        || url.getHost() == null) {
      throw new IllegalArgumentException(
          field
              + ": expected an http(s) URL such as https://smdp.example.com:8443, got '"
              + url
              + "'");
    }
  }
}
