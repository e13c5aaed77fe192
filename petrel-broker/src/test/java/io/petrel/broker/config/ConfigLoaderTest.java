package io.petrel.broker.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.petrel.codec.WildcardSyntax;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  private static final Path SAMPLE = Path.of("../config/petrel.conf");

  @TempDir Path dir;

  private Path file;

  private Path write(String... lines) throws IOException {
    file = dir.resolve("petrel.conf");
    Files.write(file, List.of(lines), StandardCharsets.UTF_8);
    return file;
  }

  private BrokerConfig load(String... lines) throws Exception {
    return ConfigLoader.load(write(lines));
  }

  private String errorOf(String... lines) throws IOException {
    Path path = write(lines);
    return errorOf(() -> ConfigLoader.load(path));
  }

  private static String errorOf(Load load) {
    try {
      load.run();
    } catch (ConfigException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a ConfigException");
  }

  @FunctionalInterface
  private interface Load {
    void run() throws ConfigException;
  }

  @Nested
  class Format {
    @Test
    void anEmptyFileGivesTheDefaults() throws Exception {
      assertThat(load()).isEqualTo(BrokerConfig.defaults());
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws Exception {
      assertThat(load("# a comment", "", "   ", "  # indented comment", "#max_packet_size 12x"))
          .isEqualTo(BrokerConfig.defaults());
    }

    @Test
    void theValueIsTheRestOfTheLineTrimmed() throws Exception {
      assertThat(load("auto_id_prefix \t my prefix  ").autoIdPrefix()).isEqualTo("my prefix");
    }

    @Test
    void windowsLineEndingsAreAccepted() throws Exception {
      file = dir.resolve("crlf.conf");
      Files.writeString(file, "max_keepalive 60\r\nretain_available false\r\n");
      BrokerConfig config = ConfigLoader.load(file);
      assertThat(config.maxKeepalive()).isEqualTo(60);
      assertThat(config.retainAvailable()).isFalse();
    }
  }

  @Nested
  class GlobalKeys {
    @Test
    void allowAnonymousIsRead() throws Exception {
      assertThat(load("allow_anonymous false").allowAnonymous()).isFalse();
      assertThat(load("listener 1883", "allow_anonymous true").allowAnonymous()).isTrue();
    }

    @Test
    void maxPacketSizeIsInBytesAndZeroMeansTheMqttMaximum() throws Exception {
      assertThat(load("max_packet_size 2048").maxPacketSize()).isEqualTo(2048);
      assertThat(load("max_packet_size 0").maxPacketSize()).isEqualTo(268_435_455);
      assertThat(load("max_packet_size 20").maxPacketSize()).isEqualTo(20);
    }

    @Test
    void maxPacketSizeBelowTwentyBytesIsRefusedAsMosquittoDoes() throws Exception {
      assertThat(errorOf("max_packet_size 19"))
          .isEqualTo(
              file
                  + ":1: max_packet_size: 19 is too small; use 0 (the MQTT maximum, 268435455)"
                  + " or 20 to 268435455 bytes");
    }

    @Test
    void maxQueuedMessagesZeroMeansUnlimited() throws Exception {
      assertThat(load("max_queued_messages 100").maxQueuedMessages()).isEqualTo(100);
      assertThat(load("max_queued_messages 0").maxQueuedMessages()).isEqualTo(Integer.MAX_VALUE);
    }

    @Test
    void maxInflightMessagesZeroMeansTheMqttMaximum() throws Exception {
      assertThat(load("max_inflight_messages 1").maxInflightMessages()).isEqualTo(1);
      assertThat(load("max_inflight_messages 0").maxInflightMessages()).isEqualTo(65535);
      assertThat(errorOf("max_inflight_messages 65536"))
          .isEqualTo(file + ":1: max_inflight_messages: 65536 is out of range; use 0 to 65535");
    }

    @Test
    void queueQos0MessagesIsRead() throws Exception {
      assertThat(load("queue_qos0_messages true").queueQos0Messages()).isTrue();
    }

    @Test
    void sharedSubscriptionStrategyIsRoundRobinRandomOrSticky() throws Exception {
      assertThat(BrokerConfig.defaults().sharedSubscriptionStrategy())
          .isEqualTo(SharedSubscriptionStrategy.ROUND_ROBIN);
      assertThat(load("shared_subscription_strategy random").sharedSubscriptionStrategy())
          .isEqualTo(SharedSubscriptionStrategy.RANDOM);
      assertThat(load("shared_subscription_strategy sticky").sharedSubscriptionStrategy())
          .isEqualTo(SharedSubscriptionStrategy.STICKY);
      assertThat(load("shared_subscription_strategy round_robin").sharedSubscriptionStrategy())
          .isEqualTo(SharedSubscriptionStrategy.ROUND_ROBIN);
      assertThat(errorOf("shared_subscription_strategy hash"))
          .isEqualTo(
              file
                  + ":1: shared_subscription_strategy: \"hash\" is not allowed;"
                  + " use round_robin, random, sticky");
    }

    @Test
    void maxKeepaliveIsZeroTo65535() throws Exception {
      assertThat(load("max_keepalive 0").maxKeepalive()).isZero();
      assertThat(load("max_keepalive 120").maxKeepalive()).isEqualTo(120);
      assertThat(errorOf("max_keepalive 65536"))
          .isEqualTo(file + ":1: max_keepalive: 65536 is out of range; use 0 to 65535");
      assertThat(errorOf("max_keepalive -1"))
          .isEqualTo(file + ":1: max_keepalive: -1 is out of range; use 0 to 65535");
    }

    @Test
    void allowZeroLengthClientIdIsRead() throws Exception {
      assertThat(load("allow_zero_length_clientid false").allowZeroLengthClientId()).isFalse();
    }

    @Test
    void autoIdPrefixIsRead() throws Exception {
      assertThat(load("auto_id_prefix petrel-").autoIdPrefix()).isEqualTo("petrel-");
    }

    @Test
    void retainAvailableIsRead() throws Exception {
      assertThat(load("retain_available false").retainAvailable()).isFalse();
    }

    @Test
    void setTcpNodelayIsRead() throws Exception {
      assertThat(load("set_tcp_nodelay false").tcpNoDelay()).isFalse();
    }

    @Test
    void persistentClientExpirationTakesMosquittoDurations() throws Exception {
      assertThat(load("persistent_client_expiration 2h").persistentClientExpiration())
          .isEqualTo(7200);
      assertThat(load("persistent_client_expiration 3d").persistentClientExpiration())
          .isEqualTo(3 * 86_400);
      assertThat(load("persistent_client_expiration 1w").persistentClientExpiration())
          .isEqualTo(7 * 86_400);
      assertThat(load("persistent_client_expiration 1m").persistentClientExpiration())
          .isEqualTo(30 * 86_400);
      assertThat(load("persistent_client_expiration 1y").persistentClientExpiration())
          .isEqualTo(365 * 86_400);
      assertThat(BrokerConfig.defaults().persistentClientExpiration())
          .isEqualTo(BrokerConfig.NEVER_EXPIRES);
      assertThat(errorOf("persistent_client_expiration 5"))
          .startsWith(file + ":1: persistent_client_expiration: \"5\" is not a duration");
      assertThat(errorOf("persistent_client_expiration 0d"))
          .startsWith(file + ":1: persistent_client_expiration: 0 would end every session");
    }

    @Test
    void topicAliasAndReceiveMaximumAreRead() throws Exception {
      assertThat(BrokerConfig.defaults().maxTopicAlias()).isEqualTo(10);
      assertThat(load("max_topic_alias 0").maxTopicAlias()).isZero();
      assertThat(BrokerConfig.defaults().receiveMaximum()).isEqualTo(100);
      assertThat(load("receive_maximum 5").receiveMaximum()).isEqualTo(5);
      assertThat(errorOf("receive_maximum 0")).startsWith(file + ":1: receive_maximum: 0 is out");
    }

    @Test
    void ioThreadsIsReadAndZeroMeansOnePerCoreButOne() throws Exception {
      assertThat(load("io_threads 3").effectiveIoThreads()).isEqualTo(3);
      assertThat(load("io_threads 0").effectiveIoThreads())
          .isEqualTo(Math.max(1, Runtime.getRuntime().availableProcessors() - 1));
      assertThat(BrokerConfig.defaultIoThreads(1)).isEqualTo(1);
      assertThat(BrokerConfig.defaultIoThreads(2)).isEqualTo(1);
      assertThat(BrokerConfig.defaultIoThreads(8)).isEqualTo(7);
      assertThat(errorOf("io_threads -1")).startsWith(file + ":1: io_threads:");
    }

    @Test
    void persistenceChoosesBetweenTheStoreAndMemory() throws Exception {
      assertThat(BrokerConfig.defaults().persistence()).isEqualTo(PersistenceSettings.defaults());
      assertThat(load("persistence false").persistence().durability())
          .isEqualTo(PersistenceSettings.Durability.MEMORY);
      assertThat(load("persistence true").persistence().durability())
          .isEqualTo(PersistenceSettings.Durability.SYNC);
      assertThat(load("durability periodic", "persistence true").persistence().durability())
          .isEqualTo(PersistenceSettings.Durability.PERIODIC);
      assertThat(load("durability memory").persistence().durability())
          .isEqualTo(PersistenceSettings.Durability.MEMORY);
      assertThat(load("persistence_location /var/lib/petrel/").persistence().directory())
          .isEqualTo(Path.of("/var/lib/petrel/"));
      assertThat(load("durability_interval_ms 50").persistence().syncIntervalMillis())
          .isEqualTo(50);
      assertThat(errorOf("durability always"))
          .isEqualTo(
              file
                  + ":1: durability: \"always\" is not a durability; use sync, periodic or memory");
      assertThat(errorOf("durability_interval_ms 0"))
          .startsWith(file + ":1: durability_interval_ms: 0 is out of range");
    }

    @Test
    void theTopicSyntaxCanBeChanged() throws Exception {
      BrokerConfig config =
          load("topic_separator .", "single_level_wildcard *", "multi_level_wildcard >");
      assertThat(config.wildcardSyntax()).isEqualTo(new WildcardSyntax('.', '*', '>'));
    }

    @Test
    void swappingTwoWildcardsIsAllowed() throws Exception {
      BrokerConfig config = load("single_level_wildcard #", "multi_level_wildcard +");
      assertThat(config.wildcardSyntax()).isEqualTo(new WildcardSyntax('/', '#', '+'));
    }
  }

  @Nested
  class Listeners {
    @Test
    void withoutListenersPetrelListensOnLoopbackOnlyAndLetsAnonymousClientsIn() throws Exception {
      BrokerConfig config = load("max_keepalive 60");
      assertThat(config.listeners()).containsExactly(ListenerConfig.loopback(1883));
      assertThat(config.allowAnonymous()).isTrue();
    }

    @Test
    void aListenerWithoutAddressBindsEveryInterfaceAndRefusesAnonymousClients() throws Exception {
      BrokerConfig config = load("listener 1883");
      assertThat(config.listeners())
          .containsExactly(new ListenerConfig("0.0.0.0", 1883, ListenerProtocol.MQTT));
      assertThat(config.allowAnonymous()).isFalse();
    }

    @Test
    void listenersKeepTheirAddressAndFileOrder() throws Exception {
      BrokerConfig config = load("listener 1884 127.0.0.1", "protocol mqtt", "listener 1885 ::");
      assertThat(config.listeners())
          .containsExactly(
              new ListenerConfig("127.0.0.1", 1884, ListenerProtocol.MQTT),
              new ListenerConfig("::", 1885, ListenerProtocol.MQTT));
    }

    @Test
    void portAndBindAddressDescribeTheDefaultListenerAddedAfterTheSections() throws Exception {
      BrokerConfig config = load("port 1885", "bind_address 127.0.0.1", "listener 1886");
      assertThat(config.listeners())
          .containsExactly(
              new ListenerConfig("0.0.0.0", 1886, ListenerProtocol.MQTT),
              new ListenerConfig("127.0.0.1", 1885, ListenerProtocol.MQTT));
      assertThat(config.allowAnonymous()).isFalse();
    }

    @Test
    void portAloneBindsEveryInterface() throws Exception {
      assertThat(load("port 1885").listeners())
          .containsExactly(new ListenerConfig("0.0.0.0", 1885, ListenerProtocol.MQTT));
    }

    @Test
    void bindAddressAloneUsesPort1883() throws Exception {
      assertThat(load("bind_address 10.0.0.1").listeners())
          .containsExactly(new ListenerConfig("10.0.0.1", 1883, ListenerProtocol.MQTT));
    }

    @Test
    void portZeroListenersMayRepeatBecauseEachGetsItsOwnPort() throws Exception {
      assertThat(load("listener 0", "listener 0").listeners()).hasSize(2);
    }

    @Test
    void theSameListenerTwiceIsAnError() throws Exception {
      assertThat(errorOf("listener 1883", "listener 1883 0.0.0.0"))
          .isEqualTo(file + ":2: listener: 0.0.0.0:1883 is already defined at line 1");
      assertThat(errorOf("listener 1883", "port 1883"))
          .isEqualTo(file + ":2: default listener 0.0.0.0:1883 is already defined at line 1");
    }

    @Test
    void protocolWebsocketsMakesAWebSocketOnlyListener() throws Exception {
      assertThat(load("listener 9001", "protocol websockets").listeners())
          .containsExactly(new ListenerConfig("0.0.0.0", 9001, ListenerProtocol.WEBSOCKETS));
    }

    @Test
    void anUnknownProtocolSaysWhatIsAllowed() throws Exception {
      assertThat(errorOf("listener 1883", "protocol http"))
          .isEqualTo(file + ":2: protocol: \"http\" is not allowed; use mqtt or websockets");
    }

    @Test
    void badListenerLinesSayWhatIsWrong() throws Exception {
      assertThat(errorOf("listener")).isEqualTo(file + ":1: listener: a value is needed");
      assertThat(errorOf("listener 1883 0.0.0.0 extra"))
          .isEqualTo(file + ":1: listener: too many values; use listener <port> [bind address]");
      assertThat(errorOf("listener 70000"))
          .isEqualTo(file + ":1: listener: 70000 is out of range; use 0 to 65535");
      assertThat(errorOf("listener 0 /tmp/mqtt.sock"))
          .isEqualTo(file + ":1: listener: unix sockets are not supported yet by Petrel");
      assertThat(errorOf("port 1883", "port 1884"))
          .isEqualTo(file + ":2: port: already set at line 1");
      assertThat(errorOf("listener 1883", "protocol mqtt", "protocol mqtt"))
          .isEqualTo(file + ":3: protocol: already set at line 2");
    }
  }

  @Nested
  class Errors {
    @Test
    void aBadNumberNamesFileLineAndKey() throws Exception {
      assertThat(errorOf("# limits", "", "max_packet_size 12x"))
          .isEqualTo(file + ":3: max_packet_size: \"12x\" is not a number");
    }

    @Test
    void aHugeNumberIsOutOfRangeNotAnOverflow() throws Exception {
      assertThat(errorOf("max_queued_messages 99999999999999999999999"))
          .isEqualTo(
              file
                  + ":1: max_queued_messages: 99999999999999999999999 is out of range;"
                  + " use 0 to 2147483647");
    }

    @Test
    void aBadBooleanSaysTrueOrFalse() throws Exception {
      assertThat(errorOf("allow_anonymous yes"))
          .isEqualTo(file + ":1: allow_anonymous: \"yes\" is not allowed; use true or false");
    }

    @Test
    void aKeyWithoutValueNeedsOne() throws Exception {
      assertThat(errorOf("auto_id_prefix"))
          .isEqualTo(file + ":1: auto_id_prefix: a value is needed");
    }

    @Test
    void aKeySetTwiceIsAnErrorRatherThanASilentOverride() throws Exception {
      assertThat(errorOf("max_keepalive 60", "max_keepalive 90"))
          .isEqualTo(file + ":2: max_keepalive: already set at line 1");
    }

    @Test
    void anUnknownKeySuggestsTheNearestKnownOne() throws Exception {
      assertThat(errorOf("max_packet_sise 10"))
          .isEqualTo(file + ":1: unknown key \"max_packet_sise\" (did you mean max_packet_size?)");
      assertThat(errorOf("Allow_Anonymous true"))
          .isEqualTo(file + ":1: unknown key \"Allow_Anonymous\" (did you mean allow_anonymous?)");
    }

    @Test
    void anUnknownKeyFarFromEveryKnownOneGetsNoSuggestion() throws Exception {
      assertThat(errorOf("frobnicate yes")).isEqualTo(file + ":1: unknown key \"frobnicate\"");
    }

    @Test
    void mosquittoKeysPetrelDoesNotSupportYetStopStartUp() throws Exception {
      for (String key :
          List.of(
              "auth_plugin",
              "log_type",
              "log_dest",
              "connection_messages",
              "capath",
              "ciphers",
              "include_dir",
              "plugin_opt_db")) {
        assertThat(errorOf("listener 1883", key + " some value"))
            .isEqualTo(file + ":2: " + key + ": not supported yet by Petrel");
      }
    }

    @Test
    void wildcardsMustBeOneVisibleCharacter() throws Exception {
      assertThat(errorOf("topic_separator //"))
          .isEqualTo(file + ":1: topic_separator: \"//\" must be exactly one character");
      assertThat(errorOf("single_level_wildcard \u0001"))
          .isEqualTo(
              file
                  + ":1: single_level_wildcard: a space, control or surrogate character is not"
                  + " allowed");
    }

    @Test
    void wildcardsMustDifferAndTheLaterKeyIsBlamed() throws Exception {
      assertThat(errorOf("max_keepalive 60", "single_level_wildcard /"))
          .isEqualTo(
              file
                  + ":2: single_level_wildcard: \"/\" is also the topic_separator;"
                  + " topic_separator, single_level_wildcard and multi_level_wildcard must be"
                  + " three different characters");
      assertThat(errorOf("multi_level_wildcard *", "single_level_wildcard *"))
          .startsWith(file + ":2: single_level_wildcard: \"*\" is also the multi_level_wildcard;");
    }

    @Test
    void aMissingFileIsNamed() {
      Path missing = dir.resolve("nope.conf");
      assertThat(errorOf(() -> ConfigLoader.load(missing)))
          .isEqualTo(missing + ": no such config file");
    }

    @Test
    void aDirectoryIsNotAConfigFile() {
      assertThat(errorOf(() -> ConfigLoader.load(dir)))
          .isEqualTo(dir + ": is a directory, not a config file");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws Exception {
      file = dir.resolve("latin1.conf");
      Files.write(
          file,
          new byte[] {
            'a', 'u', 't', 'o', '_', 'i', 'd', '_', 'p', 'r', 'e', 'f', 'i', 'x', ' ', (byte) 0xE9
          });
      Path path = file;
      assertThat(errorOf(() -> ConfigLoader.load(path)))
          .isEqualTo(file + ": the config file is not UTF-8 text");
    }
  }

  @Nested
  class EnvironmentOverrides {
    @Test
    void anOverrideWinsOverTheFile() throws Exception {
      Path path = write("max_packet_size 1024");
      BrokerConfig config = ConfigLoader.load(path, Map.of("PETREL_MAX_PACKET_SIZE", "2048"));
      assertThat(config.maxPacketSize()).isEqualTo(2048);
    }

    @Test
    void anOverrideAppliesWhenTheFileDoesNotSetTheKey() throws Exception {
      Path path = write("listener 1883");
      BrokerConfig config = ConfigLoader.load(path, Map.of("PETREL_ALLOW_ANONYMOUS", "true"));
      assertThat(config.allowAnonymous()).isTrue();
    }

    @Test
    void overridesApplyToTheDefaultsWhenThereIsNoFile() throws Exception {
      BrokerConfig config = ConfigLoader.defaults(Map.of("PETREL_MAX_KEEPALIVE", "30"));
      assertThat(config).isEqualTo(BrokerConfig.builder().maxKeepalive(30).build());
    }

    @Test
    void aBadOverrideNamesTheVariable() throws Exception {
      Path path = write("max_packet_size 1024");
      assertThat(errorOf(() -> ConfigLoader.load(path, Map.of("PETREL_MAX_PACKET_SIZE", "12x"))))
          .isEqualTo("environment variable PETREL_MAX_PACKET_SIZE: \"12x\" is not a number");
    }

    @Test
    void anOverrideThatMakesWildcardsClashIsBlamed() throws Exception {
      Path path = write("single_level_wildcard *");
      assertThat(errorOf(() -> ConfigLoader.load(path, Map.of("PETREL_MULTI_LEVEL_WILDCARD", "*"))))
          .startsWith("environment variable PETREL_MULTI_LEVEL_WILDCARD: \"*\" is also the");
    }

    @Test
    void listenersCannotBeSetFromTheEnvironment() throws Exception {
      Path path = write();
      assertThat(errorOf(() -> ConfigLoader.load(path, Map.of("PETREL_PORT", "1884"))))
          .isEqualTo(
              "environment variable PETREL_PORT: port cannot be set from the environment;"
                  + " define listeners in the config file");
    }

    @Test
    void unsupportedKeysAreRefusedFromTheEnvironmentToo() throws Exception {
      assertThat(errorOf(() -> ConfigLoader.defaults(Map.of("PETREL_PSK_FILE", "/x"))))
          .isEqualTo(
              "environment variable PETREL_PSK_FILE: psk_file is not supported yet by Petrel");
    }

    @Test
    void otherVariablesAreLeftAlone() throws Exception {
      Map<String, String> env =
          Map.of("PETREL_JAVA_OPTS", "-Xmx1g", "PETREL_SOMETHING_ELSE", "x", "HOME", "/root");
      assertThat(ConfigLoader.defaults(env)).isEqualTo(BrokerConfig.defaults());
    }
  }

  @Nested
  class SampleFile {
    private static final Pattern COMMENTED_KEY = Pattern.compile("^#([a-z0-9_]+) (.+)$");

    @Test
    void theSampleLoadsAsTheDefaults() throws Exception {
      assertThat(ConfigLoader.load(SAMPLE)).isEqualTo(BrokerConfig.defaults());
    }

    @Test
    void theSampleDocumentsEveryGlobalKeyWithItsDefault() throws Exception {
      List<String> documented = commentedSettings().stream().map(l -> l.split(" ")[0]).toList();
      assertThat(documented)
          .containsAll(Arrays.stream(GlobalKey.values()).map(GlobalKey::key).toList())
          .contains("protocol", "port", "bind_address");

      // Uncommented, the documented global values are the defaults. allow_anonymous is
      // documented as false, its default once a listener is defined. persistent_client_expiration
      // has no value that means its default (never) and is documented with an example, and so
      // has password_file (none), and so have acl_file and client_class_org.
      List<String> uncommented =
          commentedSettings().stream()
              .filter(l -> GlobalKey.named(l.split(" ")[0]).isPresent())
              .filter(l -> !l.startsWith("persistent_client_expiration "))
              .filter(l -> !l.startsWith("password_file "))
              .filter(l -> !l.startsWith("acl_file "))
              .filter(l -> !l.startsWith("client_class_org "))
              .toList();
      BrokerConfig config = ConfigLoader.load(write(uncommented.toArray(String[]::new)));
      assertThat(config).isEqualTo(BrokerConfig.builder().allowAnonymous(false).build());
    }

    @Test
    void theSampleListsEveryKeyThatIsNotSupportedYet() throws IOException {
      String text = Files.readString(SAMPLE);
      String block = text.substring(text.indexOf("# Mosquitto keys not supported yet"));
      Set<String> listed = new HashSet<>(Arrays.asList(block.split("[\\s#:()]+")));
      Set<String> expected = new HashSet<>(MosquittoKeys.NOT_SUPPORTED);
      MosquittoKeys.NOT_SUPPORTED_PREFIXES.forEach(p -> expected.add(p + "*"));
      assertThat(listed).containsAll(expected);
    }

    private List<String> commentedSettings() throws IOException {
      return Files.readAllLines(SAMPLE).stream()
          .map(COMMENTED_KEY::matcher)
          .filter(Matcher::matches)
          .map(m -> m.group(1) + " " + m.group(2))
          .collect(Collectors.toList());
    }
  }
}
