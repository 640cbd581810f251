package org.rspharness.euicc.es10;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.Der;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.util.Hex;
import org.rspharness.euicc.card.Es10Response;
import org.rspharness.euicc.config.EuiccIdentity.CurveCredentials;
import org.rspharness.euicc.notification.Notifications;
import org.rspharness.euicc.profile.ProfileInfos;
import org.rspharness.euicc.profile.ProfileMetadata;
import org.rspharness.euicc.store.EuiccState;
import org.rspharness.euicc.store.NotificationRecord;
import org.rspharness.euicc.store.ProfileRecord;

/**
 * SGP.22 section 5.7.15-5.7.21 (ES10c): profile listing and management, nickname, memory reset and
 * the EID. One profile is enabled at a time: enabling one disables the enabled one. Each change is
 * one atomic commit of profiles and their notifications.
 */
public final class Es10c {

  /** Result ok(0). */
  public static final int OK = 0;

  /** iccidOrAidNotFound(1) / iccidNotFound(1) / nothingToDelete(1). */
  public static final int NOT_FOUND = 1;

  /** profileNotInDisabledState(2) / profileNotInEnabledState(2). */
  public static final int WRONG_STATE = 2;

  /** disallowedByPolicy(3). */
  public static final int DISALLOWED_BY_POLICY = 3;

  private final CardContext ctx;

  /** Handlers over {@code ctx}. */
  public Es10c(CardContext ctx) {
    this.ctx = ctx;
  }

  /**
   * SGP.22 section 5.7.15 GetProfilesInfo: every profile or those matching the search criteria
   * (ISD-P AID, ICCID or profile class), with all data objects or those of the tag list.
   */
  public Es10Response getProfilesInfo(Tlv request) {
    Optional<Tlv> criteria = request.find(0xA0);
    byte[] tagList = request.find(0x5C).map(Tlv::value).orElse(null);
    Tlv criterion = null;
    if (criteria.isPresent()) {
      List<Tlv> c = criteria.get().children();
      if (c.size() != 1
          || (c.get(0).tag() != 0x4F && c.get(0).tag() != 0x5A && c.get(0).tag() != 0x95)) {
        return Es10Response.of(TlvBuilder.constructed(0xBF2D).add(0x81, Der.integer(1)).build());
      }
      criterion = c.get(0);
    }
    TlvBuilder list = TlvBuilder.constructed(0xA0);
    for (ProfileRecord p : ctx.state().profiles()) {
      if (criterion != null && !matches(p, criterion)) {
        continue;
      }
      list.addEncoded(ProfileInfos.build(p, tagList));
    }
    return Es10Response.of(TlvBuilder.constructed(0xBF2D).add(list).build());
  }

  private static boolean matches(ProfileRecord p, Tlv criterion) {
    switch (criterion.tag()) {
      case 0x4F:
        return p.isdpAid().equalsIgnoreCase(Hex.encode(criterion.value()));
      case 0x5A:
        return criterion.valueLength() == Iccid.EF_ICCID_LENGTH
            && p.iccid().equals(Iccid.fromEfIccidUnchecked(criterion.value()).value());
      default:
        return p.profileClass() == Der.intValue(criterion);
    }
  }

