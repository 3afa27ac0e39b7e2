package dev.duplex.auth;

import com.nimbusds.jwt.JWTClaimsSet;
import java.text.ParseException;
import java.util.List;

/**
 * The identity a verified token's claims grant: {@code sub} the user, {@code name} the display
 * name (the user when absent), {@code rooms} the rooms to join (every room when absent) and
 * {@code publish} the rooms to send to (the same as {@code rooms} when absent).
 */
final class Claims {

    static final String NAME = "name";
    static final String ROOMS = "rooms";
    static final String PUBLISH = "publish";

    private Claims() {
    }

    /** {@code claims} are verified already: signed, in time, with a {@code sub} and an {@code exp}. */
    static Identity identity(JWTClaimsSet claims) throws InvalidTokenException {
        String user = claims.getSubject();
        if (user == null || user.isBlank()) {
            throw new InvalidTokenException("missing claim sub");
        }
        String name = string(claims, NAME);
        RoomPatterns rooms = patterns(claims, ROOMS);
        RoomPatterns publish = patterns(claims, PUBLISH);
        return new Identity(user,
                name == null || name.isBlank() ? user : name,
                rooms == null ? RoomPatterns.everyRoom() : rooms,
                publish == null ? (rooms == null ? RoomPatterns.everyRoom() : rooms) : publish,
                claims.getExpirationTime().toInstant());
    }

    private static String string(JWTClaimsSet claims, String claim) throws InvalidTokenException {
        try {
            return claims.getStringClaim(claim);
        } catch (ParseException e) {
            throw new InvalidTokenException("claim " + claim + " must be a string");
        }
    }

    private static RoomPatterns patterns(JWTClaimsSet claims, String claim) throws InvalidTokenException {
        try {
            List<String> patterns = claims.getStringListClaim(claim);
            if (patterns != null && patterns.contains(null)) {
                throw new ParseException(claim + " holds a null", 0);
            }
            return patterns == null ? null : RoomPatterns.of(patterns);
        } catch (ParseException e) {
            throw new InvalidTokenException("claim " + claim + " must be an array of strings");
        }
    }
}
