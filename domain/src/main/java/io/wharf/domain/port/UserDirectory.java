package io.wharf.domain.port;

/** The registry's users and their passwords (an htpasswd file). */
public interface UserDirectory {

    /** Whether the user exists and the password is theirs. Takes time by design (bcrypt). */
    boolean authenticate(String user, String password);

    /** Whether the user still exists: a refresh token outlives no removed user. */
    boolean exists(String user);
}
