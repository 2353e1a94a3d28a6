package org.geochat.lookup;

import org.geochat.core.Problem;
import org.geochat.net.IpAddress;

/** The lookup API's errors, each with its stable code. */
final class LookupProblems {

    private LookupProblems() {}

    public static Problem invalidIp(String detail) {
        return Problem.of(400, "invalid-ip", "Not an IP address", detail);
    }

    public static Problem reservedRange(IpAddress ip, SpecialRange range) {
        return reservedRange(
                ip + " is in " + range.range() + ", " + range.name() + "; such addresses have no geographic location.");
    }

    public static Problem reservedRange(String detail) {
        return Problem.of(422, "reserved-range", "Address has no public location", detail);
    }

    public static Problem unknownLocation(String ip, String why) {
        return Problem.of(404, "location-unknown", "No location known for this address", ip + ": " + why);
    }

    public static Problem upstreamBusy(int retryAfterSeconds) {
        return Problem.of(
                        503,
                        "upstream-busy",
                        "The upstream service is rate-limiting us",
                        "Try again in " + retryAfterSeconds + " s.")
                .withRetryAfter(retryAfterSeconds);
    }

    public static Problem batchTooLarge(int max) {
        return Problem.of(413, "batch-too-large", "Batch too large", "A batch holds at most " + max + " entries.");
    }

    public static Problem invalidBatch(String detail) {
        return Problem.of(
                400,
                "invalid-batch",
                "Not a batch",
                detail + " Send a JSON array of IPs, or a JSON object mapping names to IPs.");
    }
}
