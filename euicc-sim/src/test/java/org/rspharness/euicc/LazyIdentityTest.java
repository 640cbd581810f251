package org.rspharness.euicc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.pki.PkiException;
import org.rspharness.euicc.config.EuiccIdentity;
import org.rspharness.euicc.store.StateStore;

/**
 * A lazy identity (the EID from the card file, the credentials read on first use) answers what
 * needs no key without reading the PKI, reads it once when a key is needed, and refuses a PKI whose
 * eUICC certificate names another EID.
 */
class LazyIdentityTest {

  @Test
  void profilesListingNeedsNoCredentialsAndAKeyReadsThemOnce() {
    AtomicInteger reads = new AtomicInteger();
    EuiccIdentity lazy =
        EuiccIdentity.lazy(
            Fixture.IDENTITY.eid(),
            () -> {
              reads.incrementAndGet();
              return Fixture.IDENTITY;
            });
    Euicc euicc = Euicc.builder(lazy).store(StateStore.inMemory()).build();
    LpaLink link = new LpaLink(euicc).open();

    // GetProfilesInfo (BF2D) and GetEID (BF3E): no key, no certificate
    assertThat(link.call(Fixture.Hex0.bytes("BF2D00"))).isNotEmpty();
    assertThat(link.call(Fixture.Hex0.bytes("BF3E035C015A"))).isNotEmpty();
    assertThat(euicc.eid()).isEqualTo(Fixture.IDENTITY.eid());
    assertThat(reads).hasValue(0);
    assertThat(lazy.loaded()).isFalse();

    // GetEUICCInfo1 (BF20) lists the CI PKIds: the credentials are read, once
    assertThat(link.call(Fixture.Hex0.bytes("BF2000"))).isNotEmpty();
    assertThat(link.call(Fixture.Hex0.bytes("BF2000"))).isNotEmpty();
    assertThat(reads).hasValue(1);
    assertThat(lazy.loaded()).isTrue();
    assertThat(lazy.curves()).isEqualTo(Fixture.IDENTITY.curves());
  }

  @Test
  void aPkiNamingAnotherEidIsRefusedByName() {
    Eid other = Eid.of("89049032123451234512345678909965");
    assertThat(other).isNotEqualTo(Fixture.IDENTITY.eid());
    EuiccIdentity lazy = EuiccIdentity.lazy(other, () -> Fixture.IDENTITY);
    assertThat(lazy.eid()).isEqualTo(other);
    assertThatThrownBy(lazy::ciPkIds)
        .isInstanceOf(PkiException.class)
        .hasMessageContaining("the card names EID " + other)
        .hasMessageContaining("its eUICC certificate names " + Fixture.IDENTITY.eid());
  }
}
