package org.geochat.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.geochat.net.IpAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SpecialRangeTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "10.0.0.1, private range",
        "10.255.255.255, private range",
        "172.16.0.1, private range",
        "172.31.255.255, private range",
        "192.168.1.1, private range",
        "::ffff:10.0.0.1, private range",
        "::ffff:192.168.0.1, private range",
        "fd00::1, private range",
        "fc00::1, private range",
        "0.0.0.0, reserved range",
        "127.0.0.1, reserved range",
        "127.255.255.254, reserved range",
        "169.254.169.254, reserved range",
        "100.64.0.1, reserved range",
        "192.0.0.8, reserved range",
        "192.0.2.1, reserved range",
        "198.18.0.1, reserved range",
        "198.51.100.7, reserved range",
        "203.0.113.9, reserved range",
        "224.0.0.1, reserved range",
        "239.255.255.250, reserved range",
        "240.0.0.1, reserved range",
        "255.255.255.255, reserved range",
        "::, reserved range",
        "::1, reserved range",
        "::ffff:127.0.0.1, reserved range",
        "::8.8.8.8, reserved range",
        "64:ff9b::808:808, reserved range",
        "100::1, reserved range",
        "2001:db8::1, reserved range",
        "2001::1, reserved range",
        "3fff::1, reserved range",
        "fe80::1, reserved range",
        "fe80::1%eth0, reserved range",
        "fec0::1, reserved range",
        "ff02::1, reserved range",
        "4000::1, reserved range",
        "8000::1, reserved range",
    })
    void classifies(String ip, String message) {
        assertEquals(message, SpecialRange.of(IpAddress.parse(ip)).orElseThrow().ipApiMessage());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "9.255.255.255",
                "11.0.0.0",
                "172.15.255.255",
                "172.32.0.0",
                "100.63.255.255",
                "100.128.0.0",
                "169.253.255.255",
                "192.167.255.255",
                "198.20.0.0",
                "223.255.255.255",
                "::ffff:8.8.8.8",
                "2001:4860:4860::8888",
                "2a00:1450::1",
                "2001:200::1",
                "2002::1",
                "3ffe::1"
            })
    void leavesPublicAddressesAlone(String ip) {
        assertTrue(SpecialRange.of(IpAddress.parse(ip)).isEmpty(), ip);
    }
}
