package dev.locus.worker.runtime;

import dev.locus.common.storage.StorageUnavailableException;
import dev.locus.engine.InvalidInputException;
import dev.locus.engine.methods.NumericalFault;
import dev.locus.engine.models.ModelLoadException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.UUID;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * What an exception that ended one attempt of a job means for the job: a stable code, one plain sentence for the
 * user (the details, a stack trace, a native library's paths, belong in the worker's log), and whether another
 * attempt could end otherwise. Only what the caller chose is "bad input"; an {@link IllegalArgumentException} from
 * anywhere else is a defect of Locus and is reported as one.
 *
 * @param reference names the log entry with the details, for an error whose message cannot say what happened
 */
public record JobFailure(String code, String message, boolean retryable, String reference) {

    /** The longest message a user sees: an engine message is a sentence, not a page. */
    static final int MAX_MESSAGE = 500;

    public static JobFailure of(Throwable exception) {
        Throwable cause = exception;
        while (cause.getCause() != null && cause.getCause() != cause && isWrapper(cause)) {
            cause = cause.getCause();
        }
        if (cause instanceof BadJobException bad) {
            return new JobFailure(bad.code(), plain(bad.getMessage()), false, null);
        }
        if (cause instanceof ForeignRecordException foreign) {
            return new JobFailure("FOREIGN_RECORD", plain(foreign.getMessage()), false, null);
        }
        if (cause instanceof InvalidInputException invalid) {
            return new JobFailure("INVALID_INPUT", plain(invalid.getMessage()), false, null);
        }
        if (cause instanceof NumericalFault fault) {
            // the same input gives the same fault: failing now beats retrying
            return new JobFailure("NUMERICAL_FAULT", plain(fault.getMessage()), false, null);
        }
        if (cause instanceof ModelLoadException) {
            return internal("MODEL_UNAVAILABLE", "the worker cannot load the job's model");
        }
        if (cause instanceof StorageUnavailableException) {
            return new JobFailure("STORAGE_UNAVAILABLE", "object storage is unavailable", true, null);
        }
        if (databaseUnavailable(exception)) {
            return new JobFailure("DATABASE_UNAVAILABLE", "the database is unavailable", true, null);
        }
        if (outOfMemory(cause)) {
            return new JobFailure("OUT_OF_MEMORY", "the worker ran out of memory", true, null);
        }
        return internal("INTERNAL_ERROR", "the worker failed unexpectedly (" + cause.getClass().getSimpleName() + ")");
    }

    /**
     * Whether {@code exception} says the database cannot be reached, whatever wraps it: a job cannot even be failed
     * then, and the database's return, not the job, decides when it can go on. A connection that broke in the middle
     * of a transaction reaches here as Hibernate's "Unable to rollback against JDBC Connection", with PostgreSQL's
     * SQL state 08xxx (connection exception) or 57P0x (server shutting down) underneath.
     */
    public static boolean databaseUnavailable(Throwable exception) {
        for (Throwable e = exception; e != null; e = e.getCause() == e ? null : e.getCause()) {
            if (e instanceof TransientDataAccessException || e instanceof DataAccessResourceFailureException
                    || e instanceof CannotCreateTransactionException || e instanceof SQLTransientConnectionException
                    || e instanceof SQLRecoverableException) {
                return true;
            }
            if (e instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The sentence a retry shows while the job waits for its next attempt. */
    public String retryMessage(int attempt, int attempts) {
        return message + "; attempt " + attempt + " of " + attempts + " failed, retrying";
    }

    private static JobFailure internal(String code, String what) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        return new JobFailure(code, what + "; the worker's log has the details under reference " + reference, false,
                reference);
    }

    /** Spring's listener wrappers carry the job's exception as their cause. */
    private static boolean isWrapper(Throwable e) {
        return e.getClass().getName().startsWith("org.springframework.kafka.");
    }

    private static boolean outOfMemory(Throwable e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return e instanceof OutOfMemoryError || message.contains("out of memory")
                || message.contains("can't allocate memory");
    }

    /** The first line, bounded: an engine message names the problem in its first sentence. */
    private static String plain(String message) {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String line = message.strip().lines().findFirst().orElse("");
        return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + "...";
    }
}
