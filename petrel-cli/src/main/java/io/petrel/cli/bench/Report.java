package io.petrel.cli.bench;

import io.petrel.codec.QoS;
import java.util.Locale;

/** The run's summary as text for people and as one flat JSON object for scripts. */
final class Report {
  /** A loop thread busier than this leaves the generator no headroom. */
  private static final double SATURATED = 0.9;

  private Report() {}

  static String text(Summary s) {
    Settings settings = s.settings();
    StringBuilder out = new StringBuilder();
    if (settings.scenario() == Scenario.CONN) {
      out.append(
          f(
              "scenario conn  mqtt %s%s  connections %,d of %,d  failures %,d  lost during hold %,d%n",
              settings.version(),
              over(settings),
              s.connections(),
              s.connections() + s.connectFailures(),
              s.connectFailures(),
              s.connectionsLost()));
      out.append(
          f(
              "connect rate %,.0f/s (%,d in %.2f s)  held %.1f s%n",
              s.connectRate(), s.connections(), s.connectSeconds(), s.durationSeconds()));
      out.append(latency("connect latency ms", s.connectLatency()));
    } else {
      out.append(
          f(
              "scenario %s  mqtt %s%s  qos %d  size %,d B  publishers %d  subscribers %d"
                  + "  duration %.1f s (ended by %s%s)%n",
              settings.scenario().cliName(),
              settings.version(),
              over(settings),
              settings.qos().value(),
              settings.payloadSize(),
              s.publishers(),
              s.subscribers(),
              s.durationSeconds(),
              s.endedBy(),
              settings.warmupSeconds() > 0
                  ? f("; warmup %.1f s not counted in rates and latency", settings.warmupSeconds())
                  : ""));
      out.append(messages(s));
      if (s.foreign() > 0) {
        out.append(f("received %,d messages without the bench header%n", s.foreign()));
      }
      out.append(latency("latency ms", s.latency()));
      if (s.connectFailures() > 0 || s.connectionsLost() > 0) {
        out.append(
            f(
                "connect failures %,d  connections lost %,d%n",
                s.connectFailures(), s.connectionsLost()));
      }
    }
    if (s.cpuSeconds() >= 0) {
      out.append(
          f(
              "load generator CPU %.2f cores (%.2f s over %.1f s)%s%n",
              s.cpuCores(),
              s.cpuSeconds(),
              s.wallSeconds(),
              s.busiestLoop() >= 0 ? f(", busiest event loop %.0f%%", s.busiestLoop() * 100) : ""));
    }
    if (s.busiestLoop() >= SATURATED) {
      out.append(
          f(
              "warning: the generator's event loop was busy %.0f%% of the run: it may be what"
                  + " limits these numbers; try --threads %d%n",
              s.busiestLoop() * 100, settings.threads() + 1));
    }
    return out.toString();
  }

  /** Nothing over plain TCP, as before TLS and WebSocket; " over tls" and so on otherwise. */
  private static String over(Settings settings) {
    return settings.transport().equals("tcp") ? "" : " over " + settings.transport();
  }

  /** What was sent and received; a pub run has no receivers, a sub run no publishers. */
  private static String messages(Summary s) {
    String sent = f("sent %,d (%,.0f/s)", s.sent(), s.sendRate());
    if (s.settings().scenario() == Scenario.PUB) {
      return sent + f("  (no subscribers)%n");
    }
    String received =
        f(
            "received %,d (%,.0f/s)  lost %,d%s  duplicated %,d%n",
            s.received(),
            s.receiveRate(),
            s.lost(),
            s.lost() > 0 && s.settings().qos() == QoS.AT_MOST_ONCE ? " (QoS 0: loss allowed)" : "",
            s.duplicated());
    return s.settings().scenario() == Scenario.SUB ? received : sent + "  " + received;
  }

  private static String latency(String label, Summary.Latency l) {
    if (l.samples() == 0) {
      return label + "  no samples" + System.lineSeparator();
    }
    return f(
        "%s  p50 %.2f  p90 %.2f  p99 %.2f  p99.9 %.2f  max %.2f  (%,d samples)%n",
        label, l.p50(), l.p90(), l.p99(), l.p999(), l.max(), l.samples());
  }

  static String json(Summary s) {
    Settings settings = s.settings();
    Json json = new Json();
    json.field("scenario", settings.scenario().cliName())
        .field("mqttVersion", settings.version().toString())
        .field("transport", settings.transport())
        .field("qos", settings.qos().value())
        .field("payloadSize", settings.payloadSize())
        .field("publishers", s.publishers())
        .field("subscribers", s.subscribers())
        .field("durationSeconds", s.durationSeconds())
        .field("endedBy", s.endedBy())
        .field("warmupSeconds", settings.warmupSeconds())
        .field("sent", s.sent())
        .field("received", s.received())
        .field("lost", s.lost())
        .field("duplicated", s.duplicated())
        .field("foreign", s.foreign())
        .field("sendRate", s.sendRate())
        .field("receiveRate", s.receiveRate())
        .raw("latencyMs", latencyJson(s.latency()))
        .field("cpuSeconds", s.cpuSeconds())
        .field("cpuCores", s.cpuCores())
        .field("wallSeconds", s.wallSeconds())
        .field("busiestLoop", s.busiestLoop())
        .field("connectFailures", s.connectFailures())
        .field("connectionsLost", s.connectionsLost());
    if (settings.scenario() == Scenario.CONN) {
      json.field("connections", s.connections())
          .field("connectRate", s.connectRate())
          .field("connectSeconds", s.connectSeconds())
          .raw("connectLatencyMs", latencyJson(s.connectLatency()));
    }
    return json.toString();
  }

  private static String latencyJson(Summary.Latency l) {
    return new Json()
        .field("samples", l.samples())
        .field("p50", l.p50())
        .field("p90", l.p90())
        .field("p99", l.p99())
        .field("p999", l.p999())
        .field("max", l.max())
        .toString();
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** A flat JSON object: numbers and plain strings, nothing that needs more than quoting. */
  private static final class Json {
    private final StringBuilder out = new StringBuilder("{");

    Json field(String name, long value) {
      return raw(name, Long.toString(value));
    }

    Json field(String name, double value) {
      return raw(name, Double.isFinite(value) ? f("%.3f", value) : "null");
    }

    Json field(String name, String value) {
      String escaped = value.replace("\\", "\\\\").replace("\"", "\\\"");
      return raw(name, "\"" + escaped + "\"");
    }

    Json raw(String name, String value) {
      if (out.length() > 1) {
        out.append(", ");
      }
      out.append('"').append(name).append("\": ").append(value);
      return this;
    }

    @Override
    public String toString() {
      return out + "}";
    }
  }
}
