package org.rspharness.core.es9;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rspharness.asn1.rsp.RemoteProfileProvisioningRequest;
import org.rspharness.asn1.rsp.RemoteProfileProvisioningResponse;
import org.rspharness.core.asn1.Asn1Codec;
import org.rspharness.core.codec.CodecException;
import org.rspharness.core.es11.AuthenticateClientResponseEs11;
import org.rspharness.core.es11.EventEntry;
import org.rspharness.core.ids.SmdpAddress;
import org.rspharness.core.ids.TransactionId;
import org.rspharness.core.message.ResponseHeader;
import org.rspharness.core.message.RspResponse;
import org.rspharness.core.message.StatusCodeData;
import org.rspharness.core.status.StatusCode;
import org.rspharness.core.status.StatusCodes;
import org.rspharness.core.tlv.Tlv;
import org.rspharness.core.tlv.TlvBuilder;
import org.rspharness.core.tlv.TlvWriter;

/**
 * SGP.22 v3 section 6.6 ES9+ ASN.1 binding: one path ({@link #PATH}), one media type ({@link
 * #CONTENT_TYPE}), a RemoteProfileProvisioningRequest (A2) in and a
 * RemoteProfileProvisioningResponse (A2) out. This class maps both to and from the records of the
 * JSON binding, so the SM-DP+ service and the LPA are the same for both bindings. Binary members
 * keep their bytes as received (only outer tags are rewritten), so signatures verify over the same
 * bytes in both bindings.
 *
 * <p>Errors are ASN.1 too: each function's response CHOICE has an error INTEGER whose values stand
 * for SGP.22 subject/reason codes ({@link #errorOf}); a code without its own value becomes
 * undefinedError(127) where the function has one.
 */
public final class Es9Asn1Binding {

  /** The path of the binding. */
  public static final String PATH = "/gsma/rsp2/asn1";

  /** The media type of requests and responses. */
  public static final String CONTENT_TYPE = "application/x-gsma-rsp-asn1";

  /** Read back from undefinedError(127): no finer code is known. */
  public static final StatusCode UNDEFINED_ERROR =
      new StatusCode("8", "127", "undefinedError (ES9+ ASN.1 binding)");

  /**
   * SGP.22 section 5.8.1 ES11.InitiateAuthentication in this binding: the BF39 request and response
   * of ES9+, with the SM-DS's error codes (8.9.x) behind the same error INTEGERs.
   */
  public static final String INITIATE_AUTHENTICATION_ES11 = "initiateAuthenticationEs11";

  /**
   * SGP.22 section 5.8.2 ES11.AuthenticateClient in this binding: the BF3B request of ES9+,
   * answered by authenticateClientResponseEs11 (BF40) with the eventEntries.
   */
  public static final String AUTHENTICATE_CLIENT_ES11 = "authenticateClientEs11";

  private static final int A2 = 0xA2;
  private static final int OK = 0xA0;
  private static final int ERROR = 0x81;

  /** The ES9+ function names with their BER tags (SGP.22 RemoteProfileProvisioningRequest). */
  private static final Map<String, Integer> TAGS = new LinkedHashMap<>();

  /** Per function, the error INTEGER values and the codes they stand for, in priority order. */
  private static final Map<String, Map<StatusCode, Integer>> ERRORS = new LinkedHashMap<>();

