package io.aibrix.gateway.enginestats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;

/** Tests for {@link ScrapeError}. */
class ScrapeErrorTests {

    @Test
    void classifiesFailuresByReason() {
        assertThat(ScrapeError.of(new TimeoutException("no page"))).isEqualTo(ScrapeError.TIMEOUT);
        assertThat(ScrapeError.of(ReadTimeoutException.INSTANCE)).isEqualTo(ScrapeError.TIMEOUT);
        assertThat(ScrapeError.of(new ScrapeError.StatusException(503))).isEqualTo(ScrapeError.STATUS);
        assertThat(ScrapeError.of(new PrometheusTextParser.MalformedPageException("bad"))).isEqualTo(ScrapeError.PARSE);
        assertThat(ScrapeError.of(new ConnectException("Connection refused"))).isEqualTo(ScrapeError.CONNECT);
        assertThat(ScrapeError.of(new IOException("Connection reset by peer"))).isEqualTo(ScrapeError.CONNECT);
    }
}
