package dev.locus.gateway.models;

import dev.locus.common.registry.ModelRecord;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.util.Optional;

/** The one rule for a request that names a model: it must be registered and still serve jobs. */
public final class ServingModels {

    private ServingModels() {}

    /**
     * @param found what the registry holds under {@code id}
     * @throws ApiProblem 404 when nothing is registered under {@code id}, 422 {@code retired} when it no longer serves
     */
    public static ModelRecord require(Optional<ModelRecord> found, String id) {
        ModelRecord model = found.orElseThrow(() -> ApiProblem.notFound("model", "no model '" + id
                + "'; GET /v1/models lists the registered ones"));
        if (model.isRetired()) {
            throw ApiProblem.unprocessable("model", Reasons.RETIRED, "model '" + id + "' was retired at "
                    + model.getRetiredAt() + ", when the gateway started without it in locus.models.paths; its "
                    + "directions stay readable, but new jobs and uploads for it need a configured model "
                    + "(GET /v1/models)");
        }
        return model;
    }
}
