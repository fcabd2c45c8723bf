package io.mashups.analyticsingest.capture;

import static io.mashups.events.analytics.AnalyticsEventV1.ABOUT_A_CREATOR;
import static io.mashups.events.analytics.AnalyticsEventV1.ABOUT_A_MASHUP;
import static io.mashups.events.analytics.AnalyticsEventV1.PLAYS;
import static io.mashups.events.analytics.AnalyticsEventV1.PLAY_END;
import static io.mashups.events.analytics.AnalyticsEventV1.SHARE;
import static io.mashups.events.analytics.AnalyticsEventV1.SUBSCRIPTION_UPGRADED;
import static io.mashups.events.analytics.AnalyticsEventV1.TYPES;

import com.fasterxml.jackson.databind.JsonNode;
import io.mashups.analyticsingest.IngestConfig;
import io.mashups.json.Instants;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One event of a capture request as the client sent it, read and checked on its own: a bad event is rejected with
 * its reason while the others of the batch go on. Unknown fields are ignored (newer clients send more).
 */
record IncomingEvent(
        String id,
        String type,
        String mashupId,
        String creatorId,
        String deviceId,
        String sessionId,
        Double positionSec,
        Double trackLengthSec,
        String platform,
        String source,
        String referrerHost,
        String tier,
        Instant clientTime) {

    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");
    private static final Pattern MASHUP = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** OIDC subjects: {@code auth0|abc}, {@code google-oauth2|123}, e-mail-like ones. */
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:|@+-]{0,127}");

    private static final Pattern WORD = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");
    private static final double LONGEST_TRACK_SEC = 24 * 3600;

    /** Why an event was not taken: a code clients can switch on and a sentence saying what to fix. */
    record Rejection(String reason, String detail) {}

    /** An event read from JSON, or why it cannot be taken. */
    record Read(IncomingEvent event, Rejection rejection) {}

    static Read read(JsonNode node, Instant now, IngestConfig.Capture limits) {
        try {
            return new Read(parse(node, now, limits), null);
        } catch (Rejected rejected) {
            return new Read(null, new Rejection(rejected.reason, rejected.getMessage()));
        }
    }

    /** The id as sent, when it is a usable one: what a rejection names. */
    static String idOf(JsonNode node) {
        JsonNode id = node == null ? null : node.get("id");
        return id != null && id.isTextual() && TOKEN.matcher(id.asText()).matches() ? id.asText() : null;
    }

    private static IncomingEvent parse(JsonNode node, Instant now, IngestConfig.Capture limits) {
        if (node == null || !node.isObject()) {
            throw new Rejected("malformed", "an event is a JSON object");
        }
        String id = text(node, "id", TOKEN, true, "1-64 letters, digits or ._:- starting with a letter or digit");
        String type = text(node, "type", null, true, null);
        if (!TYPES.contains(type)) {
            throw new Rejected("unknown-type", "type \"" + printable(type) + "\" is not one of " + TYPES);
        }
        String device =
                text(node, "deviceId", DEVICE, true, "1-128 letters, digits or ._:- starting with a letter or digit");
        boolean aboutMashup = ABOUT_A_MASHUP.contains(type);
        String mashup = text(node, "mashupId", MASHUP, aboutMashup, "1-64 letters, digits, _ or -");
        String creator = text(node, "creatorId", USER, ABOUT_A_CREATOR.contains(type), "a user id");
        Double length = seconds(node, "trackLengthSec", PLAY_END.equals(type), false);
        Double position = seconds(node, "positionSec", PLAY_END.equals(type), true);
        if (!PLAYS.contains(type)) {
            length = null;
            position = null;
        } else if (position != null && length != null && position > length + 1) {
            throw new Rejected("invalid", "positionSec " + position + " is past the track's end (" + length + " s)");
        }
        String platform = lowerWord(node, "platform", SHARE.equals(type));
        String tier = lowerWord(node, "tier", false);
        if (SUBSCRIPTION_UPGRADED.equals(type) && tier != null && !tier.equals("pro") && !tier.equals("studio")) {
            throw new Rejected("invalid", "tier must be pro or studio");
        }
        Instant clientTime = time(node, now, limits);
        return new IncomingEvent(
                id,
                type,
                mashup,
                creator,
                device,
                text(node, "sessionId", TOKEN, false, "1-64 letters, digits or ._:-"),
                position,
                length,
                SHARE.equals(type) ? platform : null,
                lowerWord(node, "source", false),
                referrerHost(node.get("referrer")),
                SUBSCRIPTION_UPGRADED.equals(type) ? tier : null,
                clientTime);
    }

    private static String text(JsonNode node, String field, Pattern pattern, boolean required, String shape) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Rejected("missing-field", field + " is required");
            }
            return null;
        }
        if (!value.isTextual()
                || (pattern != null && !pattern.matcher(value.asText()).matches())) {
            throw new Rejected("invalid", field + " must be " + (shape == null ? "a string" : shape));
        }
        return value.asText();
    }

    private static String lowerWord(JsonNode node, String field, boolean required) {
        String value = text(node, field, null, required, null);
        if (value == null) {
            return null;
        }
        String lower = value.toLowerCase(Locale.ROOT);
        if (!WORD.matcher(lower).matches()) {
            throw new Rejected("invalid", field + " must be a word of 1-32 letters, digits, _ or -");
        }
        return lower;
    }

    private static Double seconds(JsonNode node, String field, boolean required, boolean zeroAllowed) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new Rejected("missing-field", field + " is required for this type");
            }
            return null;
        }
        double seconds = value.asDouble(Double.NaN);
        if (!value.isNumber()
                || !Double.isFinite(seconds)
                || seconds < 0
                || (!zeroAllowed && seconds == 0)
                || seconds > LONGEST_TRACK_SEC) {
            throw new Rejected("invalid", field + " must be a number of seconds from 0 to " + (long) LONGEST_TRACK_SEC);
        }
        return seconds;
    }

    /** ISO 8601 with an offset, or epoch milliseconds; within the accepted window around the server's time. */
    private static Instant time(JsonNode node, Instant now, IngestConfig.Capture limits) {
        JsonNode value = node.get("clientTime");
        if (value == null || value.isNull()) {
            throw new Rejected("missing-field", "clientTime is required");
        }
        Instant time;
        try {
            if (value.isIntegralNumber() && value.canConvertToLong()) {
                time = Instant.ofEpochMilli(value.asLong());
            } else if (value.isTextual() && value.asText().length() <= 40) {
                time = Instants.parse(value.asText());
            } else {
                throw new Rejected("invalid", "clientTime must be ISO 8601 with an offset or epoch milliseconds");
            }
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw new Rejected("invalid", "clientTime must be ISO 8601 with an offset or epoch milliseconds");
        }
        if (time.isAfter(now.plus(limits.maxAhead()))) {
            throw new Rejected(
                    "in-the-future", "clientTime is more than " + limits.maxAhead() + " ahead of the server");
        }
        if (time.isBefore(now.minus(limits.maxAge()))) {
            throw new Rejected("too-old", "events older than " + limits.maxAge() + " are not taken");
        }
        return time;
    }

    /** Only the host of the page the listener came from; a malformed referrer is dropped, not a reason to reject. */
    private static String referrerHost(JsonNode value) {
        if (value == null || !value.isTextual() || value.asText().length() > 2048) {
            return null;
        }
        try {
            String host = URI.create(value.asText().strip()).getHost();
            if (host == null || host.length() > 253) {
                return null;
            }
            host = host.toLowerCase(Locale.ROOT);
            return host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }

    private static final class Rejected extends RuntimeException {
        final String reason;

        Rejected(String reason, String detail) {
            super(detail, null, false, false);
            this.reason = reason;
        }
    }
}
