package io.wharf.notify.internal;

import io.wharf.domain.event.Action;
import io.wharf.domain.event.DeliveryPolicy;
import io.wharf.domain.port.AdapterSettings;
import io.wharf.domain.port.InvalidSettingException;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the endpoints from the keys under {@code notifications.endpoints}, each {@code <name>.<setting>}.
 * Every endpoint is checked, disabled ones too, so that enabling one later cannot reveal a typo; a bad
 * value fails naming its full key. Messages never repeat a URL, a header value or the secret: any of
 * them may hold a credential.
 */
public final class EndpointSettingsReader {
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_BATCH_SIZE = 10;
    public static final int DEFAULT_MAX_ATTEMPTS = 20;
    public static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(5);
    static final int MAX_NAME_LENGTH = 64;
    static final String HEADERS = "headers.";

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");
    /** RFC 9110 token: the characters a header name may have. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Headers Wharf sets itself: a configured one would contradict the body or the signature. */
    private static final Set<String> OWN_HEADERS = Set.of("content-type", "user-agent", Signature.HEADER.toLowerCase(Locale.ROOT));
    private static final Set<String> SETTINGS = Set.of("url", "timeout", "format", "secret", "batchsize", "maxattempts",
            "backoff", "maxbackoff", "ignoredactions", "ignoredmediatypes", "ignore.actions", "ignore.mediatypes",
            "threshold", "disabled");

    private final AdapterSettings settings;

    private EndpointSettingsReader(AdapterSettings settings) {
        this.settings = settings;
    }

    /** The enabled endpoints, sorted by name; none when there are no keys. */
    public static List<EndpointConfig> read(AdapterSettings settings) {
        return new EndpointSettingsReader(settings).readAll();
    }

    private List<EndpointConfig> readAll() {
        Map<String, Set<String>> keysByEndpoint = new TreeMap<>();
        for (String key : new TreeSet<>(settings.values().keySet())) {
            int dot = key.indexOf('.');
            if (dot <= 0 || dot == key.length() - 1) {
                throw new InvalidSettingException(settings.fullKey(key),
                        "is not an endpoint setting: keys are <endpoint name>.<setting>, such as ci.url");
            }
            keysByEndpoint.computeIfAbsent(key.substring(0, dot), name -> new TreeSet<>()).add(key.substring(dot + 1));
        }
        List<EndpointConfig> endpoints = new ArrayList<>();
        keysByEndpoint.forEach((name, keys) -> readEndpoint(name, keys).ifPresent(endpoints::add));
        return List.copyOf(endpoints);
    }

