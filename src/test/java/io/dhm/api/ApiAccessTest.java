package io.dhm.api;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApiAccessTest {

    private final ApiAccess access = new ApiAccess(Optional.of("0123456789abcdef"));

    @Test
    void theRightBearerTokenPasses() {
        assertDoesNotThrow(() -> access.authorize("Bearer 0123456789abcdef"));
    }

    @Test
    void aMissingOrWrongTokenIs401NamingTheHeader() {
        for (String header : new String[] {null, "0123456789abcdef", "Basic abc", "Bearer 0123456789abcdeX"}) {
            ApiException e = assertThrows(ApiException.class, () -> access.authorize(header));
            assertEquals(401, e.getStatus());
            assertEquals("Authorization", e.getBody().get("field"));
        }
    }

    @Test
    void withoutATokenTheApiIsReadOnly() {
        ApiException e = assertThrows(ApiException.class, () -> new ApiAccess(Optional.empty()).authorize("Bearer x"));
        assertEquals(403, e.getStatus());
    }

    @Test
    void aFollowerOfAPairRefusesChangesEvenWithTheToken() {
        ApiException e = assertThrows(ApiException.class,
                () -> new ApiAccess(Optional.of("0123456789abcdef"), () -> true).authorize("Bearer 0123456789abcdef"));
        assertEquals(409, e.getStatus());
        assertTrue(e.getMessage().contains("make changes on the leader"), e.getMessage());
    }
}
