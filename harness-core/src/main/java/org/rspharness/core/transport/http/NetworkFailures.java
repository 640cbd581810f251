package org.rspharness.core.transport.http;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * Names what failed on the network (DNS, connect, TLS with the alert, timeout) and how to fix it,
 * from the exception chain of a failed connection: "cannot connect" alone sends people guessing.
 */
public final class NetworkFailures {

  /**
   * What failed.
   *
   * @param code {@code dns}, {@code connect}, {@code tls}, {@code timeout} or {@code network}
   * @param what one line naming the failure, e.g. "DNS: cannot resolve smdp.example.com"
   * @param fix what to do about it
   */
  public record Diagnosis(String code, String what, String fix) {
    /** {@code what; fix: fix}. */
    public String line() {
      return what + "; fix: " + fix;
    }
  }

  /** An alert the peer sent (JSSE and BCJSSE word it so); our own rejections are not. */
  private static final Pattern ALERT =
      Pattern.compile("received fatal alert[:\\s]+([a-z_]+)", Pattern.CASE_INSENSITIVE);

  private NetworkFailures() {}

  /**
   * Diagnoses {@code failure} of a connection to {@code host} dialled at {@code dialled}
   * (host:port; may equal the host), or empty when nothing in its chain is a network failure.
   */
  public static java.util.Optional<Diagnosis> diagnose(
      Throwable failure, String host, String dialled) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage();
      if (t instanceof UnknownHostException) {
        return java.util.Optional.of(
            new Diagnosis(
                "dns",
                "DNS: cannot resolve " + (m.isBlank() ? host : m.replaceFirst(":.*", "")),
                "check the host name, or map a lab host with --resolve HOST=ADDRESS"));
      }
      if (t instanceof SocketTimeoutException
          || (t instanceof ConnectException && m.toLowerCase(Locale.ROOT).contains("timed out"))) {
        return java.util.Optional.of(
            new Diagnosis(
                "timeout",
                "timeout: no TCP connection to " + dialled + " in time",
                "check the address and port, and that no firewall drops the packets"));
      }
      if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
        return java.util.Optional.of(
            new Diagnosis(
                "connect",
                "connect: " + dialled + " refused the connection (" + firstLine(m) + ")",
                "check that the server runs and listens on that address and port"));
      }
      if (t instanceof SSLException) {
        return java.util.Optional.of(tls(t, host));
      }
    }
    return java.util.Optional.empty();
  }

  /** A TLS failure: the alert when there is one, and the likely fix. */
  public static Diagnosis tls(Throwable t, String host) {
    String all = chainText(t);
    Matcher a = ALERT.matcher(all);
    String lower = all.toLowerCase(Locale.ROOT);
    if (a.find()) {
      String alert = a.group(1).toLowerCase(Locale.ROOT);
      String fix =
          switch (alert) {
            case "handshake_failure", "insufficient_security" ->
                "no common cipher suite or curve: SGP.22 servers offer"
                    + " TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 on NIST P-256 or brainpoolP256r1";
            case "bad_certificate", "certificate_unknown", "unknown_ca", "certificate_required" ->
                "the server does not accept our certificate: give the client certificate it"
                    + " trusts (e.g. --client-cert/--client-key for ES2+)";
            case "protocol_version" -> "the server wants another TLS version; SGP.22 uses TLS 1.2";
            default -> "see the server's log for why it sent this alert";
          };
      return new Diagnosis("tls", "TLS: handshake with " + host + " failed, alert " + alert, fix);
    }
    if (lower.contains("expired") || lower.contains("not yet valid")) {
      return new Diagnosis(
          "tls",
          "TLS: the certificate of " + host + " is out of its validity (" + rootLine(t) + ")",
          "renew it: certs generate writes a fresh PKI (certs generate --ci-from DIR keeps a CI);"
              + " certs show --at INSTANT checks a date");
    }
    if (lower.contains("subject alternative") || lower.contains("hostname")) {
      return new Diagnosis(
          "tls",
          "TLS: the certificate of " + host + " does not name that host (" + firstLine(all) + ")",
          "use the host name its DPtls certificate names (certs show lists it)");
    }
    if (lower.contains("pkix") || lower.contains("trust") || lower.contains("certificate")) {
      return new Diagnosis(
          "tls",
          "TLS: the certificate of " + host + " is not trusted (" + rootLine(t) + ")",
          "trust the CI it chains to: --pki DIR with that CI, or --ci-cert FILE");
    }
    return new Diagnosis(
        "tls",
        "TLS: handshake with " + host + " failed (" + firstLine(all) + "; " + rootLine(t) + ")",
        "check that the port speaks TLS 1.2 with an SGP.22 cipher suite");
  }

  private static String rootLine(Throwable t) {
    Throwable r = t;
    while (r.getCause() != null && r.getCause() != r) {
      r = r.getCause();
    }
    String m = r.getMessage();
    return r.getClass().getSimpleName() + (m == null ? "" : ": " + firstLine(m));
  }

  private static String chainText(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (c.getMessage() != null) {
        sb.append(c.getMessage()).append(" | ");
      }
    }
    return sb.toString();
  }

  private static String firstLine(String s) {
    String t = s.split(" \\| ", 2)[0].strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }
}
