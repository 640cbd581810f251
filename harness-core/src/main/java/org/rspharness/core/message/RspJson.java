package org.rspharness.core.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.rspharness.core.codec.CodecException;

/**
 * The JSON codec for the ES2+ and ES9+ messages of SGP.22 section 6.5 (records in {@code
 * org.rspharness.core.es2}, {@code org.rspharness.core.es9} and this package).
 *
 * <p>{@link #strict()} is for the SM-DP+ side and for conformance checks: an unknown member, a
 * missing required member, a {@code null} member, base64 with line breaks, a number where a string
 * belongs, a duplicate member or trailing data each give a {@link CodecException} whose location is
 * the JSON pointer of the member (e.g. {@code /header/functionExecutionStatus/status}), or {@code
 * line L, column C} for malformed JSON. {@link #lenient()} reads as deployed LPAs do: unknown
 * members ignored, base64 with line breaks and spaces accepted, {@code null} read as absent,
 * addresses and matchingIds accepted in their lenient forms.
 *
 * <p>Both write the same bytes: members in the order of the record components, absent optional
 * members omitted (never {@code null}), byte arrays as padded standard base64 and transactionIds as
 * upper-case hex. Each mode holds one configured {@link ObjectMapper}, shared and thread-safe.
 */
public final class RspJson {

  private static final RspJson STRICT = new RspJson(false);
  private static final RspJson LENIENT = new RspJson(true);
  private static final RspJson STRICT_LENIENT_IDS = new RspJson(false, true);

  private final ObjectMapper mapper;
  private final boolean lenient;

  private RspJson(boolean lenient) {
    this(lenient, lenient);
  }

  private RspJson(boolean lenient, boolean lenientIds) {
    this.lenient = lenient;
    JsonMapper.Builder b =
        JsonMapper.builder()
            .addModule(new RspJsonModule(lenient, lenientIds))
            .defaultPropertyInclusion(
                JsonInclude.Value.construct(
                    JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, !lenient)
            .configure(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, !lenient)
            .configure(StreamReadFeature.STRICT_DUPLICATE_DETECTION, !lenient);
    if (!lenient) {
      b.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS);
    }
    this.mapper = b.build();
  }

  /** The strict codec (SM-DP+ side, conformance checks). */
  public static RspJson strict() {
    return STRICT;
  }

  /**
   * The strict codec except for identifiers: ICCIDs without a Luhn digit, EIDs with wrong check
   * digits and matchingIds outside the SGP.22 alphabet are read (an SM-DP+'s lenient-identifiers
   * quirk).
   */
  public static RspJson strictLenientIds() {
    return STRICT_LENIENT_IDS;
  }

  /** The lenient codec (LPA side, as deployed LPAs read). */
  public static RspJson lenient() {
    return LENIENT;
  }

  /** Whether this is the lenient codec. */
  public boolean isLenient() {
    return lenient;
  }

  /**
   * Decodes a UTF-8 JSON body into {@code type}.
   *
   * @throws CodecException for any malformed input, naming what and where
   */
  public <T> T read(byte[] json, Class<T> type) {
    if (json == null || isBlank(json)) {
      throw new CodecException("empty JSON body", "line 1, column 1");
    }
    try {
      T value = mapper.readValue(json, type);
      if (value == null) {
        throw new CodecException("JSON body is null, expected an object", "");
      }
      return value;
    } catch (UnrecognizedPropertyException e) {
      throw new CodecException("unknown member '" + e.getPropertyName() + "'", pointer(e), e);
    } catch (InvalidNullException e) {
      throw new CodecException("member is null", pointer(e), e);
    } catch (ValueInstantiationException e) {
      throw fromInstantiation(e);
    } catch (RspJsonModule.MemberValueException e) {
      throw new CodecException(e.getOriginalMessage(), pointer(e), e);
    } catch (MismatchedInputException e) {
      String m = e.getOriginalMessage();
      if (m != null && m.startsWith("Trailing token")) {
        throw new CodecException(
            "trailing data after the JSON document", where(e.getLocation()), e);
      }
      throw new CodecException(
          "wrong type: expected " + expected(e.getTargetType()) + mismatchDetail(e), pointer(e), e);
    } catch (JsonMappingException e) {
      Throwable cause = e.getCause();
      if (cause instanceof MissingMemberException m) {
        throw new CodecException(m.getMessage(), child(pointer(e), m.member()), e);
      }
      if (cause instanceof IllegalArgumentException iae) {
        throw new CodecException(iae.getMessage(), pointer(e), e);
      }
      throw new CodecException(e.getOriginalMessage(), pointer(e), e);
    } catch (StreamReadException e) {
      String m = e.getOriginalMessage();
      if (m != null && m.startsWith("Duplicate field ")) {
        throw new CodecException(
            "duplicate member " + m.substring("Duplicate field ".length()),
            where(e.getLocation()),
            e);
      }
      throw new CodecException(
          "malformed JSON: " + e.getOriginalMessage(), where(e.getLocation()), e);
    } catch (IOException e) {
      throw new CodecException("unreadable JSON: " + e.getMessage(), "", e);
    } catch (CodecException e) {
      throw e;
    } catch (RuntimeException e) {
      // A bug of ours must still surface as a codec error with context, never a bare NPE.
      throw new CodecException("cannot decode " + type.getSimpleName() + ": " + e, "", e);
    }
  }

  /** Decodes a JSON string into {@code type}. */
  public <T> T read(String json, Class<T> type) {
    return read(json == null ? null : json.getBytes(StandardCharsets.UTF_8), type);
  }

  /** Encodes a message as UTF-8 JSON. */
  public byte[] write(Object message) {
    try {
      return mapper.writeValueAsBytes(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
    }
  }

  /** Encodes a message as a JSON string. */
  public String writeString(Object message) {
    return new String(write(message), StandardCharsets.UTF_8);
  }

  private static CodecException fromInstantiation(ValueInstantiationException e) {
    Throwable cause = e.getCause();
    if (cause instanceof MissingMemberException m) {
      return new CodecException(m.getMessage(), child(pointer(e), m.member()), e);
    }
    String msg =
        cause != null && cause.getMessage() != null ? cause.getMessage() : e.getOriginalMessage();
    return new CodecException(msg, pointer(e), e);
  }

  private static String mismatchDetail(MismatchedInputException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "";
    }
    int from = m.indexOf(" from ");
    if (from >= 0) {
      int end = m.indexOf(" value", from + 6);
      String what = end > 0 ? m.substring(from + 6, end) : m.substring(from + 6);
      if (what.length() < 40) {
        return ", got " + what.toLowerCase(java.util.Locale.ROOT);
      }
    }
    return "";
  }

  private static String expected(Class<?> type) {
    if (type == null) {
      return "another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "a boolean";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "an integer";
    }
    if (type.isArray()) {
      return "a base64 string";
    }
    return "a JSON object (" + type.getSimpleName() + ")";
  }

  /** JSON pointer (RFC 6901) of the exception's path; {@code ""} is the whole document. */
  static String pointer(JsonMappingException e) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      sb.append('/');
      if (r.getFieldName() != null) {
        sb.append(r.getFieldName().replace("~", "~0").replace("/", "~1"));
      } else if (r.getIndex() >= 0) {
        sb.append(r.getIndex());
      } else {
        sb.append('?');
      }
    }
    return sb.toString();
  }

  private static String child(String pointer, String member) {
    return pointer + "/" + member;
  }

  private static String where(JsonLocation loc) {
    if (loc == null) {
      return "";
    }
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  private static boolean isBlank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
