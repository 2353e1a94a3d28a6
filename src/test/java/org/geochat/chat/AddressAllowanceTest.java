package org.geochat.chat;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AddressAllowanceTest {

    @Test
    void anAddressHoldsUpToTheCapAndEachPlaceGivenBackCanBeTakenAgain() {
        AddressAllowance allowance = new AddressAllowance(2);
        assertTrue(allowance.take("192.0.2.1"));
        assertTrue(allowance.take("192.0.2.1"));
        assertFalse(allowance.take("192.0.2.1"));
        assertTrue(allowance.take("192.0.2.2"), "another address has its own allowance");
        allowance.giveBack("192.0.2.1");
        assertTrue(allowance.take("192.0.2.1"));
        assertFalse(allowance.take("192.0.2.1"), "a refusal counts nothing: still two held");
    }

    @Test
    void aCapOfZeroMeansNone() {
        AddressAllowance allowance = new AddressAllowance(0);
        for (int i = 0; i < 1000; i++) {
            assertTrue(allowance.take("192.0.2.1"));
        }
    }
}
