package io.aibrix.metadata.adapters;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface AdapterRepository extends JpaRepository<Adapter, String> {

    List<Adapter> findAllByOrderByNameAsc();
}
