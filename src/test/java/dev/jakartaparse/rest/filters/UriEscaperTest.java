package dev.jakartaparse.rest.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import java.net.URI;

class UriEscaperTest {

    @Test
    void legalPathsAndQueriesAreLeftAlone() {
        String q = "where=%7B%22a%22%3A1%7D&limit=10&keys=a,b";
        assertSame(q, UriEscaper.escape(q));
        assertSame("/classes/A;x=1", UriEscaper.escape("/classes/A;x=1"));
        assertNull(UriEscaper.escape(null));
    }

    @Test
    void rawBracesQuotesAndSpacesAreEncoded() {
        assertEquals("where=%7B%22a%22:1%7D", UriEscaper.escape("where={\"a\":1}"));
        assertEquals("x=a%7Cb%5Ec%5Bd%5D%20e%5C", UriEscaper.escape("x=a|b^c[d] e\\"));
        URI.create("http://h/classes/A?" + UriEscaper.escape("where={\"a\":{\"$in\":[1,\"x y\"]}}"));
    }

    @Test
    void aLonePercentIsEncodedAndEscapesAreKept() {
        assertEquals("a=%25zz&b=%41", UriEscaper.escape("a=%zz&b=%41"));
        assertEquals("a=%25", UriEscaper.escape("a=%"));
        assertEquals("a=%252", UriEscaper.escape("a=%2"));
    }

    @Test
    void bytesAboveAsciiAreEncodedAsTheyArrived() {
        // é sent as UTF-8 arrives as two ISO-8859-1 chars
        assertEquals("a=%C3%A9", UriEscaper.escape("a=\u00c3\u00a9"));
        assertEquals("a=%E2%82%AC", UriEscaper.escape("a=\u20ac"));
    }
}
