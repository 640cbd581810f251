package org.rspharness.euicc.es10;

import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.euicc.card.Es10Response;

/** SGP.22 section 5.7.3-5.7.4: ES10a, the configured SM-DP+ and SM-DS addresses. */
public final class Es10a {

  private final CardContext ctx;

  /** Handlers over {@code ctx}. */
  public Es10a(CardContext ctx) {
    this.ctx = ctx;
  }

  /**
   * SGP.22 section 5.7.3 GetEuiccConfiguredAddresses: 'BF3C' { 80 defaultDpAddress?, 81
   * rootDsAddress }.
   */
  public Es10Response getEuiccConfiguredAddresses(Tlv request) {
    TlvBuilder b = TlvBuilder.constructed(0xBF3C);
    String dp = ctx.state().defaultDpAddress();
    if (dp != null) {
      b.addEncoded(Der.utf8(0x80, dp));
    }
    b.addEncoded(Der.utf8(0x81, ctx.state().rootDsAddress()));
    return Es10Response.of(b.build());
  }

  /**
   * SGP.22 section 5.7.4 SetDefaultDpAddress: replaces (an empty address clears) the default SM-DP+
   * address; answers 'BF3F' { 80 ok(0) }.
   */
  public Es10Response setDefaultDpAddress(Tlv request) {
    String address = Der.utf8Value(request.get(0x80)).trim();
    String old = ctx.state().defaultDpAddress();
    ctx.commit(ctx.state().withDefaultDpAddress(address.isEmpty() ? null : address));
    ctx.transition(
        "defaultDpAddress", "isd-r", String.valueOf(old), address, "SetDefaultDpAddress");
    return Es10Response.of(TlvBuilder.constructed(0xBF3F).add(0x80, Der.integer(0)).build());
  }
}
