package io.petrel.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class BenchExceptionTest {
  @Test
  void aConnectErrorLosesTheSystemCallAndTheAddressTheCommandAlreadyNames() {
    assertThat(
            BenchException.describe(
                new ConnectException(
                    "finishConnect(..) failed with error(-111): Connection refused:"
                        + " /127.0.0.1:1883")))
        .isEqualTo("Connection refused");
    assertThat(BenchException.describe(new ConnectException("Connection refused: /127.0.0.1:1883")))
        .isEqualTo("Connection refused");
    assertThat(
            BenchException.describe(
                new ConnectException("connection timed out after 10000 ms: localhost/[::1]:1883")))
        .isEqualTo("connection timed out after 10000 ms");
  }

  @Test
  void anErrorWithoutAMessageIsNamedByItsType() {
    assertThat(BenchException.describe(new IllegalStateException()))
        .isEqualTo("IllegalStateException");
  }
}
