package io.wharf.bootstrap.logging;

import io.wharf.http.CompletedRequest;
import io.wharf.http.RequestObserver;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The access log: a record per answered request at INFO on the logger {@value #LOGGER}, whose fields are the
 * method, the route template, the status, body bytes in and out, the duration, the user and the client
 * address. It is told on the request's thread while the request's server span is current, so the line
 * carries the request's trace and span ids. Headers, query strings and the raw path never go in: credentials
 * travel in headers and query strings, and the template names the endpoint well enough.
 * {@code log.levels.io.wharf.access: OFF} turns it off, leaving one level check a request.
 */
public final class AccessLog implements RequestObserver {
    public static final String LOGGER = "io.wharf.access";

    private final Logger logger = Logger.getLogger(LOGGER);

    @Override
    public void completed(CompletedRequest request) {
        if (!logger.isLoggable(Level.INFO)) {
            return;
        }
        LogRecord record = new LogRecord(Level.INFO, "{0}");
        record.setLoggerName(LOGGER);
        // named, so that no formatter walks the stack to find the caller, on every request
        record.setSourceClassName(AccessLog.class.getName());
        record.setSourceMethodName("completed");
        record.setParameters(new Object[] {new AccessLine(request)});
        logger.log(record);
    }
}
