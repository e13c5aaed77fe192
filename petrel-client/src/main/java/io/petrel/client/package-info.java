/**
 * The Petrel MQTT client: MQTT 3.1, 3.1.1 and 5.0 over TCP, TLS, WebSocket and secure WebSocket.
 *
 * <p>Start with {@link io.petrel.client.PetrelClient#builder()}, then {@code buildAsync()} for an
 * {@link io.petrel.client.AsyncClient} whose operations return {@link
 * java.util.concurrent.CompletableFuture}s, or {@code buildBlocking()} for a {@link
 * io.petrel.client.BlockingClient} whose operations wait for their result.
 *
 * <p>Everything outside this package ({@code io.petrel.client.internal}) is not API and may change
 * without notice. Packets, QoS, protocol versions, reason codes and properties are the codec's
 * value types ({@code io.petrel.codec}).
 */
package io.petrel.client;
