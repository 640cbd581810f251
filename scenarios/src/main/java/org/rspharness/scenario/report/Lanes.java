package org.rspharness.scenario.report;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rspharness.core.event.Event;
import org.rspharness.core.event.EventPayload;

/**
 * The lanes of the message-sequence diagram and how event sources map to them, by prefix of the
 * (lower-cased) source name: {@code operator...} and {@code es2...} are the operator, {@code
 * lpa...} the LPA, {@code euicc...} the eUICC, {@code smdp...} the SM-DP+, {@code smds...} the
 * SM-DS (a lane drawn only when something happens on it); anything else goes to {@link #OTHER}.
 *
 * <p>Peers of an exchange: an APDU always runs LPA to eUICC. An HTTP exchange is placed by its
 * function name whoever recorded it (client or server side): the ES2+ functions the operator calls
 * run operator to SM-DP+, the ES2+ callback {@code handleDownloadProgressInfo} SM-DP+ to operator,
 * the ES9+ functions LPA to SM-DP+; an unknown function runs from its emitter to the SM-DP+ (from
 * the LPA when the SM-DP+ emitted it). ES12 (registerEvent, deleteEvent) runs SM-DP+ to SM-DS, or
 * stays on the SM-DS lane when an SM-DS forwards it (ES15); initiateAuthentication and
 * authenticateClient run LPA to SM-DS when sent to an SM-DS host (see {@link #arrow(Event, Set)}).
 * A fault marker goes on the lane of the layer that applied it ({@code fault/network-client} the
 * LPA, {@code fault/network-server} and {@code fault/protocol} the SM-DP+, {@code fault/card} the
 * eUICC).
 */
enum Lanes {
  OPERATOR("Operator"),
  SMDS("SM-DS"),
  SMDP("SM-DP+"),
  LPA("LPA"),
  EUICC("eUICC"),
  OTHER("Other");

  /** ES2+ functions the operator calls on the SM-DP+ (SGP.22 section 5.3). */
  private static final Set<String> ES2_FROM_OPERATOR =
      Set.of("downloadorder", "confirmorder", "cancelorder", "releaseprofile");

  private static final String ES2_CALLBACK = "handledownloadprogressinfo";

  /** ES12 functions an SM-DP+ (or, for ES15, an alternative SM-DS) calls on an SM-DS. */
  private static final Set<String> ES12 = Set.of("registerevent", "deleteevent");

  /** The ES11 path prefix: whatever goes there is for an SM-DS. */
  private static final String ES11_PATH = "/gsma/rsp2/es11/";

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
    if (s.startsWith("smds")) {
      return SMDS;
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
    return arrow(e, Set.of());
  }

  /**
   * As {@link #arrow(Event)}, knowing the SM-DS hosts of the run ({@link #smdsHosts}): an ES11 call
   * (same function names as ES9+, and on the ES9+ paths as field LPAs send it) to one of them runs
   * LPA to SM-DS.
   */
  static Lanes[] arrow(Event e, Set<String> smdsHosts) {
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
      if (ES12.contains(function)) {
        return from == SMDS ? new Lanes[] {SMDS, SMDS} : new Lanes[] {SMDP, SMDS};
      }
      if (function.endsWith("es11")) {
        return new Lanes[] {LPA, SMDS}; // ES11 in the ASN.1 binding, e.g. authenticateClientEs11
      }
      if (ES9_FROM_LPA.contains(function)) {
        boolean smds = from == SMDS || isEs11(h.url()) || smdsHosts.contains(host(h.url()));
        return new Lanes[] {LPA, smds ? SMDS : SMDP};
      }
      if (from == SMDP) {
        return new Lanes[] {LPA, SMDP};
      }
      return new Lanes[] {from, SMDP};
    }
    return new Lanes[] {from, from};
  }

  /**
   * The SM-DS hosts of a run: those of ES11-path exchanges, and those the LPA called during its
   * event retrieval (between the start and the end of its {@code DISCOVER} step).
   */
  static Set<String> smdsHosts(List<Event> events) {
    Set<String> hosts = new HashSet<>();
    Set<String> discovering = new HashSet<>();
    for (Event e : events) {
      if (e.payload() instanceof EventPayload.StepStarted s
          && "DISCOVER".equals(s.step())
          && of(e.source()) == LPA) {
        discovering.add(e.source());
      } else if (e.payload() instanceof EventPayload.StepFinished f
          && "DISCOVER".equals(f.step())
          && of(e.source()) == LPA) {
        discovering.remove(e.source());
      } else if (e.payload() instanceof EventPayload.HttpExchange h
          && (isEs11(h.url()) || (of(e.source()) == LPA && !discovering.isEmpty()))) {
        String host = host(h.url());
        if (!host.isEmpty()) {
          hosts.add(host);
        }
      }
    }
    return hosts;
  }

  private static boolean isEs11(String url) {
    return url != null && url.contains(ES11_PATH);
  }

  private static String host(String url) {
    try {
      String h = url == null ? null : java.net.URI.create(url).getHost();
      return h == null ? "" : h.toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException x) {
      return "";
    }
  }
}
