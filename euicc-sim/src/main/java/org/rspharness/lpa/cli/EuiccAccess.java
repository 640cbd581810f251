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

  /**
   * Card state files made by {@code euicc init}: each names its PKI directory, read with {@code
   * pkiLoader}; the CIs of that directory become trust anchors.
   */
  static EuiccAccess fromStateFiles(
      java.util.function.Function<Path, org.rspharness.core.pki.CredentialSource> pkiLoader) {
    return new EuiccAccess() {
      @Override
      public Card open(Path stateFile) {
        return org.rspharness.euicc.cli.EuiccCommand.open(pkiLoader, stateFile);
      }

      @Override
      public List<X509Certificate> ciCertificates(Path stateFile) {
        var state = new org.rspharness.euicc.store.FileStateStore(stateFile).load().orElse(null);
        if (state == null || state.setup() == null) {
          return List.of();
        }
        var source = pkiLoader.apply(Path.of(state.setup().pkiDirectory()));
        return source.curves().stream().map(c -> source.ci(c).certificate()).toList();
      }
    };
  }
}
