package io.mashups.audio.vocals;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The engines by id, the local one first. */
@ApplicationScoped
public class VocalEngines {
    private final Map<String, VocalEngine> engines = new LinkedHashMap<>();

    public VocalEngines(Instance<VocalEngine> all) {
        all.stream()
                .sorted(java.util.Comparator.comparing(engine -> !engine.id().equals(LocalSinger.ID)))
                .forEach(engine -> engines.put(engine.id(), engine));
    }

    public Optional<VocalEngine> get(String id) {
        return Optional.ofNullable(engines.get(id));
    }

    public java.util.Collection<VocalEngine> all() {
        return engines.values();
    }
}
