package io.mashups.messaging.persistence;

import jakarta.persistence.AttributeConverter;
import java.util.Locale;

/**
 * Stores an enum as its lower-case name, the word the tables' check constraints, the API and the events use. A
 * status enum gets an {@code @Converter(autoApply = true)} subclass naming its type.
 */
public abstract class LowerCaseEnumColumn<E extends Enum<E>> implements AttributeConverter<E, String> {
    private final Class<E> type;

    protected LowerCaseEnumColumn(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String column) {
        return column == null ? null : Enum.valueOf(type, column.toUpperCase(Locale.ROOT));
    }
}
