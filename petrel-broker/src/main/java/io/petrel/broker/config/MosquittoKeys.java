package io.petrel.broker.config;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Mosquitto's keys as Petrel sees them. A key Petrel does not support yet stops start-up rather
 * than being ignored: a broker that quietly drops {@code password_file} is open to everyone.
 */
final class MosquittoKeys {
  private MosquittoKeys() {}

  /** Keys that shape the listeners; handled by {@link ListenerSections}. */
  static final Set<String> LISTENER =
      words(
          """
          listener port bind_address protocol max_connections
          certfile keyfile cafile require_certificate use_identity_as_username tls_version
          """,
          // Petrel's own.
          """
          keyfile_password websockets_path max_connect_rate
          """);

  /** Mosquitto 2 keys that Petrel recognises but does not support yet. */
  static final Set<String> NOT_SUPPORTED =
      words(
          """
          allow_duplicate_messages autosave_interval autosave_on_changes check_retain_source
          clientid_prefixes enable_control_api global_max_clients global_max_connections
          include_dir max_inflight_bytes max_queued_bytes memory_limit message_size_limit
          persistence_file pid_file
          retain_expiry_interval retry_interval store_clean_interval sys_interval
          upgrade_outgoing_qos user websockets_headers_size websockets_log_level
          """,
          // Petrel logs through SLF4J, configured by Logback.
          """
          connection_messages log_dest log_facility log_timestamp log_timestamp_format log_type
          """,
          """
          auth_plugin auth_plugin_deny_special_chars listener_allow_anonymous
          listener_auto_id_prefix plugin plugin_load
          plugin_use psk_file psk_hint
          """,
          // Listener options.
          """
          accept_protocol_versions bind_interface enable_proxy_protocol http_dir
          max_qos max_topic_alias_broker mount_point socket_domain
          use_username_as_clientid websockets_origin
          """,
          """
          capath ciphers ciphers_tls1.3 crlfile dhparamfile disable_client_cert_date_checks
          tls_engine tls_engine_kpass_sha1 tls_keyform use_subject_as_username
          """,
          // Bridges.
          """
          connection address addresses bridge_alpn bridge_attempt_unsubscribe bridge_bind_address
          bridge_cafile bridge_capath bridge_certfile bridge_identity bridge_insecure
          bridge_keyfile bridge_max_packet_size bridge_max_topic_alias bridge_outgoing_retain
          bridge_protocol_version bridge_psk bridge_receive_maximum bridge_reload_type
          bridge_require_ocsp bridge_session_expiry_interval bridge_tls_version cleansession
          clientid idle_timeout keepalive_interval local_cleansession local_clientid
          local_password local_username notification_topic notifications
          notifications_local_only password remote_clientid remote_password remote_username
          restart_timeout round_robin start_type threshold topic try_private username
          """);

  /** Families of keys with a free suffix, such as {@code plugin_opt_db}. */
  static final Set<String> NOT_SUPPORTED_PREFIXES = Set.of("auth_opt_", "plugin_opt_");

  static boolean isNotSupported(String key) {
    return NOT_SUPPORTED.contains(key)
        || NOT_SUPPORTED_PREFIXES.stream()
            .anyMatch(p -> key.startsWith(p) && key.length() > p.length());
  }

  /** Every key the loader recognises, for suggestions. */
  static Set<String> known() {
    return Stream.of(
            Stream.of(GlobalKey.values()).map(GlobalKey::key),
            LISTENER.stream(),
            NOT_SUPPORTED.stream())
        .flatMap(s -> s)
        .collect(Collectors.toUnmodifiableSet());
  }

  private static Set<String> words(String... groups) {
    return Stream.of(groups)
        .flatMap(group -> Stream.of(group.strip().split("\\s+")))
        .collect(Collectors.toUnmodifiableSet());
  }
}