  static {
    TAGS.put("initiateAuthentication", 0xBF39);
    TAGS.put("authenticateClient", 0xBF3B);
    TAGS.put("getBoundProfilePackage", 0xBF3A);
    TAGS.put("cancelSession", 0xBF41);
    TAGS.put("handleNotification", 0xBF3D);
    // ES11 at an SM-DS: the same InitiateAuthentication (BF39), its own AuthenticateClient answer
    TAGS.put(INITIATE_AUTHENTICATION_ES11, 0xBF39);
    TAGS.put(AUTHENTICATE_CLIENT_ES11, 0xBF40);
    Map<StatusCode, Integer> ia = new LinkedHashMap<>();
    ia.put(StatusCodes.SMDP_ADDRESS_REFUSED, 1); // invalidDpAddress
    ia.put(StatusCodes.SMDP_SVN_UNSUPPORTED, 2); // euiccVersionNotSupportedByDp
    ia.put(StatusCodes.SMDP_NO_SUPPORTED_CI_PKID, 3); // ciPKNotSupported
    ia.put(StatusCodes.SMDP_NO_CERTIFICATE_FOR_CI, 3);
    ERRORS.put("initiateAuthentication", ia);
    Map<StatusCode, Integer> ac = new LinkedHashMap<>();
    ac.put(StatusCodes.EUM_CERTIFICATE_INVALID, 1);
    ac.put(StatusCodes.EUM_CERTIFICATE_EXPIRED, 2);
    ac.put(StatusCodes.EUICC_CERTIFICATE_INVALID, 3);
    ac.put(StatusCodes.EUICC_CERTIFICATE_EXPIRED, 4);
    ac.put(StatusCodes.EUICC_SIGNATURE_INVALID, 5);
    ac.put(StatusCodes.MATCHING_ID_REFUSED, 6);
    ac.put(StatusCodes.EID_REFUSED, 7);
    ac.put(StatusCodes.NO_ELIGIBLE_PROFILE, 8);
    ac.put(StatusCodes.CI_PUBLIC_KEY_UNKNOWN, 9);
    ac.put(StatusCodes.TRANSACTION_ID_UNKNOWN, 10);
    ERRORS.put("authenticateClient", ac);
    Map<StatusCode, Integer> gb = new LinkedHashMap<>();
    gb.put(StatusCodes.EUICC_SIGNATURE_INVALID, 1);
    gb.put(StatusCodes.CONFIRMATION_CODE_MISSING, 2);
    gb.put(StatusCodes.CONFIRMATION_CODE_REFUSED, 3);
    gb.put(StatusCodes.CONFIRMATION_CODE_RETRIES_EXCEEDED, 4);
    gb.put(StatusCodes.BPP_NOT_AVAILABLE, 5); // bppRebindingRefused
    gb.put(StatusCodes.DOWNLOAD_ORDER_EXPIRED, 6);
    gb.put(StatusCodes.TRANSACTION_ID_UNKNOWN, 95);
    ERRORS.put("getBoundProfilePackage", gb);
    Map<StatusCode, Integer> cs = new LinkedHashMap<>();
    cs.put(StatusCodes.TRANSACTION_ID_UNKNOWN, 1);
    cs.put(StatusCodes.EUICC_SIGNATURE_INVALID, 2);
    ERRORS.put("cancelSession", cs);
    Map<StatusCode, Integer> ia11 = new LinkedHashMap<>();
    ia11.put(StatusCodes.SMDS_ADDRESS_REFUSED, 1); // invalidDpAddress: the SM-DS's address here
    ia11.put(StatusCodes.SMDS_SVN_UNSUPPORTED, 2);
    ia11.put(StatusCodes.SMDS_NO_SUPPORTED_CI_PKID, 3);
    ia11.put(StatusCodes.SMDS_NO_CERTIFICATE_FOR_CI, 3);
    ERRORS.put(INITIATE_AUTHENTICATION_ES11, ia11);
    Map<StatusCode, Integer> ac11 = new LinkedHashMap<>();
    ac11.put(StatusCodes.EUM_CERTIFICATE_INVALID, 1);
    ac11.put(StatusCodes.EUM_CERTIFICATE_EXPIRED, 2);
    ac11.put(StatusCodes.EUICC_CERTIFICATE_INVALID, 3);
    ac11.put(StatusCodes.EUICC_CERTIFICATE_EXPIRED, 4);
    ac11.put(StatusCodes.EUICC_SIGNATURE_INVALID, 5);
    ac11.put(StatusCodes.EVENT_RECORD_UNKNOWN, 6); // eventIdUnknown
    ac11.put(StatusCodes.TRANSACTION_ID_UNKNOWN, 7); // invalidTransactionId
    ERRORS.put(AUTHENTICATE_CLIENT_ES11, ac11);
  }

