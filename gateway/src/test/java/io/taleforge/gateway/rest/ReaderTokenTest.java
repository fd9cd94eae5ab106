package io.taleforge.gateway.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.taleforge.gateway.service.ReaderTokens;
import io.taleforge.testing.RealInfraResource;

/** The reader token: issued once as an HttpOnly SameSite=Lax cookie, or taken from a bearer header. */
@QuarkusTest
@QuarkusTestResource(RealInfraResource.class)
class ReaderTokenTest {

    private static final String TOKEN = "[A-Za-z0-9_-]{43}"; // 32 bytes, base64url without padding

    @Test
    void firstVisitGetsAnHttpOnlyLaxCookieWithA32ByteToken() {
        Response response = given().when().get("/api/stories");
        String setCookie = response.getHeader("Set-Cookie");
        assertThat(setCookie, startsWith("taleforge_reader="));
        assertThat(setCookie, containsString("HttpOnly"));
        assertThat(setCookie, containsStringIgnoringCase("SameSite=Lax"));
        assertThat(setCookie, containsString("Path=/"));
        assertThat(response.getCookie("taleforge_reader"), matchesPattern(TOKEN));
    }

    @Test
    void aReaderWithATokenIsNotGivenAnother() {
        String token = ReaderTokens.newToken();
        Response withCookie = given().cookie("taleforge_reader", token).when().get("/api/stories");
        assertThat(withCookie.getHeader("Set-Cookie"), nullValue());
        Response withBearer = given().header("Authorization", "Bearer " + token).when().get("/api/stories");
        assertThat(withBearer.getHeader("Set-Cookie"), nullValue());
    }

    @Test
    void aCookieThatIsNotATokenIsReplaced() {
        Response response = given().cookie("taleforge_reader", "x").when().get("/api/stories");
        assertThat(response.getCookie("taleforge_reader"), matchesPattern(TOKEN));
    }

    @Test
    void aMalformedBearerTokenIsA400NamingTheHeader() {
        given().header("Authorization", "Bearer no!").when().get("/api/stories")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Authorization"));
        given().header("Authorization", "Basic dXNlcjpwYXNz").when().get("/api/stories")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("Authorization"));
    }

    @Test
    void twoTokensAreNeverTheSameAndTheOwnerIsTheirSha256() {
        assertThat(ReaderTokens.newToken(), not(equalTo(ReaderTokens.newToken())));
        // SHA-256("abc"), the FIPS 180-2 test vector
        assertThat(ReaderTokens.owner("abc"),
                equalTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void mediaNeedsNoToken() {
        Response response = given().when().get("/media/abc.png");
        assertThat(response.getHeader("Set-Cookie"), nullValue());
        assertThat(response.getContentType(), startsWith("application/problem+json"));
    }
}
