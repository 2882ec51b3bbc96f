package io.aibrix.benchmark.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link SvgPlot}. */
class SvgPlotTests {

    @Test
    void ticksUseOneTwoFiveStepsInsideTheRange() {
        assertThat(SvgPlot.ticks(0, 1)).containsExactly(0, 0.2, 0.4, 0.6000000000000001, 0.8, 1.0);
        assertThat(SvgPlot.ticks(0, 47)).containsExactly(0, 10, 20, 30, 40);
        assertThat(SvgPlot.ticks(3, 2600)).containsExactly(500, 1000, 1500, 2000, 2500);
    }

    @Test
    void tickLabelsDropFloatingPointNoise() {
        SvgPlot plot = new SvgPlot("t", "x", "y", 0, 1, 0, 1);
        String svg = plot.finish();
        assertThat(svg).contains(">0.6<", ">0.2<", ">1<", ">0<").doesNotContain("0.6000", "0.200");
    }
}
