package org.geochat.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IpRangeTest {

    private static boolean contains(String range, String ip) {
        return IpRange.parse(range).contains(IpAddress.parse(ip));
    }

    @Test
    void matchesByPrefix() {
        assertTrue(contains("10.0.0.0/8", "10.200.3.4"));
        assertFalse(contains("10.0.0.0/8", "11.0.0.0"));
        assertTrue(contains("172.16.0.0/12", "172.31.0.1"));
        assertFalse(contains("172.16.0.0/12", "172.32.0.1"));
        assertTrue(contains("0.0.0.0/0", "8.8.8.8"));
        assertTrue(contains("2001:db8::/32", "2001:db8:ffff::1"));
        assertFalse(contains("2001:db8::/32", "2001:db9::1"));
        assertTrue(contains("fe80::/10", "febf::1"));
        assertFalse(contains("fe80::/10", "fec0::1"));
    }

    @Test
    void aBareAddressIsABlockOfOne() {
        assertTrue(contains("192.0.2.1", "192.0.2.1"));
        assertFalse(contains("192.0.2.1", "192.0.2.2"));
        assertEquals(128, IpRange.parse("::1").prefix());
    }

    @Test
    void familiesNeverMix() {
        assertFalse(contains("::/0", "8.8.8.8"));
        assertFalse(contains("0.0.0.0/0", "::1"));
        assertTrue(contains("::ffff:10.0.0.0/104", "10.1.2.3"));
    }

    @Test
    void rejectsBadPrefixes() {
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("10.0.0.0/-1"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("::/129"));
        assertThrows(IllegalArgumentException.class, () -> IpRange.parse("nonsense/8"));
    }
}
