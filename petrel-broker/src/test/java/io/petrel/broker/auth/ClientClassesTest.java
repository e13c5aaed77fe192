package io.petrel.broker.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.petrel.broker.auth.ClientClasses.Application;
import io.petrel.broker.auth.ClientClasses.ClientClass;
import io.petrel.broker.auth.ClientClasses.Device;
import io.petrel.broker.auth.ClientClasses.Gateway;
import io.petrel.codec.WildcardSyntax;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Do IBM IoT client ids confine devices, applications and gateways to their topic spaces? */
class ClientClassesTest {
  private final ClientClasses anyOrg = new ClientClasses(Optional.empty(), WildcardSyntax.DEFAULT);
  private final ClientClasses acme = new ClientClasses(Optional.of("acme"), WildcardSyntax.DEFAULT);

  private ClientClass classOf(String clientId) {
    return anyOrg.classify(clientId).orElseThrow();
  }

  @Test
  void theThreeClassesAreRecognisedAndOtherIdsAreNotConfined() {
    assertThat(classOf("d:acme:thermo:t1")).isEqualTo(new Device("acme", "thermo", "t1"));
    assertThat(classOf("a:acme:dash")).isEqualTo(new Application("acme", "dash"));
    assertThat(classOf("g:acme:hub:h1")).isEqualTo(new Gateway("acme", "hub", "h1"));
    assertThat(anyOrg.classify("sensor-1")).isEmpty();
    assertThat(anyOrg.classify("x:acme:a")).isEmpty();
    assertThat(anyOrg.classify("d")).isEmpty();
  }

  @Test
  void aMalformedClassIdIsRefused() {
    assertThatThrownBy(() -> anyOrg.classify("d:acme:thermo"))
        .hasMessage("client id \"d:acme:thermo\" is not d:{org}:{type}:{id}");
    assertThatThrownBy(() -> anyOrg.classify("a:acme:dash:extra"))
        .hasMessage("client id \"a:acme:dash:extra\" is not a:{org}:{app}");
    assertThatThrownBy(() -> anyOrg.classify("g:acme::h1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> anyOrg.classify("d:acme:thermo:t+"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> anyOrg.classify("d:acme:th/ermo:t1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void clientClassOrgRefusesOtherOrganisations() {
    assertThat(acme.classify("d:acme:thermo:t1")).isPresent();
    assertThatThrownBy(() -> acme.classify("d:evil:thermo:t1"))
        .hasMessage("client id \"d:evil:thermo:t1\" is not of organisation \"acme\"");
  }

  @Test
  void aDevicePublishesOnlyItsOwnEventsAndSubscribesOnlyToItsOwnCommands() {
    ClientClass d = classOf("d:acme:thermo:t1");
    assertThat(anyOrg.mayPublish(d, "iot-2/type/thermo/id/t1/evt/temp/fmt/json")).isTrue();
    assertThat(anyOrg.mayPublish(d, "iot-2/type/thermo/id/t2/evt/temp/fmt/json")).isFalse();
    assertThat(anyOrg.mayPublish(d, "iot-2/type/thermo/id/t1/cmd/reboot/fmt/json")).isFalse();
    assertThat(anyOrg.mayPublish(d, "iot-2/evt/temp/fmt/json")).isFalse();
    assertThat(anyOrg.maySubscribe(d, "iot-2/type/thermo/id/t1/cmd/+/fmt/+")).isTrue();
    assertThat(anyOrg.maySubscribe(d, "iot-2/type/thermo/id/t1/cmd/reboot/fmt/json")).isTrue();
    assertThat(anyOrg.maySubscribe(d, "iot-2/type/thermo/id/+/cmd/+/fmt/+")).isFalse();
    assertThat(anyOrg.maySubscribe(d, "iot-2/type/thermo/id/t1/#")).isFalse();
    assertThat(anyOrg.mayRead(d, "iot-2/type/thermo/id/t2/cmd/reboot/fmt/json")).isFalse();
  }

  @Test
  void anApplicationUsesTheEventsAndCommandsOfEveryDevice() {
    ClientClass a = classOf("a:acme:dash");
    assertThat(anyOrg.maySubscribe(a, "iot-2/type/+/id/+/evt/+/fmt/+")).isTrue();
    assertThat(anyOrg.maySubscribe(a, "iot-2/type/thermo/id/t1/cmd/+/fmt/json")).isTrue();
    assertThat(anyOrg.maySubscribe(a, "iot-2/#")).isFalse();
    assertThat(anyOrg.mayPublish(a, "iot-2/type/thermo/id/t1/cmd/reboot/fmt/json")).isTrue();
    assertThat(anyOrg.mayPublish(a, "other/topic")).isFalse();
  }

  @Test
  void aGatewayPublishesEventsAndReceivesCommandsForTheDevicesBehindIt() {
    ClientClass g = classOf("g:acme:hub:h1");
    assertThat(anyOrg.mayPublish(g, "iot-2/type/thermo/id/t9/evt/temp/fmt/json")).isTrue();
    assertThat(anyOrg.mayPublish(g, "iot-2/type/thermo/id/t9/cmd/x/fmt/json")).isFalse();
    assertThat(anyOrg.maySubscribe(g, "iot-2/type/+/id/+/cmd/+/fmt/+")).isTrue();
    assertThat(anyOrg.maySubscribe(g, "iot-2/type/+/id/+/evt/+/fmt/+")).isFalse();
  }
}
