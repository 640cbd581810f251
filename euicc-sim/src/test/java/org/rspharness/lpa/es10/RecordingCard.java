package org.rspharness.lpa.es10;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.rspharness.euicc.card.Card;
import org.rspharness.euicc.card.Es10Dispatcher;
import org.rspharness.euicc.card.Es10Response;
import org.rspharness.euicc.card.IsdRCard;

/**
 * A card that records every command APDU before handing it to a delegate: by default the euicc-sim
 * APDU front end ({@link IsdRCard}) over a scripted ES10 handler, so tests see both the exact APDUs
 * and the reassembled ES10 commands.
 */
public final class RecordingCard implements Card {

  public final List<byte[]> apdus = new ArrayList<>();
  public final List<byte[]> es10Commands = new ArrayList<>();
  private final Card delegate;

  RecordingCard(Card delegate) {
    this.delegate = delegate;
  }

  /** A card whose ES10 side answers with {@code handler}. */
  public static RecordingCard scripted(Function<byte[], Es10Response> handler) {
    RecordingCard[] self = new RecordingCard[1];
    Es10Dispatcher d =
        command -> {
          self[0].es10Commands.add(command.clone());
          return handler.apply(command);
        };
    self[0] = new RecordingCard(new IsdRCard(d));
    return self[0];
  }

  @Override
  public byte[] transmit(byte[] commandApdu) {
    apdus.add(commandApdu.clone());
    return delegate.transmit(commandApdu);
  }

  @Override
  public void reset() {
    delegate.reset();
  }

  @Override
  public byte[] atr() {
    return delegate.atr();
  }

  /** STORE DATA APDUs only (INS E2). */
  List<byte[]> storeData() {
    return apdus.stream().filter(a -> (a[1] & 0xFF) == 0xE2).toList();
  }
}
