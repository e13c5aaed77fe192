package io.petrel.it;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Random;

/**
 * A byte-level WebSocket client (RFC 6455) over a plain socket, for what library clients never
 * send: an MQTT packet cut across frames, several packets in one frame, continuation frames, text
 * frames.
 */
public final class RawWebSocketClient implements AutoCloseable {
  public static final int CONTINUATION = 0x0;
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final Random random = new Random(42);
  private final String handshakeResponse;

  /** A frame from the server: its opcode and payload. */
  public record Frame(int opcode, boolean fin, byte[] payload) {}

  private RawWebSocketClient(Socket socket, String request) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(5_000);
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    this.handshakeResponse = readHeaders();
  }

  /** Opens a TCP connection and sends the WebSocket upgrade request for {@code path}. */
  public static RawWebSocketClient open(int port, String path, String subprotocol) {
    String key = Base64.getEncoder().encodeToString("petrel-raw-ws-16".getBytes());
    String request =
        "GET "
            + path
            + " HTTP/1.1\r\n"
            + "Host: 127.0.0.1:"
            + port
            + "\r\n"
            + "Upgrade: websocket\r\n"
            + "Connection: Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + key
            + "\r\n"
            + "Sec-WebSocket-Version: 13\r\n"
            + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n")
            + "\r\n";
    try {
      Socket socket = new Socket("127.0.0.1", port);
      socket.setTcpNoDelay(true);
      return new RawWebSocketClient(socket, request);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The status line and headers of the server's answer to the upgrade request. */
  public String handshakeResponse() {
    return handshakeResponse;
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    while (matched < end.length) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      headers.write(b);
      matched = b == end[matched] ? matched + 1 : (b == end[0] ? 1 : 0);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  /** Sends one binary frame that ends its message. */
  public RawWebSocketClient sendBinary(byte[] payload) {
    return sendFrame(BINARY, true, payload);
  }

  /** Sends one frame, masked as a client must. */
  public RawWebSocketClient sendFrame(int opcode, boolean fin, byte[] payload) {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write((fin ? 0x80 : 0) | opcode);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xFF);
    }
    byte[] mask = new byte[4];
    random.nextBytes(mask);
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    try {
      out.write(frame.toByteArray());
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Reads the next frame from the server (waits up to 5 s). */
  public Frame readFrame() {
    try {
      int first = in.readUnsignedByte();
      int second = in.readUnsignedByte();
      long length = second & 0x7F;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = new byte[(int) length];
      in.readFully(payload);
      return new Frame(first & 0x0F, (first & 0x80) != 0, payload);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads binary frames until they hold {@code count} bytes of MQTT, and returns those bytes. */
  public byte[] readMqtt(int count) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    while (bytes.size() < count) {
      Frame frame = readFrame();
      if (frame.opcode() != BINARY && frame.opcode() != CONTINUATION) {
        throw new AssertionError("expected a binary frame, got opcode " + frame.opcode());
      }
      bytes.writeBytes(frame.payload());
    }
    return bytes.toByteArray();
  }

  /** Waits until the server closes the TCP connection, skipping what it sends first. */
  public void awaitClosed(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        try {
          if (in.read() < 0) {
            return;
          }
        } catch (SocketTimeoutException e) {
          // keep waiting until the deadline
        } catch (SocketException | EOFException e) {
          return;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    throw new AssertionError("connection still open after " + timeout);
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
