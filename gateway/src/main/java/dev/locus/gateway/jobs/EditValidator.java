package dev.locus.gateway.jobs;

import static dev.locus.gateway.jobs.Checks.required;

import dev.locus.common.messages.EditJob;
import dev.locus.common.registry.DirectionNotFoundException;
import dev.locus.common.registry.ModelRecord;
import dev.locus.engine.api.DirectionSpace;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.problems.ApiProblem;
import dev.locus.gateway.problems.Reasons;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Turns an {@link EditRequest} into an {@link EditJob}, resolving each direction reference to its
 * version now (so a later alias move does not change the queued edit), or refuses it naming the
 * field at fault.
 */
public class EditValidator {

    private final Lookups lookups;
    private final GatewayProperties.Limits limits;

    public EditValidator(Lookups lookups, GatewayProperties.Limits limits) {
        this.lookups = lookups;
        this.limits = limits;
    }

    public EditJob validate(UUID jobId, EditRequest r) {
        // the shape of the request first: a request with 10,000 directions costs no lookup
        List<EditRequest.Term> terms = r.directions();
        if (terms == null || terms.isEmpty()) {
            throw ApiProblem.invalid("directions", Reasons.REQUIRED, "an edit needs at least one direction");
        }
        if (terms.size() > limits.maxDirections()) {
            throw ApiProblem.invalid("directions", Reasons.TOO_MANY, "at most " + limits.maxDirections()
                    + " directions in one edit, got " + terms.size());
        }
        ModelRecord model = Checks.model(lookups, r.model());
        String image = Checks.imageAtResolution(lookups, r.image(), "image", model).getId();
        List<EditJob.Term> resolved = new ArrayList<>();
        List<Lookups.ResolvedDirection> directions = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            resolved.add(term(terms.get(i), "directions[" + i + "]", model, directions));
        }
        List<Double> strengths = strengths(r.strengths(), terms.size());
        int steps = Checks.steps(r.steps() != null ? r.steps() : ownSteps(directions));
        long seed = Checks.seed(r.seed());
        Checks.webhookUrl(r.webhookUrl());
        return new EditJob(jobId, model.getId(), model.getFingerprint(), image, List.copyOf(resolved), strengths, steps, seed);
    }

    /**
     * Without {@code steps}, an edit samples on the grid its first x_t direction was found on, where that
     * direction's timestep is a step (on another grid the worker refuses it); without x_t directions, on its first
     * h-space direction's grid, whose sampling passes through the x_t that direction was found at. Null leaves
     * the default.
     */
    private static Integer ownSteps(List<Lookups.ResolvedDirection> directions) {
        return firstSteps(directions, DirectionSpace.X_T).orElseGet(() -> firstSteps(directions, DirectionSpace.H).orElse(null));
    }

    private static java.util.Optional<Integer> firstSteps(List<Lookups.ResolvedDirection> directions, DirectionSpace space) {
        return directions.stream().filter(d -> d.space() == space).map(Lookups.ResolvedDirection::ddimSteps)
                .filter(java.util.OptionalInt::isPresent).map(java.util.OptionalInt::getAsInt).findFirst();
    }

    private EditJob.Term term(EditRequest.Term term, String field, ModelRecord model,
                              List<Lookups.ResolvedDirection> directions) {
        if (term == null) {
            throw ApiProblem.invalid(field, Reasons.REQUIRED, field + " is null");
        }
        String ref = required(term.ref(), field + ".ref");
        Lookups.ResolvedDirection direction;
        try {
            direction = lookups.direction(ref);
        } catch (DirectionNotFoundException e) {
            throw ApiProblem.notFound(field + ".ref", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid(field + ".ref", Reasons.MALFORMED, e.getMessage());
        }
        // until a worker has recorded the model's fingerprint, the model's id stands for it (the worker checks the
        // fingerprint of what it loads against the direction's anyway)
        boolean otherModel = model.getFingerprint() == null ? !direction.modelId().equals(model.getId())
                : !direction.modelFingerprint().equals(model.getFingerprint());
        if (otherModel) {
            throw ApiProblem.unprocessable(field + ".ref", Reasons.OTHER_MODEL, "direction " + direction.ref()
                    + " was found on model " + direction.modelId() + " (fingerprint " + abbreviate(direction.modelFingerprint())
                    + "), not on " + model.getId() + " (fingerprint " + abbreviate(model.getFingerprint()) + ")");
        }
        int index = term.index() == null ? RequestDefaults.INDEX : term.index();
        if (index < 0 || index >= direction.labelCount()) {
            throw ApiProblem.invalid(field + ".index", Reasons.OUT_OF_RANGE, "direction " + direction.ref() + " has "
                    + direction.labelCount() + " vectors (index 0 to " + (direction.labelCount() - 1) + "), got " + index);
        }
        double strength = term.strength() == null ? RequestDefaults.STRENGTH : term.strength();
        checkStrength(strength, field + ".strength");
        directions.add(direction);
        return new EditJob.Term(direction.versionId(), direction.ref(), index, strength);
    }

    private List<Double> strengths(List<Double> strengths, int terms) {
        if (strengths == null) {
            return null;
        }
        if (terms != 1) {
            throw ApiProblem.invalid("strengths", Reasons.NOT_ALLOWED,
                    "a strength sweep takes exactly one direction, got " + terms);
        }
        if (strengths.isEmpty()) {
            throw ApiProblem.invalid("strengths", Reasons.REQUIRED, "strengths is empty; leave it out for a single edit");
        }
        if (strengths.size() > limits.maxStrengths()) {
            throw ApiProblem.invalid("strengths", Reasons.TOO_MANY, "at most " + limits.maxStrengths()
                    + " strengths in a sweep, got " + strengths.size());
        }
        for (int i = 0; i < strengths.size(); i++) {
            Double s = strengths.get(i);
            if (s == null) {
                throw ApiProblem.invalid("strengths[" + i + "]", Reasons.REQUIRED, "strengths[" + i + "] is null");
            }
            checkStrength(s, "strengths[" + i + "]");
        }
        return List.copyOf(strengths);
    }

    private void checkStrength(double strength, String field) {
        if (!Double.isFinite(strength) || Math.abs(strength) > limits.strengthBound()) {
            throw ApiProblem.invalid(field, Reasons.OUT_OF_RANGE, field + " must be a finite number with |strength| <= "
                    + limits.strengthBound() + ", got " + strength);
        }
    }

    private static String abbreviate(String fingerprint) {
        return fingerprint == null || fingerprint.length() < 12 ? fingerprint : fingerprint.substring(0, 12);
    }
}
