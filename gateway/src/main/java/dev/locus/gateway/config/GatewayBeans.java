package dev.locus.gateway.config;

import dev.locus.common.storage.BlobStore;
import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.results.Links;
import dev.locus.gateway.results.ResultMapper;
import dev.locus.gateway.webhooks.Backoff;
import dev.locus.gateway.webhooks.WebhookSigner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The gateway's plain domain objects as beans. */
@Configuration(proxyBeanMethods = false)
public class GatewayBeans {

    @Bean
    Links links(GatewayProperties properties) {
        return new Links(properties.publicUrl());
    }

    @Bean
    ResultMapper resultMapper(Links links, BlobStore blobs) {
        return new ResultMapper(links, blobs::presignedUrl);
    }

    @Bean
    Backoff webhookBackoff(GatewayProperties properties) {
        GatewayProperties.Webhooks w = properties.webhooks();
        return new Backoff(w.initialBackoff(), w.maxBackoff(), w.maxAttempts());
    }

    @Bean
    WebhookSigner webhookSigner(GatewayProperties properties) {
        return new WebhookSigner(properties.webhooks().secret());
    }
}
