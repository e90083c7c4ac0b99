package io.wharf.application.service.access;

import io.wharf.application.port.in.Listings;
import io.wharf.domain.auth.Action;
import io.wharf.domain.auth.Scope;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Tags and referrers need pull. The catalog shows a caller only the repositories it may pull, unless
 * it holds the whole catalog ({@code registry:catalog:*}); a caller who may see nothing at all and
 * brought no credentials is asked for them.
 */
record AuthorizedListings(Listings inner, Guard guard) implements Listings {

    @Override
    public Page<Tag> tags(RepositoryName repository, OptionalInt limit, Optional<String> after) {
        guard.require(repository, Set.of(Action.PULL));
        return inner.tags(repository, limit, after);
    }

    @Override
    public List<Descriptor> referrers(RepositoryName repository, Digest subject, Optional<String> artifactType) {
        guard.require(repository, Set.of(Action.PULL));
        return inner.referrers(repository, subject, artifactType);
    }

    @Override
    public Page<RepositoryName> repositories(OptionalInt limit, Optional<String> after) {
        if (guard.caller().grants().wholeCatalog()) {
            return inner.repositories(limit, after);
        }
        if (guard.caller().grants().nothing()) {
            throw guard.refusal(List.of(Scope.WHOLE_CATALOG), "the repository catalog");
        }
        return visible(limit, after);
    }

    /**
     * Reads the catalog page by page, keeping what the caller may pull, until a page's worth is found
     * or the catalog ends. Without {@code n}, a page's worth is the size of the server's full page.
     */
    private Page<RepositoryName> visible(OptionalInt limit, Optional<String> after) {
        List<RepositoryName> shown = new ArrayList<>();
        Page<RepositoryName> page = inner.repositories(limit, after);
        int wanted = limit.orElse(page.items().size());
        while (true) {
            for (RepositoryName name : page.items()) {
                if (shown.size() == wanted) {
                    return new Page<>(shown, true);
                }
                if (guard.allows(name, Action.PULL)) {
                    shown.add(name);
                }
            }
            if (!page.more() || page.items().isEmpty()) {
                return new Page<>(shown, false);
            }
            if (shown.size() == wanted) {
                return new Page<>(shown, true);
            }
            page = inner.repositories(limit, Optional.of(page.items().getLast().value()));
        }
    }
}
