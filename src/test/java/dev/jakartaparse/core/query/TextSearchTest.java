package dev.jakartaparse.core.query;

import static dev.jakartaparse.core.query.Json.map;
import static dev.jakartaparse.core.query.Json.matches;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** $text, checked against the data set of Parse Server's ParseQuery.FullTextSearch spec. */
class TextSearchTest {
    private static final List<String> SUBJECTS = List.of(
            "coffee",
            "Coffee Shopping",
            "Baking a cake",
            "baking",
            "Café Con Leche",
            "Сырники",
            "coffee and cream",
            "Cafe con Leche");

    private static List<String> search(String searchJson) {
        Map<String, Object> where = map("{subject: {$text: {$search: " + searchJson + "}}}");
        CompiledQuery query = QueryMatcher.compile(where);
        List<String> hits = new ArrayList<>();
        for (String subject : SUBJECTS) {
            if (query.matches(Map.of("subject", subject, "comment", subject))) {
                hits.add(subject);
            }
        }
        return hits;
    }

    @Test
    void termMatchesWholeWordsCaseInsensitively() {
        assertEquals(List.of("coffee", "Coffee Shopping", "coffee and cream"), search("{$term: 'coffee'}"));
        assertEquals(List.of(), search("{$term: 'coff'}"));
    }

    @Test
    void anyWordOfTheTermMatches() {
        assertEquals(List.of("Baking a cake", "Café Con Leche", "Cafe con Leche"), search("{$term: 'cake leche'}"));
    }

    @Test
    void language() {
        assertEquals(List.of("Café Con Leche", "Cafe con Leche"), search("{$term: 'leche', $language: 'spanish'}"));
    }

    @Test
    void diacriticInsensitiveByDefault() {
        assertEquals(List.of("Café Con Leche", "Cafe con Leche"), search("{$term: 'CAFÉ'}"));
        assertEquals(
                List.of("Café Con Leche", "Cafe con Leche"), search("{$term: 'CAFÉ', $diacriticSensitive: false}"));
        assertEquals(List.of("Café Con Leche", "Cafe con Leche"), search("{$term: 'cafe'}"));
    }

    @Test
    void diacriticSensitive() {
        assertEquals(List.of("Café Con Leche"), search("{$term: 'CAFÉ', $diacriticSensitive: true}"));
        assertEquals(List.of("Cafe con Leche"), search("{$term: 'cafe', $diacriticSensitive: true}"));
    }

    @Test
    void decomposedAccentsAreTheSameLetters() {
        assertTrue(matches("{s: 'Cafe\u0301'}", "{s: {$text: {$search: {$term: 'café', $diacriticSensitive: true}}}}"));
    }

    @Test
    void caseSensitive() {
        assertEquals(List.of("Coffee Shopping"), search("{$term: 'Coffee', $caseSensitive: true}"));
        assertEquals(List.of("coffee", "coffee and cream"), search("{$term: 'coffee', $caseSensitive: true}"));
    }

    @Test
    void nonLatinScripts() {
        assertEquals(List.of("Сырники"), search("{$term: 'сырники'}"));
    }

    @Test
    void stemmingHandlesPluralsAndIng() {
        assertEquals(List.of("Baking a cake", "baking"), search("{$term: 'bake'}"));
        assertEquals(List.of("Baking a cake"), search("{$term: 'cakes'}"));
        assertEquals(List.of("Coffee Shopping"), search("{$term: 'shop'}"));
        assertEquals(List.of("coffee", "Coffee Shopping", "coffee and cream"), search("{$term: 'coffees'}"));
    }

    @Test
    void languageNoneDisablesStemmingAndStopWords() {
        assertEquals(List.of(), search("{$term: 'bake', $language: 'none'}"));
        assertEquals(List.of("coffee and cream"), search("{$term: 'and', $language: 'none'}"));
    }

    @Test
    void englishStopWordsAreIgnored() {
        assertEquals(List.of(), search("{$term: 'and'}"));
        assertEquals(List.of("coffee and cream"), search("{$term: 'the cream'}"));
    }

    @Test
    void phrasesMustAppear() {
        assertEquals(List.of("coffee and cream"), search("{$term: '\"coffee and\"'}"));
        assertEquals(List.of("Café Con Leche", "Cafe con Leche"), search("{$term: '\"con leche\"'}"));
        // With a phrase present, loose words no longer widen the result.
        assertEquals(List.of("coffee and cream"), search("{$term: 'baking \"and cream\"'}"));
        assertEquals(List.of(), search("{$term: '\"cream and coffee\"'}"));
    }

    @Test
    void everyPhraseMustAppear() {
        assertEquals(List.of("coffee and cream"), search("{$term: '\"coffee\" \"cream\"'}"));
        assertEquals(List.of(), search("{$term: '\"coffee\" \"leche\"'}"));
    }

