package io.petrel.cli.client;

import io.petrel.client.Message;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * {@code sub --archive DIR}, as the connector's archiving and tracking tabs: each message's payload
 * in its own file, and next to it a {@code .json} sidecar with the tracked properties (topic, time
 * received, QoS, retain, MQTT 5 properties). Names start with the UTC arrival time and a sequence
 * number, {@code 20250102T030405.678Z-000001.payload}, so that they sort by arrival; the sidecar is
 * written last and renamed into place, so a sidecar means a complete message.
 */
final class Archive {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final Path dir;
  private long sequence;

  Archive(Path dir) {
    this.dir = dir;
  }

  void open() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new CliFailure(
          CliFailure.FAILED, "cannot create the archive directory " + dir + ": " + e, e);
    }
  }

  /** Writes the message; returns the payload file. */
  Path write(Message m, Instant received) {
    Instant at = received.truncatedTo(ChronoUnit.MILLIS);
    String base = STAMP.format(at) + "-" + String.format("%06d", ++sequence);
    Path payload = dir.resolve(base + ".payload");
    Path sidecar = dir.resolve(base + ".json");
    Path temp = dir.resolve(base + ".json.tmp");
    try {
      Files.write(payload, m.payload().toByteArray());
      Files.writeString(
          temp,
          MessageJson.sidecar(m, at.toString(), payload.getFileName().toString()) + "\n",
          StandardCharsets.UTF_8);
      Files.move(temp, sidecar, StandardCopyOption.ATOMIC_MOVE);
      return payload;
    } catch (IOException e) {
      throw new CliFailure(CliFailure.FAILED, "cannot archive a message in " + dir + ": " + e, e);
    }
  }
}
