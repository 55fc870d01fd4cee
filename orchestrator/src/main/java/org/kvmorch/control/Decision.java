package org.kvmorch.control;

import java.util.List;

/** A controller's answer to one observation: the actions to take and why (stored with them). */
public record Decision(List<Action> actions, String reason) {

    private static final Decision NONE = new Decision(List.of(), "");

    public Decision {
        actions = List.copyOf(actions);
    }

    public static Decision none() {
        return NONE;
    }

    public static Decision of(Action action, String reason) {
        return new Decision(List.of(action), reason);
    }

    public boolean isNone() {
        return actions.isEmpty();
    }
}
