package io.wharf.domain.port;

import io.wharf.domain.auth.Grants;
import io.wharf.domain.auth.Identity;

/** Who may do what where: the policy file's answer for one caller. */
@FunctionalInterface
public interface AccessPolicy {

    Grants grantsFor(Identity identity);
}
