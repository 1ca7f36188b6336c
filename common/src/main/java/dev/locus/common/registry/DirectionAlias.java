package dev.locus.common.registry;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** A movable name for one version of a direction: {@code eyes-open@stable} -> version 3. */
@Entity
@Table(name = "direction_aliases")
@IdClass(DirectionAlias.Key.class)
public class DirectionAlias {

    public record Key(String name, String alias) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    private String name;

    @Id
    private String alias;

    private int version;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected DirectionAlias() {}

    public DirectionAlias(String name, String alias, int version, Instant now) {
        this.name = name;
        this.alias = alias;
        this.version = version;
        this.updatedAt = now;
    }

    public void pointTo(int version, Instant now) {
        this.version = version;
        this.updatedAt = now;
    }

    public String getName() { return name; }
    public String getAlias() { return alias; }
    public int getVersion() { return version; }
    public Instant getUpdatedAt() { return updatedAt; }
}
