package io.aibrix.simulator.kvevents;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.simulator.SimulatorProperties;
import io.aibrix.simulator.engine.EngineIdentity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import reactor.core.scheduler.Schedulers;

/** The KV event journal the engine's block pool reports to, and the streams that serve it. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "simulator.kv-events", name = "enabled", havingValue = "true", matchIfMissing = true)
class KvEventsConfiguration {

    @Bean(destroyMethod = "close")
    KvEventJournal kvEventJournal(SimulatorProperties properties, Clock clock) {
        return new KvEventJournal(properties.kvEvents().bufferSize(), properties.blockSize(), clock);
    }

    /**
     * Ends the event streams when the context stops, before the web server's graceful shutdown (which stops in a lower
     * phase): the streams never complete on their own, so graceful shutdown would otherwise wait out its timeout for
     * every attached reader.
     */
    @Bean
    SmartLifecycle kvEventStreamsCloser(KvEventJournal journal) {
        return new SmartLifecycle() {

            private volatile boolean running;

            @Override
            public void start() {
                running = true;
            }

            @Override
            public void stop() {
                running = false;
                journal.close();
            }

            @Override
            public boolean isRunning() {
                return running;
            }
        };
    }

    @Bean
    KvEventStreams kvEventStreams(KvEventJournal journal, EngineIdentity identity, ObjectMapper mapper,
            Clock clock, SimulatorProperties properties) {
        return new KvEventStreams(journal, new KvEventCodec(mapper.getFactory(), identity.engineId()),
                Schedulers.parallel(), clock, properties.kvEvents().heartbeatInterval(), identity.engineId());
    }
}
