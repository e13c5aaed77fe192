package io.petrel.broker.routing;

import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import io.petrel.codec.PropertyId;
import io.petrel.codec.QoS;
import io.petrel.codec.TopicName;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * An application message as the broker routes it: immutable and shared by every subscriber it goes
 * to. The payload is never copied per subscriber, and the QoS 0 PUBLISH that most subscribers get
 * is encoded once per distinct form (MQTT 3 or 5, retain flag) and shared ({@link
 * #encodedQos0Form}).
 */
public final class Message {
  private final TopicName topic;
  private final Bytes payload;
  private final QoS qos;
  private final boolean retain;
  private final MqttProperties properties;
  private final String publisherId;
  // When the Message Expiry Interval runs out, in System.nanoTime() terms; 0 for never. Counted
  // from when the broker received the message (MQTT 5.0 section 3.3.2.3.3).
  private final long expiresAtNanos;
  // Filled on first use by whichever session thread gets there first; an encoding is a pure
  // function of the message, so a race only encodes twice. The array publishes safely.
  private volatile AtomicReferenceArray<byte[]> qos0Forms;
  // Where the message is stored for persistent sessions: its id in the MessageStore and the
  // sessions with an entry. Set by the router before the hand-offs, which publish it to the
  // sessions' threads, or at restore.
  private long storeId;
  private Set<String> storedFor = Set.of();
  // How many sessions the router handed this message to; written before the hand-offs, which
  // publish it to the sessions' threads.
  private int fanOut;

  /**
   * @param topic where it was published
   * @param payload the application payload
   * @param qos the QoS it was published with; deliveries use min(this, granted)
   * @param retain the retain flag as published
   * @param properties MQTT 5 properties to forward (empty for 3.1.1 publishers)
   * @param publisherId client id of the publisher, for no-local and logs
   */
  public Message(
      TopicName topic,
      Bytes payload,
      QoS qos,
      boolean retain,
      MqttProperties properties,
      String publisherId) {
    this(topic, payload, qos, retain, properties, publisherId, expiryFromNow(properties));
  }

  private Message(
      TopicName topic,
      Bytes payload,
      QoS qos,
      boolean retain,
      MqttProperties properties,
      String publisherId,
      long expiresAtNanos) {
    this.topic = Objects.requireNonNull(topic, "topic");
    this.payload = Objects.requireNonNull(payload, "payload");
    this.qos = Objects.requireNonNull(qos, "qos");
    this.retain = retain;
    this.properties = Objects.requireNonNull(properties, "properties");
    this.publisherId = Objects.requireNonNull(publisherId, "publisherId");
    this.expiresAtNanos = expiresAtNanos;
  }

  /**
   * A message read back from a store, whose Message Expiry Interval (if it has one) ends at the
   * given wall-clock time, however long the broker was down.
   *
   * @param expiresAtEpochMillis when it expires, or 0 if it does not
   */
  public static Message restored(
      TopicName topic,
      Bytes payload,
      QoS qos,
      boolean retain,
      MqttProperties properties,
      String publisherId,
      long expiresAtEpochMillis) {
    long expiresAt =
        expiresAtEpochMillis == 0
            ? 0
            : nonZero(
                System.nanoTime()
                    + TimeUnit.MILLISECONDS.toNanos(
                        expiresAtEpochMillis - System.currentTimeMillis()));
    return new Message(topic, payload, qos, retain, properties, publisherId, expiresAt);
  }

  /** When the Message Expiry Interval ends, as wall-clock time for a store; 0 if never. */
  public long expiresAtEpochMillis() {
    if (expiresAtNanos == 0) {
      return 0;
    }
    long leftMillis = TimeUnit.NANOSECONDS.toMillis(expiresAtNanos - System.nanoTime());
    return nonZero(System.currentTimeMillis() + leftMillis);
  }

  private static long expiryFromNow(MqttProperties properties) {
    OptionalLong expiry = properties.integer(PropertyId.MESSAGE_EXPIRY_INTERVAL);
    return expiry.isPresent()
        ? nonZero(System.nanoTime() + TimeUnit.SECONDS.toNanos(expiry.getAsLong()))
        : 0;
  }

  private static long nonZero(long nanos) {
    return nanos == 0 ? 1 : nanos;
  }

  /**
   * The same message with its expiry counted from now: a will's Message Expiry Interval starts when
   * the will is published, not when the client connected (MQTT 5.0 section 3.1.3.2.4).
   */
  public Message publishedNow() {
    return expiresAtNanos == 0
        ? this
        : new Message(topic, payload, qos, retain, properties, publisherId);
  }

  /** The message's id in the message store, 0 if it is not stored. */
  public long storeId() {
    return storeId;
  }

  /** Whether the message store holds an entry for this message for the client. */
  public boolean storedFor(String clientId) {
    return storedFor.contains(clientId);
  }

  /**
   * Records that the message is stored under {@code id} with entries for {@code clientIds}. Called
   * once, before the message is handed to any session (or when restoring it).
   */
  public void markStored(long id, Set<String> clientIds) {
    this.storeId = id;
    // copyOf returns an immutable set as it is, so a set shared by many messages stays shared.
    this.storedFor = Set.copyOf(clientIds);
  }

  /** Whether the message has a Message Expiry Interval. */
  public boolean expires() {
    return expiresAtNanos != 0;
  }

  /**
   * Whether the Message Expiry Interval has passed: such a message is no longer delivered
   * [MQTT-3.3.2-5].
   */
  public boolean expired() {
    return expiresAtNanos != 0 && System.nanoTime() - expiresAtNanos >= 0;
  }

  /**
   * The Message Expiry Interval to send with a delivery: what is left of it, in whole seconds
   * rounded up so that a message about to expire is not sent with 0 [MQTT-3.3.2-6].
   */
  public long remainingExpirySeconds() {
    long left = expiresAtNanos - System.nanoTime();
    return left <= 0 ? 0 : (left + 999_999_999L) / 1_000_000_000L;
  }

  public TopicName topic() {
    return topic;
  }

  public Bytes payload() {
    return payload;
  }

  public QoS qos() {
    return qos;
  }

  public boolean retain() {
    return retain;
  }

  public MqttProperties properties() {
    return properties;
  }

  public String publisherId() {
    return publisherId;
  }

  /** Records how many sessions the message is being handed to. */
  void fanOut(int sessions) {
    this.fanOut = sessions;
  }

  /**
   * Whether the router handed the message to more than one session: only then does sharing one
   * encoding pay for its extra copy into a heap array.
   */
  public boolean sharedByMany() {
    return fanOut > 1;
  }

  /**
   * The encoded QoS 0 PUBLISH for one form, encoded by {@code encoder} the first time any
   * subscriber needs that form. Callers must not change the returned array.
   *
   * @param form 0 to 3: which of the (protocol family, retain flag) combinations
   */
  public byte[] encodedQos0Form(int form, Supplier<byte[]> encoder) {
    AtomicReferenceArray<byte[]> forms = qos0Forms;
    if (forms == null) {
      forms = new AtomicReferenceArray<>(4);
      qos0Forms = forms; // a lost race only costs one more encoding
    }
    byte[] encoded = forms.get(form);
    if (encoded == null) {
      encoded = encoder.get();
      forms.set(form, encoded);
    }
    return encoded;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Message m
        && retain == m.retain
        && topic.equals(m.topic)
        && payload.equals(m.payload)
        && qos == m.qos
        && properties.equals(m.properties)
        && publisherId.equals(m.publisherId);
  }

  @Override
  public int hashCode() {
    return Objects.hash(topic, payload, qos, retain, properties, publisherId);
  }

  @Override
  public String toString() {
    return "Message[topic=" + topic + ", qos=" + qos.value() + ", retain=" + retain + "]";
  }
}
