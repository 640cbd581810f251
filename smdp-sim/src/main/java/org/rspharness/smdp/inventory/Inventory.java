package org.rspharness.smdp.inventory;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import org.rspharness.core.asn1.NotificationOperation;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.util.YamlMessages;
import org.rspharness.smdp.bpp.PackageTemplate;
import org.rspharness.smdp.bpp.ProfilePackages;
import org.rspharness.smdp.order.NotificationTarget;
import org.rspharness.smdp.order.Order;
import org.rspharness.smdp.order.OrderMetadata;
import org.rspharness.smdp.order.ProfileState;

/**
 * Loads the profiles an SM-DP+ starts from, from a YAML file:
 *
 * <pre>
 * profiles:
 *   - iccid: "8900000000000000001"         # or a pool, below
 *     profileType: ts48v2
 *     profilePackage: ../shared/reference/profiles/TS48v2_SAIP2.3_NoBERTLV.der
 *     state: Released                      # SGP.22 name; default Available
 *     matchingId: ABC-123
 *     confirmationCode: "1234"
 *     maxConfirmationCodeAttempts: 3
 *     maxDownloadAttempts: 5
 *     downloadAttemptsUsed: 0              # 5 with maxDownloadAttempts 5: retries exceeded
 *     expiry: 2030-01-01T00:00:00Z
 *     reusable: true
 *     pprs: [1]
 *     metadata:
 *       serviceProviderName: RSP Harness
 *       profileName: TS.48 v2
 *       profileClass: operational
 *       profileOwner: 00F110                 # MCC/MNC (TS 24.008 coding), needed with pprs
 *       notifications:
 *         - operations: [install, delete]
 *           address: smdp.example.com
 *   - pool: {prefix: "89882470000", count: 100}
 *     profileType: lab
 *     profilePackage: generated             # a minimal ProfileHeader + PE-MF + PE-End package
 * </pre>
 *
 * Every profile package is personalised with its ICCID ({@link ProfilePackages#withIccid}). A typo
 * gives one line: {@code inventory.yaml:7:5: unknown field 'matchingID' in profiles[0]; expected
 * one of [...]}.
 */
public final class Inventory {

