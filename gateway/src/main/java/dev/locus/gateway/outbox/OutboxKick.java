package dev.locus.gateway.outbox;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publishes a just-committed outbox message right away instead of at the relay's next scheduled
 * pass, which takes the poll delay off every job's queue wait. The scheduled pass stays the
 * safety net: if this one fails or the process dies, the row is still there.
 */
@Component
public class OutboxKick {

    private final OutboxRelay relay;
    private final TaskExecutor executor;

    public OutboxKick(OutboxRelay relay, @Qualifier("applicationTaskExecutor") TaskExecutor executor) {
        this.relay = relay;
        this.executor = executor;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void afterCommit(OutboxAppended appended) {
        executor.execute(relay::relayOnce);
    }
}
