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
 * <p>Peers of an exchange: an APDU always runs LPA to eUICC. An HTTP exchange runs from its emitter
 * to the SM-DP+, except {@code handleDownloadProgressInfo} (SM-DP+ to operator); one emitted by the
 * SM-DP+ itself comes from the operator for the ES2+ functions it serves and from the LPA
 * otherwise.
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
      if (from == SMDP) {
        return new Lanes[] {ES2_FROM_OPERATOR.contains(function) ? OPERATOR : LPA, SMDP};
      }
      return new Lanes[] {from, SMDP};
    }
    return new Lanes[] {from, from};
  }
}
