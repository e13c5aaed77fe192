package io.petrel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Are acl_file, client_classes and client_class_org read, and bad ones reported clearly? */
class AclConfigTest {
  @TempDir Path dir;

  private Path file(String name, String... lines) throws Exception {
    Path file = dir.resolve(name);
    Files.write(file, List.of(lines));
    return file;
  }

  @Test
  void theKeysAreRead() throws Exception {
    Path acl = file("acl", "user alice", "topic a/#");
    Path config =
        file("petrel.conf", "acl_file " + acl, "client_classes true", "client_class_org acme");
    BrokerConfig c = ConfigLoader.load(config);
    assertThat(c.aclFile()).contains(acl);
    assertThat(c.clientClasses()).isTrue();
    assertThat(c.clientClassOrg()).contains("acme");
    assertThat(c.toBuilder().build()).isEqualTo(c);
  }

  @Test
  void clientClassesNeedAnOrganisation() throws Exception {
    Path config = file("petrel.conf", "client_classes true");
    assertThatThrownBy(() -> ConfigLoader.load(config))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            config
                + ":1: client_classes: set client_class_org too: one broker serves one"
                + " organisation's devices, applications and gateways");
  }

  @Test
  void byDefaultThereIsNoAclAndNoClientClasses() {
    BrokerConfig c = BrokerConfig.defaults();
    assertThat(c.aclFile()).isEmpty();
    assertThat(c.clientClasses()).isFalse();
    assertThat(c.clientClassOrg()).isEmpty();
  }

  @Test
  void aMalformedAclFileStopsStartUpNamingBothFilesAndTheLines() throws Exception {
    Path acl = file("acl", "# rules", "user alice", "topic read");
    Path config = file("petrel.conf", "listener 1883", "acl_file " + acl);
    assertThatThrownBy(() -> ConfigLoader.load(config))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            config
                + ":2: acl_file: "
                + acl
                + ":3: topic read needs a topic filter after the access");
  }

  @Test
  void aMissingAclFileStopsStartUp() throws Exception {
    Path config = file("petrel.conf", "acl_file " + dir.resolve("nope"));
    assertThatThrownBy(() -> ConfigLoader.load(config))
        .hasMessage(config + ":1: acl_file: " + dir.resolve("nope") + ": no such ACL file");
  }

  @Test
  void aBadOrganisationIsRefused() throws Exception {
    Path config = file("petrel.conf", "client_class_org a/b");
    assertThatThrownBy(() -> ConfigLoader.load(config))
        .hasMessage(
            config
                + ":1: client_class_org: \"a/b\" is not an organisation; use letters, digits,"
                + " '-', '_' or '.'");
  }
}
