package dev.locus.gateway.problems;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * The servlet container's own error page as problem+json: a request Tomcat refuses before any servlet sees it (a
 * header or request line too large, an encoded slash in the path) used to get Tomcat's HTML page.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        String reason = Reasons.forStatus(status);
        String body = "{\"type\":\"urn:locus:problem:" + reason + "\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"the server refused the request before reading it: " + title.toLowerCase(
                java.util.Locale.ROOT) + "\",\"reason\":\"" + reason + "\"}";
        try {
            response.setContentType("application/problem+json");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body);
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the connection is gone; there is no one left to tell
        }
    }
}
