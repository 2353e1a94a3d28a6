/** What every feature shares and that knows no feature: settings, async threads and the CompletionStage-to-AsyncResponse bridge, problem+json, strict JSON input, the web filters. */
package org.geochat.core;
