/** What operators look at: /api/health, /metrics (Prometheus, allowlisted) and the OpenAPI document. */
package org.geochat.ops;
