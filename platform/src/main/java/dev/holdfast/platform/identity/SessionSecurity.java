package dev.holdfast.platform.identity;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * Identity's rules for signed-in sessions, for another module's security filter chain that accepts sessions (the
 * main chain has them already): authorities are recomputed when the directory changed (a role taken away holds at
 * once), a session past the absolute timeout ends, and a due password change comes first.
 */
public interface SessionSecurity {

    /** Adds the rules' filters to the chain, around its authorization filter. */
    void applyTo(HttpSecurity http);
}