  /**
   * SGP.22 section 5.7.16 EnableProfile: iccidOrAidNotFound(1), profileNotInDisabledState(2),
   * disallowedByPolicy(3) when the enabled profile has PPR1; otherwise the enabled profile is
   * disabled and the target enabled, with their notifications.
   */
  public Es10Response enableProfile(Tlv request) {
    Optional<ProfileRecord> target = find(request.get(0xA0).child(0));
    Der.booleanValue(request.get(0x81));
    int result;
    if (target.isEmpty()) {
      result = NOT_FOUND;
    } else if (target.get().enabled()) {
      result = WRONG_STATE;
    } else {
      Optional<ProfileRecord> current =
          ctx.state().profiles().stream().filter(ProfileRecord::enabled).findFirst();
      if (current.isPresent() && current.get().ppr1()) {
        result = DISALLOWED_BY_POLICY;
      } else {
        EuiccState next = ctx.state();
        if (current.isPresent()) {
          next = next.updateProfile(current.get().iccid(), p -> p.withEnabled(false));
          next = notify(next, NotificationOperation.DISABLE, current.get());
        }
        next = next.updateProfile(target.get().iccid(), p -> p.withEnabled(true));
        next = notify(next, NotificationOperation.ENABLE, target.get());
        ctx.commit(next);
        current.ifPresent(
            c -> ctx.transition("profile", c.iccid(), "enabled", "disabled", "EnableProfile"));
        ctx.transition("profile", target.get().iccid(), "disabled", "enabled", "EnableProfile");
        result = OK;
      }
    }
    return Es10Response.of(TlvBuilder.constructed(0xBF31).add(0x80, Der.integer(result)).build());
  }

  /**
   * SGP.22 section 5.7.17 DisableProfile: iccidOrAidNotFound(1), profileNotInEnabledState(2),
   * disallowedByPolicy(3) for PPR1.
   */
  public Es10Response disableProfile(Tlv request) {
    Optional<ProfileRecord> target = find(request.get(0xA0).child(0));
    Der.booleanValue(request.get(0x81));
    int result;
    if (target.isEmpty()) {
      result = NOT_FOUND;
    } else if (!target.get().enabled()) {
      result = WRONG_STATE;
    } else if (target.get().ppr1()) {
      result = DISALLOWED_BY_POLICY;
    } else {
      EuiccState next = ctx.state().updateProfile(target.get().iccid(), p -> p.withEnabled(false));
      ctx.commit(notify(next, NotificationOperation.DISABLE, target.get()));
      ctx.transition("profile", target.get().iccid(), "enabled", "disabled", "DisableProfile");
      result = OK;
    }
    return Es10Response.of(TlvBuilder.constructed(0xBF32).add(0x80, Der.integer(result)).build());
  }

  /**
   * SGP.22 section 5.7.18 DeleteProfile: iccidOrAidNotFound(1), profileNotInDisabledState(2),
   * disallowedByPolicy(3) for PPR2.
   */
  public Es10Response deleteProfile(Tlv request) {
    Optional<ProfileRecord> target = find(request.child(0));
    int result;
    if (target.isEmpty()) {
      result = NOT_FOUND;
    } else if (target.get().enabled()) {
      result = WRONG_STATE;
    } else if (target.get().ppr2()) {
      result = DISALLOWED_BY_POLICY;
    } else {
      List<ProfileRecord> kept = new ArrayList<>(ctx.state().profiles());
      kept.removeIf(p -> p.iccid().equals(target.get().iccid()));
      EuiccState next = ctx.state().withProfiles(kept);
      ctx.commit(notify(next, NotificationOperation.DELETE, target.get()));
      ctx.transition("profile", target.get().iccid(), "disabled", "deleted", "DeleteProfile");
      result = OK;
    }
    return Es10Response.of(TlvBuilder.constructed(0xBF33).add(0x80, Der.integer(result)).build());
  }

