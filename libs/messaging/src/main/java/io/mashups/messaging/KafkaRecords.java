package io.mashups.messaging;

import io.mashups.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Reading CloudEvents in Kafka's binary mode ({@code ce_*} headers, JSON data). */
public final class KafkaRecords {
    private KafkaRecords() {}

    /** The record as a CloudEvent; throws IllegalArgumentException when its headers do not make one. */
    public static CloudEvent cloudEvent(ConsumerRecord<String, byte[]> record) {
        return cloudEvent(record.headers(), record.value());
    }

    public static CloudEvent cloudEvent(Headers headers, byte[] value) {
        Map<String, String> attributes = new HashMap<>();
        for (Header header : headers) {
            attributes.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return CloudEvent.fromHeaders(attributes, value);
    }
}
