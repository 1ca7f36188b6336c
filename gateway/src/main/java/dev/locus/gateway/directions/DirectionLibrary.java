package dev.locus.gateway.directions;

import dev.locus.common.registry.DirectionAlias;
import dev.locus.common.registry.DirectionAliasRepository;
import dev.locus.common.registry.DirectionRef;
import dev.locus.common.registry.DirectionRegistry;
import dev.locus.common.registry.DirectionVersion;
import dev.locus.common.registry.DirectionVersionRepository;
import dev.locus.common.storage.BlobStore;
import dev.locus.gateway.jobs.DiscoveryValidator;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import dev.locus.gateway.results.Links;
import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

/** Browsing and curating direction versions: listing, details, tags, aliases, soft deletion. */
@Service
public class DirectionLibrary {

    public static final int MAX_PAGE_SIZE = 100;

    private final DirectionRegistry registry;
    private final DirectionVersionRepository versions;
    private final DirectionAliasRepository aliases;
    private final JdbcClient jdbc;
    private final BlobStore blobs;
    private final Links links;
    private final JsonMapper json;
    private final Clock clock;

    public DirectionLibrary(DirectionRegistry registry, DirectionVersionRepository versions,
                            DirectionAliasRepository aliases, JdbcClient jdbc, BlobStore blobs, Links links,
                            JsonMapper json, Clock clock) {
        this.registry = registry;
        this.versions = versions;
        this.aliases = aliases;
        this.jdbc = jdbc;
        this.blobs = blobs;
        this.links = links;
        this.json = json;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public DirectionViews.Page<DirectionViews.Summary> search(String model, String method, String tag,
                                                             String namePrefix, int page, int size) {
        if (page < 0) {
            throw ApiProblem.invalid("page", Reasons.OUT_OF_RANGE, "page starts at 0, got " + page);
        }
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw ApiProblem.invalid("size", Reasons.OUT_OF_RANGE, "size must be between 1 and " + MAX_PAGE_SIZE);
        }
        String prefix = blankToNull(namePrefix);
        if (prefix != null && !prefix.matches("[A-Za-z0-9._-]{1,100}")) {
            throw ApiProblem.invalid("namePrefix", Reasons.MALFORMED, "namePrefix holds name characters only");
        }
        String likePrefix = prefix == null ? null : prefix.replace("_", "\\_"); // '_' matches any character in LIKE
        var result = versions.search(blankToNull(model), method == null || method.isBlank() ? null
                        : method.trim().toUpperCase(Locale.ROOT), blankToNull(tag), likePrefix,
                PageRequest.of(page, size, Sort.by("name").ascending().and(Sort.by("version").descending())));
        return new DirectionViews.Page<>(result.getContent().stream().map(this::summary).toList(), page, size,
                result.getTotalElements(), result.getTotalPages());
    }

    /** A bare name: its versions and aliases; anything else: one version's details. */
    @Transactional(readOnly = true)
    public Object show(String ref) {
        if (parse(ref) instanceof DirectionRef.Latest latest) {
            return name(latest.name());
        }
        return detail(resolve(ref));
    }

    @Transactional(readOnly = true)
    public DirectionViews.Name name(String name) {
        List<DirectionViews.Summary> list = registry.versionsOf(name).stream().map(this::summary).toList();
        List<DirectionViews.Alias> aliasList = aliases.findByName(name).stream()
                .sorted(Comparator.comparing(DirectionAlias::getAlias)).map(this::alias).toList();
        if (list.isEmpty() && aliasList.isEmpty()) {
            throw ApiProblem.notFound("name", "no direction named '" + name + "'");
        }
        return new DirectionViews.Name(name, list, aliasList);
    }

    @Transactional
    public DirectionViews.Detail patch(String ref, DirectionViews.Patch patch) {
        DirectionVersion version = resolve(ref);
        if (patch.tags() != null) {
            version.retag(new LinkedHashSet<>(DiscoveryValidator.tags(patch.tags())));
        }
        if (patch.description() != null) {
            version.describe(DiscoveryValidator.description(patch.description()));
        }
        versions.saveAndFlush(version);
        return detail(version);
    }

    @Transactional
    public DirectionViews.Alias putAlias(String name, String alias, Integer version) {
        checkName(name, "name");
        checkName(alias, "alias");
        if (alias.matches("[0-9]+")) {
            throw ApiProblem.invalid("alias", Reasons.MALFORMED, "an alias cannot be a number: name@" + alias
                    + " means version " + alias);
        }
        if (version == null) {
            throw ApiProblem.invalid("version", Reasons.REQUIRED, "version is required");
        }
        DirectionVersion target = versions.findByNameAndVersion(name, version).filter(v -> !v.isDeleted())
                .orElseThrow(() -> ApiProblem.notFound("version", "no direction " + name + "@" + version));
        DirectionAlias row = aliases.findById(new DirectionAlias.Key(name, alias)).orElse(null);
        if (row == null) {
            row = new DirectionAlias(name, alias, target.getVersion(), clock.instant());
        } else {
            row.pointTo(target.getVersion(), clock.instant());
        }
        return alias(aliases.saveAndFlush(row));
    }

