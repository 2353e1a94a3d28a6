/** The embedded ip-api-compatible origin that answers from the bundled DB-IP Lite databases. */
package org.geochat.lookup.origin;
