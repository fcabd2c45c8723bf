package io.mashups.events;

import java.util.Objects;

/**
 * One event type: its CloudEvents type name (versioned, {@code io.mashups.<owner>.<event>.v1}), the topic it is
 * published on and the record that carries its data. A change that breaks old readers gets a new type name.
 */
public record EventType<T extends EventData>(String name, String topic, Class<T> dataClass) {
    public EventType {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(dataClass, "dataClass");
    }
}
