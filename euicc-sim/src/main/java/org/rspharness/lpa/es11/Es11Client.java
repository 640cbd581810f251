package org.rspharness.lpa.es11;

import java.util.Locale;
import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es11.InitiateAuthenticationRequestEs11;
import org.rspharness.core.es9.AuthenticateClientRequest;
import org.rspharness.core.es9.InitiateAuthenticationRequest;
import org.rspharness.core.es9.InitiateAuthenticationResponse;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.lpa.es9.Es9Exception;
import org.rspharness.lpa.es9.Es9PlusClient;

/**
 * SGP.22 sections 5.8 and 6.5: ES11 over HTTPS with the TLS, resolve table and headers of an {@link
 * Es9PlusClient}. Where the calls go is a device behaviour ({@link PathVariant}): the spec's {@code
 * /gsma/rsp2/es11/} paths with {@code smdsAddress}, or, as LPAs in the field do (they reuse their
 * ES9+ code, and the GSMA root SM-DS answers 404 on the ES11 paths), {@code /gsma/rsp2/es9plus/}
 * with {@code smdpAddress}.
 */
public final class Es11Client implements Es11 {

  /** Where an LPA sends its ES11 calls. */
  public enum PathVariant {
    /** {@code /gsma/rsp2/es11/<function>}, the address in {@code smdsAddress}. */
    ES11("/gsma/rsp2/es11/"),
    /** {@code /gsma/rsp2/es9plus/<function>}, the address in {@code smdpAddress} (field LPAs). */
    ES9PLUS("/gsma/rsp2/es9plus/");

    private final String path;

    PathVariant(String path) {
      this.path = path;
    }

    /** The path prefix. */
    public String path() {
      return path;
    }

    /** {@code es11} or {@code es9plus}, case-insensitive. */
    public static PathVariant parse(String s) {
      for (PathVariant v : values()) {
        if (v.name().equalsIgnoreCase(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException(
          "ES11 path variant: unknown '" + s + "'; expected es11 or es9plus");
    }

    /** The lower-case name used in files and options. */
    public String fileName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Es9PlusClient http;
  private final PathVariant variant;

  public Es11Client(Es9PlusClient http, PathVariant variant) {
    this.http = http;
    this.variant = variant;
  }

  public PathVariant variant() {
    return variant;
  }

  @Override
  public InitiateAuthenticationResponse initiateAuthentication(
      SmdpAddress smds, InitiateAuthenticationRequest r) throws Es9Exception {
    Object body =
        variant == PathVariant.ES11
            ? new InitiateAuthenticationRequestEs11(r.euiccChallenge(), r.euiccInfo1(), smds)
            : r;
    return http.call(
        smds, variant.path(), "initiateAuthentication", body, InitiateAuthenticationResponse.class);
  }

  @Override
  public AuthenticateClientResponseEs11 authenticateClient(
      SmdpAddress smds, AuthenticateClientRequest r) throws Es9Exception {
    return http.call(
        smds, variant.path(), "authenticateClient", r, AuthenticateClientResponseEs11.class);
  }
}
