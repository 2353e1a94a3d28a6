/** The IP-geolocation gateway: addresses and ranges, caller resolution, and async lookups through an ip-api-compatible upstream. */
package org.geochat.lookup;
