package dev.locus.gateway.config;

import dev.locus.gateway.GatewayProperties;
import dev.locus.gateway.problems.ProblemErrorReportValve;
import dev.locus.gateway.problems.RequestBodyLimit;
import org.apache.catalina.core.StandardHost;
import org.springframework.boot.tomcat.TomcatContextCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import tools.jackson.databind.json.JsonMapper;

/** The HTTP edge: request bodies capped before they are read, and the container's own errors as problem+json. */
@Configuration(proxyBeanMethods = false)
public class GatewayWeb {

    @Bean
    FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(GatewayProperties properties, JsonMapper json) {
        FilterRegistrationBean<RequestBodyLimit> registration = new FilterRegistrationBean<>(
                new RequestBodyLimit(properties.maxBodyBytes().toBytes(), json));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    TomcatContextCustomizer problemErrorPages() {
        return context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        };
    }
}
