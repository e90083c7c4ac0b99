package io.wharf.application.port.in;

import io.wharf.domain.model.Descriptor;
import io.wharf.domain.model.Digest;
import io.wharf.domain.model.Page;
import io.wharf.domain.model.RepositoryName;
import io.wharf.domain.model.Tag;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Read-only listings: tags, repositories, referrers. */
public interface Listings {

    /** NAME_UNKNOWN when the repository does not exist. {@code limit} absent means the server's maximum page. */
    Page<Tag> tags(RepositoryName repository, OptionalInt limit, Optional<String> after);

    Page<RepositoryName> repositories(OptionalInt limit, Optional<String> after);

    List<Descriptor> referrers(RepositoryName repository, Digest subject, Optional<String> artifactType);
}
