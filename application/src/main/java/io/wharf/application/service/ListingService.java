package io.wharf.application.service;

import io.wharf.application.port.in.Listings;
import io.wharf.domain.error.ErrorCode;
import io.wharf.domain.error.Failure;
import io.wharf.domain.error.RegistryException;
import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;
import io.wharf.domain.port.ManifestIndex;
import io.wharf.domain.port.RepositoryIndex;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Tags, repositories and referrers, in pages no larger than the configured maximum. */
public final class ListingService implements Listings {
    private final RepositoryIndex repositories;
    private final ManifestIndex manifests;
    private final int maxPageSize;

    public ListingService(RepositoryIndex repositories, ManifestIndex manifests, int maxPageSize) {
        if (maxPageSize < 1) {
            throw new IllegalArgumentException("maxPageSize " + maxPageSize + " < 1");
        }
        this.repositories = repositories;
        this.manifests = manifests;
        this.maxPageSize = maxPageSize;
    }

    @Override
    public Page<Tag> tags(RepositoryName repository, OptionalInt limit, Optional<String> after) {
        if (!repositories.repositoryExists(repository)) {
            throw new RegistryException(ErrorCode.NAME_UNKNOWN, "repository " + repository + " is not known");
        }
        int n = pageSize(limit);
        return n == 0 ? new Page<>(List.of(), false) : manifests.tags(repository, n, after);
    }

    @Override
    public Page<RepositoryName> repositories(OptionalInt limit, Optional<String> after) {
        int n = pageSize(limit);
        return n == 0 ? new Page<>(List.of(), false) : repositories.repositories(n, after);
    }

    @Override
    public List<Descriptor> referrers(RepositoryName repository, Digest subject, Optional<String> artifactType) {
        return manifests.referrers(repository, subject, artifactType);
    }

    private int pageSize(OptionalInt limit) {
        if (limit.isPresent() && limit.getAsInt() < 0) {
            throw new RegistryException(ErrorCode.UNSUPPORTED, Failure.INVALID, "page size n must not be negative");
        }
        return Math.min(limit.orElse(maxPageSize), maxPageSize);
    }
}