  /** The {@code profilePackage} value asking for {@link ProfilePackages#minimal}. */
  public static final String GENERATED = "generated";

  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, true)
          .configure(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY, false);

  private Inventory() {}

  /** Reads {@code file} into orders (packages are read and personalised on first use). */
  public static List<Order> load(Path file) {
    return load(file, false);
  }

  /**
   * As {@link #load(Path)}; {@code lenientIds} (the lenient-identifiers quirk) accepts ICCIDs
   * failing Luhn, EIDs with wrong check digits and matchingIds outside the SGP.22 alphabet.
   */
  public static List<Order> load(Path file, boolean lenientIds) {
    InventoryFile parsed;
    byte[] bytes = null;
    try {
      bytes = Files.readAllBytes(file);
      parsed = YAML.readValue(bytes, InventoryFile.class);
    } catch (NoSuchFileException e) {
      throw new InventoryException(file + ": inventory file not found");
    } catch (UnrecognizedPropertyException e) {
      throw new InventoryException(
          whereKey(file, bytes, e.getPropertyName(), e.getLocation())
              + "unknown field '"
              + e.getPropertyName()
              + "' in "
              + path(e)
              + "; expected one of "
              + e.getKnownPropertyIds(),
          e);
    } catch (JsonMappingException e) {
      throw new InventoryException(
          where(file, e.getLocation())
              + "field "
              + path(e)
              + ": "
              + firstLine(e.getOriginalMessage()),
          e);
    } catch (JsonProcessingException e) {
      YamlMessages.Detail d = YamlMessages.of(e.getOriginalMessage());
      throw new InventoryException(
          (d.line() > 0
                  ? file + ":" + d.line() + ":" + d.column() + ": "
                  : where(file, e.getLocation()))
              + "not valid YAML: "
              + d.text(),
          e);
    } catch (IOException e) {
      throw new InventoryException(file + ": cannot read: " + e.getMessage(), e);
    }
    if (parsed == null || parsed.profiles() == null) {
      throw new InventoryException(file + ":1:1: field 'profiles' missing: expected a list");
    }
    Path base = file.toAbsolutePath().getParent();
    List<Order> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < parsed.profiles().size(); i++) {
      String at = file + ": profiles[" + i + "]";
      try {
        for (Order o : orders(parsed.profiles().get(i), base, lenientIds)) {
          if (!seen.add(o.iccid().value())) {
            throw new IllegalArgumentException("iccid: " + o.iccid().value() + " appears twice");
          }
          out.add(o);
        }
      } catch (IllegalArgumentException | CodecException e) {
        throw new InventoryException(at + ": " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The orders of one entry (one, or a pool's worth). */
  static List<Order> orders(InventoryFile.Entry e, Path base, boolean lenientIds) {
    if (e.profileType() == null || e.profileType().isBlank()) {
      throw new IllegalArgumentException("profileType: missing, expected a profile type name");
    }
    if ((e.iccid() == null) == (e.pool() == null)) {
      throw new IllegalArgumentException("iccid/pool: expected exactly one of them");
    }
    List<Iccid> iccids = new ArrayList<>();
    if (e.iccid() != null) {
      iccids.add(lenientIds ? Iccid.ofUnchecked(e.iccid()) : Iccid.of(e.iccid()));
    } else {
      iccids.addAll(pool(e.pool()));
    }
    if (iccids.size() > 1 && (e.matchingId() != null || e.smdsEventId() != null)) {
      throw new IllegalArgumentException("matchingId/smdsEventId: not allowed on a pool");
    }
    Supplier<PackageTemplate> source = source(e.profilePackage(), e.profileType(), base);
    List<Order> out = new ArrayList<>();
    for (Iccid iccid : iccids) {
      Order.Builder b = Order.builder(iccid, e.profileType());
      if (e.state() != null) {
        b.state(ProfileState.parse(e.state()));
      }
      if (e.eid() != null) {
        b.eid(lenientIds ? Eid.ofUnchecked(e.eid()) : Eid.of(e.eid()));
      }
      if (e.matchingId() != null) {
        b.matchingId(
            lenientIds ? MatchingId.ofLenient(e.matchingId()) : MatchingId.of(e.matchingId()));
      }
      if (e.confirmationCode() != null) {
        b.confirmationCode(e.confirmationCode());
      }
      if (e.maxConfirmationCodeAttempts() != null) {
        b.maxCcAttempts(e.maxConfirmationCodeAttempts());
      }
      if (e.maxDownloadAttempts() != null) {
        b.maxDownloadAttempts(e.maxDownloadAttempts());
      }
      if (e.downloadAttemptsUsed() != null) {
        b.downloadAttemptsUsed(e.downloadAttemptsUsed());
      }
      if (e.expiry() != null) {
        try {
          b.expiry(Instant.parse(e.expiry()));
        } catch (DateTimeParseException ex) {
          throw new IllegalArgumentException(
              "expiry: '" + e.expiry() + "' is not an ISO-8601 instant (2030-01-01T00:00:00Z)");
        }
      }
      b.reusable(Boolean.TRUE.equals(e.reusable()));
      b.defaultSmdp(Boolean.TRUE.equals(e.defaultSmdp()));
      if (e.pprs() != null) {
        b.pprs(Set.copyOf(e.pprs()));
      }
      if (e.smdsEventId() != null) {
        b.smdsEventId(e.smdsEventId());
      }
      b.metadata(metadata(e.metadata()));
      b.profilePackage(() -> source.get().withIccid(iccid));
      out.add(b.build());
    }
    return out;
  }

  private static List<Iccid> pool(InventoryFile.Pool p) {
    if (p.prefix() == null || !p.prefix().matches("[0-9]{2,18}")) {
      throw new IllegalArgumentException("pool.prefix: expected 2 to 18 digits");
    }
    if (p.count() == null || p.count() < 1) {
      throw new IllegalArgumentException("pool.count: expected a positive count");
    }
    int length = p.length() == null ? 19 : p.length();
    if (length != 19 && length != 20) {
      throw new IllegalArgumentException("pool.length: expected 19 or 20");
    }
    int counterDigits = length - 1 - p.prefix().length();
    if (counterDigits < 1) {
      throw new IllegalArgumentException("pool.prefix: too long for length " + length);
    }
    long start = p.start() == null ? 0 : p.start();
    long max = (long) Math.pow(10, Math.min(counterDigits, 18));
    if (start < 0 || start + p.count() > max) {
      throw new IllegalArgumentException(
          "pool.count: "
              + p.count()
              + " from "
              + start
              + " does not fit "
              + counterDigits
              + " digits");
    }
    List<Iccid> out = new ArrayList<>(p.count());
    for (long i = 0; i < p.count(); i++) {
      String counter = String.format("%0" + counterDigits + "d", start + i);
      out.add(Iccid.withCheckDigit(p.prefix() + counter));
    }
    return out;
  }

  private static Supplier<PackageTemplate> source(String pkg, String profileType, Path base) {
    if (pkg == null || pkg.equals(GENERATED)) {
      // a placeholder ICCID; the template writes the order's own
      PackageTemplate[] made = {null};
      return () -> {
        synchronized (made) {
          if (made[0] == null) {
            made[0] =
                PackageTemplate.of(
                    ProfilePackages.minimal(
                        Iccid.withCheckDigit("890000000000000000"), profileType));
          }
          return made[0];
        }
      };
    }
    Path path = base == null ? Path.of(pkg) : base.resolve(pkg);
    if (!Files.isRegularFile(path)) {
      throw new IllegalArgumentException("profilePackage: file " + path + " not found");
    }
    return new CachedFile(path);
  }

  /**
   * A package file read once and again only when its size or modification time changes: each order
   * of a pool or an inventory sharing one file (a TS.48 package, say) personalises it at its first
   * download, by patching the ICCID into the template ({@link PackageTemplate}).
   */
  private static final class CachedFile implements Supplier<PackageTemplate> {
    private final Path path;
    private volatile Snapshot last;

    private record Snapshot(
        long size, java.nio.file.attribute.FileTime modified, PackageTemplate template) {}

    CachedFile(Path path) {
      this.path = path;
    }

    @Override
    public PackageTemplate get() {
      try {
        java.nio.file.attribute.BasicFileAttributes a =
            Files.readAttributes(path, java.nio.file.attribute.BasicFileAttributes.class);
        Snapshot s = last;
        if (s == null || s.size() != a.size() || !s.modified().equals(a.lastModifiedTime())) {
          s =
              new Snapshot(
                  a.size(), a.lastModifiedTime(), PackageTemplate.of(Files.readAllBytes(path)));
          last = s;
        }
        return s.template();
      } catch (IOException ex) {
        throw new IllegalStateException("profilePackage: cannot read " + path, ex);
      }
    }
  }

  private static OrderMetadata metadata(InventoryFile.Metadata m) {
    if (m == null) {
      return OrderMetadata.of("RSP Harness", "Test profile");
    }
    List<NotificationTarget> targets = new ArrayList<>();
    if (m.notifications() != null) {
      for (InventoryFile.Notification n : m.notifications()) {
        EnumSet<NotificationOperation> ops = EnumSet.noneOf(NotificationOperation.class);
        for (String op : n.operations() == null ? List.<String>of() : n.operations()) {
          try {
            ops.add(NotificationOperation.valueOf(op.toUpperCase(Locale.ROOT)));
          } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(
                "metadata.notifications.operations: '"
                    + op
                    + "' is not install, enable, disable or delete");
          }
        }
        targets.add(new NotificationTarget(ops, n.address()));
      }
    }
    return new OrderMetadata(
        m.serviceProviderName(),
        m.profileName(),
        m.profileClass(),
        m.iconType(),
        m.icon(),
        targets,
        m.profileOwner());
  }

  /**
   * Jackson reports an unknown field where it stopped reading (after its value); point at the key
   * itself: the last line at or before that position whose key is {@code name}.
   */
  private static String whereKey(Path file, byte[] bytes, String name, JsonLocation loc) {
    if (bytes == null || loc == null || name == null) {
      return where(file, loc);
    }
    String[] lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\n", -1);
    java.util.regex.Pattern key =
        java.util.regex.Pattern.compile(
            "^(\\s*(?:-\\s+)?)" + java.util.regex.Pattern.quote(name) + "\\s*:");
    for (int i = Math.min(loc.getLineNr(), lines.length) - 1; i >= 0; i--) {
      java.util.regex.Matcher m = key.matcher(lines[i]);
      if (m.find()) {
        return file + ":" + (i + 1) + ":" + (m.group(1).length() + 1) + ": ";
      }
    }
    return where(file, loc);
  }

  private static String where(Path file, JsonLocation loc) {
    if (loc == null) {
      return file + ": ";
    }
    return file + ":" + loc.getLineNr() + ":" + loc.getColumnNr() + ": ";
  }

  private static String path(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 ? "(document)" : "'" + sb + "'";
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "invalid value";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
