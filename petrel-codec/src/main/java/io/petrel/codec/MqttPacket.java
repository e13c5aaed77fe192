package io.petrel.codec;

/**
 * An MQTT control packet. MQTT 5 is the one model: MQTT 3.1 and 3.1.1 packets are the same records
 * with {@link MqttProperties#EMPTY} and the reason codes their return codes map to.
 */
public sealed interface MqttPacket
    permits Connect,
        ConnAck,
        Publish,
        PubAck,
        PubRec,
        PubRel,
        PubComp,
        Subscribe,
        SubAck,
        Unsubscribe,
        UnsubAck,
        PingReq,
        PingResp,
        Disconnect,
        Auth {

  PacketType type();
}
