package dev.locus.common.registry;

import dev.locus.engine.api.DirectionSpace;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Stores a direction space under its own name ({@code x_t}, {@code h}), as basis files and the API write it. */
@Converter
class DirectionSpaceColumn implements AttributeConverter<DirectionSpace, String> {

    @Override
    public String convertToDatabaseColumn(DirectionSpace space) {
        return space == null ? null : space.id();
    }

    @Override
    public DirectionSpace convertToEntityAttribute(String id) {
        return id == null ? null : DirectionSpace.fromId(id);
    }
}
