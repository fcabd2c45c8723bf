package io.mashups.analyticsingest.rollup;

import io.mashups.events.EventJson;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Rollup state and records as JSON, in the fleet's configuration. */
final class JsonSerde {
    private JsonSerde() {}

    static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> value == null ? null : EventJson.write(value),
                (topic, bytes) -> bytes == null ? null : EventJson.read(bytes, type));
    }
}
