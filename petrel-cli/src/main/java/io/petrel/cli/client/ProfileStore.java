package io.petrel.cli.client;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The profiles file, {@code profiles.properties} in the user's config directory ({@code
 * $PETREL_CONFIG_HOME}, else {@code $XDG_CONFIG_HOME/petrel}, else {@code ~/.config/petrel}), and
 * the key its passwords are encrypted with. Files are written 0600 (the directory 0700) where the
 * file system has POSIX permissions, through a temporary file and an atomic rename.
 *
 * <p>The key: {@code PETREL_ENCRYPTION_KEY} when set (the base64 of 32 bytes, or a passphrase
 * stretched with PBKDF2 and the salt kept in the profiles file), else the file {@code
 * encryption.key} next to the profiles, created with 32 random bytes on first use.
 */
final class ProfileStore {
  static final String CONFIG_HOME = "PETREL_CONFIG_HOME";
  static final String ENCRYPTION_KEY = "PETREL_ENCRYPTION_KEY";
  static final String FILE_NAME = "profiles.properties";
  static final String KEY_FILE_NAME = "encryption.key";

  private static final String SALT = "kdf.salt";
  private static final String ITERATIONS = "kdf.iterations";
  private static final String PREFIX = "profile.";
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private final Path dir;
  private final Map<String, String> env;
  private PasswordCipher cipher;

  ProfileStore(Path dir, Map<String, String> env) {
    this.dir = dir;
    this.env = env;
  }

  static ProfileStore of(Map<String, String> env) {
    return new ProfileStore(configDirectory(env), env);
  }

  static Path configDirectory(Map<String, String> env) {
    String own = env.get(CONFIG_HOME);
    if (own != null && !own.isBlank()) {
      return Path.of(own);
    }
    String xdg = env.get("XDG_CONFIG_HOME");
    if (xdg != null && !xdg.isBlank()) {
      return Path.of(xdg, "petrel");
    }
    return Path.of(System.getProperty("user.home"), ".config", "petrel");
  }

  Path file() {
    return dir.resolve(FILE_NAME);
  }

  Path keyFile() {
    return dir.resolve(KEY_FILE_NAME);
  }

  SortedMap<String, Profile> all() {
    Properties p = read();
    SortedMap<String, Map<String, String>> fields = new TreeMap<>();
    for (String k : p.stringPropertyNames()) {
      int last = k.lastIndexOf('.');
      if (k.startsWith(PREFIX) && last > PREFIX.length()) {
        fields
            .computeIfAbsent(k.substring(PREFIX.length(), last), n -> new TreeMap<>())
            .put(k.substring(last + 1), p.getProperty(k));
      }
    }
    SortedMap<String, Profile> profiles = new TreeMap<>();
    fields.forEach((name, f) -> profiles.put(name, profile(name, f)));
    return profiles;
  }

  Profile get(String name) {
    Profile profile = all().get(name);
    if (profile == null) {
      throw CliFailure.usage(
          "unknown profile \"" + name + "\" (petrel profile list shows the profiles)");
    }
    return profile;
  }

  /** Adds the profile, or replaces one of the same name. */
  void save(Profile profile) {
    Properties p = read();
    removeFields(p, profile.name());
    String at = PREFIX + profile.name() + ".";
    p.setProperty(at + "host", profile.host());
    profile.port().ifPresent(v -> p.setProperty(at + "port", Integer.toString(v)));
    p.setProperty(at + "tls", Boolean.toString(profile.tls()));
    profile.webSocketPath().ifPresent(v -> p.setProperty(at + "websocket", v));
    profile.username().ifPresent(v -> p.setProperty(at + "username", v));
    profile.encryptedPassword().ifPresent(v -> p.setProperty(at + "password", v));
    profile.version().ifPresent(v -> p.setProperty(at + "version", VersionConverter.name(v)));
    profile.caFile().ifPresent(v -> p.setProperty(at + "cafile", v.toString()));
    profile.cert().ifPresent(v -> p.setProperty(at + "cert", v.toString()));
    profile.key().ifPresent(v -> p.setProperty(at + "key", v.toString()));
    profile.encryptedKeyPassword().ifPresent(v -> p.setProperty(at + "keypassword", v));
    if (profile.insecure()) {
      p.setProperty(at + "insecure", "true");
    }
    write(p);
  }

