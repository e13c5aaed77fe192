package io.petrel.broker.session;

/**
 * Per-session limits from the broker config.
 *
 * @param maxQueuedPerSubscription capacity of each subscription buffer
 * @param maxInflight outbound QoS 1/2 messages awaiting acknowledgement
 * @param queueQos0WhileOffline whether QoS 0 messages are kept for an offline persistent session
 */
public record SessionSettings(
    int maxQueuedPerSubscription, int maxInflight, boolean queueQos0WhileOffline) {}
