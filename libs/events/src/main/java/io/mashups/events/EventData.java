package io.mashups.events;

/** The data of one event type: a record, serialized as the CloudEvent's JSON data. */
public interface EventData {}
