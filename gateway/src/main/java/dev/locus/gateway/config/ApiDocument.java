package dev.locus.gateway.config;

import dev.locus.common.LocusVersion;
import dev.locus.engine.api.Method;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.jobs.DiscoveryValidator;
import dev.locus.gateway.jobs.RequestDefaults;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /v3/api-docs} as the API is: the success code each endpoint answers, the problem+json answers every
 * endpoint may give, and the request fields' requirements, enums, bounds and defaults, taken from the same constants
 * and settings ({@link RequestDefaults}, {@link GatewayProperties}) that the validators enforce.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocument {

    static final String PROBLEM = "Problem";
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final String JSON = "application/json";

    @Bean
    OpenAPI locusOpenApi() {
        return new OpenAPI().info(new Info().title("Locus API").version(LocusVersion.current())
                .description("Find edit directions in diffusion models (LOCO, JIVE) and apply them to images. Jobs are "
                        + "asynchronous: a POST answers 202 with the job, GET /v1/jobs/{id} or its events follow it. "
                        + "Every error is an RFC 9457 problem+json with a stable 'reason' and, where one is at fault, "
                        + "the 'field'."));
    }

    @Bean
    OpenApiCustomizer locusApiDetails(GatewayProperties properties) {
        return openApi -> {
            openApi.getComponents().addSchemas(PROBLEM, problemSchema());
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach(
                    (method, operation) -> responses(path, method, operation)));
            Map<String, Schema> schemas = openApi.getComponents().getSchemas();
            discoveryRequest(schemas.get("DiscoveryRequest"), properties.discovery());
            editRequest(schemas.get("EditRequest"), schemas.get("Term"), properties.limits());
        };
    }

    private static void responses(String path, PathItem.HttpMethod method, Operation operation) {
        ApiResponses responses = operation.getResponses();
        boolean created = responses.keySet().stream().anyMatch(code -> code.equals("201") || code.equals("202")
                || code.equals("204"));
        if (created && responses.get("200") != null && "OK".equals(responses.get("200").getDescription())) {
            responses.remove("200"); // springdoc's guess from the return type; the annotations say what is sent
        }
        responses.values().stream().filter(r -> r.getContent() != null).forEach(r -> {
            MediaType any = r.getContent().remove("*/*");
            if (any != null) {
                r.getContent().addMediaType(JSON, any);
            }
        });
        boolean body = operation.getRequestBody() != null;
        problem(responses, "400", "The request is malformed: a field, parameter or header is missing or invalid");
        if (path.contains("{")) {
            problem(responses, "404", "No such resource");
        }
        if (body) {
            problem(responses, "413", "The body is larger than the gateway accepts");
            problem(responses, "415", "The body's Content-Type is not the one this endpoint takes");
        }
        if (method == PathItem.HttpMethod.DELETE || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH) {
            problem(responses, "409", "The resource is in use, or another request changed it at the same moment");
        }
        if (body || method == PathItem.HttpMethod.DELETE) {
            problem(responses, "422", "The request is well-formed but cannot be done (a rank above what the mask "
                    + "holds, a retired model, a direction of another model, ...)");
        }
        problem(responses, "500", "The gateway failed; the cause is in its log");
    }

    private static void problem(ApiResponses responses, String code, String description) {
        if (!responses.containsKey(code)) {
            responses.addApiResponse(code, new ApiResponse().description(description).content(new Content()
                    .addMediaType(PROBLEM_JSON, new MediaType().schema(new Schema<>().$ref(PROBLEM)))));
        }
    }

    private static Schema<?> problemSchema() {
        return new ObjectSchema().description("An RFC 9457 problem")
                .addProperty("type", new StringSchema().format("uri").example("urn:locus:problem:out-of-range"))
                .addProperty("title", new StringSchema().example("Invalid request"))
                .addProperty("status", new IntegerSchema().example(400))
                .addProperty("detail", new StringSchema().example("steps must be between 2 and 1000, got 5000"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("reason", new StringSchema().description("a stable code for programs").example("out-of-range"))
                .addProperty("field", new StringSchema().description("the request field at fault, if one is")
                        .example("steps"))
                .required(List.of("type", "title", "status", "reason"));
    }

    private static void discoveryRequest(Schema<?> schema, GatewayProperties.Discovery limits) {
        if (schema == null) {
            return;
        }
        schema.required(List.of("model", "image", "method", "name"));
        Map<String, Schema> p = schema.getProperties();
        p.get("method")._enum(Arrays.stream(Method.Family.values()).map(Enum::name).toList());
        number(p.get("timestep"), RequestDefaults.MIN_TIMESTEP, RequestDefaults.MAX_TIMESTEP, RequestDefaults.TIMESTEP);
        integer(p.get("rank"), 1, limits.maxRank(), null);
        integer(p.get("nullRank"), 1, limits.maxNullRank(), RequestDefaults.NULL_RANK);
        integer(p.get("jointRank"), 0, limits.maxJacobianRank(), RequestDefaults.JOINT_RANK);
        integer(p.get("jacobianRank"), 1, limits.maxJacobianRank(), RequestDefaults.JACOBIAN_RANK);
        steps(p.get("steps"));
        integer(p.get("seed"), 0, null, (int) RequestDefaults.SEED);
        p.get("tags").maxItems(DiscoveryValidator.MAX_TAGS);
        p.get("regions").maxItems(DiscoveryValidator.MAX_REGIONS);
        p.get("description").maxLength(DiscoveryValidator.MAX_DESCRIPTION);
    }

    private static void editRequest(Schema<?> schema, Schema<?> term, GatewayProperties.Limits limits) {
        if (schema == null || term == null) {
            return;
        }
        schema.required(List.of("model", "image", "directions"));
        Map<String, Schema> p = schema.getProperties();
        p.get("directions").minItems(1).maxItems(limits.maxDirections());
        p.get("strengths").maxItems(limits.maxStrengths());
        if (p.get("strengths") instanceof ArraySchema strengths) {
            number(strengths.getItems(), -limits.strengthBound(), limits.strengthBound(), null);
        }
        steps(p.get("steps"));
        integer(p.get("seed"), 0, null, (int) RequestDefaults.SEED);
        term.required(List.of("ref"));
        integer((Schema<?>) term.getProperties().get("index"), 0, null, RequestDefaults.INDEX);
        number((Schema<?>) term.getProperties().get("strength"), -limits.strengthBound(), limits.strengthBound(),
                RequestDefaults.STRENGTH);
    }

    private static void steps(Schema<?> schema) {
        integer(schema, RequestDefaults.MIN_STEPS, RequestDefaults.MAX_STEPS, RequestDefaults.STEPS);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void integer(Schema schema, Integer min, Integer max, Integer fallback) {
        if (min != null) {
            schema.minimum(BigDecimal.valueOf(min));
        }
        if (max != null) {
            schema.maximum(BigDecimal.valueOf(max));
        }
        if (fallback != null) {
            schema.setDefault(fallback);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void number(Schema schema, double min, double max, Double fallback) {
        schema.minimum(BigDecimal.valueOf(min)).maximum(BigDecimal.valueOf(max));
        if (fallback != null) {
            schema.setDefault(fallback);
        }
    }
}