  /** Removes the profile; false when there is none of that name. */
  boolean remove(String name) {
    Properties p = read();
    if (!removeFields(p, name)) {
      return false;
    }
    write(p);
    return true;
  }

  /** Encrypts a secret of a profile, creating the key file on first use when no key is set. */
  String encrypt(String profile, String field, String clear) {
    return cipher(true).encrypt(clear, context(profile, field));
  }

  /**
   * Opens a secret of a profile.
   *
   * @param what "password" or "key password", for the error line
   */
  String decrypt(String profile, String field, String stored, String what) {
    String prefix = "cannot decrypt the " + what + " of profile " + profile + ": ";
    try {
      return cipher(false).decrypt(stored, context(profile, field));
    } catch (PasswordCipher.WrongKeyException e) {
      throw new CliFailure(CliFailure.FAILED, prefix + "wrong encryption key", e);
    } catch (IllegalArgumentException e) {
      throw new CliFailure(
          CliFailure.FAILED, prefix + "the stored value is damaged (" + e.getMessage() + ")", e);
    } catch (CliFailure e) {
      throw new CliFailure(e.exitCode(), prefix + e.getMessage(), e);
    }
  }

  private static String context(String profile, String field) {
    return "petrel profile " + profile + " " + field;
  }

  private PasswordCipher cipher(boolean createKey) {
    if (cipher != null) {
      return cipher;
    }
    String value = env.get(ENCRYPTION_KEY);
    if (value != null && !value.isEmpty()) {
      if (PasswordCipher.base64Key(value) != null) {
        cipher = PasswordCipher.ofKey(PasswordCipher.base64Key(value));
      } else {
        Properties p = read();
        byte[] salt = salt(p);
        int iterations =
            Integer.parseInt(
                p.getProperty(ITERATIONS, Integer.toString(PasswordCipher.PBKDF2_ITERATIONS)));
        cipher = PasswordCipher.ofEnvironmentValue(value, salt, iterations);
      }
      return cipher;
    }
    Path keyFile = keyFile();
    if (!Files.exists(keyFile)) {
      if (!createKey) {
        throw new CliFailure(
            CliFailure.FAILED,
            "no encryption key: " + ENCRYPTION_KEY + " is not set and " + keyFile + " is missing");
      }
      createKeyFile(keyFile);
    }
    try {
      String text = Files.readString(keyFile, StandardCharsets.ISO_8859_1);
      byte[] key = PasswordCipher.base64Key(text);
      if (key == null) {
        throw new CliFailure(
            CliFailure.FAILED, keyFile + " does not hold the base64 of a 32-byte key");
      }
      cipher = PasswordCipher.ofKey(key);
      return cipher;
    } catch (IOException e) {
      throw new CliFailure(CliFailure.FAILED, "cannot read " + keyFile + ": " + e, e);
    }
  }

