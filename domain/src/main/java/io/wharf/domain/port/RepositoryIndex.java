package io.wharf.domain.port;

import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;

import java.util.Optional;

/** The catalog's list of repositories. */
public interface RepositoryIndex {

    /** Repository names in lexical order after {@code after}, at most {@code limit}. */
    Page<RepositoryName> repositories(int limit, Optional<String> after);

    boolean repositoryExists(RepositoryName repository);
}
