/** IP addresses and ranges, strictly parsed, and the caller's address behind trusted proxies; depends on nothing else of geochat. */
package org.geochat.net;
