package io.mashups.analyticsingest.rollup;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The stores of the topology's person stage are keyed person first ({@code person rest...}), so that everything kept
 * of one person in a partition is one prefix: what an erasure, sent to every partition, removes.
 */
final class PersonStores {
    private static final StringSerializer KEYS = new StringSerializer();

    private PersonStores() {}

    /** The entries under {@code prefix}, in key order. */
    static <V> List<KeyValue<String, V>> under(KeyValueStore<String, V> store, String prefix) {
        List<KeyValue<String, V>> entries = new ArrayList<>();
        try (KeyValueIterator<String, V> found = store.prefixScan(prefix, KEYS)) {
            found.forEachRemaining(entries::add);
        }
        return entries;
    }

    /** Removes every entry of the person; answers the keys that were there, without the person. */
    static <V> List<String[]> forget(KeyValueStore<String, V> store, String person) {
        List<String[]> forgotten = new ArrayList<>();
        for (KeyValue<String, V> entry : under(store, person + " ")) {
            store.delete(entry.key);
            String[] parts = Keys.parts(entry.key);
            forgotten.add(java.util.Arrays.copyOfRange(parts, 1, parts.length));
        }
        return forgotten;
    }
}
