package org.kvmorch.security;

/** VIEWER reads; OPERATOR also migrates, plans and drains; ADMIN also sets policy and reads the audit. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** Spring's hierarchy expression: each role includes the ones below it. */
    static String hierarchy() {
        return "ROLE_ADMIN > ROLE_OPERATOR\nROLE_OPERATOR > ROLE_VIEWER";
    }
}
