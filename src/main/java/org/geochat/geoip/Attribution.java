package org.geochat.geoip;

/** Credit owed to the source of the data in an answer; DB-IP's licence (CC BY 4.0) requires it with a link. */
public record Attribution(String text, String url) {

    public static final Attribution DB_IP = new Attribution("IP Geolocation by DB-IP", "https://db-ip.com");
}
