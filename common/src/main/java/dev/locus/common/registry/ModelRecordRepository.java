package dev.locus.common.registry;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ModelRecordRepository extends JpaRepository<ModelRecord, String> {}
