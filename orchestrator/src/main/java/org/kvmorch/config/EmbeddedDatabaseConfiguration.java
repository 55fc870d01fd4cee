package org.kvmorch.config;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.kvmorch.db.embedded.EmbeddedPostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The default run: with no {@code spring.datasource.url}, start a real PostgreSQL in
 * {@code orchestrator.data-dir/postgres} and use it. With a URL set, Spring Boot's own
 * DataSource is used and nothing is started here.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(EmbeddedDatabaseConfiguration.NoDatasourceUrl.class)
public class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    EmbeddedPostgresServer embeddedPostgresServer(OrchestratorProperties properties) {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(properties.dataDir().resolve("postgres"));
        log.info("Embedded PostgreSQL running at {} with data in {}", server.jdbcUrl(), server.dataDirectory());
        return server;
    }

    @Bean(destroyMethod = "close")
    DataSource dataSource(EmbeddedPostgresServer server) {
        HikariDataSource ds = new HikariDataSource();
        ds.setJdbcUrl(server.jdbcUrl());
        ds.setUsername("postgres");
        ds.setPassword("postgres");
        ds.setPoolName("embedded-postgres");
        ds.setMaximumPoolSize(10);
        return ds;
    }

    static class NoDatasourceUrl implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }
}
