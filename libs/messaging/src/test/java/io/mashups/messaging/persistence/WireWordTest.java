package io.mashups.messaging.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mashups.json.Json;
import org.junit.jupiter.api.Test;

class WireWordTest {
    enum Colour implements WireWord {
        DEEP_RED,
        BLUE
    }

    record Paint(Colour colour) {}

    static class ColourColumn extends LowerCaseEnumColumn<Colour> {
        ColourColumn() {
            super(Colour.class);
        }
    }

    @Test
    void anEnumIsItsLowerCaseWordInJsonAndInItsColumn() throws Exception {
        assertEquals("deep_red", Colour.DEEP_RED.wire());
        assertEquals("{\"colour\":\"deep_red\"}", Json.mapper().writeValueAsString(new Paint(Colour.DEEP_RED)));
        assertEquals(
                Colour.BLUE,
                Json.mapper().readValue("{\"colour\":\"blue\"}", Paint.class).colour());
        ColourColumn column = new ColourColumn();
        assertEquals("deep_red", column.convertToDatabaseColumn(Colour.DEEP_RED));
        assertEquals(Colour.DEEP_RED, column.convertToEntityAttribute("deep_red"));
    }
}
