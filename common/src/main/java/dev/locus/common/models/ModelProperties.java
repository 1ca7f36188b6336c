package dev.locus.common.models;

import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where models come from: diffusers folders, each registered under its folder name.
 *
 * @param paths  model folders (config.json + diffusion_pytorch_model.safetensors)
 * @param device auto (CUDA when present), cpu, cuda or cuda:N
 * @param dtype  float32; float16 or bfloat16 on CUDA
 * @param threads libtorch CPU threads, 0 for libtorch's choice
 */
@ConfigurationProperties("locus.models")
public record ModelProperties(@DefaultValue("models/synthfaces-32") List<Path> paths,
                              @DefaultValue("auto") String device,
                              @DefaultValue("float32") String dtype,
                              @DefaultValue("0") int threads) {}
