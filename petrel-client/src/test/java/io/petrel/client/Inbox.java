package io.petrel.client;

import io.petrel.codec.Bytes;
import io.petrel.codec.MqttProperties;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A message handler that keeps what it receives, for assertions. */
final class Inbox implements MessageHandler {
  /** One received message. */
  record Received(String topic, String payload, MqttProperties properties) {}

  private final List<Received> messages = new CopyOnWriteArrayList<>();

  @Override
  public void onMessage(String topic, Bytes payload, MqttProperties properties) {
    messages.add(new Received(topic, payload.toUtf8String(), properties));
  }

  List<Received> messages() {
    return List.copyOf(messages);
  }

  List<String> payloads() {
    return messages.stream().map(Received::payload).toList();
  }

  int size() {
    return messages.size();
  }
}
