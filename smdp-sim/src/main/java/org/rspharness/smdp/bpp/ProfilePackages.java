package org.rspharness.smdp.bpp;

import com.beanit.asn1bean.ber.types.BerOctetString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rspharness.asn1.saip.File;
import org.rspharness.asn1.saip.PEMF;
import org.rspharness.asn1.saip.ProfileElement;
import org.rspharness.asn1.saip.ProfileHeader;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.tlv.TlvBuilder;

/**
 * SGP.22 section 2.5.2 (Unprotected Profile Package, TCA eUICC Profile Package format): reading a
 * UPP (ProfileElement after ProfileElement), its ICCID, personalising the ICCID, and a minimal
 * generated package.
 *
 * <p>The ICCID lives in two places that must agree: the ProfileHeader's {@code iccid} (tag 83),
 * plain BCD in reading order padded with F ({@code 89 00 01 ..}), and the content of EF.ICCID in
 * PE-MF, nibble-swapped like the file on a card ({@code 98 00 10 ..}, {@link Iccid#toEfIccid()}).
 */
public final class ProfilePackages {

  /** The MF template of the TCA format, 2.23.143.1.2.1 (DER content octets). */
  private static final byte[] MF_TEMPLATE_OID = {0x67, (byte) 0x81, 0x0F, 0x01, 0x02, 0x01};

  private ProfilePackages() {}

  /** Decodes a UPP strictly into its profile elements. */
  public static List<ProfileElement> decode(byte[] upp) {
    if (upp == null || upp.length == 0) {
      throw new CodecException("profile package: empty", "offset 0");
    }
    List<ProfileElement> pes = Asn1Codec.decodeAll(upp, ProfileElement::new);
    if (pes.get(0).getHeader() == null) {
      throw new CodecException(
          "profile package: first element is not a ProfileHeader (tag A0)", "offset 0");
    }
    return pes;
  }

  /** Reads a UPP file and checks that it decodes. */
  public static byte[] read(Path file) throws IOException {
    byte[] upp = Files.readAllBytes(file);
    decode(upp);
    return upp;
  }

  /** Encodes profile elements back into a UPP. */
  public static byte[] encode(List<ProfileElement> pes) {
    return Asn1Codec.encodeAll(pes);
  }

  /** The ICCID of the ProfileHeader (plain BCD), without the Luhn check (real profiles vary). */
  public static Iccid headerIccid(byte[] upp) {
    return headerIccid(decode(upp));
  }

  /** The ICCID of the ProfileHeader of decoded elements. */
  public static Iccid headerIccid(List<ProfileElement> pes) {
    byte[] bcd = header(pes).getIccid().value;
    StringBuilder digits = new StringBuilder(20);
    boolean padding = false;
    for (byte b : bcd) {
      for (int nibble : new int[] {(b >> 4) & 0xF, b & 0xF}) {
        if (nibble == 0xF) {
          padding = true;
        } else if (padding || nibble > 9) {
          throw new CodecException(
              "ProfileHeader iccid: not plain BCD padded with F", "ProfileHeader.iccid");
        } else {
          digits.append((char) ('0' + nibble));
        }
      }
    }
    try {
      return Iccid.ofUnchecked(digits.toString());
    } catch (IllegalArgumentException e) {
      throw new CodecException("ProfileHeader iccid: " + e.getMessage(), "ProfileHeader.iccid");
    }
  }

  /** The ICCID held in EF.ICCID of PE-MF (nibble-swapped), if the package has one. */
  public static Optional<Iccid> efIccid(byte[] upp) {
    return efIccid(decode(upp));
  }

  /** The ICCID held in EF.ICCID of decoded elements, if any. */
  public static Optional<Iccid> efIccid(List<ProfileElement> pes) {
    return efIccidFile(pes)
        .flatMap(
            f ->
                f.getCHOICE().stream()
                    .filter(c -> c.getFillFileContent() != null)
                    .findFirst()
                    .map(c -> c.getFillFileContent().value))
        .map(
            content -> {
              try {
                return Iccid.fromEfIccidUnchecked(content);
              } catch (IllegalArgumentException e) {
                throw new CodecException("EF.ICCID: " + e.getMessage(), "PE-MF.ef-iccid");
              }
            });
  }

