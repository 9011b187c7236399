package dev.jakartaparse.core.query;

import dev.jakartaparse.model.ParseError;
import dev.jakartaparse.model.ParseException;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * MongoDB {@code $text} search over the strings of one field, as Parse sends it:
 * {@code {"$text": {"$search": {"$term": "...", "$language", "$caseSensitive", "$diacriticSensitive"}}}}.
 *
 * <p>Semantics reproduced: the term is split into words; a document matches when any word occurs
 * (after stemming), unless the term holds quoted phrases, in which case every phrase must occur;
 * words or phrases prefixed with {@code -} exclude a document; a term made only of exclusions
 * matches nothing. Matching is case- and diacritic-insensitive unless asked otherwise. English
 * stop words are ignored, and a Porter step-1 stemmer (plurals, -ed, -ing, -y) stands in for
 * MongoDB's Snowball stemmer; language "none" disables both.
 */
final class TextSearch {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    /** MongoDB's English stop words (the apostrophe-free ones: words are split on apostrophes). */
    private static final Set<String> ENGLISH_STOP_WORDS = Set.of(
            "a",
            "about",
            "above",
            "after",
            "again",
            "against",
            "all",
            "am",
            "an",
            "and",
            "any",
            "are",
            "as",
            "at",
            "be",
            "because",
            "been",
            "before",
            "being",
            "below",
            "between",
            "both",
            "but",
            "by",
            "cannot",
            "could",
            "did",
            "do",
            "does",
            "doing",
            "down",
            "during",
            "each",
            "few",
            "for",
            "from",
            "further",
            "had",
            "has",
            "have",
            "having",
            "he",
            "her",
            "here",
            "hers",
            "herself",
            "him",
            "himself",
            "his",
            "how",
            "i",
            "if",
            "in",
            "into",
            "is",
            "it",
            "its",
            "itself",
            "me",
            "more",
            "most",
            "my",
            "myself",
            "no",
            "nor",
            "not",
            "of",
            "off",
            "on",
            "once",
            "only",
            "or",
            "other",
            "ought",
            "our",
            "ours",
            "ourselves",
            "out",
            "over",
            "own",
            "same",
            "she",
            "should",
            "so",
            "some",
            "such",
            "than",
            "that",
            "the",
            "their",
            "theirs",
            "them",
            "themselves",
            "then",
            "there",
            "these",
            "they",
            "this",
            "those",
            "through",
            "to",
            "too",
            "under",
            "until",
            "up",
            "very",
            "was",
            "we",
            "were",
            "what",
            "when",
            "where",
            "which",
            "while",
            "who",
            "whom",
            "why",
            "with",
            "would",
            "you",
            "your",
            "yours",
            "yourself",
            "yourselves");

    private final boolean caseSensitive;
    private final boolean diacriticSensitive;
    private final boolean stem;
    private final boolean english;
    private final List<Term> terms = new ArrayList<>();
    private final List<Term> excludedTerms = new ArrayList<>();
    private final List<String> phrases = new ArrayList<>();
    private final List<String> excludedPhrases = new ArrayList<>();

    /** A search word: its normalised form and the stem compared against document words. */
    private record Term(String word, String stem) {}

    private TextSearch(String term, String language, boolean caseSensitive, boolean diacriticSensitive) {
        this.caseSensitive = caseSensitive;
        this.diacriticSensitive = diacriticSensitive;
        String lang = language == null ? "english" : language.toLowerCase(Locale.ROOT);
        this.stem = !lang.equals("none");
        this.english = lang.equals("english") || lang.equals("en");
        parseSearch(term, english);
    }

