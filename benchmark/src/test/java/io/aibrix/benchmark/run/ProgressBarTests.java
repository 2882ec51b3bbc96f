package io.aibrix.benchmark.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Tests for {@link ProgressBar}. */
class ProgressBarTests {

    @Test
    void progressIsByRequestsWhenTheirNumberIsKnown() {
        RunProgress progress = new RunProgress(10, 0);
        for (int i = 0; i < 6; i++) {
            progress.sent();
        }
        for (int i = 0; i < 4; i++) {
            progress.finished(i != 0);
        }
        assertThat(ProgressBar.render(progress, 12.3)).startsWith("[############                  ]  40%")
                .contains("sent 6").contains("ok 3").contains("failed 1").contains("in flight 2");
    }

    @Test
    void progressIsByTimeOtherwiseAndNeverExceedsTheWholeBar() {
        assertThat(ProgressBar.render(new RunProgress(0, 100), 25)).contains(" 25%");
        assertThat(ProgressBar.render(new RunProgress(0, 100), 250)).contains("100%");
    }
}
