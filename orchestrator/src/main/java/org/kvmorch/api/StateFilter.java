package org.kvmorch.api;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.kvmorch.db.MigrationState;
import org.kvmorch.errors.InvalidFieldException;

/**
 * The {@code state} query parameter of GET /migrations: repeated ({@code state=RUNNING&state=POSTCOPY})
 * and/or comma-separated ({@code state=RUNNING,POSTCOPY}), any case. Parsed here rather than by
 * Spring's enum conversion so an unknown state is a 400 naming the parameter and the allowed values.
 */
final class StateFilter {

    private StateFilter() {
    }

    /** The states asked for; empty = any. */
    static Set<MigrationState> parse(List<String> values) {
        Set<MigrationState> states = EnumSet.noneOf(MigrationState.class);
        if (values == null) {
            return states;
        }
        for (String value : values) {
            for (String part : value.split(",")) {
                String name = part.trim().toUpperCase(Locale.ROOT);
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    states.add(MigrationState.valueOf(name));
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("state", "unknown migration state '" + part.trim()
                            + "'; allowed: " + Arrays.stream(MigrationState.values()).map(Enum::name)
                            .collect(Collectors.joining(", ")));
                }
            }
        }
        return states;
    }
}
