package io.mashups.chart;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * KEDA's ScaledObject (keda.sh/v1alpha1) as its CRD defines the fields the chart uses. The Kubernetes model has no
 * class for operator resources, so this typed model, read strictly, stands in for it: a misspelt field fails.
 */
record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {
    private static final ObjectMapper STRICT =
            new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    record Spec(
            Target scaleTargetRef,
            Integer minReplicaCount,
            Integer maxReplicaCount,
            Integer cooldownPeriod,
            Integer pollingInterval,
            List<Trigger> triggers) {}

    record Target(String name, String kind, String apiVersion) {}

    /** A scaler: its type, its string-valued metadata (KEDA reads every value as a string), its login if any. */
    record Trigger(String type, Map<String, String> metadata, AuthenticationRef authenticationRef) {}

    /** A TriggerAuthentication (or ClusterTriggerAuthentication) by name. */
    record AuthenticationRef(String name, String kind) {}

    static ScaledObject read(String json) {
        try {
            return STRICT.readValue(json, ScaledObject.class);
        } catch (IOException e) {
            throw new UncheckedIOException("not a valid ScaledObject: " + e.getMessage(), e);
        }
    }
}
