package io.wharf.domain.event;

/** What happened, named as distribution's notifications name it. */
public enum Action {
    PUSH("push"),
    PULL("pull"),
    DELETE("delete"),
    MOUNT("mount");

    private final String token;

    Action(String token) {
        this.token = token;
    }

    /** The name in event envelopes and in endpoint configuration ({@code ignoredactions}). */
    public String token() {
        return token;
    }
}
