package org.rspharness.euicc.card;

import java.util.List;
import org.rspharness.core.fault.Fault;
import org.rspharness.core.fault.FaultPlan;
import org.rspharness.core.fault.FaultPoint;
import org.rspharness.core.fault.Layer;

/**
 * The card side of a {@link FaultPlan}: one {@link FaultPlan#begin} per ES10 command and the APDU
 * numbering within it, for {@link IsdRCard}; commands are grouped by {@link Es10Framing} (a STORE
 * DATA chain with its GET RESPONSEs is one command, LoadBoundProfilePackage all of the package's
 * chains, other APDUs one-APDU commands). APDUs that belong to no command pass without faults (the
 * card refuses them anyway).
 *
 * <p>Not thread-safe: called under the card's lock.
 */
final class CardFaults {

  /** One command in progress on a channel. */
  static final class Step {
    final FaultPlan.Exchange exchange;
    final int apdu;
    final int channel;

    Step(FaultPlan.Exchange exchange, int apdu, int channel) {
      this.exchange = exchange;
      this.apdu = apdu;
      this.channel = channel;
    }

    List<Fault> at(FaultPoint point) {
      return exchange.atApdu(point, apdu);
    }
  }

  private final FaultPlan plan;
  private final Es10Framing framing;
  private final FaultPlan.Exchange[] exchanges;

  CardFaults(FaultPlan plan, int channels) {
    this.plan = plan;
    this.framing = new Es10Framing(channels);
    this.exchanges = new FaultPlan.Exchange[channels];
  }

  /** The step {@code apdu} is, or null when it belongs to no command. */
  Step locate(byte[] apdu) {
    Es10Framing.Place place = framing.locate(apdu);
    if (place == null) {
      return null;
    }
    if (place.starts()) {
      exchanges[place.channel()] = plan.begin(Layer.CARD, place.name());
    }
    return new Step(exchanges[place.channel()], place.apdu(), place.channel());
  }

  /** Forgets every command in progress (card reset). */
  void reset() {
    framing.reset();
  }
}
