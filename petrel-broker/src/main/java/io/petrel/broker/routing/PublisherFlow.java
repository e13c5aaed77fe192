package io.petrel.broker.routing;

/**
 * The inbound side of a publisher's connection, which a subscriber that has fallen far behind can
 * hold back: its socket is not read for a while, so TCP slows the publisher down to what the
 * subscriber takes instead of the broker queueing without bound (see {@link MessageSink#holdBack}).
 */
public interface PublisherFlow {

  /** For messages no connection is reading: wills, and messages the broker publishes itself. */
  PublisherFlow NONE =
      new PublisherFlow() {
        @Override
        public void pause() {}

        @Override
        public void resume() {}
      };

  /**
   * Stops reading from the publisher, for a short while at most, so that two clients that each wait
   * for the other cannot stop each other for good. Called on the publisher's thread.
   */
  void pause();

  /** Reads from the publisher again. Any thread. */
  void resume();
}
