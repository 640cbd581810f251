package org.rspharness.scenario.report;

import java.util.Locale;
import java.util.Set;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;

/**
 * The lanes of the message-sequence diagram and how event sources map to them, by prefix of the
 * (lower-cased) source name: {@code operator...} and {@code es2...} are the operator, {@code
 * lpa...} the LPA, {@code euicc...} the eUICC, {@code smdp...} the SM-DP+; anything else goes to
 * {@link #OTHER}.
 *
 * <p>Peers of an exchange: an APDU always runs LPA to eUICC. An HTTP exchange is placed by its
 * function name whoever recorded it (client or server side): the ES2+ functions the operator calls
 * run operator to SM-DP+, the ES2+ callback {@code handleDownloadProgressInfo} SM-DP+ to operator,
 * the ES9+ functions LPA to SM-DP+; an unknown function runs from its emitter to the SM-DP+ (from
 * the LPA when the SM-DP+ emitted it). A fault marker goes on the lane of the layer that applied it
 * ({@code fault/network-client} the LPA, {@code fault/network-server} and {@code fault/protocol}
 * the SM-DP+, {@code fault/card} the eUICC).
 */
enum Lanes {
  OPERATOR("Operator"),
  SMDP("SM-DP+"),
  LPA("LPA"),
  EUICC("eUICC"),
  OTHER("Other");

  /** ES2+ functions the operator calls on the SM-DP+ (SGP.22 section 5.3). */
  private static final Set<String> ES2_FROM_OPERATOR =
      Set.of("downloadorder", "confirmorder", "cancelorder", "releaseprofile");

  private static final String ES2_CALLBACK = "handledownloadprogressinfo";

  /** ES9+ functions the LPA calls on the SM-DP+ (SGP.22 section 5.6). */
  private static final Set<String> ES9_FROM_LPA =
      Set.of(
          "initiateauthentication",
          "authenticateclient",
          "getboundprofilepackage",
          "handlenotification",
          "cancelsession");

  final String title;

  Lanes(String title) {
    this.title = title;
  }

  /** The lane of an event source. */
  static Lanes of(String source) {
    String s = source == null ? "" : source.toLowerCase(Locale.ROOT);
    if (s.startsWith("operator") || s.startsWith("es2")) {
      return OPERATOR;
    }
    if (s.startsWith("lpa")) {
      return LPA;
    }
    if (s.startsWith("euicc")) {
      return EUICC;
    }
    if (s.startsWith("smdp")) {
      return SMDP;
    }
    if (s.startsWith("fault/")) {
      String layer = s.substring("fault/".length());
      if (layer.startsWith("network-client")) {
        return LPA;
      }
      if (layer.startsWith("network-server") || layer.startsWith("protocol")) {
        return SMDP;
      }
      if (layer.startsWith("card")) {
        return EUICC;
      }
    }
    return OTHER;
  }

  /** The request direction of an exchange: {from, to}; a note stays on its lane ({from, from}). */
  static Lanes[] arrow(Event e) {
    Lanes from = of(e.source());
    if (e.payload() instanceof EventPayload.ApduExchange) {
      return new Lanes[] {LPA, EUICC};
    }
    if (e.payload() instanceof EventPayload.HttpExchange h) {
      String function = h.function() == null ? "" : h.function().toLowerCase(Locale.ROOT);
      if (function.equals(ES2_CALLBACK)) {
        return new Lanes[] {SMDP, OPERATOR};
      }
      if (ES2_FROM_OPERATOR.contains(function)) {
        return new Lanes[] {OPERATOR, SMDP};
      }
      if (ES9_FROM_LPA.contains(function)) {
        return new Lanes[] {LPA, SMDP};
      }
      if (from == SMDP) {
        return new Lanes[] {LPA, SMDP};
      }
      return new Lanes[] {from, SMDP};
    }
    return new Lanes[] {from, from};
  }
}
