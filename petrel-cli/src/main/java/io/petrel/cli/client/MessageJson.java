package io.petrel.cli.client;

import io.petrel.client.Message;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.UserProperty;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A received message as one line of JSON ({@code sub --format json}, archive sidecars). */
final class MessageJson {
  private MessageJson() {}

  /** topic, payload, qos, retain and the MQTT 5 properties present. */
  static String line(Message m) {
    Json json = new Json().field("topic", m.topic());
    byte[] payload = m.payload().toByteArray();
    Optional<String> text = utf8(payload);
    if (text.isPresent()) {
      json.field("payload", text.get());
    } else {
      json.field("payload", Base64.getEncoder().encodeToString(payload))
          .field("payloadEncoding", "base64");
    }
    json.field("qos", m.qos().value()).field("retain", m.retain());
    return properties(json, m.properties()).end();
  }

  /** The archive's tracked properties; the payload is in its own file. */
  static String sidecar(Message m, String receivedAt, String payloadFile) {
    Json json =
        new Json()
            .field("topic", m.topic())
            .field("receivedAt", receivedAt)
            .field("qos", m.qos().value())
            .field("retain", m.retain())
            .field("payloadFile", payloadFile)
            .field("payloadBytes", m.payload().length());
    return properties(json, m.properties()).end();
  }

  private static Json properties(Json json, MqttProperties p) {
    if (!p.userProperties().isEmpty()) {
      StringBuilder list = new StringBuilder("[");
      for (UserProperty u : p.userProperties()) {
        if (list.length() > 1) {
          list.append(',');
        }
        // A list of pairs, not an object: MQTT allows the same name more than once.
        list.append(new Json().field("name", u.name()).field("value", u.value()).end());
      }
      json.raw("userProperties", list.append(']').toString());
    }
    p.string(PropertyId.CONTENT_TYPE).ifPresent(v -> json.field("contentType", v));
    p.string(PropertyId.RESPONSE_TOPIC).ifPresent(v -> json.field("responseTopic", v));
    p.binary(PropertyId.CORRELATION_DATA)
        .ifPresent(
            v ->
                json.field("correlationData", Base64.getEncoder().encodeToString(v.toByteArray())));
    p.integer(PropertyId.MESSAGE_EXPIRY_INTERVAL)
        .ifPresent(v -> json.field("messageExpiryInterval", v));
    p.integer(PropertyId.PAYLOAD_FORMAT_INDICATOR)
        .ifPresent(v -> json.field("payloadFormatIndicator", v));
    return json;
  }

  /** The payload as text when it is well-formed UTF-8. */
  static Optional<String> utf8(byte[] payload) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(payload))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
