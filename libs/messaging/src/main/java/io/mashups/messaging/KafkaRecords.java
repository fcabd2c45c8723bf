package io.mashups.messaging;

import io.mashups.events.CloudEvent;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** CloudEvents in Kafka's binary mode ({@code ce_*} headers, JSON data), read and written. */
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

    /** The record that carries an event on a topic, keyed by its subject. */
    public static ProducerRecord<String, byte[]> producerRecord(String topic, CloudEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.subject(), event.data());
        for (Map.Entry<String, String> header : event.headers().entrySet()) {
            record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }
}