  private Es9Asn1Binding() {}

  /**
   * A request of the binding as the JSON binding's record.
   *
   * @param function the ES9+ function name, e.g. {@code initiateAuthentication}
   * @param message the request record ({@link InitiateAuthenticationRequest}, ...)
   */
  public record Request(String function, Object message) {}

  // ------------------------------------------------------------------ requests

  /** SGP.22 v3 section 6.6: the RemoteProfileProvisioningRequest (A2) carrying {@code request}. */
  public static byte[] encodeRequest(Object request) {
    byte[] inner;
    if (request instanceof InitiateAuthenticationRequest r) {
      inner =
          TlvBuilder.constructed(0xBF39)
              .add(0x81, r.euiccChallenge())
              .add(0x83, r.smdpAddress().value().getBytes(StandardCharsets.UTF_8))
              .addEncoded(r.euiccInfo1())
              .build();
    } else if (request instanceof AuthenticateClientRequest r) {
      inner =
          TlvBuilder.constructed(0xBF3B)
              .add(0x80, r.transactionId().bytes())
              .addEncoded(r.authenticateServerResponse())
              .build();
    } else if (request instanceof GetBoundProfilePackageRequest r) {
      inner =
          TlvBuilder.constructed(0xBF3A)
              .add(0x80, r.transactionId().bytes())
              .addEncoded(r.prepareDownloadResponse())
              .build();
    } else if (request instanceof CancelSessionRequestEs9 r) {
      // automatic tagging: cancelSessionResponse [1] replaces the BF41 of CancelSessionResponse
      inner =
          TlvBuilder.constructed(0xBF41)
              .add(0x80, r.transactionId().bytes())
              .add(0xA1, Tlv.parse(r.cancelSessionResponse()).value())
              .build();
    } else if (request instanceof HandleNotification r) {
      // pendingNotification is an untagged CHOICE: automatic tagging wraps it in [0]
      inner = TlvBuilder.constructed(0xBF3D).add(0xA0, r.pendingNotification()).build();
    } else {
      throw new IllegalArgumentException("not an ES9+ request: " + request);
    }
    return TlvWriter.encode(A2, inner);
  }

  /**
   * Decodes a RemoteProfileProvisioningRequest strictly (our ASN.1 module) and returns the
   * function's JSON-binding record; a body that is not one is a {@link CodecException}.
   */
  public static Request decodeRequest(byte[] body) {
    Asn1Codec.decode(body, RemoteProfileProvisioningRequest::new);
    Tlv outer = Tlv.parse(body);
    if (outer.tag() != A2 || outer.children().size() != 1) {
      throw new CodecException("not a RemoteProfileProvisioningRequest (A2)", "offset 0");
    }
    Tlv in = outer.child(0);
    try {
      return switch (in.tag()) {
        case 0xBF39 ->
            new Request(
                "initiateAuthentication",
                new InitiateAuthenticationRequest(
                    in.get(0x81).value(),
                    in.get(0xBF20).encoded(),
                    SmdpAddress.parseLenient(
                        new String(in.get(0x83).value(), StandardCharsets.UTF_8))));
        case 0xBF3B ->
            new Request(
                "authenticateClient",
                new AuthenticateClientRequest(
                    TransactionId.of(in.get(0x80).value()), in.get(0xBF38).encoded()));
        case 0xBF3A ->
            new Request(
                "getBoundProfilePackage",
                new GetBoundProfilePackageRequest(
                    TransactionId.of(in.get(0x80).value()), in.get(0xBF21).encoded()));
        case 0xBF41 ->
            new Request(
                "cancelSession",
                new CancelSessionRequestEs9(
                    TransactionId.of(in.get(0x80).value()),
                    TlvWriter.encode(0xBF41, in.get(0xA1).value())));
        case 0xBF3D ->
            new Request(
                "handleNotification", new HandleNotification(in.get(0xA0).child(0).encoded()));
        default -> throw new CodecException("unknown ES9+ request tag " + in.tagHex(), "offset 0");
      };
    } catch (IllegalArgumentException e) {
      throw new CodecException(e.getMessage(), in.tagHex(), e);
    }
  }

