package io.petrel.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class HistogramTest {
  private static final double[] PERCENTILES = {0, 1, 50, 90, 99, 99.9, 99.99, 100};

  @Test
  void percentilesAreWithinOnePercentOfASortedArrayOverSixDecades() {
    Random random = new Random(42);
    long[] values = new long[200_000];
    Histogram histogram = new Histogram();
    for (int i = 0; i < values.length; i++) {
      // Log-uniform from 100 ns to 60 s, like latencies with a long tail.
      values[i] = (long) Math.pow(10, 2 + random.nextDouble() * Math.log10(6e8));
      histogram.record(values[i]);
    }
    Arrays.sort(values);

    for (double p : PERCENTILES) {
      long exact = values[(int) Math.max(0, Math.ceil(p / 100 * values.length) - 1)];
      assertThat((double) histogram.percentile(p))
          .as("p%s", p)
          .isCloseTo(exact, within(exact * 0.01));
    }
    assertThat(histogram.max()).isEqualTo(values[values.length - 1]);
    assertThat(histogram.count()).isEqualTo(values.length);
  }

  @Test
  void smallValuesAreExact() {
    Histogram histogram = new Histogram();
    for (long v = 0; v < 256; v++) {
      histogram.record(v);
    }

    assertThat(histogram.percentile(50)).isEqualTo(127);
    assertThat(histogram.percentile(100)).isEqualTo(255);
  }

  @Test
  void everyBucketIsNarrowerThanOnePercentOfItsValues() {
    for (long v = 256; v < 60_000_000_000L; v = v * 5 / 4 + 1) {
      long middle = Histogram.middle(Histogram.index(v));
      assertThat((double) middle).as("value %d", v).isCloseTo(v, within(v * 0.008));
    }
  }

  @Test
  void mergedHistogramsAnswerAsOne() {
    Random random = new Random(7);
    Histogram a = new Histogram();
    Histogram b = new Histogram();
    Histogram both = new Histogram();
    for (int i = 0; i < 10_000; i++) {
      long v = random.nextInt(5_000_000);
      (i % 2 == 0 ? a : b).record(v);
      both.record(v);
    }

    a.add(b);

    assertThat(a.count()).isEqualTo(both.count());
    assertThat(a.max()).isEqualTo(both.max());
    for (double p : PERCENTILES) {
      assertThat(a.percentile(p)).isEqualTo(both.percentile(p));
    }
  }

  @Test
  void anEmptyHistogramAnswersZeroAndNegativeValuesCountAsZero() {
    Histogram histogram = new Histogram();
    assertThat(histogram.percentile(99)).isZero();

    histogram.record(-5);

    assertThat(histogram.max()).isZero();
    assertThat(histogram.count()).isEqualTo(1);
  }

  @Test
  void valuesBeyondTheRangeKeepAnExactMaximum() {
    Histogram histogram = new Histogram();
    histogram.record(1);
    histogram.record(Long.MAX_VALUE);

    assertThat(histogram.max()).isEqualTo(Long.MAX_VALUE);
    assertThat(histogram.percentile(100)).isEqualTo(Long.MAX_VALUE);
  }
}
