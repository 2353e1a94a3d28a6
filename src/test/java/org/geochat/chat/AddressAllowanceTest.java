package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class AddressAllowanceTest {

    @Test
    void anAddressHoldsUpToTheCapAndEachPlaceGivenBackCanBeTakenAgain() {
        AddressAllowance allowance = new AddressAllowance(2);
        AddressAllowance.Place first = allowance.take("192.0.2.1");
        assertNotNull(first);
        assertNotNull(allowance.take("192.0.2.1"));
        assertNull(allowance.take("192.0.2.1"));
        assertNotNull(allowance.take("192.0.2.2"), "another address has its own allowance");
        first.giveBack();
        assertNotNull(allowance.take("192.0.2.1"));
        assertNull(allowance.take("192.0.2.1"), "a refusal counts nothing: still two held");
    }

    @Test
    void aPlaceIsGivenBackOnceHoweverOftenAsked() {
        AddressAllowance allowance = new AddressAllowance(3);
        AddressAllowance.Place place = allowance.take("192.0.2.1");
        allowance.take("192.0.2.1");
        place.giveBack();
        place.giveBack();
        assertEquals(1, allowance.counted());
    }

    @Test
    void aCapOfZeroMeansNone() {
        AddressAllowance allowance = new AddressAllowance(0);
        for (int i = 0; i < 1000; i++) {
            assertNotNull(allowance.take("192.0.2.1"));
        }
    }
}
