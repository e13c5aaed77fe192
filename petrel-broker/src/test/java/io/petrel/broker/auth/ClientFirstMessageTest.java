package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.codec.Bytes;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientFirstMessageTest {

  @Test
  void theGs2HeaderAndTheBareMessageAreKeptAsSentForAuthMessage() throws Exception {
    ClientFirstMessage m = ClientFirstMessage.parse(Bytes.utf8("n,,n=user,r=rOprNGfwEbeRWgbNEkqO"));

    assertThat(m.gs2Header()).isEqualTo("n,,");
    assertThat(m.authzid()).isEmpty();
    assertThat(m.username()).isEqualTo("user");
    assertThat(m.clientNonce()).isEqualTo("rOprNGfwEbeRWgbNEkqO");
    assertThat(m.bare()).isEqualTo("n=user,r=rOprNGfwEbeRWgbNEkqO");
  }

  @Test
  void saslNamesDecodeEscapedCommaAndEquals() throws Exception {
    // RFC 5802 section 5.1: "=2C" is ',' and "=3D" is '=', in n= and in a=.
    ClientFirstMessage m = ClientFirstMessage.parse(Bytes.utf8("n,a=x=3D=2Cy,n=x=3D=2Cy,r=abc"));

    assertThat(m.gs2Header()).isEqualTo("n,a=x=3D=2Cy,");
    assertThat(m.authzid()).isEqualTo(Optional.of("x=,y"));
    assertThat(m.username()).isEqualTo("x=,y");
    assertThat(m.bare()).isEqualTo("n=x=3D=2Cy,r=abc");
  }

  @Test
  void escapesAreCaseSensitiveAndAnyOtherEqualsSignIsRefused() {
    assertThatThrownBy(() -> ClientFirstMessage.parse(Bytes.utf8("n,,n=x=2c,r=abc")))
        .isInstanceOf(ScramRejection.class)
        .hasMessageContaining("'=' not followed by 2C or 3D");
  }

  @Test
  void nonAsciiUserNamesArriveAsSent() throws Exception {
    ClientFirstMessage m = ClientFirstMessage.parse(Bytes.utf8("n,,n=jörg,r=abc"));

    assertThat(m.username()).isEqualTo("jörg");
  }
}
