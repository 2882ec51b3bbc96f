package io.aibrix.metadata.models;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ModelRepository extends JpaRepository<Model, String> {

    List<Model> findAllByOrderByNameAsc();
}
