package org.rspharness.scenario.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.util.Hex;

/**
 * Decoded views of binary content for the HTML report: BER-TLV trees with SGP.22 tag names, and the
 * base64 values inside ES9+/ES2+ JSON bodies (serverSigned1, euiccSigned1, the BPP, ...) decoded to
 * TLV trees or hex. Every output is bounded, so a hostile or huge body cannot blow up the report.
 */
final class Decoded {

  /** Nodes drawn per TLV tree; the rest is summarised. */
  static final int MAX_NODES = 200;

  /** Value bytes shown per primitive TLV. */
  static final int MAX_VALUE = 48;

  /** Bytes of a base64 value shown as hex when it is not TLV. */
  static final int MAX_HEX = 256;

  private static final int MAX_TREE_DEPTH = 24;
  private static final int MAX_BASE64_FIELDS = 32;
  private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]+");

  private Decoded() {}

  /**
   * Appends {@code data} as a TLV tree ({@code <ul class="tlv">}) when it is a complete
   * concatenation of TLVs; returns false and appends nothing otherwise.
   */
  static boolean tlvTree(StringBuilder out, byte[] data) {
    if (data == null || data.length < 2) {
      return false;
    }
    List<Tlv> top;
    try {
      top = Tlv.parseAll(data);
    } catch (CodecException | IllegalArgumentException e) {
      return headerThenTlvs(out, data);
    }
    int[] budget = {MAX_NODES};
    out.append("<ul class=\"tlv\">");
    for (Tlv t : top) {
      node(out, t, 0, 0, budget);
    }
    out.append("</ul>");
    return true;
  }

  /**
   * A constructed TLV's tag and length whose value continues in later commands, then complete TLVs:
   * how the LPA loads a bound profile package (SGP.22 section 2.5.5: "BF36 len" with BF23, then "A1
   * len" alone, then each 88 segment, ...). False when {@code data} is not of that form.
   */
  private static boolean headerThenTlvs(StringBuilder out, byte[] data) {
    if ((data[0] & 0x20) == 0) {
      return false; // only a constructed TLV's value can continue elsewhere
    }
    Tlv.Header header;
    try {
      header = Tlv.header(data, 0, data.length);
    } catch (CodecException | IllegalArgumentException e) {
      return false;
    }
    int tag = header.tag();
    long length = header.length();
    int pos = header.valueOffset();
    byte[] rest = Arrays.copyOfRange(data, pos, data.length);
    if (length <= rest.length) {
      return false; // a complete TLV that failed to parse: not this form
    }
    List<Tlv> children;
    try {
      children = Tlv.parseAll(rest);
    } catch (CodecException | IllegalArgumentException e) {
      return false;
    }
    String hex = String.format(tag > 0xFFFF ? "%06X" : tag > 0xFF ? "%04X" : "%02X", tag);
    out.append("<ul class=\"tlv\"><li><b>").append(hex).append("</b>");
    String name = Es10.name(0xBF36, tag);
    if (name != null) {
      out.append(" <i>").append(Text.html(name)).append("</i>");
    }
    out.append(" <em>(").append(length).append(")</em>");
    out.append(" <span class=\"more\">header: the value continues in the next commands</span>");
    if (!children.isEmpty()) {
      int[] budget = {MAX_NODES};
      out.append("<ul>");
      for (Tlv c : children) {
        node(out, c, tag, 1, budget);
      }
      out.append("</ul>");
    }
    out.append("</li></ul>");
    return true;
  }

  private static void node(StringBuilder out, Tlv t, int parentTag, int depth, int[] budget) {
    if (budget[0] <= 0) {
      return;
    }
    budget[0]--;
    out.append("<li><b>").append(t.tagHex()).append("</b>");
    String name = Es10.name(parentTag, t.tag());
    if (name != null) {
      out.append(" <i>").append(Text.html(name)).append("</i>");
    }
    out.append(" <em>(").append(t.valueLength()).append(")</em>");
    List<Tlv> children = null;
    if (t.constructed() && depth < MAX_TREE_DEPTH) {
      try {
        children = t.children();
      } catch (CodecException e) {
        out.append(" <span class=\"bad\">not TLV inside: ").append(Text.html(e.getMessage()));
        out.append("</span>");
      }
    }
    if (children == null) {
      byte[] v = t.value();
      out.append(" <code>")
          .append(Hex.encode(Arrays.copyOf(v, Math.min(v.length, MAX_VALUE))))
          .append(v.length > MAX_VALUE ? "\u2026" : "")
          .append("</code>");
      String text = asciiText(v);
      if (text != null) {
        out.append(" <q>").append(Text.html(text)).append("</q>");
      }
    } else {
      out.append("<ul>");
      int shown = 0;
      for (Tlv c : children) {
        if (budget[0] <= 0) {
          out.append("<li class=\"more\">\u2026 ")
              .append(children.size() - shown)
              .append(" more TLVs not shown</li>");
          break;
        }
        node(out, c, t.tag(), depth + 1, budget);
        shown++;
      }
      out.append("</ul>");
    }
    out.append("</li>");
  }

  /** Printable ASCII of at least 3 characters (addresses, matching IDs, names), else null. */
  private static String asciiText(byte[] v) {
    if (v.length < 3 || v.length > 200) {
      return null;
    }
    for (byte b : v) {
      if (b < 0x20 || b > 0x7E) {
        return null;
      }
    }
    return new String(v, java.nio.charset.StandardCharsets.US_ASCII);
  }

  /**
   * Appends, for each base64 string value in {@code json} (walked depth-first, at most {@value
   * #MAX_BASE64_FIELDS}), its decoded bytes: a TLV tree when they parse, else hex. Strings that are
   * hex (transaction IDs), short, or not base64 are skipped. Returns the number of fields shown.
   */
  static int base64Fields(StringBuilder out, JsonNode json) {
    int[] count = {0};
    walk(out, json, "", count);
    return count[0];
  }

  private static void walk(StringBuilder out, JsonNode node, String path, int[] count) {
    if (count[0] >= MAX_BASE64_FIELDS) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> f = it.next();
        walk(out, f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), count);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(out, node.get(i), path + "[" + i + "]", count);
      }
    } else if (node.isTextual()) {
      byte[] bytes = base64(node.asText());
      if (bytes == null) {
        return;
      }
      count[0]++;
      out.append("<div class=\"b64\"><b>")
          .append(Text.html(path))
          .append("</b> base64, ")
          .append(bytes.length)
          .append(" bytes decoded</div>");
      if (!tlvTree(out, bytes)) {
        out.append("<pre class=\"hex\">")
            .append(Hex.encode(Arrays.copyOf(bytes, Math.min(bytes.length, MAX_HEX))))
            .append(bytes.length > MAX_HEX ? "\u2026" : "")
            .append("</pre>");
      }
    }
  }

  /** The bytes of a base64 value worth decoding, or null. */
  static byte[] base64(String s) {
    // 12 characters = 9 bytes: shorter values are words, flags or small numbers
    if (s.length() < 12 || s.length() % 4 != 0 || HEX.matcher(s).matches()) {
      return null;
    }
    if (!BASE64.matcher(s).matches()) {
      return null;
    }
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
