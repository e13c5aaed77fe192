package io.petrel.cli.bench;

import java.lang.management.ManagementFactory;

/**
 * The generator's own CPU time, GC and JIT included: on a small machine the load generator competes
 * with the broker for cores, so a run reports what it took. Through the JDK's com.sun.management
 * bean, which every HotSpot-based JDK has; -1 where it is missing.
 */
final class CpuClock {
  private CpuClock() {}

  static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }
}
