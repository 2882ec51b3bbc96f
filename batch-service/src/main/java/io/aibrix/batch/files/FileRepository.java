package io.aibrix.batch.files;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;
import org.springframework.lang.Nullable;
import org.springframework.transaction.annotation.Transactional;

/** Owner-scoped access to {@code files}; every query that returns files skips deleted ones. */
interface FileRepository extends JpaRepository<FileEntity, String> {

    @Query("select f from FileEntity f where f.id = :id and f.owner = :owner and f.deletedAt is null")
    Optional<FileEntity> findLive(@Param("owner") String owner, @Param("id") String id);

    /** The position of a file of this owner, deleted or not, so a cursor stays valid after its file is deleted. */
    @Query("select f.seq from FileEntity f where f.id = :id and f.owner = :owner")
    Optional<Long> findSeq(@Param("owner") String owner, @Param("id") String id);

    @Query("""
            select f from FileEntity f
            where f.owner = :owner and f.deletedAt is null and f.seq > :after
              and (:purpose is null or f.purpose = :purpose)
            order by f.seq asc""")
    List<FileEntity> pageAscending(@Param("owner") String owner, @Param("purpose") @Nullable String purpose,
            @Param("after") long after, Limit limit);

    @Query("""
            select f from FileEntity f
            where f.owner = :owner and f.deletedAt is null and f.seq < :before
              and (:purpose is null or f.purpose = :purpose)
            order by f.seq desc""")
    List<FileEntity> pageDescending(@Param("owner") String owner, @Param("purpose") @Nullable String purpose,
            @Param("before") long before, Limit limit);

    /** Marks a live file deleted; returns 1 if it did, 0 if there was no such live file. */
    @Transactional
    @Modifying
    @Query("""
            update FileEntity f set f.deletedAt = :now
            where f.id = :id and f.owner = :owner and f.deletedAt is null""")
    int markDeleted(@Param("owner") String owner, @Param("id") String id, @Param("now") Instant now);
}
