package io.petrel.cli.bench;

/**
 * What a run measured, for the text summary and --json alike.
 *
 * @param publishers publishers that connected; subscribers likewise (those granted a subscription)
 * @param durationSeconds measured time: publishing after the warmup (or holding, for conn)
 * @param endedBy "count", "duration", or "stalled" when nothing moved for 10 s
 * @param lost messages a subscriber should have received and never did
 * @param foreign received payloads without the bench header (not counted as lost or duplicated)
 * @param cpuSeconds CPU time of this process over the whole run; -1 when the JVM cannot tell
 * @param wallSeconds wall time of the whole run, connecting and draining included
 * @param busiestLoop CPU share of the busiest event loop thread over the run; -1 when unknown
 */
record Summary(
    Settings settings,
    int publishers,
    int subscribers,
    double durationSeconds,
    String endedBy,
    long sent,
    long received,
    long lost,
    long duplicated,
    long foreign,
    double sendRate,
    double receiveRate,
    Latency latency,
    double cpuSeconds,
    double wallSeconds,
    double busiestLoop,
    int connectFailures,
    int connectionsLost,
    long connections,
    double connectRate,
    double connectSeconds,
    Latency connectLatency) {

  double cpuCores() {
    return cpuSeconds < 0 || wallSeconds <= 0 ? -1 : cpuSeconds / wallSeconds;
  }

  /** Percentiles in milliseconds. */
  record Latency(long samples, double p50, double p90, double p99, double p999, double max) {
    static final Latency NONE = new Latency(0, 0, 0, 0, 0, 0);

    static Latency of(Histogram h) {
      return new Latency(
          h.count(),
          ms(h.percentile(50)),
          ms(h.percentile(90)),
          ms(h.percentile(99)),
          ms(h.percentile(99.9)),
          ms(h.max()));
    }

    private static double ms(long nanos) {
      return nanos / 1e6;
    }
  }
}