    /** Validates the {@code $text} argument with Parse Server's messages and builds the search. */
    static TextSearch fromConstraint(Object textArgument) {
        Object search = textArgument instanceof Map<?, ?> m ? m.get("$search") : null;
        if (!(search instanceof Map<?, ?> options)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $search, should be object");
        }
        if (!(options.get("$term") instanceof String term) || term.isEmpty()) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $term, should be string");
        }
        Object language = options.get("$language");
        if (isTruthy(language) && !(language instanceof String)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $language, should be string");
        }
        Object caseSensitive = options.get("$caseSensitive");
        if (isTruthy(caseSensitive) && !(caseSensitive instanceof Boolean)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $caseSensitive, should be boolean");
        }
        Object diacriticSensitive = options.get("$diacriticSensitive");
        if (isTruthy(diacriticSensitive) && !(diacriticSensitive instanceof Boolean)) {
            throw new ParseException(ParseError.INVALID_JSON, "bad $text: $diacriticSensitive, should be boolean");
        }
        return new TextSearch(
                term,
                language instanceof String s && !s.isEmpty() ? s : null,
                Boolean.TRUE.equals(caseSensitive),
                Boolean.TRUE.equals(diacriticSensitive));
    }

    /** JavaScript truthiness, as Parse Server's checks use it. */
    private static boolean isTruthy(Object value) {
        if (value == null || Boolean.FALSE.equals(value)) {
            return false;
        }
        if (value instanceof Number n) {
            return n.doubleValue() != 0 && !Double.isNaN(n.doubleValue());
        }
        return !(value instanceof String s) || !s.isEmpty();
    }

    // ---------------------------------------------------------------- parsing the search string

    private void parseSearch(String search, boolean english) {
        int i = 0;
        int n = search.length();
        while (i < n) {
            char c = search.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            boolean negated = c == '-';
            if (negated) {
                i++;
                if (i >= n) {
                    break;
                }
                c = search.charAt(i);
            }
            if (c == '"') {
                int end = search.indexOf('"', i + 1);
                end = end < 0 ? n : end;
                String phrase = normalize(search.substring(i + 1, end));
                if (!phrase.isBlank()) {
                    (negated ? excludedPhrases : phrases).add(phrase);
                }
                i = end + 1;
                continue;
            }
            int end = i;
            while (end < n && !Character.isWhitespace(search.charAt(end)) && search.charAt(end) != '"') {
                end++;
            }
            for (String word : words(normalize(search.substring(i, end)))) {
                if (english && ENGLISH_STOP_WORDS.contains(word.toLowerCase(Locale.ROOT))) {
                    continue; // MongoDB drops stop words from the query
                }
                (negated ? excludedTerms : terms).add(new Term(word, stemOf(word)));
            }
            i = end;
        }
    }

    // ---------------------------------------------------------------- matching

    /** Whether the document whose indexed strings are {@code texts} matches. */
    boolean matches(List<String> texts) {
        if (terms.isEmpty() && phrases.isEmpty()) {
            return false; // exclusions alone select nothing in MongoDB
        }
        List<String> normalized = new ArrayList<>(texts.size());
        for (String text : texts) {
            normalized.add(normalize(text));
        }
        for (String phrase : excludedPhrases) {
            if (containsPhrase(normalized, phrase)) {
                return false;
            }
        }
        boolean anyTerm = false;
        for (String text : normalized) {
            for (String word : words(text)) {
                String wordStem = stemOf(word);
                if (matchesAny(excludedTerms, word, wordStem)) {
                    return false;
                }
                anyTerm = anyTerm || matchesAny(terms, word, wordStem);
            }
        }
        if (!phrases.isEmpty()) {
            for (String phrase : phrases) {
                if (!containsPhrase(normalized, phrase)) {
                    return false;
                }
            }
            return true;
        }
        return anyTerm;
    }

    // ---------------------------------------------------------------- scoring

    /**
     * MongoDB's text score of a matching document whose indexed strings are {@code texts} (a text
     * index of weight 1, as Parse creates it): each string scores its terms by
     * {@code frequency * (0.5 * count / words + 0.5)}, where the n-th repeat of a term adds 1/2^n to
     * its frequency and a string that is just the term scores 1.1 times; the document's score is the
     * sum, over the search's distinct terms (phrase words included), of those term scores.
     */
    double score(List<String> texts) {
        Map<String, Double> termScores = new HashMap<>();
        for (String text : texts) {
            List<String> tokens = new ArrayList<>();
            for (String word : words(indexForm(text))) {
                if (!(english && ENGLISH_STOP_WORDS.contains(word))) {
                    tokens.add(stemOf(word));
                }
            }
            Map<String, int[]> counts = new LinkedHashMap<>();
            tokens.forEach(t -> counts.computeIfAbsent(t, k -> new int[1])[0]++);
            for (Map.Entry<String, int[]> e : counts.entrySet()) {
                int count = e.getValue()[0];
                double frequency = 2 - Math.pow(2, 1 - count); // 1 + 1/2 + ... + 1/2^(count-1)
                double coefficient = 0.5 * count / tokens.size() + 0.5;
                double exactBoost = text.equalsIgnoreCase(e.getKey()) ? 1.1 : 1;
                termScores.merge(e.getKey(), frequency * coefficient * exactBoost, Double::sum);
            }
        }
        double total = 0;
        for (String stem : searchStems()) {
            total += termScores.getOrDefault(stem, 0.0);
        }
        return total;
    }

    /** The distinct stems MongoDB looks up in the index for this search: its words and its phrases' words. */
    private Set<String> searchStems() {
        Set<String> stems = new LinkedHashSet<>();
        terms.forEach(t -> stems.add(t.stem));
        for (String phrase : phrases) {
            for (String word : words(phrase)) {
                String lower = word.toLowerCase(Locale.ROOT);
                if (!(english && ENGLISH_STOP_WORDS.contains(lower))) {
                    stems.add(stemOf(lower));
                }
            }
        }
        return stems;
    }

    /** How a text index stores words: lower case, without diacritics. */
    private static String indexForm(String text) {
        return MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD))
                .replaceAll("")
                .toLowerCase(Locale.ROOT);
    }

    private boolean matchesAny(List<Term> candidates, String word, String wordStem) {
        for (Term term : candidates) {
            if (term.stem.equals(wordStem) && sameCase(term.word, word, wordStem.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stems are computed on lower case; with {@code $caseSensitive} the words must also agree in
     * case over the stem they share.
     */
    private boolean sameCase(String a, String b, int stemLength) {
        if (!caseSensitive) {
            return true;
        }
        int n = Math.min(stemLength, Math.min(a.length(), b.length()));
        return a.regionMatches(0, b, 0, n);
    }

    private static boolean containsPhrase(List<String> texts, String phrase) {
        for (String text : texts) {
            if (text.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- text normalisation

    private String normalize(String text) {
        String result = diacriticSensitive
                ? Normalizer.normalize(text, Normalizer.Form.NFC)
                : MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        return caseSensitive ? result : result.toLowerCase(Locale.ROOT);
    }

    /** Words are maximal runs of letters, digits and combining marks. */
    private static List<String> words(String text) {
        List<String> result = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            boolean wordChar = Character.isLetterOrDigit(cp)
                    || Character.getType(cp) == Character.NON_SPACING_MARK
                    || Character.getType(cp) == Character.COMBINING_SPACING_MARK;
            if (wordChar && start < 0) {
                start = i;
            } else if (!wordChar && start >= 0) {
                result.add(text.substring(start, i));
                start = -1;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            result.add(text.substring(start));
        }
        return result;
    }

    private String stemOf(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        return stem ? PorterStep1.stem(lower) : lower;
    }

    /** Porter's step 1 (1a plurals, 1b -eed/-ed/-ing, 1c y to i): cheap and consistent on both sides. */
    static final class PorterStep1 {
        private PorterStep1() {}

        static String stem(String word) {
            if (word.length() <= 2) {
                return word;
            }
            String w = word;
            if (w.endsWith("sses")) {
                w = cut(w, 2);
            } else if (w.endsWith("ies")) {
                w = cut(w, 2);
            } else if (!w.endsWith("ss") && w.endsWith("s")) {
                w = cut(w, 1);
            }
            boolean trimmed = false;
            if (w.endsWith("eed")) {
                if (measure(cut(w, 3)) > 0) {
                    w = cut(w, 1);
                }
            } else if (w.endsWith("ed") && hasVowel(cut(w, 2))) {
                w = cut(w, 2);
                trimmed = true;
            } else if (w.endsWith("ing") && hasVowel(cut(w, 3))) {
                w = cut(w, 3);
                trimmed = true;
            }
            if (trimmed) {
                if (w.endsWith("at") || w.endsWith("bl") || w.endsWith("iz")) {
                    w = w + "e";
                } else if (endsWithDoubleConsonant(w) && !(w.endsWith("l") || w.endsWith("s") || w.endsWith("z"))) {
                    w = cut(w, 1);
                } else if (measure(w) == 1 && endsCvc(w)) {
                    w = w + "e";
                }
            }
            if (w.endsWith("y") && hasVowel(cut(w, 1))) {
                w = cut(w, 1) + "i";
            }
            return w;
        }

        private static String cut(String w, int n) {
            return w.substring(0, w.length() - n);
        }

        private static boolean isConsonant(String w, int i) {
            char c = w.charAt(i);
            if (c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u') {
                return false;
            }
            if (c == 'y') {
                return i == 0 || !isConsonant(w, i - 1);
            }
            return true;
        }

        /** Porter's m: the number of vowel-consonant sequences. */
        private static int measure(String w) {
            int m = 0;
            int i = 0;
            int n = w.length();
            while (i < n && isConsonant(w, i)) {
                i++;
            }
            while (i < n) {
                while (i < n && !isConsonant(w, i)) {
                    i++;
                }
                if (i >= n) {
                    break;
                }
                while (i < n && isConsonant(w, i)) {
                    i++;
                }
                m++;
            }
            return m;
        }

        private static boolean hasVowel(String w) {
            for (int i = 0; i < w.length(); i++) {
                if (!isConsonant(w, i)) {
                    return true;
                }
            }
            return false;
        }

        private static boolean endsWithDoubleConsonant(String w) {
            int n = w.length();
            return n >= 2 && w.charAt(n - 1) == w.charAt(n - 2) && isConsonant(w, n - 1);
        }

        private static boolean endsCvc(String w) {
            int n = w.length();
            if (n < 3 || !isConsonant(w, n - 1) || isConsonant(w, n - 2) || !isConsonant(w, n - 3)) {
                return false;
            }
            char last = w.charAt(n - 1);
            return last != 'w' && last != 'x' && last != 'y';
        }
    }
}
