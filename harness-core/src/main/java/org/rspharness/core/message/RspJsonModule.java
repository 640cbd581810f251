package org.rspharness.core.message;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.function.Function;
import org.rspharness.core.ids.Eid;
import org.rspharness.core.ids.Iccid;
import org.rspharness.core.ids.MatchingId;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;

/**
 * Jackson bindings for the SGP.22 JSON value types, in a strict and a lenient flavour. Value types
 * stay free of Jackson annotations; everything wire-specific lives here.
 */
final class RspJsonModule extends SimpleModule {

  private static final long serialVersionUID = 1L;

  /** A bad member value; its location is added by Jackson as the exception travels up. */
  static final class MemberValueException extends JsonMappingException {
    private static final long serialVersionUID = 1L;

    MemberValueException(JsonParser p, String message) {
      super(p, message);
    }
  }

  RspJsonModule(boolean lenient) {
    this(lenient, lenient);
  }

  /** {@code lenientIds}: ICCID, EID and matchingId read in their lenient forms. */
  RspJsonModule(boolean lenient, boolean lenientIds) {
    super(
        lenient
            ? "rsp-json-lenient"
            : lenientIds ? "rsp-json-strict-ids-lenient" : "rsp-json-strict");
    this.lenient = lenient;
    addDeserializer(byte[].class, new Base64Deserializer(lenient));
    if (!lenient) {
      // Strict: a string member must be a JSON string, a flag a JSON boolean, a count an integer;
      // no coercion between them, and no explicit null.
      addDeserializer(
          String.class,
          new StrictScalar<>(JsonToken.VALUE_STRING, "a string", JsonParser::getText));
      addDeserializer(
          Boolean.class,
          new StrictScalar<>(JsonToken.VALUE_TRUE, "a boolean", JsonParser::getBooleanValue));
      addDeserializer(
          Integer.class,
          new StrictScalar<>(JsonToken.VALUE_NUMBER_INT, "an integer", RspJsonModule::intValue));
    }

    addText(
        TransactionId.class,
        TransactionId::hex,
        s -> TransactionId.fromHex(lenient ? s.strip() : s));
    addText(Iccid.class, Iccid::value, s -> parseIccid(s, lenientIds));
    addText(Eid.class, Eid::value, lenientIds ? Eid::ofUnchecked : Eid::of);
    addText(
        MatchingId.class, MatchingId::value, lenientIds ? MatchingId::ofLenient : MatchingId::of);
    addText(
        SmdpAddress.class,
        SmdpAddress::value,
        lenient ? SmdpAddress::parseLenient : SmdpAddress::of);
    addText(
        OffsetDateTime.class,
        t -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t),
        RspJsonModule::parseTimestamp);
    // Every WireValue enum (ExecutionStatus here, ES2+'s FinalProfileStatusIndicator, ...) by its
    // wire text: bound by interface, so this package needs to know none of them.
    addSerializer(
        WireValue.class,
        new JsonSerializer<WireValue>() {
          @Override
          public void serialize(WireValue value, JsonGenerator gen, SerializerProvider sp)
              throws IOException {
            gen.writeString(value.wire());
          }
        });
  }

  @Override
  public void setupModule(SetupContext context) {
    super.setupModule(context);
    context.addDeserializers(
        new Deserializers.Base() {
          @Override
          public JsonDeserializer<?> findEnumDeserializer(
              Class<?> type, DeserializationConfig config, BeanDescription beanDesc) {
            return WireValue.class.isAssignableFrom(type) ? wireDeserializer(type) : null;
          }
        });
  }

  /** ES2+ carries 19-digit ICCIDs either bare or padded with a trailing F to 20 characters. */
  private static Iccid parseIccid(String s, boolean lenient) {
    String digits = s;
    if (s.length() == 20 && (s.charAt(19) == 'F' || s.charAt(19) == 'f')) {
      digits = s.substring(0, 19);
    }
    return lenient ? Iccid.ofUnchecked(digits) : Iccid.of(digits);
  }

  private static OffsetDateTime parseTimestamp(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "timestamp: '" + s + "' is not a W3C date-time with offset (YYYY-MM-DDThh:mm:ssTZD)");
    }
  }

  private final boolean lenient;

  private <T> void addText(Class<T> type, Function<T, String> out, Function<String, T> in) {
    addSerializer(
        type,
        new JsonSerializer<T>() {
          @Override
          public void serialize(T value, JsonGenerator gen, SerializerProvider sp)
              throws IOException {
            gen.writeString(out.apply(value));
          }
        });
    addDeserializer(type, new TextDeserializer<>(in, lenient));
  }

  private JsonDeserializer<?> wireDeserializer(Class<?> enumType) {
    WireValue[] values = (WireValue[]) enumType.getEnumConstants();
    return new TextDeserializer<>(
        s -> {
          for (WireValue e : values) {
            if (e.wire().equals(s)) {
              return e;
            }
          }
          throw new IllegalArgumentException(
              "'" + s + "' is not one of " + Arrays.stream(values).map(WireValue::wire).toList());
        },
        lenient);
  }

  static String tokenName(JsonToken t) {
    if (t == null) {
      return "nothing";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT -> "an integer";
      case VALUE_NUMBER_FLOAT -> "a fractional number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  private static int intValue(JsonParser p) throws IOException {
    if (p.getNumberType() != JsonParser.NumberType.INT) {
      throw new MemberValueException(p, "integer out of range: " + p.getText());
    }
    return p.getIntValue();
  }

  /** Reads one JSON scalar type with neither coercion nor null (strict mode). */
  private static final class StrictScalar<T> extends StrictNulls<T> {
    interface Reader<T> {
      T read(JsonParser p) throws IOException;
    }

    private final JsonToken token;
    private final String what;
    private final Reader<T> reader;

    StrictScalar(JsonToken token, String what, Reader<T> reader) {
      super(false);
      this.token = token;
      this.what = what;
      this.reader = reader;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonToken t = p.currentToken();
      boolean ok = t == token || (token == JsonToken.VALUE_TRUE && t == JsonToken.VALUE_FALSE);
      if (!ok) {
        throw new MemberValueException(p, "wrong type: expected " + what + ", got " + tokenName(t));
      }
      return reader.read(p);
    }
  }

  /**
   * Strict mode rejects an explicit JSON {@code null} (absent members are simply omitted on the
   * wire); an absent member still reads as {@code null}, so the record can say it is missing.
   */
  private abstract static class StrictNulls<T> extends JsonDeserializer<T> {
    private final boolean lenient;

    StrictNulls(boolean lenient) {
      this.lenient = lenient;
    }

    @Override
    public T getNullValue(DeserializationContext ctxt) throws JsonMappingException {
      if (lenient) {
        return null;
      }
      throw new MemberValueException(
          ctxt.getParser(), "member is null; an absent member is omitted, not null");
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
      return null;
    }
  }

  private static final class TextDeserializer<T> extends StrictNulls<T> {
    private final Function<String, T> parse;

    TextDeserializer(Function<String, T> parse, boolean lenient) {
      super(lenient);
      this.parse = parse;
    }

    @Override
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw new MemberValueException(
            p, "wrong type: expected a string, got " + tokenName(p.currentToken()));
      }
      try {
        return parse.apply(p.getText());
      } catch (IllegalArgumentException e) {
        throw new MemberValueException(p, e.getMessage());
      }
    }
  }

  /**
   * Base64 (RFC 4648, standard alphabet). Strict: padding required, nothing but base64 characters.
   * Lenient: line breaks and spaces anywhere are dropped and missing padding is tolerated, as some
   * SM-DP+s wrap their base64 and deployed LPAs cope.
   */
  private static final class Base64Deserializer extends StrictNulls<byte[]> {
    private final boolean lenient;

    Base64Deserializer(boolean lenient) {
      super(lenient);
      this.lenient = lenient;
    }

    @Override
    public byte[] deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        throw new MemberValueException(
            p, "wrong type: expected a base64 string, got " + tokenName(p.currentToken()));
      }
      // Straight from the parser's characters into the ASCII bytes the decoder takes (a 12 KB
      // bound profile package is 16 KB of text: no String and no copies of it on the way).
      char[] chars = p.getTextCharacters();
      int from = p.getTextOffset();
      int end = from + p.getTextLength();
      byte[] text = new byte[end - from];
      int n = 0;
      for (int i = from; i < end; i++) {
        char c = chars[i];
        if (lenient && (c == ' ' || c == '\n' || c == '\r' || c == '\t')) {
          continue;
        }
        boolean ok =
            (c >= 'A' && c <= 'Z')
                || (c >= 'a' && c <= 'z')
                || (c >= '0' && c <= '9')
                || c == '+'
                || c == '/'
                || c == '=';
        if (!ok) {
          throw new MemberValueException(
              p,
              "not valid base64: character '"
                  + (c < ' ' ? String.format("\\u%04x", (int) c) : String.valueOf(c))
                  + "' at index "
                  + n);
        }
        text[n++] = (byte) c;
      }
      if (!lenient && n % 4 != 0) {
        throw new MemberValueException(
            p, "not valid base64: length " + n + " is not a multiple of 4 (padding)");
      }
      if (n != text.length) {
        text = java.util.Arrays.copyOf(text, n);
      }
      try {
        return Base64.getDecoder().decode(text);
      } catch (IllegalArgumentException e) {
        throw new MemberValueException(p, "not valid base64: " + e.getMessage());
      }
    }
  }
}
