package org.rspharness.lpa.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.rspharness.euicc.card.Card;

/**
 * How the {@code lpa} command reaches the eUICC of {@code --euicc FILE}, injected by the top-level
 * CLI (euicc-sim does not depend on the certs module, which loads PKI directories). A typical
 * wiring opens the card state file with the eUICC module's state loader and offers the CI
 * certificates of the PKI directory the state names.
 */
public interface EuiccAccess {

  /** Opens the card of a state file (its changes are persisted by the card itself). */
  Card open(Path stateFile);

  /**
   * CI certificates that come with the card's setup (e.g. its PKI directory), used as TLS trust
   * anchors together with {@code --ci-cert}; empty when unknown.
   */
  default List<X509Certificate> ciCertificates(Path stateFile) {
    return List.of();
  }
}
