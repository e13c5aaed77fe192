package io.petrel.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * A byte-level MQTT client over a plain socket, for the cases third-party clients refuse to produce
 * or hide: exact CONNACK bytes, DUP re-sends, malformed packets, abrupt disconnects.
 */
public final class RawMqttClient implements AutoCloseable {
  /** How long {@link #read()} waits for a packet the test expects. */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  private RawMqttClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /** Opens a TCP connection; sends nothing yet. */
  public static RawMqttClient open(int port) {
    try {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      return new RawMqttClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a connection, sends {@code connect} and expects the CONNACK {@code 20 02 00 00}. */
  public static RawMqttClient connected(int port, MqttBytes.Connect connect) {
    RawMqttClient client = open(port);
    client.send(connect.bytes());
    client.expect("20 02 00 00");
    return client;
  }

  public RawMqttClient send(byte[] bytes) {
    try {
      out.write(bytes);
      out.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public RawMqttClient sendHex(String hex) {
    return send(Hex.parse(hex));
  }

  /** Reads the next packet, failing if none arrives within {@link #READ_TIMEOUT}. */
  public RawPacket read() {
    return read(READ_TIMEOUT)
        .orElseThrow(() -> new AssertionError("no packet within " + READ_TIMEOUT));
  }

  /**
   * Reads the next packet, or empty if none started within {@code timeout}.
   *
   * @throws AssertionError if the connection is closed instead
   */
  public Optional<RawPacket> read(Duration timeout) {
    try {
      socket.setSoTimeout((int) timeout.toMillis());
      int header;
      try {
        header = in.read();
      } catch (SocketTimeoutException e) {
        return Optional.empty();
      }
      if (header < 0) {
        throw new AssertionError("connection closed by the broker while waiting for a packet");
      }
      socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
      int length = 0;
      int multiplier = 1;
      int digit;
      do {
        digit = readByte();
        length += (digit & 0x7F) * multiplier;
        multiplier *= 128;
      } while ((digit & 0x80) != 0);
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        throw new EOFException("connection closed in the middle of a packet");
      }
      return Optional.of(new RawPacket(header, body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("connection closed in the middle of a packet");
    }
    return b;
  }

  /** Reads the next packet and asserts its exact bytes, e.g. {@code expect("90 03 00 01 01")}. */
  public RawPacket expect(String hex) {
    RawPacket packet = read();
    assertThat(packet.hex()).isEqualTo(Hex.format(Hex.parse(hex)));
    return packet;
  }

  /** Reads the next packet and asserts that it is a PUBLISH. */
  public RawPacket expectPublish() {
    RawPacket packet = read();
    assertThat(packet.type()).as("packet type of %s", packet).isEqualTo(MqttBytes.PUBLISH);
    return packet;
  }

  /** Asserts that no packet arrives within {@code quiet}; the connection may stay open. */
  public void expectNothing(Duration quiet) {
    assertThat(read(quiet)).isEmpty();
  }

  /**
   * Waits until the broker closes the connection, discarding anything it sends before; fails if the
   * connection is still open after {@code timeout}.
   *
   * @return how long the close took
   */
  public Duration awaitClosed(Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("connection still open after " + timeout);
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        try {
          if (in.read() < 0) {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        } catch (SocketTimeoutException e) {
          // loop: the deadline check above fails the test
        } catch (SocketException e) {
          return Duration.ofNanos(System.nanoTime() - start); // connection reset counts as closed
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits up to 5 s for the broker to close the connection. */
  public Duration awaitClosed() {
    return awaitClosed(Duration.ofSeconds(5));
  }

  /** Checks that the connection still works: PINGREQ gets PINGRESP. */
  public void ping() {
    send(MqttBytes.pingreq());
    expect("D0 00");
  }

  /** Closes the socket without DISCONNECT, as a crashed client or a cut network would. */
  public void kill() {
    try {
      socket.setSoLinger(true, 0); // RST rather than FIN: nothing graceful about it
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
