package dev.jakartaparse.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** TapFailures on output Node 20's test runner printed for a suite with two failed tests. */
class TapFailuresTest {

    private static final String OUTPUT = """
            TAP version 13
            # Subtest: scheduled jobs on several servers
                # Subtest: each due run happens exactly once
                not ok 1 - each due run happens exactly once
                  ---
                  duration_ms: 40012.3
                  location: '/js/tests/jobs-cluster.test.js:27:3'
                  failureType: 'testCodeFailure'
                  error: |-
                    both due runs happened within 40 s

                    1 !== 2

                  code: 'ERR_ASSERTION'
                  stack: |-
                    TestContext.<anonymous> (/js/tests/jobs-cluster.test.js:46:14)
                  ...
                # Subtest: keeps it's quotes
                not ok 2 - keeps it's quotes
                  ---
                  duration_ms: 3.1
                  failureType: 'testCodeFailure'
                  error: 'fetch failed: it''s down'
                  code: 'ERR_TEST_FAILURE'
                  ...
                # Subtest: passes
                ok 3 - passes
                  ---
                  duration_ms: 0.09
                  ...
                1..3
            not ok 1 - scheduled jobs on several servers
              ---
              duration_ms: 40030.1
              type: 'suite'
              failureType: 'subtestsFailed'
              error: '2 subtests failed'
              code: 'ERR_TEST_FAILURE'
              ...
            1..1
            # tests 3
            # pass 1
            # fail 2
            """;

    @Test
    void namesEachFailedTestWithTheFirstLineOfItsErrorAndLeavesOutTheSuite() {
        TapFailures failures = new TapFailures();
        OUTPUT.lines().forEach(failures);
        assertEquals(
                "2 failed: each due run happens exactly once (both due runs happened within 40 s); "
                        + "keeps it's quotes (fetch failed: it's down)",
                failures.toString());
    }

    @Test
    void saysSoWhenTheOutputNamesNoFailedTest() {
        TapFailures failures = new TapFailures();
        "TAP version 13\nok 1 - fine\n1..1\nnode: bad option: --nope".lines().forEach(failures);
        assertEquals("no failed test in the output", failures.toString());
    }

    @Test
    void aFailureWithoutAnErrorLineIsNamedAlone() {
        TapFailures failures = new TapFailures();
        "not ok 4 - timed out\n  ---\n  duration_ms: 300000\n  ...\n".lines().forEach(failures);
        assertEquals("1 failed: timed out", failures.toString());
    }
}
