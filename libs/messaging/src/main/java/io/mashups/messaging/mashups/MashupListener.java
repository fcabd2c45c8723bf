package io.mashups.messaging.mashups;

import io.smallrye.mutiny.Uni;

/**
 * What a service does when a mashup appears or goes: implement it as a bean and {@link MashupProjection} calls it in
 * the transaction that records the change (once per mashup and change, whatever order or how often events arrive).
 */
public interface MashupListener {
    /** The mashup was rendered (called once, when its render is first known and it is not deleted). */
    default Uni<Void> rendered(KnownMashup mashup) {
        return Uni.createFrom().voidItem();
    }

    /** Content ID blocked the mashup (called when a blocking verdict replaces another or none, while it exists). */
    default Uni<Void> blocked(KnownMashup mashup) {
        return Uni.createFrom().voidItem();
    }

    /** The mashup was deleted (called once, if it was known to exist); remove what belongs to it. */
    default Uni<Void> deleted(KnownMashup mashup) {
        return Uni.createFrom().voidItem();
    }
}
