package dev.locus.gateway.models;

import dev.locus.common.registry.ModelRecordRepository;
import dev.locus.gateway.problems.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import java.util.List;
import org.springframework.data.domain.Sort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class ModelsController {

    private final ModelRecordRepository models;

    public ModelsController(ModelRecordRepository models) {
        this.models = models;
    }

    @Operation(summary = "The models that serve jobs; with includeRetired=true also the retired ones")
    @GetMapping("/v1/models")
    public List<ModelView> models(@RequestParam(defaultValue = "false") boolean includeRetired) {
        return models.findAll(Sort.by("id")).stream().filter(m -> includeRetired || !m.isRetired())
                .map(ModelView::of).toList();
    }

    @Operation(summary = "One registered model")
    @GetMapping("/v1/models/{id}")
    public ModelView model(@PathVariable String id) {
        return models.findById(id).map(ModelView::of).orElseThrow(() -> ApiProblem.notFound("id", "no model '" + id + "'"));
    }
}
