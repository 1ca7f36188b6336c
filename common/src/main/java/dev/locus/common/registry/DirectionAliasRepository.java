package dev.locus.common.registry;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DirectionAliasRepository extends JpaRepository<DirectionAlias, DirectionAlias.Key> {

    List<DirectionAlias> findByName(String name);
}
