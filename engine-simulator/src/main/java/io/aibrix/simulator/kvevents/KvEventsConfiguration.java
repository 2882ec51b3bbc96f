package io.aibrix.simulator.kvevents;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.aibrix.simulator.SimulatorProperties;
import io.aibrix.simulator.engine.EngineIdentity;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
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

    @Bean
    KvEventStreams kvEventStreams(KvEventJournal journal, EngineIdentity identity, ObjectMapper mapper,
            Clock clock, SimulatorProperties properties) {
        return new KvEventStreams(journal, new KvEventCodec(mapper.getFactory(), identity.engineId()),
                Schedulers.parallel(), clock, properties.kvEvents().heartbeatInterval(), identity.engineId());
    }
}
