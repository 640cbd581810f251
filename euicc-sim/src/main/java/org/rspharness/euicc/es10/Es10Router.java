package org.rspharness.euicc.es10;

import org.rspharness.core.codec.CodecException;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.euicc.card.Es10Dispatcher;
import org.rspharness.euicc.card.Es10Response;
import org.rspharness.euicc.card.StatusWord;

/**
 * SGP.22 section 5.7: routes each reassembled STORE DATA payload by its ES10 tag to {@link Es10a},
 * {@link Es10b} or {@link Es10c}, Bound Profile Package segments included ({@link
 * Es10b#loadBoundProfilePackage}). Any other command during a package load interrupts it (SGP.22:
 * the installation fails with installFailedDueToInterruption).
 *
 * <p>Unknown tags, and BPP segments with no load in progress (e.g. after an early
 * ProfileInstallationResult), are answered 6A88; a request that is not well-formed 6A80.
 */
public final class Es10Router implements Es10Dispatcher {

  private final CardContext ctx;
  private final Es10a es10a;
  private final Es10b es10b;
  private final Es10c es10c;

  /** A router over {@code ctx}. */
  public Es10Router(CardContext ctx) {
    this.ctx = ctx;
    this.es10a = new Es10a(ctx);
    this.es10b = new Es10b(ctx);
    this.es10c = new Es10c(ctx);
  }

  /** The ES10b handlers (for the Java API, e.g. EUICCInfo1 without APDUs). */
  public Es10b es10b() {
    return es10b;
  }

  @Override
  public Es10Response handle(byte[] command) {
    Tlv.Header header;
    try {
      header = Tlv.header(command, 0, command.length);
    } catch (CodecException e) {
      return Es10Response.status(StatusWord.WRONG_DATA);
    }
    int tag = header.tag();
    RspSession session = ctx.sessionOrNull();
    LoadBoundProfilePackage loader = session == null ? null : session.loader();
    try {
      if (isBppSegment(tag)) {
        return es10b.loadBoundProfilePackage(tag, command);
      }
      if (loader != null) {
        interrupt(loader, tag == 0xBF41);
      }
      Tlv request = Tlv.parse(command);
      request.requireWellFormedTree();
      return route(tag, request);
    } catch (CodecException | IllegalArgumentException e) {
      // Malformed or out-of-range request data (e.g. an ICCID with non-digit nibbles).
      return Es10Response.status(StatusWord.WRONG_DATA);
    }
  }

  private void interrupt(LoadBoundProfilePackage loader, boolean keepSessionForCancel) {
    RspSession session = ctx.sessionOrNull();
    loader.interrupt();
    if (keepSessionForCancel && session != null) {
      // CancelSession right after an interrupted load still names the session; let it sign.
      session.loader(null);
      ctx.restoreSession(session);
    }
  }

  private Es10Response route(int tag, Tlv request) {
    return switch (tag) {
      case 0xBF3C -> es10a.getEuiccConfiguredAddresses(request);
      case 0xBF3F -> es10a.setDefaultDpAddress(request);
      case 0xBF2E -> es10b.getEuiccChallenge(request);
      case 0xBF20 -> es10b.getEuiccInfo1(request);
      case 0xBF22 -> es10b.getEuiccInfo2(request);
      case 0xBF38 -> es10b.authenticateServer(request);
      case 0xBF21 -> es10b.prepareDownload(request);
      case 0xBF41 -> es10b.cancelSession(request);
      case 0xBF28 -> es10b.listNotification(request);
      case 0xBF2B -> es10b.retrieveNotificationsList(request);
      case 0xBF30 -> es10b.notificationSent(request);
      case 0xBF43 -> es10b.getRat(request);
      case 0xBF2D -> es10c.getProfilesInfo(request);
      case 0xBF31 -> es10c.enableProfile(request);
      case 0xBF32 -> es10c.disableProfile(request);
      case 0xBF33 -> es10c.deleteProfile(request);
      case 0xBF34 -> es10c.euiccMemoryReset(request);
      case 0xBF3E -> es10c.getEid(request);
      case 0xBF29 -> es10c.setNickname(request);
      default -> Es10Response.status(StatusWord.REFERENCED_DATA_NOT_FOUND);
    };
  }

  private static boolean isBppSegment(int tag) {
    return tag == 0xBF36 || org.rspharness.euicc.card.Es10CommandNames.continuesPackage(tag);
  }

  /** SGP.22: a power cycle drops the RSP session; a load in progress fails by interruption. */
  @Override
  public void onCardReset() {
    RspSession session = ctx.sessionOrNull();
    if (session != null && session.loader() != null) {
      session.loader().interrupt();
    }
    ctx.endSession();
    ctx.memoryFull(false);
  }

  @Override
  public void memoryFull(boolean full) {
    ctx.memoryFull(full);
  }
}