  /**
   * Personalises the ICCID: the ProfileHeader's iccid and EF.ICCID's content (when the package has
   * PE-MF), every other byte kept.
   */
  public static byte[] withIccid(byte[] upp, Iccid iccid) {
    List<ProfileElement> pes = decode(upp);
    header(pes).setIccid(new BerOctetString(plainBcd(iccid)));
    Optional<File> ef = efIccidFile(pes);
    if (ef.isPresent()) {
      List<File.CHOICE> choices = ef.get().getCHOICE();
      Optional<File.CHOICE> content =
          choices.stream().filter(c -> c.getFillFileContent() != null).findFirst();
      if (content.isPresent()) {
        content.get().setFillFileContent(new BerOctetString(iccid.toEfIccid()));
      } else {
        File.CHOICE c = new File.CHOICE();
        c.setFillFileContent(new BerOctetString(iccid.toEfIccid()));
        choices.add(c);
      }
    }
    return encode(new ArrayList<>(pes));
  }

  /** A minimal valid package for {@code iccid}: ProfileHeader, PE-MF with EF.ICCID, PE-End. */
  public static byte[] minimal(Iccid iccid) {
    return minimal(iccid, "RSP Harness minimal profile");
  }

  /**
   * A minimal valid package: ProfileHeader (version 2.3, profileType, ICCID, no mandatory services,
   * the MF template as mandatory GFSTE), PE-MF with the template's MF, EF.ICCID holding the ICCID,
   * EF.DIR and EF.ARR as the template defines them, and PE-End.
   */
  public static byte[] minimal(Iccid iccid, String profileType) {
    if (iccid == null) {
      throw new IllegalArgumentException("iccid: missing");
    }
    byte[] type = profileType.getBytes(StandardCharsets.UTF_8);
    if (type.length < 1 || type.length > 100) {
      throw new IllegalArgumentException("profileType: 1 to 100 UTF-8 bytes expected");
    }
    byte[] header =
        TlvBuilder.constructed(0xA0)
            .add(0x80, new byte[] {2})
            .add(0x81, new byte[] {3})
            .add(0x82, type)
            .add(0x83, plainBcd(iccid))
            .add(0xA5, new byte[0])
            .add(TlvBuilder.constructed(0xA6).add(0x06, MF_TEMPLATE_OID))
            .build();
    byte[] mf =
        TlvBuilder.constructed(0xB0)
            .add(TlvBuilder.constructed(0xA0).add(0x80, new byte[0]).add(0x81, new byte[] {1}))
            .add(0x81, MF_TEMPLATE_OID)
            .add(0xA2, new byte[0])
            .add(TlvBuilder.constructed(0xA4).add(0x83, iccid.toEfIccid()))
            .add(0xA5, new byte[0])
            .add(0xA6, new byte[0])
            .build();
    byte[] end =
        TlvBuilder.constructed(0xAA)
            .add(TlvBuilder.constructed(0xA0).add(0x80, new byte[0]).add(0x81, new byte[] {2}))
            .build();
    byte[] upp = new byte[header.length + mf.length + end.length];
    System.arraycopy(header, 0, upp, 0, header.length);
    System.arraycopy(mf, 0, upp, header.length, mf.length);
    System.arraycopy(end, 0, upp, header.length + mf.length, end.length);
    return upp;
  }

  /** The ICCID as the ProfileHeader carries it: digits in order, padded with F to 10 bytes. */
  public static byte[] plainBcd(Iccid iccid) {
    String v = iccid.value();
    byte[] out = new byte[Iccid.EF_ICCID_LENGTH];
    for (int i = 0; i < out.length; i++) {
      int hi = 2 * i < v.length() ? v.charAt(2 * i) - '0' : 0xF;
      int lo = 2 * i + 1 < v.length() ? v.charAt(2 * i + 1) - '0' : 0xF;
      out[i] = (byte) ((hi << 4) | lo);
    }
    return out;
  }

  private static ProfileHeader header(List<ProfileElement> pes) {
    ProfileHeader h = pes.isEmpty() ? null : pes.get(0).getHeader();
    if (h == null) {
      throw new CodecException(
          "profile package: first element is not a ProfileHeader (tag A0)", "offset 0");
    }
    return h;
  }

  private static Optional<File> efIccidFile(List<ProfileElement> pes) {
    return pes.stream()
        .map(ProfileElement::getMf)
        .filter(m -> m != null)
        .findFirst()
        .map(PEMF::getEfIccid);
  }
}
