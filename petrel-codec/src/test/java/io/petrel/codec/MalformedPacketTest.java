package io.petrel.codec;

import static io.petrel.codec.ProtocolVersion.MQTT_3_1;
import static io.petrel.codec.ProtocolVersion.MQTT_3_1_1;
import static io.petrel.codec.ProtocolVersion.MQTT_5;
import static io.petrel.codec.ReasonCode.MALFORMED_PACKET;
import static io.petrel.codec.ReasonCode.PROTOCOL_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Does the decoder refuse each way a packet can break the spec, with the right reason code and the
 * rule id of the version the connection speaks? Each case is named after the rule it breaks; bytes
 * are the whole packet, fixed header included. Server-side cases run after a valid CONNECT.
 */
class MalformedPacketTest {
  private static final boolean SERVER = true;
  private static final boolean CLIENT = false;

  record Case(
      String rule,
      String what,
      ProtocolVersion version,
      boolean serverSide,
      String hex,
      ReasonCode reasonCode) {
    @Override
    public String toString() {
      return rule + " " + what + " (" + version + (serverSide ? " to server)" : " to client)");
    }
  }

  private static Case c(
      String rule, String what, ProtocolVersion v, boolean server, String hex, ReasonCode code) {
    return new Case(rule, what, v, server, hex, code);
  }

