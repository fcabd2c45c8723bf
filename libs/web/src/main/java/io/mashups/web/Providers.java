package io.mashups.web;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.inject.Instance;
import java.util.List;

/**
 * The one way a service chooses a provider by configuration: each provider of a capability is a bean qualified with
 * {@code @Identifier("<name>")}, and the capability's default bean is the one whose name the setting holds. A name
 * nobody provides fails the start with the names that exist.
 */
public final class Providers {
    private Providers() {}

    /**
     * The provider called {@code name} among {@code candidates} (inject them as {@code @Any Instance<T>}); {@code
     * setting} is the property that named it, for the error.
     */
    public static <T> T chosen(Instance<T> candidates, String setting, String name) {
        Instance<T> chosen = candidates.select(Identifier.Literal.of(name));
        if (chosen.isResolvable()) {
            return chosen.get();
        }
        throw new IllegalStateException(
                setting + " must be one of " + String.join(", ", names(candidates)) + ", not \"" + name + "\"");
    }

    /** The names of the providers among {@code candidates}, sorted. */
    public static List<String> names(Instance<?> candidates) {
        return candidates
                .handlesStream()
                .flatMap(handle -> handle.getBean().getQualifiers().stream())
                .filter(Identifier.class::isInstance)
                .map(qualifier -> ((Identifier) qualifier).value())
                .sorted()
                .toList();
    }
}