  /** The ES9+ function whose request or response carries this BER tag, e.g. BF39. */
  public static String functionOf(int tag) {
    for (Map.Entry<String, Integer> e : TAGS.entrySet()) {
      if (e.getValue() == tag) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException(String.format("no ES9+ function has tag %X", tag));
  }

  // ------------------------------------------------------------------ responses

  /**
   * SGP.22 v3 section 6.6: the RemoteProfileProvisioningResponse (A2) for {@code function}'s
   * response; a failure header becomes the function's error INTEGER ({@link #errorOf}).
   */
  public static byte[] encodeResponse(String function, RspResponse response) {
    int tag = tag(function);
    byte[] body;
    if (!response.header().executed()) {
      StatusCodeData d = response.header().functionExecutionStatus().statusCodeData();
      body = TlvWriter.encode(ERROR, new byte[] {(byte) errorOf(function, d)});
    } else if (response instanceof InitiateAuthenticationResponse r) {
      body =
          TlvBuilder.constructed(OK)
              .add(0x80, r.transactionId().bytes())
              .addEncoded(r.serverSigned1())
              .addEncoded(r.serverSignature1())
              .addEncoded(r.euiccCiPKIdToBeUsed())
              .addEncoded(r.serverCertificate())
              .build();
    } else if (response instanceof AuthenticateClientResponseEs9 r) {
      body =
          TlvBuilder.constructed(OK)
              .add(0x80, r.transactionId().bytes())
              .addEncoded(r.profileMetadata())
              .add(
                  TlvBuilder.constructed(0xBF21)
                      .addEncoded(r.smdpSigned2())
                      .addEncoded(r.smdpSignature2())
                      .addEncoded(r.smdpCertificate()))
              .build();
    } else if (response instanceof GetBoundProfilePackageResponse r) {
      body =
          TlvBuilder.constructed(OK)
              .add(0x80, r.transactionId().bytes())
              .addEncoded(r.boundProfilePackage())
              .build();
    } else if (response instanceof CancelSessionResponseEs9) {
      body = TlvWriter.encode(OK, new byte[0]);
    } else if (response instanceof AuthenticateClientResponseEs11 r) {
      // AuthenticateClientOkEs11 (automatic tags): transactionId [0], eventEntries [1]
      TlvBuilder entries = TlvBuilder.constructed(0xA1);
      for (EventEntry e : r.eventEntries()) {
        entries.add(
            TlvBuilder.constructed(0x30)
                .add(0x80, e.eventId().getBytes(StandardCharsets.UTF_8))
                .add(0x81, e.rspServerAddress().getBytes(StandardCharsets.UTF_8)));
      }
      body = TlvBuilder.constructed(OK).add(0x80, r.transactionId().bytes()).add(entries).build();
    } else {
      throw new IllegalArgumentException("not an ES9+ response: " + response);
    }
    return TlvWriter.encode(A2, TlvWriter.encode(tag, body));
  }

  /**
   * The JSON binding's record of a RemoteProfileProvisioningResponse for {@code function}: an error
   * INTEGER becomes a Failed header with the code it stands for. A body that is not the function's
   * response is a {@link CodecException}.
   */
  public static <T extends RspResponse> T decodeResponse(
      byte[] body, String function, Class<T> type) {
    Asn1Codec.decode(body, RemoteProfileProvisioningResponse::new);
    Tlv outer = Tlv.parse(body);
    if (outer.tag() != A2 || outer.children().size() != 1) {
      throw new CodecException("not a RemoteProfileProvisioningResponse (A2)", "offset 0");
    }
    Tlv fn = outer.child(0);
    if (fn.tag() != tag(function)) {
      throw new CodecException(
          "expected the " + function + " response, got tag " + fn.tagHex(), "offset 0");
    }
    Tlv alt = fn.child(0);
    Object out;
    if (alt.tag() == ERROR) {
      int v = 0;
      for (byte b : alt.value()) {
        v = (v << 8) | (b & 0xFF);
      }
      ResponseHeader failed = ResponseHeader.failed(codeOf(function, v));
      out =
          switch (function) {
            case "initiateAuthentication", INITIATE_AUTHENTICATION_ES11 ->
                InitiateAuthenticationResponse.failed(failed);
            case "authenticateClient" -> AuthenticateClientResponseEs9.failed(failed);
            case AUTHENTICATE_CLIENT_ES11 -> AuthenticateClientResponseEs11.failed(failed);
            case "getBoundProfilePackage" -> new GetBoundProfilePackageResponse(failed, null, null);
            default -> new CancelSessionResponseEs9(failed);
          };
    } else {
      ResponseHeader ok = ResponseHeader.success();
      List<Tlv> c = alt.children();
      out =
          switch (function) {
            case "initiateAuthentication", INITIATE_AUTHENTICATION_ES11 ->
                new InitiateAuthenticationResponse(
                    ok,
                    TransactionId.of(c.get(0).value()),
                    c.get(1).encoded(),
                    c.get(2).encoded(),
                    c.get(3).encoded(),
                    c.get(4).encoded());
            case "authenticateClient" -> {
              Tlv pdr = alt.get(0xBF21);
              yield new AuthenticateClientResponseEs9(
                  ok,
                  TransactionId.of(c.get(0).value()),
                  alt.get(0xBF25).encoded(),
                  pdr.child(0).encoded(),
                  pdr.get(0x5F37).encoded(),
                  pdr.child(pdr.children().size() - 1).encoded());
            }
            case "getBoundProfilePackage" ->
                new GetBoundProfilePackageResponse(
                    ok, TransactionId.of(c.get(0).value()), alt.get(0xBF36).encoded());
            case AUTHENTICATE_CLIENT_ES11 -> {
              List<EventEntry> entries = new java.util.ArrayList<>();
              for (Tlv e : alt.get(0xA1).children()) {
                entries.add(
                    new EventEntry(
                        new String(e.get(0x80).value(), StandardCharsets.UTF_8),
                        new String(e.get(0x81).value(), StandardCharsets.UTF_8)));
              }
              yield new AuthenticateClientResponseEs11(
                  ok, TransactionId.of(alt.get(0x80).value()), entries);
            }
            default -> new CancelSessionResponseEs9(ok);
          };
    }
    return type.cast(out);
  }

  /**
   * The error INTEGER of {@code function} for a failure code: its own value when SGP.22 names one,
   * else undefinedError(127) (InitiateAuthentication has none: its closest, ciPKNotSupported(3)).
   */
  public static int errorOf(String function, StatusCodeData data) {
    Map<StatusCode, Integer> table = ERRORS.getOrDefault(function, Map.of());
    if (data != null) {
      for (Map.Entry<StatusCode, Integer> e : table.entrySet()) {
        if (e.getKey().matches(data.subjectCode(), data.reasonCode())) {
          return e.getValue();
        }
      }
    }
    return function.startsWith("initiateAuthentication") ? 3 : 127;
  }

  /**
   * The code an error INTEGER of {@code function} stands for ({@link #UNDEFINED_ERROR} if none).
   */
  public static StatusCode codeOf(String function, int error) {
    for (Map.Entry<StatusCode, Integer> e : ERRORS.getOrDefault(function, Map.of()).entrySet()) {
      if (e.getValue() == error) {
        return e.getKey();
      }
    }
    return UNDEFINED_ERROR;
  }

  private static int tag(String function) {
    Integer t = TAGS.get(function);
    if (t == null) {
      throw new IllegalArgumentException("not an ES9+ function: " + function);
    }
    return t;
  }
}
