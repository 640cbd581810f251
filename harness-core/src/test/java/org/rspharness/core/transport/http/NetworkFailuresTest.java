package org.rspharness.core.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class NetworkFailuresTest {

  @Test
  void networkFailuresNameWhatFailedAndTheFix() {
    assertThat(
            NetworkFailures.diagnose(
                    new UnknownHostException("smdp.example"), "smdp.example", "smdp.example:443")
                .orElseThrow()
                .line())
        .startsWith("DNS: cannot resolve smdp.example; fix: ")
        .contains("--resolve");
    assertThat(
            NetworkFailures.diagnose(new ConnectException("Connection refused"), "h", "127.0.0.1:1")
                .orElseThrow()
                .line())
        .startsWith("connect: 127.0.0.1:1 refused the connection")
        .contains("fix: ");
    NetworkFailures.Diagnosis tls =
        NetworkFailures.diagnose(
                new SSLHandshakeException("Received fatal alert: handshake_failure"), "h", "h:1")
            .orElseThrow();
    assertThat(tls.code()).isEqualTo("tls");
    assertThat(tls.what()).contains("alert handshake_failure");
    assertThat(tls.fix()).contains("cipher suite");
  }
}
