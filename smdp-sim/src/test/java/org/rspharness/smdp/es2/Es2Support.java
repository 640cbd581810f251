package org.rspharness.smdp.es2;

import static org.assertj.core.api.Assertions.assertThat;

import org.rspharness.core.message.RequestHeader;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.status.StatusCode;

final class Es2Support {

  static final RequestHeader HEADER = new RequestHeader("operator-1", "call-1");

  private Es2Support() {}

  static void assertFailed(ResponseHeader h, StatusCode code) {
    assertThat(h.executed()).isFalse();
    var d = h.functionExecutionStatus().statusCodeData();
    assertThat(d.subjectCode() + "/" + d.reasonCode()).isEqualTo(code.key());
  }
}
