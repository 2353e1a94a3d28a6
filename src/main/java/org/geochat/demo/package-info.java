/** The async lessons of the tutorial geochat descends from, live: one endpoint per style against a slow upstream. */
package org.geochat.demo;
