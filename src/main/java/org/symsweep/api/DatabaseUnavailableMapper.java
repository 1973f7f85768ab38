package org.symsweep.api;

import jakarta.persistence.PersistenceException;
import jakarta.ws.rs.core.Response;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.quartz.SchedulerException;

/**
 * While the database cannot be reached (its process died and is being restarted, the network to DB_URL is
 * down, it is still replaying its log) a request is not the server's fault, nor lost for good: it answers
 * 503 with Retry-After and a plain error body instead of 500. Every other failure stays an internal error.
 */
public class DatabaseUnavailableMapper {
    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableMapper.class);
    /** Seconds a client should wait: a restarted embedded database serves again within a few. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ServerExceptionMapper
    public Response persistence(PersistenceException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    public Response sql(SQLException e) {
        return answer(e);
    }

    @ServerExceptionMapper
    public Response scheduler(SchedulerException e) {
        return answer(e);
    }

    private static Response answer(Exception e) {
        return isOutage(e) ? unavailable(e) : ErrorMappers.internal(e);
    }

    static Response unavailable(Throwable e) {
        LOG.warnf("The database is unreachable; answered 503: %s", rootMessage(e));
        return Response.status(503)
                .header("Retry-After", Integer.toString(RETRY_AFTER_SECONDS))
                .type(jakarta.ws.rs.core.MediaType.APPLICATION_JSON_TYPE)
                .entity(ErrorResponse.of(null, "the database is unavailable for the moment; try again in "
                        + RETRY_AFTER_SECONDS + " seconds"))
                .build();
    }

    /**
     * Whether anything in the chain says the connection to the database failed: SQL state class 08
     * (connection exception), 57P01-57P03 (shut down, crashed, not yet accepting connections), a refused
     * socket, or no connection to be had from the pool in time.
     */
    static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03"))) {
                    return true;
                }
                if (sql instanceof SQLTransientConnectionException) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().startsWith("Acquisition timeout")) {
                    return true;
                }
            }
            if (t instanceof ConnectException || t instanceof org.hibernate.exception.JDBCConnectionException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
