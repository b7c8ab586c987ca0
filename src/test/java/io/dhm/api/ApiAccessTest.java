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
        assertDoesNotThrow(() -> access.authorize("Bearer 0123456789abcdef", "limit=5"));
    }

    @Test
    void aMissingOrWrongTokenIs401NamingTheHeader() {
        for (String header : new String[] {null, "0123456789abcdef", "Basic abc", "Bearer 0123456789abcdeX"}) {
            ApiException e = assertThrows(ApiException.class, () -> access.authorize(header, null));
            assertEquals(401, e.getStatus());
            assertEquals("Authorization", e.getBody().get("field"));
        }
    }

    @Test
    void withoutATokenTheApiIsReadOnly() {
        ApiException e = assertThrows(ApiException.class, () -> new ApiAccess(Optional.empty()).authorize("Bearer x", null));
        assertEquals(403, e.getStatus());
    }

    @Test
    void aFollowerOfAPairRefusesChangesEvenWithTheToken() {
        ApiException e = assertThrows(ApiException.class,
                () -> new ApiAccess(Optional.of("0123456789abcdef"), () -> true).authorize("Bearer 0123456789abcdef", null));
        assertEquals(409, e.getStatus());
        assertTrue(e.getMessage().contains("make changes on the leader"), e.getMessage());
    }

    @Test
    void aTokenInTheQueryIsRefusedEvenWithTheRightHeader() {
        for (String query : new String[] {"Authorization=Bearer%200123456789abcdef", "limit=5&authorization=x",
                "%41uthorization=Bearer+x", "AUTHORIZATION"}) {
            ApiException e = assertThrows(ApiException.class, () -> access.authorize("Bearer 0123456789abcdef", query));
            assertEquals(400, e.getStatus(), query);
            assertEquals("Authorization", e.getBody().get("field"));
        }
        assertDoesNotThrow(() -> access.authorize("Bearer 0123456789abcdef", "author=alice&%zz=1"));
    }

    @Test
    void theConfigurationIsReadWithTheTokenWhenOneIsSet() {
        assertEquals(401, assertThrows(ApiException.class, () -> access.authorizeRead(null, null)).getStatus());
        assertDoesNotThrow(() -> access.authorizeRead("Bearer 0123456789abcdef", null));
        assertDoesNotThrow(() -> new ApiAccess(Optional.empty()).authorizeRead(null, null));
        assertDoesNotThrow(() -> new ApiAccess(Optional.of("0123456789abcdef"), () -> true)
                .authorizeRead("Bearer 0123456789abcdef", null), "a follower shows its configuration too");
    }
}
