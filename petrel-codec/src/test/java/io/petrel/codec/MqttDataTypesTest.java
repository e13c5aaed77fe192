package io.petrel.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Are the MQTT data types (MQTT 5.0 section 1.5) read strictly and written exactly? */
class MqttDataTypesTest {
  /** A heap wrapper: no pooled memory behind it, so tests need not release it. */
  private static ByteBuf buf(String hex) {
    return Unpooled.wrappedBuffer(Wire.bytes(hex));
  }

  @ParameterizedTest(name = "{0} is written as {1}")
  @CsvSource({
    "0, 00",
    "127, 7f",
    "128, 8001",
    "321, c102",
    "16383, ff7f",
    "16384, 808001",
    "2097151, ffff7f",
    "2097152, 80808001",
    "268435455, ffffff7f"
  })
  void variableByteIntegersUseTheFewestBytesAndReadBack(int value, String hex)
      throws MalformedPacketException {
    ByteBuf out = Wire.ALLOC.buffer();
    try {
      MqttDataTypes.writeVariableByteInteger(out, value);

      assertThat(ByteBufUtil.hexDump(out)).isEqualTo(hex);
      assertThat(MqttDataTypes.variableByteIntegerSize(value)).isEqualTo(hex.length() / 2);
      assertThat(MqttDataTypes.readVariableByteInteger(out, "v")).isEqualTo(value);
    } finally {
      out.release();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ffffffff7f", "ffffffff", "8000", "808000", "ff"})
  void variableByteIntegersLongerThanFourBytesNotMinimalOrCutOffAreMalformed(String hex) {
    assertThatThrownBy(() -> MqttDataTypes.readVariableByteInteger(buf(hex), "v"))
        .isInstanceOf(MalformedPacketException.class);
  }

  @Test
  void variableByteIntegersOutOfRangeCannotBeWritten() {
    assertThatThrownBy(
            () -> MqttDataTypes.writeVariableByteInteger(Unpooled.EMPTY_BUFFER, 268_435_456))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MqttDataTypes.variableByteIntegerSize(-1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "0003616263, abc",
    "0000, ''",
    "0002c3a9, \u00e9",
    "0003e4b896, \u4e16",
    "0005 41f0aa9b94, A\ud869\uded4",
    "0003efbbbf, \ufeff",
    "0003efbfbf, \uffff"
  })
  void wellFormedStringsAreDecoded(String hex, String expected) throws MalformedPacketException {
    // U+FEFF is kept, never stripped as a byte order mark [MQTT-1.5.4-3].
    assertThat(MqttDataTypes.readString(buf(hex), "s")).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "MQTT-1.5.4-1, 0001ff",
    "MQTT-1.5.4-1, 0001c0",
    "MQTT-1.5.4-1, 0002c080",
    "MQTT-1.5.4-1, 0002c1bf",
    "MQTT-1.5.4-1, 0003e09fbf",
    "MQTT-1.5.4-1, 0003eda080",
    "MQTT-1.5.4-1, 0003edbfbf",
    "MQTT-1.5.4-1, 0006eda0bdedb080",
    "MQTT-1.5.4-1, 0004f08fbfbf",
    "MQTT-1.5.4-1, 0004f4908080",
    "MQTT-1.5.4-1, 0004f5808080",
    "MQTT-1.5.4-1, 000180",
    "MQTT-1.5.4-1, 0002e282",
    "MQTT-1.5.4-1, 0002c328",
    "MQTT-1.5.4-2, 000100",
    "MQTT-1.5.4-2, 0003610062",
    "MQTT-2.1.4, 0003 6162",
    "MQTT-2.1.4, 00"
  })
  void illFormedStringsAreMalformed(String rule, String hex) {
    assertThatThrownBy(() -> MqttDataTypes.readString(buf(hex), "s"))
        .isInstanceOfSatisfying(
            MalformedPacketException.class,
            e -> {
              assertThat(e.rule()).isEqualTo(rule);
              assertThat(e.reasonCode()).isEqualTo(ReasonCode.MALFORMED_PACKET);
            });
  }

  @Test
  void stringsThatNoMqttPeerMayReceiveCannotBeWritten() {
    assertThatThrownBy(() -> MqttDataTypes.stringSize("a\u0000"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MqttDataTypes.stringSize("\ud800"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MqttDataTypes.stringSize("\udc00x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MqttDataTypes.stringSize("x".repeat(65536)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(MqttDataTypes.stringSize("x".repeat(65535))).isEqualTo(65537);
  }

  @Test
  void binaryDataIsCopiedOutOfTheBuffer() throws MalformedPacketException {
    ByteBuf in = buf("0003 010203");

    Bytes bytes = MqttDataTypes.readBinary(in, "b");
    in.setByte(2, 9);

    assertThat(bytes.toByteArray()).containsExactly(1, 2, 3);
    assertThat(in.isReadable()).isFalse();
  }

  @Test
  void payloadsCanBeCheckedForWellFormedUtf8() {
    assertThat(MqttDataTypes.isWellFormedUtf8(Bytes.utf8("h\u00e9llo \ud83d\ude00"))).isTrue();
    assertThat(
            MqttDataTypes.isWellFormedUtf8(
                Bytes.wrap(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})))
        .isFalse();
    assertThat(MqttDataTypes.isWellFormedUtf8(Bytes.wrap(new byte[] {0}))).isFalse();
  }

  @Test
  void utf8LengthCountsWithoutEncodingAndMatchesTheEncoder() {
    for (String s : new String[] {"", "a/b", "é", "€", "\uD83D\uDE00", "a\u0000b"}) {
      assertThat(MqttDataTypes.utf8Length(s))
          .as(s)
          .isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }
  }

  @Test
  void utf8LengthRefusesAnUnpairedSurrogateNamingItsIndex() {
    assertThatThrownBy(() -> MqttDataTypes.utf8Length("ab\uD800c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an unpaired surrogate (at index 2)");
    assertThatThrownBy(() -> MqttDataTypes.stringSize("a\u0000"))
        .hasMessage("an MQTT string must not contain U+0000 (at index 1)");
  }
}
