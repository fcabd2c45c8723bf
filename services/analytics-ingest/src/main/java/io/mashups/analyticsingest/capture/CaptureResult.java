package io.mashups.analyticsingest.capture;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What became of a batch: {@code accepted} events are in Kafka, {@code duplicates} had been accepted before (or twice
 * in this batch), {@code dropped} ones came from a bot or faster than a person can ({@code droppedReason} says which),
 * and each rejected one has its index in the batch, its id when it had a usable one, and why.
 */
@Schema(example = """
        {"accepted": 2, "duplicates": 1, "dropped": 0, "droppedReason": null,
         "rejected": [{"index": 3, "id": "e-4", "reason": "missing-field", "detail": "mashupId is required"}]}""")
public record CaptureResult(int accepted, int duplicates, int dropped, String droppedReason, List<Rejected> rejected) {
    public static final String BOT = "bot";
    public static final String RATE = "rate";

    @Schema(
            example =
                    "{\"index\": 3, \"id\": \"e-4\", \"reason\": \"missing-field\", \"detail\": \"mashupId is required\"}")
    public record Rejected(int index, String id, String reason, String detail) {}
}