  private void createKeyFile(Path keyFile) {
    byte[] key = PasswordCipher.randomBytes(PasswordCipher.KEY_BYTES);
    try {
      createDirectory();
      // Created with its permissions in one step: the key is never readable by others.
      Files.createFile(keyFile, privateFile());
      Files.writeString(
          keyFile, Base64.getEncoder().encodeToString(key) + "\n", StandardCharsets.ISO_8859_1);
    } catch (FileAlreadyExistsException raced) {
      // Another petrel command created it first: use that one.
    } catch (IOException e) {
      throw new CliFailure(CliFailure.FAILED, "cannot create " + keyFile + ": " + e, e);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  /** The file's salt for passphrases; a new file gets one at once and keeps it. */
  private byte[] salt(Properties p) {
    String salt = p.getProperty(SALT);
    if (salt == null) {
      salt =
          Base64.getEncoder().encodeToString(PasswordCipher.randomBytes(PasswordCipher.SALT_BYTES));
      p.setProperty(SALT, salt);
      p.setProperty(ITERATIONS, Integer.toString(PasswordCipher.PBKDF2_ITERATIONS));
      write(p);
    }
    return Base64.getDecoder().decode(salt);
  }

  private static boolean removeFields(Properties p, String name) {
    String at = PREFIX + name + ".";
    return p.keySet()
        .removeIf(k -> k.toString().startsWith(at) && k.toString().indexOf('.', at.length()) < 0);
  }

  private static Profile profile(String name, Map<String, String> f) {
    return new Profile(
        name,
        f.getOrDefault("host", "localhost"),
        f.containsKey("port")
            ? OptionalInt.of(Integer.parseInt(f.get("port")))
            : OptionalInt.empty(),
        Boolean.parseBoolean(f.get("tls")),
        Optional.ofNullable(f.get("websocket")),
        Optional.ofNullable(f.get("username")),
        Optional.ofNullable(f.get("password")),
        Optional.ofNullable(f.get("version")).flatMap(VersionConverter::parse),
        Optional.ofNullable(f.get("cafile")).map(Path::of),
        Optional.ofNullable(f.get("cert")).map(Path::of),
        Optional.ofNullable(f.get("key")).map(Path::of),
        Optional.ofNullable(f.get("keypassword")),
        Boolean.parseBoolean(f.get("insecure")));
  }

  private Properties read() {
    Properties p = new Properties();
    Path file = file();
    if (!Files.exists(file)) {
      return p;
    }
    try {
      p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      return p;
    } catch (IOException | IllegalArgumentException e) {
      throw new CliFailure(CliFailure.FAILED, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private void write(Properties p) {
    if (!p.containsKey(SALT)) {
      p.setProperty(
          SALT,
          Base64.getEncoder()
              .encodeToString(PasswordCipher.randomBytes(PasswordCipher.SALT_BYTES)));
      p.setProperty(ITERATIONS, Integer.toString(PasswordCipher.PBKDF2_ITERATIONS));
    }
    StringBuilder text =
        new StringBuilder(
            "# Petrel connection profiles: petrel profile add|list|show|remove.\n"
                + "# Passwords are encrypted with AES-256-GCM under PETREL_ENCRYPTION_KEY or\n"
                + "# encryption.key; the kdf.* lines stretch a passphrase key. Edit with care.\n");
    new TreeMap<>(p)
        .forEach(
            (k, v) ->
                text.append(escape(k.toString(), true))
                    .append('=')
                    .append(escape(v.toString(), false))
                    .append('\n'));
    Path file = file();
    Path temp = dir.resolve(FILE_NAME + ".tmp");
    try {
      createDirectory();
      Files.deleteIfExists(temp);
      Files.createFile(temp, privateFile());
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new CliFailure(CliFailure.FAILED, "cannot write " + file + ": " + e, e);
    }
  }

  private void createDirectory() throws IOException {
    if (!Files.isDirectory(dir)) {
      if (POSIX) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(dir);
      }
    }
  }

  private static FileAttribute<?>[] privateFile() {
    return POSIX
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }

  /** Properties escaping, ASCII only so that the file reads the same in any encoding. */
  private static String escape(String s, boolean key) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        case '\f' -> b.append("\\f");
        case '=', ':', '#', '!' -> {
          // Separators and comment marks matter only in keys; values stay readable.
          if (key) {
            b.append('\\');
          }
          b.append(c);
        }
        case ' ' -> b.append(key || i == 0 ? "\\ " : " ");
        default -> {
          if (c < 0x20 || c > 0x7e) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }
}
