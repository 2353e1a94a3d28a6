/** The DB-IP Lite databases (the bundled country file, the configured city files) read in-process, with their attribution. */
package org.geochat.geoip;
