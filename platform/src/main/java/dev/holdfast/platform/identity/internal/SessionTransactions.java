package dev.holdfast.platform.identity.internal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session's JDBC repository joins the caller's transaction instead of opening its own (its default,
 * REQUIRES_NEW). Ending a disabled user's sessions then commits or rolls back with the disabling, and on SQLite it
 * does not wait for the write lock the caller's own transaction holds. Outside a transaction (saving a session at
 * the end of a request, the session watch) nothing changes: each call still runs in a transaction of its own.
 */
@Configuration(proxyBeanMethods = false)
class SessionTransactions {

    /** The name is what Spring Session's JDBC configuration asks for. */
    @Bean
    TransactionOperations springSessionTransactionOperations(PlatformTransactionManager transactions) {
        TransactionTemplate template = new TransactionTemplate(transactions);
        template.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        return template;
    }
}
