package io.aibrix.metadata.engines;

import java.time.Instant;
import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface EngineRepository extends JpaRepository<Engine, String> {

    /** Live engines: heard from after {@code cutoff}. */
    List<Engine> findAllByLastHeartbeatAtAfterOrderByNameAsc(Instant cutoff);

    @Modifying
    @Query("DELETE FROM Engine e WHERE e.lastHeartbeatAt <= :cutoff")
    int deleteExpired(@Param("cutoff") Instant cutoff);
}