    private Optional<EndpointConfig> readEndpoint(String name, Set<String> keys) {
        if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
            throw new InvalidSettingException(settings.fullKey(name), "is not a valid endpoint name: it must match "
                    + NAME.pattern() + " and be at most " + MAX_NAME_LENGTH + " characters");
        }
        for (String key : keys) {
            if (!SETTINGS.contains(key) && !key.startsWith(HEADERS)) {
                throw new InvalidSettingException(settings.fullKey(name + "." + key), "is not a known setting; known: "
                        + new TreeSet<>(SETTINGS) + " and headers.<Header-Name>");
            }
        }
        Endpoint endpoint = new Endpoint(name);
        URI url = endpoint.url();
        Map<String, List<String>> headers = endpoint.headers(keys);
        Duration timeout = endpoint.positiveDuration("timeout", DEFAULT_TIMEOUT);
        EventFormat format = endpoint.format();
        Optional<String> secret = endpoint.secret();
        DeliveryPolicy policy = endpoint.policy();
        endpoint.threshold();
        if (endpoint.disabled()) {
            return Optional.empty();
        }
        return Optional.of(new EndpointConfig(name, url, headers, timeout, format, secret, policy));
    }

    /** The settings of one endpoint, read by their short names ({@code url}, {@code timeout}, …). */
    private final class Endpoint {
        private final String name;

        Endpoint(String name) {
            this.name = name;
        }

        private String key(String setting) {
            return name + "." + setting;
        }

        private String fullKey(String setting) {
            return settings.fullKey(key(setting));
        }

        private Optional<String> value(String setting) {
            return settings.string(key(setting));
        }

        URI url() {
            String value = settings.requireString(key("url")).trim();
            URI url;
            try {
                url = new URI(value);
            } catch (URISyntaxException e) {
                throw new InvalidSettingException(fullKey("url"), "is not a valid URL");
            }
            String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
            if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
                throw new InvalidSettingException(fullKey("url"), "must be an absolute http or https URL");
            }
            if (url.getHost() == null) {
                throw new InvalidSettingException(fullKey("url"), "must name a host");
            }
            if (url.getRawUserInfo() != null) {
                throw new InvalidSettingException(fullKey("url"), "must not carry credentials (user:password@);"
                        + " send them in a header such as " + settings.fullKey(key(HEADERS + "Authorization")));
            }
            if (url.getRawFragment() != null) {
                throw new InvalidSettingException(fullKey("url"), "must not have a fragment (#…)");
            }
            return url;
        }

        Map<String, List<String>> headers(Set<String> keys) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            Set<String> seen = new LinkedHashSet<>();
            for (String setting : keys) {
                if (!setting.startsWith(HEADERS)) {
                    continue;
                }
                String header = setting.substring(HEADERS.length());
                String fullKey = fullKey(setting);
                if (!HEADER_NAME.matcher(header).matches()) {
                    throw new InvalidSettingException(fullKey, "does not name a valid HTTP header");
                }
                String lower = header.toLowerCase(Locale.ROOT);
                if (OWN_HEADERS.contains(lower)) {
                    throw new InvalidSettingException(fullKey, "is a header Wharf sets itself");
                }
                if (!seen.add(lower)) {
                    throw new InvalidSettingException(fullKey, "repeats a header given under another spelling");
                }
                List<String> values = Arrays.stream(settings.requireString(key(setting)).split(","))
                        .map(String::trim).filter(v -> !v.isEmpty()).toList();
                if (values.isEmpty()) {
                    throw new InvalidSettingException(fullKey, "has no value");
                }
                for (String value : values) {
                    checkHeader(fullKey, header, value);
                }
                headers.put(header, values);
            }
            return headers;
        }

        /** The JDK client refuses some headers (Host, Connection, …) and bad values only when sending: ask it now. */
        private void checkHeader(String fullKey, String header, String value) {
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if ((c < 0x20 && c != '\t') || c == 0x7f) {
                    throw new InvalidSettingException(fullKey, "holds a control character");
                }
            }
            try {
                HttpRequest.newBuilder().header(header, value);
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(fullKey, "is a header the HTTP client sets itself or does not allow");
            }
        }

        Duration positiveDuration(String setting, Duration fallback) {
            Optional<String> value = value(setting);
            if (value.isEmpty()) {
                return fallback;
            }
            Duration duration;
            try {
                duration = Durations.parse(value.get());
            } catch (IllegalArgumentException e) {
                throw new InvalidSettingException(fullKey(setting), "must be a duration such as 500ms, 5s, 1m, 2h"
                        + " or ISO-8601 PT5S, got '" + value.get() + "'");
            }
            if (duration.isZero() || duration.isNegative()) {
                throw new InvalidSettingException(fullKey(setting), "must be longer than zero, got '" + value.get() + "'");
            }
            return duration;
        }

        EventFormat format() {
            return value("format").map(v -> EventFormat.named(v).orElseThrow(() -> new InvalidSettingException(
                            fullKey("format"), "must be distribution or cloudevents, got '" + v + "'")))
                    .orElseGet(DistributionEnvelope::new);
        }

        Optional<String> secret() {
            Optional<String> secret = value("secret");
            if (secret.isPresent() && secret.get().isBlank()) {
                throw new InvalidSettingException(fullKey("secret"), "is empty; leave it out to send unsigned requests");
            }
            return secret;
        }

        DeliveryPolicy policy() {
            int batchSize = atLeastOne("batchsize", DEFAULT_BATCH_SIZE);
            int maxAttempts = atLeastOne("maxattempts", DEFAULT_MAX_ATTEMPTS);
            Duration backoff = positiveDuration("backoff", DEFAULT_BACKOFF);
            Duration maxBackoff = positiveDuration("maxbackoff", DEFAULT_MAX_BACKOFF);
            if (maxBackoff.compareTo(backoff) < 0) {
                throw new InvalidSettingException(fullKey("maxbackoff"),
                        "must be at least the backoff (" + Durations.format(backoff) + ")");
            }
            return new DeliveryPolicy(actions(), mediaTypes(), batchSize, maxAttempts, backoff, maxBackoff);
        }

        private int atLeastOne(String setting, int fallback) {
            int value = settings.integer(key(setting), fallback);
            if (value < 1) {
                throw new InvalidSettingException(fullKey(setting), "must be at least 1, got " + value);
            }
            return value;
        }

        private Set<Action> actions() {
            Optional<String> setting = oneOf("ignoredactions", "ignore.actions");
            Set<Action> actions = EnumSet.noneOf(Action.class);
            for (String token : setting.map(s -> list(value(s).orElseThrow())).orElse(List.of())) {
                actions.add(Arrays.stream(Action.values()).filter(a -> a.token().equalsIgnoreCase(token)).findFirst()
                        .orElseThrow(() -> new InvalidSettingException(fullKey(setting.get()), "names an unknown action '"
                                + token + "'; actions: " + Arrays.stream(Action.values()).map(Action::token)
                                .collect(Collectors.joining(", ")))));
            }
            return actions;
        }

        private Set<String> mediaTypes() {
            Optional<String> setting = oneOf("ignoredmediatypes", "ignore.mediatypes");
            Set<String> mediaTypes = new LinkedHashSet<>();
            for (String mediaType : setting.map(s -> list(value(s).orElseThrow())).orElse(List.of())) {
                if (mediaType.indexOf('/') <= 0 || mediaType.endsWith("/") || mediaType.chars().anyMatch(Character::isWhitespace)) {
                    throw new InvalidSettingException(fullKey(setting.get()), "holds '" + mediaType
                            + "', which is not a media type (type/subtype)");
                }
                mediaTypes.add(mediaType);
            }
            return mediaTypes;
        }

        /** Which of Wharf's and distribution's spellings of one setting is given; both is a mistake. */
        private Optional<String> oneOf(String wharf, String distribution) {
            boolean hasWharf = value(wharf).isPresent();
            boolean hasDistribution = value(distribution).isPresent();
            if (hasWharf && hasDistribution) {
                throw new InvalidSettingException(fullKey(distribution), "is the same setting as " + fullKey(wharf)
                        + "; give only one");
            }
            return hasWharf ? Optional.of(wharf) : hasDistribution ? Optional.of(distribution) : Optional.empty();
        }

        /**
         * distribution's {@code threshold} counts failures before it backs off; Wharf backs off from the
         * first failure ({@code backoff}, doubling up to {@code maxbackoff}), so the count has nothing to
         * govern. It is accepted so distribution configurations load, and checked so a typo still fails.
         */
        void threshold() {
            int threshold = settings.integer(key("threshold"), 0);
            if (threshold < 0) {
                throw new InvalidSettingException(fullKey("threshold"), "must not be negative, got " + threshold);
            }
        }

        boolean disabled() {
            String value = value("disabled").orElse("false").trim();
            if (value.equalsIgnoreCase("true")) {
                return true;
            }
            if (value.equalsIgnoreCase("false")) {
                return false;
            }
            throw new InvalidSettingException(fullKey("disabled"), "must be true or false, got '" + value + "'");
        }

        private static List<String> list(String value) {
            return Arrays.stream(value.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
        }
    }
}
