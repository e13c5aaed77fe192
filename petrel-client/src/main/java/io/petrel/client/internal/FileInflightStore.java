package io.petrel.client.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.petrel.codec.MalformedPacketException;
import io.petrel.codec.MqttEncoder;
import io.petrel.codec.MqttPacket;
import io.petrel.codec.PacketDecoder;
import io.petrel.codec.ProtocolVersion;
import io.petrel.codec.Publish;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * One file per packet id: {@code <id>.pub} holds the PUBLISH (MQTT 5 encoding, so properties
 * survive) and its send order; an empty {@code <id>.rel} beside it says PUBREC has arrived. Files
 * are written to a temporary name, fsync'd and renamed, and the directory is fsync'd after every
 * change, so a crash leaves either the old or the new state. Acknowledgement deletes the files: the
 * directory only ever holds what is in flight, so it needs no compaction beyond that.
 *
 * <p>A lock file keeps two clients from sharing the directory.
 */
final class FileInflightStore implements InflightStore {
  private static final int MAGIC = 0x50544946; // "PTIF"
  private static final int FORMAT = 1;

  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;

  FileInflightStore(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    lockChannel =
        FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock l;
    try {
      l = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      l = null; // held by another client in this JVM
    }
    if (l == null) {
      lockChannel.close();
      throw new IOException("the in-flight store " + dir + " is in use by another client");
    }
    lock = l;
  }

  @Override
  public List<Stored> load() throws IOException {
    List<Stored> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        String name = file.getFileName().toString();
        if (name.endsWith(".tmp")) {
          Files.deleteIfExists(file); // a write the crash cut short: its message was never sent
        } else if (name.endsWith(".pub")) {
          out.add(read(file));
        }
      }
    }
    out.sort(Comparator.comparingLong(Stored::sequence));
    return out;
  }

  private Stored read(Path file) throws IOException {
    try (DataInputStream in = new DataInputStream(Files.newInputStream(file))) {
      if (in.readInt() != MAGIC || in.readUnsignedByte() != FORMAT) {
        throw new IOException(file + " is not an in-flight message of this client version");
      }
      long sequence = in.readLong();
      byte[] packet = in.readAllBytes();
      Publish publish = decode(packet, file);
      OutboundFlow.Stage stage =
          Files.exists(releaseMarker(publish.packetId()))
              ? OutboundFlow.Stage.RELEASED
              : OutboundFlow.Stage.PUBLISHED;
      return new Stored(publish, stage, sequence);
    }
  }

  private static Publish decode(byte[] packet, Path file) throws IOException {
    int pos = 1;
    int remaining = 0;
    int shift = 0;
    int b;
    do {
      b = packet[pos++] & 0xFF;
      remaining |= (b & 0x7F) << shift;
      shift += 7;
    } while ((b & 0x80) != 0 && pos < 5);
    ByteBuf body = Unpooled.wrappedBuffer(packet, pos, remaining);
    try {
      MqttPacket p =
          new PacketDecoder(false).decode(packet[0] & 0xFF, body, ProtocolVersion.MQTT_5);
      if (p instanceof Publish publish) {
        return publish;
      }
      throw new IOException(file + " holds a " + p.type() + ", not a PUBLISH");
    } catch (MalformedPacketException e) {
      throw new IOException(file + " holds a malformed PUBLISH: " + e.getMessage(), e);
    }
  }

  @Override
  public void published(Publish publish, long sequence) throws IOException {
    byte[] packet = MqttEncoder.encodeToArray(publish, ProtocolVersion.MQTT_5);
    ByteBuffer buf = ByteBuffer.allocate(13 + packet.length);
    buf.putInt(MAGIC).put((byte) FORMAT).putLong(sequence).put(packet).flip();
    Path target = message(publish.packetId());
    Path tmp = dir.resolve(target.getFileName() + ".tmp");
    try (FileChannel ch =
        FileChannel.open(
            tmp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
    // A stale marker of an earlier message with this id must not make this one look released.
    Files.deleteIfExists(releaseMarker(publish.packetId()));
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    syncDirectory();
  }

  @Override
  public void released(int packetId) throws IOException {
    Path marker = releaseMarker(packetId);
    try (FileChannel ch =
        FileChannel.open(marker, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      ch.force(true);
    }
    syncDirectory();
  }

  @Override
  public void completed(int packetId) throws IOException {
    // The message first: a marker without its message is ignored on load.
    boolean changed = Files.deleteIfExists(message(packetId));
    changed |= Files.deleteIfExists(releaseMarker(packetId));
    if (changed) {
      syncDirectory();
    }
  }

  @Override
  public void close() throws IOException {
    try {
      lock.release();
    } finally {
      lockChannel.close();
    }
  }

  private Path message(int packetId) {
    return dir.resolve(packetId + ".pub");
  }

  private Path releaseMarker(int packetId) {
    return dir.resolve(packetId + ".rel");
  }

  /** Makes renames and deletions durable (POSIX: fsync the directory). */
  private void syncDirectory() throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (NoSuchFileException e) {
      throw e;
    } catch (IOException e) {
      // Some platforms (Windows) cannot open a directory; the rename is still atomic there.
    }
  }
}