    @Transactional
    public void deleteAlias(String name, String alias) {
        DirectionAlias.Key key = new DirectionAlias.Key(name, alias);
        if (!aliases.existsById(key)) {
            throw ApiProblem.notFound("alias", "no alias " + name + "@" + alias);
        }
        aliases.deleteById(key);
    }

    /**
     * Soft-deletes a version nothing needs. The row is locked {@code for update}, which waits for
     * edit submissions holding it (their {@code edit_directions} foreign key takes a key-share lock),
     * so the in-use check sees them; submissions that come after see the deletion.
     */
    @Transactional
    public void delete(String ref) {
        DirectionVersion version = resolve(ref);
        jdbc.sql("select id from direction_versions where id = ? for update").param(version.getId()).query().listOfRows();
        List<String> pointing = aliases.findByName(version.getName()).stream()
                .filter(a -> a.getVersion() == version.getVersion()).map(DirectionAlias::getAlias).sorted().toList();
        if (!pointing.isEmpty()) {
            throw ApiProblem.conflict(Reasons.IN_USE, version.ref() + " is the target of alias(es) " + pointing
                    + "; move or delete them first").with("aliases", pointing);
        }
        if (!versions.inUseByUnfinishedEdits(List.of(version.getId())).isEmpty()) {
            throw ApiProblem.conflict(Reasons.IN_USE, version.ref() + " is used by edits that have not finished yet")
                    .with("inUseByUnfinishedEdits", true);
        }
        version.delete(clock.instant());
        versions.saveAndFlush(version);
    }

    /** The version's basis file (safetensors) and its ref. */
    @Transactional(readOnly = true)
    public DirectionVersion version(String ref) {
        return resolve(ref);
    }

    public byte[] basis(DirectionVersion version) {
        return blobs.get(DirectionVersion.basisKey(version.getBasisSha256()));
    }

    public byte[] preview(DirectionVersion version) {
        if (version.getPreviewSha256() == null) {
            throw ApiProblem.notFound("ref", version.ref() + " has no preview");
        }
        return blobs.get(DirectionVersion.previewKey(version.getPreviewSha256()));
    }

    DirectionViews.Summary summary(DirectionVersion v) {
        return new DirectionViews.Summary(v.getId(), v.ref(), v.getName(), v.getVersion(), v.getModelId(),
                v.getMethod().name(), v.getSpace().id(), v.getTEdit(), new java.util.TreeSet<>(v.getTags()), v.getDescription(),
                links.direction(v.ref()), v.getPreviewSha256() == null ? null : links.preview(v.ref()), v.getCreatedAt());
    }

    DirectionViews.Detail detail(DirectionVersion v) {
        List<String> pointing = aliases.findByName(v.getName()).stream().filter(a -> a.getVersion() == v.getVersion())
                .map(DirectionAlias::getAlias).sorted().toList();
        return new DirectionViews.Detail(v.getId(), v.ref(), v.getName(), v.getVersion(), v.getModelId(),
                v.getModelFingerprint(), v.getMethod().name(), v.getSpace().id(), tree(v.getParameters()), v.getTEdit(),
                v.getSchedule().describe(), v.getMaskHash(), v.getSourceImageId(), v.getSeed(), v.getCodeVersion(), v.getJobId(),
                tree(v.getSingularValues()), tree(v.getLabels()), tree(v.getTimings()), new java.util.TreeSet<>(v.getTags()),
                v.getDescription(), new DirectionViews.Basis(v.getBasisSha256(), v.getBasisBytes(), links.basis(v.ref())),
                v.getPreviewSha256() == null ? null
                        : new DirectionViews.Preview(v.getPreviewSha256(), v.getPreviewStrength(), links.preview(v.ref())),
                pointing, v.getCreatedAt());
    }

    private DirectionViews.Alias alias(DirectionAlias a) {
        return new DirectionViews.Alias(a.getName(), a.getAlias(), a.getVersion(), a.getName() + "@" + a.getVersion(),
                a.getUpdatedAt());
    }

    private JsonNode tree(String text) {
        if (text == null) {
            return null;
        }
        try {
            return json.readTree(text);
        } catch (RuntimeException e) {
            return JsonNodeFactory.instance.stringNode(text);
        }
    }

    private DirectionVersion resolve(String ref) {
        parse(ref);
        return registry.resolve(ref);
    }

    private static DirectionRef parse(String ref) {
        try {
            return DirectionRef.parse(ref);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("ref", Reasons.MALFORMED, e.getMessage());
        }
    }

    private static void checkName(String value, String field) {
        try {
            DirectionRef.checkName(value, field);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field, Reasons.MALFORMED, e.getMessage());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
