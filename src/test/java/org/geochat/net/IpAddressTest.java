package org.geochat.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "8.8.8.8|8.8.8.8",
                "0.0.0.0|0.0.0.0",
                "255.255.255.255|255.255.255.255",
                "2001:4860:4860::8888|2001:4860:4860::8888",
                "2001:4860:4860:0:0:0:0:8888|2001:4860:4860::8888",
                "2001:0DB8:0000:0000:0000:0000:0000:0001|2001:db8::1",
                "::|::",
                "::1|::1",
                "1::|1::",
                "1:0:0:2:0:0:0:3|1:0:0:2::3",
                "1:0:0:2:0:0:3:4|1::2:0:0:3:4",
                "1:2:3:4:5:6:7::|1:2:3:4:5:6:7:0",
                "1:0:2:3:4:5:6:7|1:0:2:3:4:5:6:7",
                "::ffff:10.0.0.1|10.0.0.1",
                "::FFFF:8.8.8.8|8.8.8.8",
                "0:0:0:0:0:ffff:0808:0808|8.8.8.8",
                "::1.2.3.4|::102:304",
                "64:ff9b::192.0.2.33|64:ff9b::c000:221",
                "fe80::1%eth0|fe80::1",
                "ff02::1%2|ff02::1",
            })
    void parsesToCanonicalText(String input, String canonical) {
        assertEquals(canonical, IpAddress.parse(input).toString());
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(
            strings = {
                "",
                " ",
                "localhost",
                "example.com",
                "1.2.3",
                "1.2.3.4.5",
                "1.2.3.4.",
                ".1.2.3.4",
                "256.1.1.1",
                "1.2.3.-4",
                "01.2.3.4",
                "1.2.3.010",
                "00.0.0.0",
                "0x7f.0.0.1",
                "2130706433",
                "1.2.3.4/32",
                "1 .2.3.4",
                "1.2.3.4 5",
                "１.2.3.4",
                "1.2.3.4%eth0",
                "2001:db8::1%eth0",
                "fe80::1%",
                "fe80::1%a b",
                ":::",
                "1:::2",
                "1::2::3",
                ":1::2",
                "1::2:",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "12345::",
                "g::1",
                "1:2:3:4:5:6:7:8::",
                "::1.2.3",
                "::256.1.1.1",
                "1.2.3.4::",
                "::1.2.3.4:5",
                "[::1]",
                "::ffff:01.2.3.4",
                "1:2:3:4:5:6:1.2.3.4:1",
                "١.٢.٣.٤",
                " 8.8.8.8",
                "8.8.8.8 ",
                "8.8.8.8\r\n",
                "\t1.1.1.1",
                "8.8.8.8\u3000",
                "\u00A08.8.8.8",
                " ::1",
            })
    void rejects(String input) {
        assertThrows(InvalidIpException.class, () -> IpAddress.parse(input));
    }

    @Test
    void rejectsNullAndHugeInputWithAShortMessage() {
        assertThrows(InvalidIpException.class, () -> IpAddress.parse(null));
        InvalidIpException e = assertThrows(InvalidIpException.class, () -> IpAddress.parse("1".repeat(10_000)));
        assertTrue(e.getMessage().length() < 200, e.getMessage());
    }

    @Test
    void mappedAndPlainIpv4AreOneAddress() {
        IpAddress mapped = IpAddress.parse("::ffff:8.8.8.8");
        IpAddress plain = IpAddress.parse("8.8.8.8");
        assertEquals(plain, mapped);
        assertEquals(plain.hashCode(), mapped.hashCode());
        assertTrue(mapped.isV4());
        assertFalse(IpAddress.parse("::8.8.8.8").isV4());
    }

    @Test
    void convertsToInetAddressWithoutDns() {
        assertEquals("/8.8.8.8", IpAddress.parse("8.8.8.8").toInetAddress().toString());
        assertEquals(16, IpAddress.parse("2001:db8::1").toInetAddress().getAddress().length);
    }
}