    @Test
    void negatedWordsAndPhrasesExclude() {
        assertEquals(List.of("coffee", "Coffee Shopping"), search("{$term: 'coffee -cream'}"));
        assertEquals(List.of("coffee", "coffee and cream"), search("{$term: 'coffee -\"coffee shopping\"'}"));
        assertEquals(List.of(), search("{$term: '-coffee'}"));
    }

    @Test
    void hyphenInsideAWordIsADelimiterNotANegation() {
        assertTrue(matches("{s: 'a well-known cafe'}", "{s: {$text: {$search: {$term: 'well-known'}}}}"));
        assertTrue(matches("{s: 'known'}", "{s: {$text: {$search: {$term: 'well-known'}}}}"));
    }

    @Test
    void searchesTheQueriedFieldAndArraysOfStrings() {
        assertFalse(matches("{subject: 'tea', comment: 'coffee'}", "{subject: {$text: {$search: {$term: 'coffee'}}}}"));
        assertTrue(matches("{subject: ['tea', 'black coffee']}", "{subject: {$text: {$search: {$term: 'coffee'}}}}"));
        assertTrue(matches("{meta: {desc: 'black coffee'}}", "{'meta.desc': {$text: {$search: {$term: 'coffee'}}}}"));
        assertFalse(matches("{}", "{subject: {$text: {$search: {$term: 'coffee'}}}}"));
        assertFalse(matches("{subject: 5}", "{subject: {$text: {$search: {$term: 'coffee'}}}}"));
    }

    @Test
    void invalidInputsUseParseServersMessages() {
        assertInvalid("{subject: {$text: {$search: true}}}", "bad $text: $search, should be object");
        assertInvalid("{subject: {$text: {$search: {}}}}", "bad $text: $term, should be string");
        assertInvalid(
                "{subject: {$text: {$search: {$term: 'leche', $language: true}}}}",
                "bad $text: $language, should be string");
        assertInvalid(
                "{subject: {$text: {$search: {$term: 'Coffee', $caseSensitive: 'string'}}}}",
                "bad $text: $caseSensitive, should be boolean");
        assertInvalid(
                "{subject: {$text: {$search: {$term: 'CAFÉ', $diacriticSensitive: 'string'}}}}",
                "bad $text: $diacriticSensitive, should be boolean");
    }

    private static void assertInvalid(String where, String message) {
        ParseException e =
                assertThrows(ParseException.class, () -> QueryMatcher.matches(map("{subject: 'coffee'}"), map(where)));
        assertEquals(ParseError.INVALID_JSON, e.code());
        assertEquals(message, e.getMessage());
    }

    @Test
    void porterStepOne() {
        assertEquals("caress", TextSearch.PorterStep1.stem("caresses"));
        assertEquals("poni", TextSearch.PorterStep1.stem("ponies"));
        assertEquals("cat", TextSearch.PorterStep1.stem("cats"));
        assertEquals("agree", TextSearch.PorterStep1.stem("agreed"));
        assertEquals("plaster", TextSearch.PorterStep1.stem("plastered"));
        assertEquals("hop", TextSearch.PorterStep1.stem("hopping"));
        assertEquals("file", TextSearch.PorterStep1.stem("filing"));
        assertEquals("fail", TextSearch.PorterStep1.stem("failing"));
        assertEquals("conflate", TextSearch.PorterStep1.stem("conflated"));
        assertEquals("happi", TextSearch.PorterStep1.stem("happy"));
        assertEquals("sing", TextSearch.PorterStep1.stem("sing"));
    }

    private static double score(String term, Object subject) {
        Map<String, Object> where = map("{subject: {$text: {$search: {$term: '" + term + "'}}}}");
        return QueryMatcher.textScore(where, Map.of("subject", subject));
    }

    @Test
    void textScoreFollowsMongoDbsFormula() {
        // A field that is just the word: 1 * (0.5 * 1/1 + 0.5) * 1.1.
        assertEquals(1.1, score("milk", "milk"), 1e-9);
        assertEquals(1.1, score("milk", "Milk"), 1e-9);
        // One word in two: 0.5 * 1/2 + 0.5.
        assertEquals(0.75, score("milk", "hot milk"), 1e-9);
        // Repeated: frequency 1 + 1/2, coefficient 0.5 * 2/3 + 0.5.
        assertEquals(1.25, score("milk", "milk milk tea"), 1e-9);
        // Stop words are no words; not the whole field, so no 1.1.
        assertEquals(1.0, score("milk", "the milk"), 1e-9);
        // Each search word adds its score; array elements are scored one by one and summed.
        assertEquals(1.5, score("hot milk", "hot milk"), 1e-9);
        assertEquals(1.1 + 0.75, score("milk", List.of("milk", "hot milk")), 1e-9);
        assertEquals(0.0, score("milk", "green tea"), 1e-9);
        assertEquals(null, QueryMatcher.textScore(map("{subject: 'milk'}"), Map.of("subject", "milk")));
    }
}
