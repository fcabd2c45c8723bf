package io.mashups.analyticsingest.rollup;

import io.mashups.events.analytics.AnalyticsEventV1;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One value per person and subject (their latest like of a mashup, their reactions to a mashup on a day), in a store
 * keyed {@code person subject}; each change is forwarded keyed {@code subject person}, and an erasure forwards null for
 * each of the person's subjects.
 */
final class PersonTable<V> implements Processor<String, AnalyticsEventV1, String, V> {
    private final String storeName;
    private final Function<AnalyticsEventV1, String> subject;
    private final BiFunction<V, AnalyticsEventV1, V> update;
    private ProcessorContext<String, V> context;
    private KeyValueStore<String, V> store;

    /**
     * @param subject what the event is about ({@code mashup}, {@code mashup day}, {@code creator})
     * @param update the new value from the stored one (null for none) and the event
     */
    PersonTable(
            String storeName, Function<AnalyticsEventV1, String> subject, BiFunction<V, AnalyticsEventV1, V> update) {
        this.storeName = storeName;
        this.subject = subject;
        this.update = update;
    }

    @Override
    public void init(ProcessorContext<String, V> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, AnalyticsEventV1> record) {
        String person = record.key();
        if (AnalyticsEventV1.USER_ERASED.equals(record.value().type())) {
            for (String[] forgotten : PersonStores.forget(store, person)) {
                context.forward(record.withKey(Keys.of(String.join(" ", forgotten), person))
                        .withValue(null));
            }
            return;
        }
        String about = subject.apply(record.value());
        String key = Keys.of(person, about);
        V before = store.get(key);
        V after = update.apply(before, record.value());
        if (!after.equals(before)) {
            store.put(key, after);
            context.forward(record.withKey(Keys.of(about, person)).withValue(after));
        }
    }
}
