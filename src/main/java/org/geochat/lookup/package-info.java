/** The IP-geolocation API: lookups through an ip-api-compatible upstream with cache and coalescing, and the embedded origin that answers from the local databases. */
package org.geochat.lookup;
