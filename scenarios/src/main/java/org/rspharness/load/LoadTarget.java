package org.rspharness.load;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import org.rspharness.core.ids.ActivationCode;
import org.rspharness.core.pki.CredentialSource;

/** The SM-DP+ a load run downloads from: the embedded simulator or a remote one. */
public interface LoadTarget extends AutoCloseable {

  /** The PKI: its CIs for TLS and its EUMs for the virtual eUICCs' certificates. */
  CredentialSource pki();

  /** The CI certificates the LPAs trust for TLS: every CI of the PKI. */
  default List<X509Certificate> trustedCis() {
    List<X509Certificate> out = new java.util.ArrayList<>();
    for (org.rspharness.core.crypto.Curve c : pki().curves()) {
      out.add(pki().ci(c).certificate());
    }
    return out;
  }

  /** Host names to dial at other addresses (the embedded SM-DP+ listens on loopback). */
  Map<String, String> resolve();

  /**
   * The activation code of the next download attempt (a fresh order each time), or null when the
   * target has no order left.
   */
  ActivationCode nextActivationCode();

  /** Where the meters of the run go (and, with a metrics port, are scraped from). */
  MeterRegistry registry();

  /** One line: what is being loaded. */
  String describe();

  @Override
  void close();
}