  /**
   * SGP.22 section 5.7.19 eUICCMemoryReset: deletes operational and/or test profiles (whatever
   * their state and PPRs) and/or resets the default SM-DP+ address; nothingToDelete(1) when nothing
   * changed. No notifications are generated; pending ones are kept.
   */
  public Es10Response euiccMemoryReset(Tlv request) {
    byte[] options = request.get(0x82).value();
    boolean operational = Der.bit(options, 0);
    boolean test = Der.bit(options, 1);
    boolean address = Der.bit(options, 2);
    EuiccState state = ctx.state();
    List<ProfileRecord> kept = new ArrayList<>();
    boolean changed = false;
    for (ProfileRecord p : state.profiles()) {
      boolean delete = (operational && p.profileClass() == 2) || (test && p.profileClass() == 0);
      if (delete) {
        changed = true;
        ctx.transition(
            "profile",
            p.iccid(),
            p.enabled() ? "enabled" : "disabled",
            "deleted",
            "eUICCMemoryReset");
      } else {
        kept.add(p);
      }
    }
    EuiccState next = state.withProfiles(kept);
    if (address) {
      String factory = ctx.config().defaultSmdpAddress();
      if (!java.util.Objects.equals(factory, state.defaultDpAddress())) {
        changed = true;
      }
      next = next.withDefaultDpAddress(factory);
    }
    if (changed) {
      ctx.commit(next);
    }
    return Es10Response.of(
        TlvBuilder.constructed(0xBF34).add(0x80, Der.integer(changed ? OK : NOT_FOUND)).build());
  }

  /** SGP.22 section 5.7.20 GetEID: 'BF3E' { 5A EID }. */
  public Es10Response getEid(Tlv request) {
    Optional<Tlv> tags = request.find(0x5C);
    if (tags.isPresent() && (tags.get().valueLength() != 1 || tags.get().value()[0] != 0x5A)) {
      return Es10Response.status(org.rspharness.euicc.card.StatusWord.WRONG_DATA);
    }
    return Es10Response.of(
        TlvBuilder.constructed(0xBF3E).add(0x5A, ctx.identity().eidBytes()).build());
  }

  /** SGP.22 section 5.7.21 SetNickname: ok(0) or iccidNotFound(1). */
  public Es10Response setNickname(Tlv request) {
    Tlv iccidTlv = request.get(0x5A);
    String nickname = Der.utf8Value(request.get(0x90));
    if (nickname.length() > 64) {
      throw new CodecException("profileNickname longer than 64 characters", "tag 90");
    }
    Optional<ProfileRecord> target = find(iccidTlv);
    int result = NOT_FOUND;
    if (target.isPresent()) {
      ctx.commit(
          ctx.state()
              .updateProfile(
                  target.get().iccid(), p -> p.withNickname(nickname.isEmpty() ? null : nickname)));
      result = OK;
    }
    return Es10Response.of(TlvBuilder.constructed(0xBF29).add(0x80, Der.integer(result)).build());
  }

  private Optional<ProfileRecord> find(Tlv identifier) {
    if (identifier.tag() == 0x4F) {
      return ctx.state().profileByAid(Hex.encode(identifier.value()));
    }
    if (identifier.tag() == 0x5A) {
      if (identifier.valueLength() != Iccid.EF_ICCID_LENGTH) {
        return Optional.empty();
      }
      return ctx.state().profileByIccid(Iccid.fromEfIccidUnchecked(identifier.value()).value());
    }
    throw new CodecException(
        "profile identifier must be 4F or 5A, found " + identifier.tagHex(),
        "offset " + identifier.offset());
  }

  /**
   * SGP.22 section 3.5: the signed notification of {@code event} for {@code profile}, added to
   * {@code state} when the profile's metadata configures an address for that event.
   */
  private EuiccState notify(EuiccState state, NotificationOperation event, ProfileRecord profile) {
    ProfileMetadata metadata = ProfileMetadata.parse(Hex.decode(profile.metadata()));
    Optional<String> address = metadata.notificationAddress(event.bit());
    if (address.isEmpty()) {
      return state;
    }
    int seq = state.nextSeqNumber();
    byte[] tbs =
        Notifications.metadata(seq, event, address.get(), metadata.tlv().get(0x5A).value());
    CurveCredentials cred =
        ctx.identity().credentials(ctx.identity().curves().iterator().next()).orElseThrow();
    NotificationRecord n =
        Notifications.sign(seq, event, address.get(), profile.iccid(), tbs, cred, ctx.random());
    ctx.transition("notification", String.valueOf(seq), "none", "pending", event.name());
    return state.addNotification(n);
  }
}