  static Stream<Case> cases() {
    return Stream.of(
        // 1.5 data representation
        c(
            "MQTT-1.5.4-1",
            "invalid byte FF in a topic",
            MQTT_5,
            SERVER,
            "30 06 0003 61FF62 00",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.3-1",
            "invalid byte FF in a topic",
            MQTT_3_1_1,
            SERVER,
            "30 05 0003 61FF62",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.4-1",
            "surrogate U+D800 encoded in UTF-8",
            MQTT_5,
            SERVER,
            "30 06 0003 EDA080 00",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.4-1",
            "overlong two-byte '/'",
            MQTT_5,
            SERVER,
            "30 05 0002 C0AF 00",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.4-1",
            "overlong three-byte '/'",
            MQTT_5,
            SERVER,
            "30 06 0003 E080AF 00",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.4-1",
            "code point above U+10FFFF",
            MQTT_5,
            SERVER,
            "30 07 0004 F4908080 00",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.4-1",
            "sequence cut off by the string length",
            MQTT_5,
            SERVER,
            "30 05 0002 61E2 00",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.4-1",
            "stray continuation byte",
            MQTT_5,
            SERVER,
            "30 05 0002 8061 00",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.4-1",
            "invalid UTF-8 in a user property",
            MQTT_5,
            SERVER,
            "40 0B 0001 10 07 26 0001 FE 0001 61",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.4-2",
            "U+0000 in a topic",
            MQTT_5,
            SERVER,
            "30 06 0003 610062 00",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.3-2",
            "U+0000 in a client identifier",
            MQTT_3_1_1,
            SERVER,
            "10 0F 0004 4D515454 04 02 003C 0003 610062",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.5-1",
            "remaining length of five bytes",
            MQTT_3_1_1,
            SERVER,
            "30 FFFFFFFF7F",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.5-1",
            "remaining length not in the fewest bytes",
            MQTT_5,
            SERVER,
            "C0 8000",
            MALFORMED_PACKET),
        c(
            "MQTT-1.5.5-1",
            "property length not in the fewest bytes",
            MQTT_5,
            SERVER,
            "40 05 0001 10 8000",
            MALFORMED_PACKET),
        c(
            "MQTT-2.1.4",
            "string longer than the packet",
            MQTT_5,
            SERVER,
            "30 04 0009 6162",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.3",
            "string longer than the packet",
            MQTT_3_1_1,
            SERVER,
            "30 04 0009 6162",
            MALFORMED_PACKET),
        // 2.1 fixed header
        c("MQTT-2.1.2", "reserved packet type 0", MQTT_5, SERVER, "00 00", MALFORMED_PACKET),
        c(
            "MQTT-2.2.1",
            "AUTH (reserved type 15) in 3.1.1",
            MQTT_3_1_1,
            SERVER,
            "F0 00",
            MALFORMED_PACKET),
        c(
            "MQTT-2.1.2",
            "a server receiving CONNACK",
            MQTT_5,
            SERVER,
            "20 03 0000 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1",
            "a server receiving SUBACK",
            MQTT_3_1_1,
            SERVER,
            "90 03 0001 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1",
            "a server receiving UNSUBACK",
            MQTT_3_1_1,
            SERVER,
            "B0 02 0001",
            PROTOCOL_ERROR),
        c("MQTT-2.2.1", "a server receiving PINGRESP", MQTT_3_1_1, SERVER, "D0 00", PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1",
            "a client receiving CONNECT",
            MQTT_3_1_1,
            CLIENT,
            "10 0D 0004 4D515454 04 02 003C 0001 61",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1",
            "a client receiving SUBSCRIBE",
            MQTT_3_1_1,
            CLIENT,
            "82 06 0001 0001 61 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1",
            "a client receiving UNSUBSCRIBE",
            MQTT_3_1_1,
            CLIENT,
            "A2 05 0001 0001 61",
            PROTOCOL_ERROR),
        c("MQTT-2.2.1", "a client receiving PINGREQ", MQTT_3_1_1, CLIENT, "C0 00", PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1",
            "a 3.1.1 client receiving DISCONNECT",
            MQTT_3_1_1,
            CLIENT,
            "E0 00",
            PROTOCOL_ERROR),
        c("MQTT-2.1.3-1", "PUBACK flags 0010", MQTT_5, SERVER, "42 02 0001", MALFORMED_PACKET),
        c("MQTT-2.2.2-1", "PINGREQ flags 0001", MQTT_3_1_1, SERVER, "C1 00", MALFORMED_PACKET),
        c(
            "MQTT-2.2.2-1",
            "CONNECT flags 0001",
            MQTT_3_1_1,
            SERVER,
            "11 0D 0004 4D515454 04 02 003C 0001 61",
            MALFORMED_PACKET),
        c("MQTT-3.6.1-1", "PUBREL flags 0000", MQTT_3_1_1, SERVER, "60 02 0001", MALFORMED_PACKET),
        c("MQTT-3.6.1-1", "PUBREL flags 0011", MQTT_5, SERVER, "63 02 0001", MALFORMED_PACKET),
        c(
            "MQTT-3.8.1-1",
            "SUBSCRIBE flags 0000",
            MQTT_3_1_1,
            SERVER,
            "80 06 0001 0001 61 00",
            MALFORMED_PACKET),
        c(
            "MQTT-3.10.1-1",
            "UNSUBSCRIBE flags 0000",
            MQTT_3_1_1,
            SERVER,
            "A0 05 0001 0001 61",
            MALFORMED_PACKET),
        c("MQTT-3.14.1-1", "DISCONNECT flags 0001", MQTT_3_1_1, SERVER, "E1 00", MALFORMED_PACKET),
        c("MQTT-3.15.1-1", "AUTH flags 0001", MQTT_5, SERVER, "F1 00", MALFORMED_PACKET),
        c("MQTT-2.2.3", "PINGREQ with a body", MQTT_3_1_1, SERVER, "C0 01 00", MALFORMED_PACKET),
        c("MQTT-2.1.4", "PINGRESP with a body", MQTT_5, CLIENT, "D0 01 00", MALFORMED_PACKET),
        c(
            "MQTT-3.14.2",
            "3.1.1 DISCONNECT with a body",
            MQTT_3_1_1,
            SERVER,
            "E0 01 00",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.3",
            "3.1.1 PUBACK with a reason code",
            MQTT_3_1_1,
            SERVER,
            "40 03 0001 00",
            MALFORMED_PACKET),
        // 2.2.1 packet identifiers
        c(
            "MQTT-2.3.1-1",
            "QoS 1 PUBLISH with packet id 0",
            MQTT_3_1_1,
            SERVER,
            "32 05 0001 61 0000",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1-3",
            "QoS 2 PUBLISH with packet id 0",
            MQTT_5,
            SERVER,
            "34 06 0001 61 0000 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1-4",
            "QoS 1 PUBLISH from a server with packet id 0",
            MQTT_5,
            CLIENT,
            "32 06 0001 61 0000 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.3.1-1",
            "SUBSCRIBE with packet id 0",
            MQTT_3_1_1,
            SERVER,
            "82 06 0000 0001 61 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.3.1-1",
            "UNSUBSCRIBE with packet id 0",
            MQTT_3_1_1,
            SERVER,
            "A2 05 0000 0001 61",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1-5",
            "PUBACK with packet id 0",
            MQTT_3_1_1,
            SERVER,
            "40 02 0000",
            PROTOCOL_ERROR),
        c("MQTT-2.2.1-5", "PUBCOMP with packet id 0", MQTT_5, CLIENT, "70 02 0000", PROTOCOL_ERROR),
        c(
            "MQTT-2.2.1-6",
            "SUBACK with packet id 0",
            MQTT_5,
            CLIENT,
            "90 04 0000 00 00",
            PROTOCOL_ERROR),
        // 2.2.2 properties
        c(
            "MQTT-2.2.2.2",
            "SESSION_EXPIRY_INTERVAL in a PUBLISH",
            MQTT_5,
            SERVER,
            "30 09 0001 61 05 110000000A",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.2.2",
            "unknown property 0x7F",
            MQTT_5,
            SERVER,
            "30 06 0001 61 02 7F00",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.2.2",
            "PAYLOAD_FORMAT_INDICATOR twice",
            MQTT_5,
            SERVER,
            "30 08 0001 61 04 0100 0101",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.2.2",
            "PAYLOAD_FORMAT_INDICATOR 2",
            MQTT_5,
            SERVER,
            "30 06 0001 61 02 0102",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.2.2",
            "REQUEST_PROBLEM_INFORMATION 2",
            MQTT_5,
            SERVER,
            "10 10 0004 4D515454 05 02 003C 02 1702 0001 61",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.2.2",
            "RECEIVE_MAXIMUM 0",
            MQTT_5,
            SERVER,
            "10 11 0004 4D515454 05 02 003C 03 210000 0001 61",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.2.2",
            "MAXIMUM_PACKET_SIZE 0",
            MQTT_5,
            SERVER,
            "10 13 0004 4D515454 05 02 003C 05 2700000000 0001 61",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.2.2",
            "SUBSCRIPTION_IDENTIFIER 0",
            MQTT_5,
            SERVER,
            "82 09 0001 02 0B00 0001 61 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.2.2",
            "two SUBSCRIPTION_IDENTIFIERs in a SUBSCRIBE",
            MQTT_5,
            SERVER,
            "82 0B 0001 04 0B01 0B02 0001 61 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.2.2",
            "SESSION_EXPIRY_INTERVAL in will properties",
            MQTT_5,
            SERVER,
            "10 19 0004 4D515454 05 06 003C 00 0001 61 05 1100000001 0001 74 0000",
            MALFORMED_PACKET),
        c(
            "MQTT-2.1.4",
            "property length beyond the packet",
            MQTT_5,
            SERVER,
            "30 04 0001 61 05",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.2.2",
            "MAXIMUM_QOS 2 in a CONNACK",
            MQTT_5,
            CLIENT,
            "20 05 00 00 02 2402",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.1.2.11.10",
            "authentication data without a method",
            MQTT_5,
            SERVER,
            "10 11 0004 4D515454 05 02 003C 03 160000 0001 61",
            PROTOCOL_ERROR),
        // 3.1 CONNECT
        c("MQTT-3.1.0-1", "PINGREQ before CONNECT", MQTT_3_1_1, SERVER, "C0 00", PROTOCOL_ERROR),
        c(
            "MQTT-3.1.2-2",
            "protocol level 6",
            MQTT_5,
            SERVER,
            "10 0D 0004 4D515454 06 02 003C 0001 61",
            ReasonCode.UNSUPPORTED_PROTOCOL_VERSION),
        c(
            "MQTT-3.1.2-2",
            "protocol name MQTX",
            MQTT_3_1_1,
            SERVER,
            "10 0D 0004 4D515458 04 02 003C 0001 61",
            ReasonCode.UNSUPPORTED_PROTOCOL_VERSION),
        c(
            "MQTT-3.1.2-2",
            "protocol name MQIsdp with level 4",
            MQTT_3_1,
            SERVER,
            "10 0F 0006 4D5149736470 04 02 003C 0001 61",
            ReasonCode.UNSUPPORTED_PROTOCOL_VERSION),
        c(
            "MQTT-3.1.2-3",
            "reserved connect flag set",
            MQTT_3_1_1,
            SERVER,
            "10 0D 0004 4D515454 04 03 003C 0001 61",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-3",
            "reserved connect flag set",
            MQTT_5,
            SERVER,
            "10 0E 0004 4D515454 05 03 003C 00 0001 61",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-13",
            "will QoS 1 without a will",
            MQTT_3_1_1,
            SERVER,
            "10 0D 0004 4D515454 04 0A 003C 0001 61",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-11",
            "will QoS 1 without a will",
            MQTT_5,
            SERVER,
            "10 0E 0004 4D515454 05 0A 003C 00 0001 61",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-15",
            "will retain without a will",
            MQTT_3_1_1,
            SERVER,
            "10 0D 0004 4D515454 04 22 003C 0001 61",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-13",
            "will retain without a will",
            MQTT_5,
            SERVER,
            "10 0E 0004 4D515454 05 22 003C 00 0001 61",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-14",
            "will QoS 3",
            MQTT_3_1_1,
            SERVER,
            "10 12 0004 4D515454 04 1E 003C 0001 61 0001 74 0000",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-12",
            "will QoS 3",
            MQTT_5,
            SERVER,
            "10 14 0004 4D515454 05 1E 003C 00 0001 61 00 0001 74 0000",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-22",
            "password without user name",
            MQTT_3_1_1,
            SERVER,
            "10 11 0004 4D515454 04 42 003C 0001 61 0002 7077",
            MALFORMED_PACKET),
        c(
            "MQTT-3.1.2-22",
            "password without user name",
            MQTT_3_1,
            SERVER,
            "10 13 0006 4D5149736470 03 42 003C 0001 61 0002 7077",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.3",
            "CONNECT with a byte left over",
            MQTT_3_1_1,
            SERVER,
            "10 0E 0004 4D515454 04 02 003C 0001 61 FF",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.3",
            "CONNECT whose user name is missing",
            MQTT_3_1_1,
            SERVER,
            "10 0D 0004 4D515454 04 82 003C 0001 61",
            MALFORMED_PACKET),
        // 3.2 CONNACK
        c(
            "MQTT-3.2.2-1",
            "CONNACK reserved flag bit set",
            MQTT_3_1_1,
            CLIENT,
            "20 02 02 00",
            MALFORMED_PACKET),
        c(
            "MQTT-3.2.2-4",
            "session present with a refusal",
            MQTT_3_1_1,
            CLIENT,
            "20 02 01 05",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.2.2-6",
            "session present with a refusal",
            MQTT_5,
            CLIENT,
            "20 03 01 87 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.2.2.3",
            "CONNACK return code 6",
            MQTT_3_1_1,
            CLIENT,
            "20 02 00 06",
            MALFORMED_PACKET),
        c(
            "MQTT-3.2.2-8",
            "CONNACK reason code 0x04",
            MQTT_5,
            CLIENT,
            "20 03 00 04 00",
            MALFORMED_PACKET),
        // 3.3 PUBLISH
        c(
            "MQTT-3.3.1-4",
            "PUBLISH QoS 3",
            MQTT_3_1_1,
            SERVER,
            "36 05 0001 61 0001",
            MALFORMED_PACKET),
        c(
            "MQTT-3.3.1-4",
            "PUBLISH QoS 3",
            MQTT_5,
            CLIENT,
            "36 06 0001 61 0001 00",
            MALFORMED_PACKET),
        c("MQTT-3.3.1-2", "DUP with QoS 0", MQTT_3_1_1, SERVER, "38 03 0001 61", MALFORMED_PACKET),
        c(
            "MQTT-3.3.2-2",
            "'+' in a topic name",
            MQTT_3_1_1,
            SERVER,
            "30 05 0003 612F2B",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.3.2-2",
            "'#' in a topic name",
            MQTT_5,
            SERVER,
            "30 04 0001 23 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.3.2-2",
            "'#' in a topic name from a server",
            MQTT_5,
            CLIENT,
            "30 04 0001 23 00",
            PROTOCOL_ERROR),
        c("MQTT-4.7.3-1", "empty topic name", MQTT_3_1_1, SERVER, "30 02 0000", PROTOCOL_ERROR),
        c(
            "MQTT-4.7.3-1",
            "empty topic name without a topic alias",
            MQTT_5,
            SERVER,
            "30 03 0000 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.3.2-8",
            "topic alias 0",
            MQTT_5,
            SERVER,
            "30 06 0000 03 230000",
            ReasonCode.TOPIC_ALIAS_INVALID),
        c(
            "MQTT-3.3.4-6",
            "subscription identifier from a client",
            MQTT_5,
            SERVER,
            "30 06 0001 61 02 0B01",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.3.2-14",
            "wildcard in a response topic",
            MQTT_5,
            SERVER,
            "30 09 0001 61 05 08 0002 6123",
            PROTOCOL_ERROR),
        // 3.4 to 3.7 acks
        c(
            "MQTT-3.4.2-1",
            "PUBACK reason code 0x8E",
            MQTT_5,
            SERVER,
            "40 03 0001 8E",
            MALFORMED_PACKET),
        c(
            "MQTT-3.5.2-1",
            "PUBREC reason code 0x92",
            MQTT_5,
            SERVER,
            "50 03 0001 92",
            MALFORMED_PACKET),
        c(
            "MQTT-3.6.2-1",
            "PUBREL reason code 0x10",
            MQTT_5,
            SERVER,
            "62 03 0001 10",
            MALFORMED_PACKET),
        c(
            "MQTT-3.7.2-1",
            "PUBCOMP reason code 0x80",
            MQTT_5,
            CLIENT,
            "70 03 0001 80",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.2.2",
            "REASON_STRING twice in a PUBACK",
            MQTT_5,
            SERVER,
            "40 0B 0001 00 07 1F0001 61 1F0001 62",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.2.2",
            "TOPIC_ALIAS in a PUBACK",
            MQTT_5,
            SERVER,
            "40 07 0001 00 03 230001",
            MALFORMED_PACKET),
        // 3.8 SUBSCRIBE
        c(
            "MQTT-3.8.3-3",
            "SUBSCRIBE without topic filters",
            MQTT_3_1_1,
            SERVER,
            "82 02 0001",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.8.3-2",
            "SUBSCRIBE without topic filters",
            MQTT_5,
            SERVER,
            "82 03 0001 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.8.3-4",
            "requested QoS byte with reserved bits",
            MQTT_3_1_1,
            SERVER,
            "82 06 0001 0001 61 04",
            MALFORMED_PACKET),
        c(
            "MQTT-3.8.3-4",
            "requested QoS 3",
            MQTT_3_1_1,
            SERVER,
            "82 06 0001 0001 61 03",
            MALFORMED_PACKET),
        c(
            "MQTT-3.8.3-5",
            "subscription options with reserved bits",
            MQTT_5,
            SERVER,
            "82 07 0001 00 0001 61 40",
            MALFORMED_PACKET),
        c(
            "MQTT-3.8.3.1",
            "maximum QoS 3",
            MQTT_5,
            SERVER,
            "82 07 0001 00 0001 61 03",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.8.3.1",
            "retain handling 3",
            MQTT_5,
            SERVER,
            "82 07 0001 00 0001 61 30",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.8.3-4",
            "no local on a shared subscription",
            MQTT_5,
            SERVER,
            "82 10 0001 00 000A 2473686172652F672F61 04",
            PROTOCOL_ERROR),
        c(
            "MQTT-2.2.3",
            "topic filter without its options byte",
            MQTT_3_1_1,
            SERVER,
            "82 05 0001 0001 61",
            MALFORMED_PACKET),
        // 3.9 to 3.11
        c(
            "MQTT-3.9.3-2",
            "3.1.1 SUBACK return code 0x03",
            MQTT_3_1_1,
            CLIENT,
            "90 03 0001 03",
            MALFORMED_PACKET),
        c(
            "MQTT-3.9.3-2",
            "3.1.1 SUBACK return code 0x87",
            MQTT_3_1_1,
            CLIENT,
            "90 03 0001 87",
            MALFORMED_PACKET),
        c(
            "MQTT-3.8.4-6",
            "SUBACK without reason codes",
            MQTT_5,
            CLIENT,
            "90 03 0001 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.10.3-2",
            "UNSUBSCRIBE without topic filters",
            MQTT_3_1_1,
            SERVER,
            "A2 02 0001",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.10.3-2",
            "UNSUBSCRIBE without topic filters",
            MQTT_5,
            SERVER,
            "A2 03 0001 00",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.11.3-2",
            "UNSUBACK reason code 0x01",
            MQTT_5,
            CLIENT,
            "B0 04 0001 00 01",
            MALFORMED_PACKET),
        c(
            "MQTT-2.2.3",
            "3.1.1 UNSUBACK with a payload",
            MQTT_3_1_1,
            CLIENT,
            "B0 03 0001 00",
            MALFORMED_PACKET),
        // 3.14 DISCONNECT, 3.15 AUTH
        c(
            "MQTT-3.14.2-1",
            "DISCONNECT reason code 0x8C",
            MQTT_5,
            SERVER,
            "E0 01 8C",
            MALFORMED_PACKET),
        c(
            "MQTT-3.14.2-2",
            "session expiry interval on a DISCONNECT from a server",
            MQTT_5,
            CLIENT,
            "E0 07 00 05 1100000001",
            PROTOCOL_ERROR),
        c(
            "MQTT-3.15.2-1",
            "AUTH reason code 0x01",
            MQTT_5,
            SERVER,
            "F0 02 01 00",
            MALFORMED_PACKET),
        c(
            "MQTT-3.15.2.2.2",
            "AUTH without an authentication method",
            MQTT_5,
            SERVER,
            "F0 02 18 00",
            PROTOCOL_ERROR));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void theDecoderRefusesThePacketNamingTheRuleItBreaks(Case c) {
    byte[] bytes = Wire.bytes(c.hex());
    List<Object> decoded =
        c.rule().equals("MQTT-3.1.0-1")
            ? Wire.feed(Wire.serverChannel(), bytes)
            : c.serverSide()
                ? Wire.decodeAsServer(c.version(), bytes)
                : Wire.decodeAsClient(c.version(), bytes);

    assertThat(decoded).hasSize(1).first().isInstanceOf(DecodeFailure.class);
    DecodeFailure failure = (DecodeFailure) decoded.get(0);
    assertThat(failure.rule()).as(failure.message()).isEqualTo(c.rule());
    assertThat(failure.reasonCode()).as(failure.message()).isEqualTo(c.reasonCode());
  }
}
